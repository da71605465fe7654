import { el } from './dom';
import { factsText, ratingLine, type ListedMovie } from './text';

/** A film in any list of the page: its title as a link to its page, its facts and how it is rated. */
export function movieItem(movie: ListedMovie) {
  const title = el('a', { href: `#/movies/${movie.id}`, class: 'result-title' }, movie.title);
  const facts = factsText(movie);
  return el('li', { class: 'result' }, title, ...(facts ? [el('p', {}, facts)] : []), el('p', {}, ratingLine(movie)));
}
