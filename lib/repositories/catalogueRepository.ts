import type { Client, InStatement } from '@libsql/client';
import { SQL_NOW } from '../db/sql';
import { column } from './rows';
import { matchingTitle } from '../schemas/matchingTitle';

/** A film from the bundled dataset, identified by its import key. */
export interface ImportedMovie {
  title: string;
  year: number | null;
  genres: string[];
  director: string | null;
  running_time_min: number | null;
  import_key: string;
  imdb?: { rating: number; votes: number } | null;
  rotten_tomatoes?: number | null;
}

export interface RefreshedScores {
  /** C: the mean of every rating in the catalogue, null while there is none. */
  ratingMean: number | null;
  /** How many movies' stored scores changed. */
  changed: number;
}

const MOVIE_COUNT = 'SELECT count(*) AS count FROM movies';
/** Rows per INSERT statement: 10 arguments each stays far below SQLite's limit on bound variables. */
const IMPORT_ROWS_PER_STATEMENT = 250;

/** The catalogue as a whole: films imported from the dataset, and C with every score refreshed from it. */
export function createCatalogueRepository(db: Client) {
  return {
    /**
     * Inserts imported films in one atomic batch; those whose import key is already stored get the dataset's
     * facts instead (director, running time, external ratings), their summary cleared when a fact changed so
     * the next read writes one from the new facts. Answers how many films were added and how many filled in.
     */
    async insertImported(films: readonly ImportedMovie[]): Promise<{ added: number; filledIn: number }> {
      if (films.length === 0) return { added: 0, filledIn: 0 };
      const statements: InStatement[] = [MOVIE_COUNT];
      for (let start = 0; start < films.length; start += IMPORT_ROWS_PER_STATEMENT) {
        const chunk = films.slice(start, start + IMPORT_ROWS_PER_STATEMENT);
        statements.push({
          sql: `INSERT INTO movies (title, title_key, year, genres, director, running_time_min, import_key, imdb_rating, imdb_votes, rotten_tomatoes)
                VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
                ON CONFLICT (import_key) DO UPDATE SET
                  director = excluded.director, running_time_min = excluded.running_time_min, imdb_rating = excluded.imdb_rating,
                  imdb_votes = excluded.imdb_votes, rotten_tomatoes = excluded.rotten_tomatoes,
                  summary = NULL, summary_source = NULL, summary_generated_at = NULL
                WHERE movies.director IS NOT excluded.director OR movies.running_time_min IS NOT excluded.running_time_min
                   OR movies.imdb_rating IS NOT excluded.imdb_rating OR movies.imdb_votes IS NOT excluded.imdb_votes
                   OR movies.rotten_tomatoes IS NOT excluded.rotten_tomatoes`,
          args: chunk.flatMap((film) => [
            film.title,
            matchingTitle(film.title),
            film.year,
            JSON.stringify(film.genres),
            film.director,
            film.running_time_min,
            film.import_key,
            film.imdb?.rating ?? null,
            film.imdb?.votes ?? null,
            film.rotten_tomatoes ?? null,
          ]),
        });
      }
      statements.push(MOVIE_COUNT);
      const results = await db.batch(statements, 'write');
      const countAt = (index: number) => column<number>(results.at(index)!.rows[0]!, 'count');
      const added = countAt(-1) - countAt(0);
      const written = results.slice(1, -1).reduce((sum, result) => sum + result.rowsAffected, 0);
      return { added, filledIn: written - added };
    },

    /**
     * Stores C (the mean of every rating, from the movies' own sums: no scan of the ratings), m and the mean
     * IMDb rating, then rewrites the scores that changed with them, all in one atomic batch.
     */
    async refreshScores(minVotes: number): Promise<RefreshedScores> {
      const [, changed, stats] = await db.batch(
        [
          {
            sql: `UPDATE catalogue_stats SET
                    rating_mean = (SELECT CAST(sum(rating_sum) AS REAL) / nullif(sum(rating_count), 0) FROM movies),
                    imdb_mean = (SELECT avg(imdb_rating) FROM movies WHERE imdb_votes IS NOT NULL),
                    score_min_votes = ?, refreshed_at = ${SQL_NOW}
                  WHERE id = 1`,
            args: [minVotes],
          },
          `UPDATE movies SET score = c.score, reference_score = c.reference_score
           FROM movie_scores c
           WHERE c.id = movies.id AND (movies.score IS NOT c.score OR movies.reference_score IS NOT c.reference_score)`,
          'SELECT rating_mean FROM catalogue_stats WHERE id = 1',
        ],
        'write',
      );
      return { ratingMean: column<number | null>(stats!.rows[0]!, 'rating_mean'), changed: changed!.rowsAffected };
    },
  };
}

export type CatalogueRepository = ReturnType<typeof createCatalogueRepository>;
