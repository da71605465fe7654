import type { Client, Row } from '@libsql/client';
import type { Rating } from '../schemas/ratings';
import { column } from './rows';

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
     * Adds an anonymous rating and the movie's aggregate in one atomic batch. The insert only happens
     * when the aggregate update found the movie, so an unknown movie changes nothing: undefined.
     */
    async insertAnonymous(movieId: number, value: number): Promise<Rating | undefined> {
      const [, inserted] = await db.batch(
        [
          {
            sql: 'UPDATE movies SET rating_sum = rating_sum + ?, rating_count = rating_count + 1 WHERE id = ?',
            args: [value, movieId],
          },
          {
            sql: `INSERT INTO ratings (movie_id, user_id, value) SELECT ?, NULL, ? WHERE changes() = 1 RETURNING ${RATING_COLUMNS}`,
            args: [movieId, value],
          },
        ],
        'write',
      );
      const row = inserted?.rows[0];
      return row ? toRating(row) : undefined;
    },
  };
}

export type RatingsRepository = ReturnType<typeof createRatingsRepository>;
