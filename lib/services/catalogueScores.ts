import type { MoviesRepository, RefreshedScores } from '../repositories/moviesRepository';

export interface RefreshCatalogueScores {
  movies: MoviesRepository;
  /** SCORE_MIN_VOTES: stored with C, so each rating write scores its movie with both. */
  minVotes: number;
}

/**
 * Recomputes C, the catalogue's mean rating, and every movie's score with it. Each rating write already
 * keeps its own movie's score current with the stored C; this moves everyone's when C itself has moved.
 * Run on a schedule (serverless.yml), at `npm start`, after an import, and by `npm run refresh-scores`.
 */
export function refreshCatalogueScores({ movies, minVotes }: RefreshCatalogueScores): Promise<RefreshedScores> {
  return movies.refreshScores(minVotes);
}
