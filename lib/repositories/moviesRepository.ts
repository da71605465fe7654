import type { Client, InValue } from '@libsql/client';
import { SQL_NOW } from '../db/sql';
import { matchingTitle } from '../schemas/matchingTitle';
import type { Movie } from '../schemas/movies';
import { MOVIE_AS_JSON, MOVIE_COLUMNS, movieFromJson, toMovie } from './movieRows';
import { column, writeOne } from './rows';

/** An admin's changes to a movie's facts: undefined leaves a field as it is. */
export interface MovieChanges {
  title?: string;
  description?: string | null;
  genres?: string[];
  year?: number | null;
}

export interface NewMovie {
  title: string;
  description?: string | null;
  genres?: string[];
  year?: number | null;
}

/** The catalogue's movies themselves: add one, read one, correct or remove one, and which of some ids exist. */
export function createMoviesRepository(db: Client) {
  return {
    async create(movie: NewMovie): Promise<Movie> {
      const result = await writeOne(db, {
        sql: `INSERT INTO movies (title, title_key, description, genres, year) VALUES (?, ?, ?, ?, ?) RETURNING ${MOVIE_COLUMNS}`,
        args: [movie.title, matchingTitle(movie.title), movie.description ?? null, JSON.stringify(movie.genres ?? []), movie.year ?? null],
      });
      return toMovie(result.rows[0]!);
    },

    async findById(id: number): Promise<Movie | undefined> {
      const result = await db.execute({ sql: `SELECT ${MOVIE_AS_JSON} FROM movies WHERE id = ?`, args: [id] });
      const row = result.rows[0];
      return row ? toMovie(movieFromJson(row)) : undefined;
    },

    /**
     * An admin's correction: the given fields change; if any of them really changes, the stored summary (written
     * from the old facts) is cleared so the next read writes a new one. Undefined when the movie does not exist.
     */
    async update(id: number, changes: MovieChanges): Promise<Movie | undefined> {
      const values: Record<string, InValue> = {
        title: changes.title,
        description: changes.description,
        genres: changes.genres === undefined ? undefined : JSON.stringify(changes.genres),
        year: changes.year,
      } as Record<string, InValue>;
      const fields = Object.keys(values).filter((field) => values[field] !== undefined);
      if (fields.length === 0) return this.findById(id);
      const changed = fields.map((field) => `${field} IS NOT :${field}`).join(' OR ');
      const clearIfChanged = (column: string) => `${column} = CASE WHEN ${changed} THEN NULL ELSE ${column} END`;
      const result = await writeOne(db, {
        sql: `UPDATE movies SET ${fields.map((field) => `${field} = :${field}`).join(', ')},
                ${changes.title === undefined ? '' : 'title_key = :title_key,'}
                ${['summary', 'summary_source', 'summary_generated_at'].map(clearIfChanged).join(', ')},
                updated_at = CASE WHEN ${changed} THEN ${SQL_NOW} ELSE updated_at END
              WHERE id = :id RETURNING ${MOVIE_COLUMNS}`,
        args: {
          id,
          ...Object.fromEntries(fields.map((field) => [field, values[field]!])),
          ...(changes.title === undefined ? {} : { title_key: matchingTitle(changes.title) }),
        },
      });
      const row = result.rows[0];
      return row ? toMovie(row) : undefined;
    },

    /** Deletes a movie; its ratings, genres, search entry and places in collections go with it. */
    async delete(id: number): Promise<boolean> {
      const result = await writeOne(db, { sql: 'DELETE FROM movies WHERE id = ?', args: [id] });
      return result.rowsAffected === 1;
    },

    /** Those of the ids that name no movie, in the order given. */
    async findMissing(ids: readonly number[]): Promise<number[]> {
      if (ids.length === 0) return [];
      const result = await db.execute({
        sql: 'SELECT value AS id FROM json_each(?) WHERE value NOT IN (SELECT id FROM movies) ORDER BY key',
        args: [JSON.stringify(ids)],
      });
      return result.rows.map((row) => column<number>(row, 'id'));
    },

    async isEmpty(): Promise<boolean> {
      const result = await db.execute('SELECT NOT EXISTS (SELECT 1 FROM movies) AS empty');
      return column<number>(result.rows[0]!, 'empty') === 1;
    },
  };
}

export type MoviesRepository = ReturnType<typeof createMoviesRepository>;
