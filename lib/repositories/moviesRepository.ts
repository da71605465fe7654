import type { Client, Row } from '@libsql/client';
import type { Movie } from '../schemas/movies';
import { column } from './rows';

export interface NewMovie {
  title: string;
  description?: string | null;
  genres?: string[];
  year?: number | null;
}

/** The columns every movie read selects; the average is derived here, never aggregated over ratings. */
export const MOVIE_COLUMNS = 'id, title, description, genres, year, rating_sum, rating_count, summary, summary_source, created_at';

export function toMovie(row: Row): Movie {
  const ratingCount = column<number>(row, 'rating_count');
  return {
    id: column<number>(row, 'id'),
    title: column<string>(row, 'title'),
    rating: ratingCount === 0 ? null : column<number>(row, 'rating_sum') / ratingCount,
    rating_count: ratingCount,
    summary: column<string | null>(row, 'summary'),
    summary_source: column<string | null>(row, 'summary_source'),
    description: column<string | null>(row, 'description'),
    genres: JSON.parse(column<string>(row, 'genres')) as string[],
    year: column<number | null>(row, 'year'),
    created_at: column<string>(row, 'created_at'),
  };
}

export function createMoviesRepository(db: Client) {
  return {
    async create(movie: NewMovie): Promise<Movie> {
      const result = await db.execute({
        sql: `INSERT INTO movies (title, description, genres, year) VALUES (?, ?, ?, ?) RETURNING ${MOVIE_COLUMNS}`,
        args: [movie.title, movie.description ?? null, JSON.stringify(movie.genres ?? []), movie.year ?? null],
      });
      return toMovie(result.rows[0]!);
    },

    async findById(id: number): Promise<Movie | undefined> {
      const result = await db.execute({ sql: `SELECT ${MOVIE_COLUMNS} FROM movies WHERE id = ?`, args: [id] });
      const row = result.rows[0];
      return row ? toMovie(row) : undefined;
    },
  };
}

export type MoviesRepository = ReturnType<typeof createMoviesRepository>;
