import type { Client, InStatement } from '@libsql/client';
import { SQL_NOW } from '../db/sql';
import { column } from './rows';

/** A title as matched (matchingTitle) and a year (null: a film without one). */
export interface TitleAndYear {
  titleKey: string;
  year: number | null;
}

/** A film of a wanted title and year, the value the importing user gave it (null: none yet), and whether it is on their watchlist. */
export interface MatchedFilm {
  movieId: number;
  director: string | null;
  value: number | null;
  listed: boolean;
}

/** One rating as the export writes it. */
export interface ExportedRating {
  /** The rating's own id, which orders ratings of one instant (the export's cursor). */
  ratingId: number;
  movieId: number;
  title: string;
  year: number | null;
  director: string | null;
  value: number;
  /** When the rating was given its value (ISO 8601). */
  ratedAt: string;
}

/** A rating to store for the importing user. */
export interface ImportedRating {
  movieId: number;
  value: number;
}

/**
 * Rows per statement: each statement takes its rows as one JSON argument, so its size is bounded whatever the file's
 * length, and a 5,000-row import is a handful of statements in one round trip.
 */
const ROWS_PER_STATEMENT = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT) result.push(items.slice(start, start + ROWS_PER_STATEMENT));
  return result;
}

/** The films of some titles and years, and the caller's ratings of them: json_each rows joined to the title index. */
const MATCHES = `SELECT j.key AS wanted, m.id AS movie_id, m.director AS director, r.value AS value,
    w.movie_id IS NOT NULL AS listed
  FROM json_each(?) AS j
  JOIN movies m ON m.title_key = json_extract(j.value, '$[0]') AND m.year IS json_extract(j.value, '$[1]')
  LEFT JOIN ratings r ON r.movie_id = m.id AND r.user_id = ?
  LEFT JOIN watchlist w ON w.movie_id = m.id AND w.user_id = ?`;

/** Ratings in and out as files: matching an import against the catalogue, storing it, and reading the export. */
export function createPortableRatingsRepository(db: Client) {
  return {
    /**
     * The films each title and year names (none, one or several) and the value the user gave each, if any: one read
     * of bounded statements, answered in the order asked.
     */
    async match(userId: number, wanted: readonly TitleAndYear[]): Promise<MatchedFilm[][]> {
      if (wanted.length === 0) return [];
      const groups = chunks(wanted);
      const results = await db.batch(
        groups.map((group) => ({
          sql: MATCHES,
          args: [JSON.stringify(group.map(({ titleKey, year }) => [titleKey, year])), userId, userId],
        })),
        'read',
      );
      const found = wanted.map(() => [] as MatchedFilm[]);
      results.forEach((result, index) => {
        for (const row of result.rows) {
          found[index * ROWS_PER_STATEMENT + column<number>(row, 'wanted')]!.push({
            movieId: column<number>(row, 'movie_id'),
            director: column<string | null>(row, 'director'),
            value: column<number | null>(row, 'value'),
            listed: column<number>(row, 'listed') === 1,
          });
        }
      });
      return found;
    },

    /**
     * Stores the user's ratings and watchlist entries in one atomic write, all or none. The watchlist first, so that a
     * film rated by the same import leaves it again, as rating always does. Each rating inserted, or its value
     * replaced, as POST /ratings/ does (the rating triggers move distributions and take films off the watchlist), then
     * the movies' sums and counts recounted from their ratings (exact whatever else keeps them; the score trigger
     * follows). A film deleted since it was matched is left out rather than failing the import.
     */
    async store(userId: number, ratings: readonly ImportedRating[], watchlist: readonly number[] = []): Promise<void> {
      if (ratings.length === 0 && watchlist.length === 0) return;
      const listing: InStatement[] = chunks(watchlist).map((group) => ({
        sql: `INSERT INTO watchlist (user_id, movie_id) SELECT ?, id FROM movies WHERE id IN (SELECT value FROM json_each(?))
              ON CONFLICT (user_id, movie_id) DO NOTHING`,
        args: [userId, JSON.stringify(group)],
      }));
      const statements: InStatement[] = chunks(ratings).flatMap((group) => {
        const rows = JSON.stringify(group.map(({ movieId, value }) => [movieId, value]));
        return [
          {
            sql: `INSERT INTO ratings (movie_id, user_id, value)
                  SELECT json_extract(j.value, '$[0]'), ?, json_extract(j.value, '$[1]') FROM json_each(?) AS j
                  WHERE json_extract(j.value, '$[0]') IN (SELECT id FROM movies)
                  ON CONFLICT (movie_id, user_id) DO UPDATE SET value = excluded.value, updated_at = ${SQL_NOW}`,
            args: [userId, rows],
          },
          {
            sql: `UPDATE movies SET
                    rating_sum = (SELECT coalesce(sum(value), 0) FROM ratings WHERE movie_id = movies.id),
                    rating_count = (SELECT count(*) FROM ratings WHERE movie_id = movies.id)
                  WHERE id IN (SELECT json_extract(value, '$[0]') FROM json_each(?))`,
            args: [rows],
          },
        ];
      });
      await db.batch([...listing, ...statements], 'write');
    },

    /**
     * The user's ratings, oldest first (ties by id), from just after `after` when given, at most `limit` of them, with
     * the facts of its film the export writes.
     */
    async exportOf(
      userId: number,
      { after, limit }: { after?: { updatedAt: string; ratingId: number }; limit: number },
    ): Promise<ExportedRating[]> {
      const result = await db.execute({
        sql: `SELECT r.id AS rating_id, m.id, m.title, m.year, m.director, r.value, r.updated_at
              FROM ratings r JOIN movies m ON m.id = r.movie_id
              WHERE r.user_id = ? AND (r.updated_at, r.id) > (?, ?) ORDER BY r.updated_at, r.id LIMIT ?`,
        args: [userId, after?.updatedAt ?? '', after?.ratingId ?? 0, limit],
      });
      return result.rows.map((row) => ({
        ratingId: column<number>(row, 'rating_id'),
        movieId: column<number>(row, 'id'),
        title: column<string>(row, 'title'),
        year: column<number | null>(row, 'year'),
        director: column<string | null>(row, 'director'),
        value: column<number>(row, 'value'),
        ratedAt: column<string>(row, 'updated_at'),
      }));
    },
  };
}

export type PortableRatingsRepository = ReturnType<typeof createPortableRatingsRepository>;
