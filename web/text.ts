import type { MovieWithoutSummary } from '../lib/schemas/movies';

/** A film as the page shows it in a list: every answer's movies have at least these fields. */
export type ListedMovie = MovieWithoutSummary;

const numberFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const thousands = new Intl.NumberFormat('en');

type Rated = Pick<ListedMovie, 'rating' | 'rating_count'> & { score?: number | null };

export const averageText = (movie: Pick<ListedMovie, 'rating'>) =>
  movie.rating === null ? 'No ratings yet' : `Average ${numberFormat.format(movie.rating)} / 5`;
export const countText = (count: number) => (count === 1 ? 'from 1 rating' : `from ${count} ratings`);
export const scoreText = (movie: Pick<Rated, 'score'>) =>
  movie.score === null || movie.score === undefined ? '' : `Score ${movie.score.toFixed(2)}`;

export const factsText = (movie: Pick<ListedMovie, 'year' | 'genres'> & Partial<Pick<ListedMovie, 'director' | 'running_time_min'>>) =>
  [
    movie.year,
    movie.genres.join(', '),
    movie.director ? `directed by ${movie.director}` : '',
    movie.running_time_min ? `${movie.running_time_min} min` : '',
  ]
    .filter(Boolean)
    .join(' · ');

/** The reference figures the dataset carries: "IMDb 8.2 / 10 (197,000 votes) · Rotten Tomatoes 86%". */
export function externalText(movie: Pick<ListedMovie, 'external_ratings'>): string {
  const ratings = movie.external_ratings;
  if (!ratings) return '';
  return [
    ratings.imdb ? `IMDb ${ratings.imdb.rating.toFixed(1)} / 10 (${thousands.format(ratings.imdb.votes)} votes)` : '',
    ratings.rotten_tomatoes === null ? '' : `Rotten Tomatoes ${ratings.rotten_tomatoes}%`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** One line on a film in a list: its score and average here, else what the world thinks of it. */
export function ratingLine(movie: ListedMovie): string {
  if (movie.rating !== null) return `${scoreText(movie)} · ${averageText(movie)} ${countText(movie.rating_count)}`;
  const imdb = movie.external_ratings?.imdb;
  return imdb ? `Not rated here yet · IMDb ${imdb.rating.toFixed(1)}` : 'No ratings yet';
}

/** Who wrote a summary: "openai:<model>", "facts" (no LLM key), or null when there is none. */
export function sourceText(source: string | null): string {
  if (!source) return '';
  if (source === 'facts') return "Written from the catalogue's facts: this API runs without a language model.";
  return source.startsWith('openai:') ? `Written by the language model ${source.slice('openai:'.length)}.` : `Written by ${source}.`;
}
