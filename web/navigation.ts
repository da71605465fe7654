import { byId } from './dom';

let latest = 0;

/** Each navigation gets a number; an answer that arrives after the next navigation is dropped. */
export const navigation = {
  start: () => ++latest,
  isCurrent: (mine: number) => mine === latest,
  /** False until the first navigation by the user, so loading the page does not move the focus. */
  byUser: false,
};

const views = ['browse', 'movie', 'yours', 'watchlist', 'sign-in'];

/** Shows one view and hides the others; `focusId`, its heading, takes the focus once the user has navigated. */
export function showView(name: string, focusId?: string) {
  for (const view of views) byId(view).hidden = view !== name;
  // browse() marks which of its two lists is shown; the other views mark their own link, or none.
  if (name !== 'browse') for (const link of ['nav-all', 'nav-top']) byId(link).removeAttribute('aria-current');
  byId('nav-yours').toggleAttribute('aria-current', name === 'yours');
  byId('nav-watchlist').toggleAttribute('aria-current', name === 'watchlist');
  // Moving focus to the new heading tells keyboard and screen-reader users the view changed.
  if (focusId && navigation.byUser) byId(focusId).focus();
}
