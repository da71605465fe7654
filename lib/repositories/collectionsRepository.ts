import type { Client, InStatement, InValue, Row } from '@libsql/client';
import type { Collection } from '../schemas/collections';
import type { MovieWithoutSummary } from '../schemas/movies';
import { movieColumnsOf, toMovie, withoutSummary } from './movieRows';
import { column } from './rows';
import { SQL_NOW } from '../db/sql';

export interface CollectionFields {
  title: string;
  description: string | null;
  /** Known movie ids, each once, in the collection's order. */
  movies: readonly number[];
}

export interface PageWindow {
  limit: number;
  offset: number;
}

const COLLECTION_COLUMNS = 'id, title, description, created_at, updated_at';
const movieColumns = movieColumnsOf('m');
/** Guards a statement of a write batch, so it only touches a collection its caller owns. */
const OWNED = 'EXISTS (SELECT 1 FROM collections WHERE id = ? AND user_id = ?)';

/** The movies of the collections a subquery names, in each one's order. */
const moviesOf = (collectionIds: string, args: InValue[]): InStatement => ({
  sql: `SELECT cm.collection_id, ${movieColumns}
        FROM collection_movies cm JOIN movies m ON m.id = cm.movie_id
        WHERE cm.collection_id IN (${collectionIds})
        ORDER BY cm.collection_id, cm.position`,
  args,
});

function assemble(collections: Row[], movies: Row[]): Collection[] {
  const byCollection = new Map<number, MovieWithoutSummary[]>();
  for (const row of movies) {
    const id = column<number>(row, 'collection_id');
    const list = byCollection.get(id) ?? [];
    list.push(withoutSummary(toMovie(row)));
    byCollection.set(id, list);
  }
  return collections.map((row) => ({
    id: column<number>(row, 'id'),
    title: column<string>(row, 'title'),
    description: column<string | null>(row, 'description'),
    movies: byCollection.get(column<number>(row, 'id')) ?? [],
    created_at: column<string>(row, 'created_at'),
    updated_at: column<string>(row, 'updated_at'),
  }));
}

/** Positions and movie ids come from one JSON array argument: its index is the position. */
const MOVIES_FROM_JSON = 'SELECT key, value FROM json_each(?)';

export function createCollectionsRepository(db: Client) {
  const findOwned = async (id: number, userId: number): Promise<Collection | undefined> => {
    const [collection, movies] = await db.batch(
      [
        { sql: `SELECT ${COLLECTION_COLUMNS} FROM collections WHERE id = ? AND user_id = ?`, args: [id, userId] },
        moviesOf('SELECT id FROM collections WHERE id = ? AND user_id = ?', [id, userId]),
      ],
      'read',
    );
    return assemble(collection!.rows, movies!.rows)[0];
  };

  return {
    findOwned,

    /** The collection and its movies in one atomic batch. */
    async create(userId: number, { title, description, movies }: CollectionFields): Promise<Collection> {
      const [inserted] = await db.batch(
        [
          {
            sql: 'INSERT INTO collections (user_id, title, description) VALUES (?, ?, ?) RETURNING id',
            args: [userId, title, description],
          },
          {
            // Inside this write transaction the row just inserted is the user's newest: rowids only grow.
            sql: `INSERT INTO collection_movies (collection_id, position, movie_id)
                  SELECT (SELECT max(id) FROM collections WHERE user_id = ?), key, value FROM (${MOVIES_FROM_JSON})`,
            args: [userId, JSON.stringify(movies)],
          },
        ],
        'write',
      );
      const id = column<number>(inserted!.rows[0]!, 'id');
      return (await findOwned(id, userId))!;
    },

    /**
     * Replaces title, description and movies in one atomic batch; every statement is guarded by the
     * owner, so another user's collection is never touched. False when the caller owns no such collection.
     */
    async replace(id: number, userId: number, { title, description, movies }: CollectionFields): Promise<boolean> {
      const [updated] = await db.batch(
        [
          {
            sql: `UPDATE collections SET title = ?, description = ?, updated_at = ${SQL_NOW} WHERE id = ? AND user_id = ?`,
            args: [title, description, id, userId],
          },
          { sql: `DELETE FROM collection_movies WHERE collection_id = ? AND ${OWNED}`, args: [id, id, userId] },
          {
            sql: `INSERT INTO collection_movies (collection_id, position, movie_id)
                  SELECT ?, key, value FROM (${MOVIES_FROM_JSON}) WHERE ${OWNED}`,
            args: [id, JSON.stringify(movies), id, userId],
          },
        ],
        'write',
      );
      return updated!.rowsAffected === 1;
    },

    /** Deletes the caller's collection (its entries go with it). False when they own no such collection. */
    async remove(id: number, userId: number): Promise<boolean> {
      const result = await db.execute({ sql: 'DELETE FROM collections WHERE id = ? AND user_id = ?', args: [id, userId] });
      return result.rowsAffected === 1;
    },

    /** A page of the user's collections, newest first, with their count and favourite genres, from one snapshot. */
    async listOwned(
      userId: number,
      { limit, offset }: PageWindow,
    ): Promise<{ results: Collection[]; count: number; favouriteGenres: string[] }> {
      const [counted, page, movies, genres] = await db.batch(
        [
          { sql: 'SELECT count(*) AS n FROM collections WHERE user_id = ?', args: [userId] },
          {
            sql: `SELECT ${COLLECTION_COLUMNS} FROM collections WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?`,
            args: [userId, limit, offset],
          },
          moviesOf('SELECT id FROM collections WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?', [userId, limit, offset]),
          // Each distinct movie of all the user's collections counts once per genre.
          {
            sql: `SELECT min(g.genre) AS genre, count(*) AS n FROM movie_genres g
                  WHERE g.movie_id IN (SELECT cm.movie_id FROM collection_movies cm JOIN collections c ON c.id = cm.collection_id WHERE c.user_id = ?)
                  GROUP BY g.genre ORDER BY n DESC, g.genre LIMIT 3`,
            args: [userId],
          },
        ],
        'read',
      );
      return {
        results: assemble(page!.rows, movies!.rows),
        count: column<number>(counted!.rows[0]!, 'n'),
        favouriteGenres: genres!.rows.map((row) => column<string>(row, 'genre')),
      };
    },
  };
}

export type CollectionsRepository = ReturnType<typeof createCollectionsRepository>;
