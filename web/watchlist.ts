// The watchlist: its view, and the toggle on a film's page.
import { session, signedInCall, type BodyOf } from './api';
import { buttonById, byId, el } from './dom';
import { busy, clearError, showError } from './messages';
import { movieItem } from './movieItem';
import { navigation, showView } from './navigation';

type WatchlistEntry = BodyOf<'listWatchlist'>['results'][number];

/** The whole watchlist, newest first, read a page of 100 (the API's largest) at a time. */
async function watchlistEntries(): Promise<WatchlistEntry[]> {
  const entries: WatchlistEntry[] = [];
  for (let page = 1; ; page++) {
    const { body: answer } = await signedInCall((api, auth) => api.listWatchlist({ query: { page, page_size: 100 }, ...auth }));
    entries.push(...answer.results);
    if (page >= answer.total_pages) return entries;
  }
}
let onWatchlist = false;

function renderWatchlistToggle() {
  byId('watchlist-toggle').textContent = onWatchlist ? 'Remove from watchlist' : 'Add to watchlist';
}

export async function showWatchlistState(id: number, mine: number) {
  if (!session.read()) return;
  const entries = await watchlistEntries();
  if (!navigation.isCurrent(mine)) return;
  onWatchlist = entries.some((entry) => entry.movie.id === id);
  renderWatchlistToggle();
}

export async function toggleWatchlist(movie: number) {
  await busy(
    buttonById('watchlist-toggle'),
    async () => {
      const params = { movie_id: movie };
      await signedInCall((api, auth) =>
        onWatchlist ? api.removeFromWatchlist({ params, ...auth }) : api.addToWatchlist({ params, ...auth }),
      );
      onWatchlist = !onWatchlist;
      renderWatchlistToggle();
      byId('watch-status').textContent = onWatchlist ? 'On your watchlist.' : 'Taken off your watchlist.';
    },
    byId('watch-status'),
  );
}

const filmsToWatch = (count: number) =>
  count === 0 ? 'No film on your watchlist yet.' : `${count} ${count === 1 ? 'film' : 'films'} to watch.`;

export async function showWatchlist() {
  const mine = navigation.start();
  showView('watchlist', 'watchlist-title');
  document.title = 'Watchlist · Movies';
  const status = byId('watchlist-status');
  const list = byId('watchlist-items');
  status.textContent = 'Loading…';
  try {
    const entries = await watchlistEntries();
    if (!navigation.isCurrent(mine)) return;
    list.replaceChildren(...entries.map(watchlistItem));
    status.textContent = filmsToWatch(entries.length);
  } catch (error) {
    if (!navigation.isCurrent(mine)) return;
    status.textContent = '';
    showError(error);
  }
}

function watchlistItem({ movie, added_at: addedAt }: WatchlistEntry) {
  const item = movieItem(movie);
  const remove = el('button', { type: 'button', class: 'secondary', 'aria-label': `Remove ${movie.title} from the watchlist` }, 'Remove');
  remove.addEventListener('click', async () => {
    remove.disabled = true;
    clearError();
    try {
      await signedInCall((api, auth) => api.removeFromWatchlist({ params: { movie_id: movie.id }, ...auth }));
      await showWatchlist();
      // The button is gone with its film: the list's heading takes the focus, so the keyboard is not lost.
      byId('watchlist-title').focus();
    } catch (error) {
      remove.disabled = false;
      showError(error);
    }
  });
  item.append(el('p', { class: 'count' }, `Added ${addedAt.slice(0, 10)}`), remove);
  return item;
}
