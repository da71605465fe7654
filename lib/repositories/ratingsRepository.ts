import type { Client, Row } from '@libsql/client';
import type { Rating } from '../schemas/ratings';
import type { RatedMovie } from '../schemas/ratings';
import type { AuthUser } from '../schemas/identity';
import { movieColumnsOf, toMovie, withoutSummary } from './movieRows';
import { column } from './rows';
import { SQL_NOW } from '../db/sql';

/** The SQL condition (and its two arguments) for a rating the caller may see: their own, or any for an admin. */
const visibleTo = (caller: AuthUser) => ({ sql: '(user_id = ? OR ?)', args: [caller.id, caller.role === 'admin' ? 1 : 0] });

export interface PageWindow {
  limit: number;
  offset: number;
}

const RATING_COLUMNS = 'id, movie_id, user_id, value, created_at, updated_at';

function toRating(row: Row): Rating {
  return {
    id: column<number>(row, 'id'),
    movie: column<number>(row, 'movie_id'),
    value: column<number>(row, 'value'),
    user: column<number | null>(row, 'user_id'),
    created_at: column<string>(row, 'created_at'),
    updated_at: column<string>(row, 'updated_at'),
  };
}

export function createRatingsRepository(db: Client) {
  return {
    /**
     * Adds an anonymous rating; the ratings trigger (migration 010) moves the movie's sum, count, distribution and
     * score in the same statement. An unknown movie inserts nothing: undefined.
     */
    async insertAnonymous(movieId: number, value: number): Promise<Rating | undefined> {
      const [inserted] = await db.batch(
        [
          {
            sql: `INSERT INTO ratings (movie_id, user_id, value) SELECT ?, NULL, ? WHERE EXISTS (SELECT 1 FROM movies WHERE id = ?)
                  RETURNING ${RATING_COLUMNS}`,
            args: [movieId, value, movieId],
          },
        ],
        'write',
      );
      const row = inserted!.rows[0]; // a batch answers one result per statement
      return row ? toRating(row) : undefined;
    },

    /**
     * Records a user's rating of a movie, or replaces the value of the one they already gave (the trigger moves the
     * aggregates by the difference, and not at all for the same value). Undefined when the movie does not exist.
     */
    async upsertForUser(movieId: number, userId: number, value: number): Promise<{ rating: Rating; created: boolean } | undefined> {
      const [existing, upserted] = await db.batch(
        [
          { sql: 'SELECT id FROM ratings WHERE movie_id = ? AND user_id = ?', args: [movieId, userId] },
          {
            sql: `INSERT INTO ratings (movie_id, user_id, value) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM movies WHERE id = ?)
                  ON CONFLICT (movie_id, user_id) DO UPDATE SET value = excluded.value, updated_at = ${SQL_NOW}
                  RETURNING ${RATING_COLUMNS}`,
            args: [movieId, userId, value, movieId],
          },
        ],
        'write',
      );
      const row = upserted!.rows[0];
      return row ? { rating: toRating(row), created: existing!.rows.length === 0 } : undefined;
    },

    async findVisible(id: number, caller: AuthUser): Promise<Rating | undefined> {
      const visible = visibleTo(caller);
      const result = await db.execute({
        sql: `SELECT ${RATING_COLUMNS} FROM ratings WHERE id = ? AND ${visible.sql}`,
        args: [id, ...visible.args],
      });
      const row = result.rows[0];
      return row ? toRating(row) : undefined;
    },

    /** Changes a visible rating's value (the trigger moves its movie's aggregates); undefined when not visible. */
    async updateVisible(id: number, value: number, caller: AuthUser): Promise<Rating | undefined> {
      const visible = visibleTo(caller);
      const [updated] = await db.batch(
        [
          {
            sql: `UPDATE ratings SET value = ?, updated_at = ${SQL_NOW} WHERE id = ? AND ${visible.sql} RETURNING ${RATING_COLUMNS}`,
            args: [value, id, ...visible.args],
          },
        ],
        'write',
      );
      const row = updated!.rows[0];
      return row ? toRating(row) : undefined;
    },

    /** Deletes a visible rating (the trigger takes it out of its movie's aggregates); false when not visible. */
    async deleteVisible(id: number, caller: AuthUser): Promise<boolean> {
      const visible = visibleTo(caller);
      const [deleted] = await db.batch(
        [{ sql: `DELETE FROM ratings WHERE id = ? AND ${visible.sql}`, args: [id, ...visible.args] }],
        'write',
      );
      return deleted!.rowsAffected === 1;
    },

    /** One page of a user's ratings, newest first, and how many they have in all. */
    async listByUser(userId: number, { limit, offset }: PageWindow): Promise<{ results: Rating[]; count: number }> {
      const [rows, total] = await db.batch(
        [
          {
            sql: `SELECT ${RATING_COLUMNS} FROM ratings WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?`,
            args: [userId, limit, offset],
          },
          { sql: 'SELECT COUNT(*) AS n FROM ratings WHERE user_id = ?', args: [userId] },
        ],
        'read',
      );
      return { results: rows!.rows.map(toRating), count: column<number>(total!.rows[0]!, 'n') };
    },

    /** The profile: one page of the movies a user rated, most recently rated first, without summaries. */
    async ratedMoviesOf(userId: number, { limit, offset }: PageWindow): Promise<{ results: RatedMovie[]; count: number }> {
      const movieColumns = movieColumnsOf('m');
      const [rows, total] = await db.batch(
        [
          {
            sql: `SELECT ${movieColumns}, r.value AS rated_value, r.updated_at AS rated_at
                  FROM ratings r JOIN movies m ON m.id = r.movie_id
                  WHERE r.user_id = ? ORDER BY r.updated_at DESC, r.id DESC LIMIT ? OFFSET ?`,
            args: [userId, limit, offset],
          },
          { sql: 'SELECT COUNT(*) AS n FROM ratings WHERE user_id = ?', args: [userId] },
        ],
        'read',
      );
      const results = rows!.rows.map((row) => {
        const movie = withoutSummary(toMovie(row));
        return { movie, value: column<number>(row, 'rated_value'), rated_at: column<string>(row, 'rated_at') };
      });
      return { results, count: column<number>(total!.rows[0]!, 'n') };
    },
  };
}

export type RatingsRepository = ReturnType<typeof createRatingsRepository>;
