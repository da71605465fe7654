import type { BodyOf } from './api';
import { byId, el } from './dom';

type Distribution = Pick<BodyOf<'getMovie'>, 'rating_distribution' | 'rating_count'>;

/** How the ratings spread over the five values, as bars drawn with plain HTML and CSS, five stars first. */
export function renderHistogram(movie: { rating_distribution?: Distribution['rating_distribution']; rating_count: number }) {
  const histogram = byId('movie-histogram');
  const counts = movie.rating_distribution;
  if (!counts || movie.rating_count === 0) {
    histogram.hidden = true;
    histogram.replaceChildren();
    return;
  }
  const values = [5, 4, 3, 2, 1] as const;
  const most = Math.max(...values.map((value) => counts[value]));
  const stars = (value: number) => (value === 1 ? '1 star' : `${value} stars`);
  histogram.setAttribute(
    'aria-label',
    `How the ${movie.rating_count} ratings spread: ${values.map((value) => `${stars(value)} ${counts[value]}`).join(', ')}`,
  );
  histogram.replaceChildren(
    ...values.map((value) => {
      const fill = el('span', { class: 'bar-fill' });
      // Set through the CSSOM, which the page's CSP (no inline styles) allows.
      fill.style.width = `${most === 0 ? 0 : (counts[value] / most) * 100}%`;
      return el(
        'div',
        { class: 'bar-row', 'aria-hidden': 'true' },
        el('span', { class: 'bar-label' }, `${value}★`),
        el('span', { class: 'bar' }, fill),
        el('span', { class: 'bar-count' }, String(counts[value])),
      );
    }),
  );
  histogram.hidden = false;
}
