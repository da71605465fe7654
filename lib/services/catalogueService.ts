import type { CatalogueRepository, ImportedMovie, RefreshedScores } from '../repositories/catalogueRepository';
import type { MoviesRepository } from '../repositories/moviesRepository';

export interface CatalogueServiceDependencies {
  catalogue: CatalogueRepository;
  movies: MoviesRepository;
  /** SCORE_MIN_VOTES: stored with C, so each rating write scores its movie with both. */
  minVotes: number;
}

/** The catalogue as a whole: what the dataset import and the scheduled score refresh do to it. */
export function createCatalogueService({ catalogue, movies, minVotes }: CatalogueServiceDependencies) {
  return {
    /** Whether the catalogue holds no movie yet (a start imports the dataset only then). */
    isEmpty: (): Promise<boolean> => movies.isEmpty(),

    /**
     * Adds films from the dataset in one atomic batch; those already stored get its facts filled in. Answers how many
     * films were added and how many filled in.
     */
    importFilms: (films: readonly ImportedMovie[]): Promise<{ added: number; filledIn: number }> => catalogue.insertImported(films),

    /**
     * Recomputes C, the catalogue's mean rating, and every movie's score with it. Each rating write already keeps its
     * own movie's score current with the stored C; this moves everyone's when C itself has moved. Run on a schedule
     * (serverless.yml), at `npm start`, after an import, and by `npm run refresh-scores`.
     */
    refreshScores: (): Promise<RefreshedScores> => catalogue.refreshScores(minVotes),
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
