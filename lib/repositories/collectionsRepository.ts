import type { Client, InStatement, InValue, Row } from '@libsql/client';
import type { CollectionSummary } from '../schemas/collections';
import type { MovieWithoutSummary } from '../schemas/movies';
import { movieColumnsOf, toMovie, withoutSummary } from './movieRows';
import { column, writeOne } from './rows';
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

/** The movie ids of the collections a subquery names, in each one's order. */
const movieIdsOf = (collectionIds: string, args: InValue[]): InStatement => ({
  sql: `SELECT collection_id, movie_id FROM collection_movies
        WHERE collection_id IN (${collectionIds})
        ORDER BY collection_id, position`,
  args,
});

function assemble(collections: Row[], entries: Row[]): CollectionSummary[] {
  const byCollection = new Map<number, number[]>();
  for (const row of entries) {
    const id = column<number>(row, 'collection_id');
    const ids = byCollection.get(id) ?? [];
    ids.push(column<number>(row, 'movie_id'));
    byCollection.set(id, ids);
  }
  return collections.map((row) => {
    const movieIds = byCollection.get(column<number>(row, 'id')) ?? [];
    return {
      id: column<number>(row, 'id'),
      title: column<string>(row, 'title'),
      description: column<string | null>(row, 'description'),
      movie_count: movieIds.length,
      movie_ids: movieIds,
      created_at: column<string>(row, 'created_at'),
      updated_at: column<string>(row, 'updated_at'),
    };
  });
}

/** Positions and movie ids come from one JSON array argument: its index is the position. */
const MOVIES_FROM_JSON = 'SELECT key, value FROM json_each(?)';

export function createCollectionsRepository(db: Client) {
  /** The caller's collection and one window of its films, in its order, from one snapshot. */
  const findOwned = async (
    id: number,
    userId: number,
    { limit, offset }: PageWindow,
  ): Promise<{ collection: CollectionSummary; movies: MovieWithoutSummary[] } | undefined> => {
    const owned = 'SELECT id FROM collections WHERE id = ? AND user_id = ?';
    const [collection, entries, movies] = await db.batch(
      [
        { sql: `SELECT ${COLLECTION_COLUMNS} FROM collections WHERE id = ? AND user_id = ?`, args: [id, userId] },
        movieIdsOf(owned, [id, userId]),
        {
          sql: `SELECT ${movieColumns}
                FROM collection_movies cm JOIN movies m ON m.id = cm.movie_id
                WHERE cm.collection_id IN (${owned})
                ORDER BY cm.position LIMIT ? OFFSET ?`,
          args: [id, userId, limit, offset],
        },
      ],
      'read',
    );
    const [found] = assemble(collection!.rows, entries!.rows);
    return found && { collection: found, movies: movies!.rows.map((row) => withoutSummary(toMovie(row))) };
  };

  return {
    findOwned,

    /** The collection and its movies in one atomic batch; its id. */
    async create(userId: number, { title, description, movies }: CollectionFields): Promise<number> {
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
      return column<number>(inserted!.rows[0]!, 'id');
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
      const result = await writeOne(db, { sql: 'DELETE FROM collections WHERE id = ? AND user_id = ?', args: [id, userId] });
      return result.rowsAffected === 1;
    },

    /** A page of the user's collections, newest first, with their count and favourite genres, from one snapshot. */
    async listOwned(
      userId: number,
      { limit, offset }: PageWindow,
    ): Promise<{ results: CollectionSummary[]; count: number; favouriteGenres: string[] }> {
      const [counted, page, entries, genres] = await db.batch(
        [
          { sql: 'SELECT count(*) AS n FROM collections WHERE user_id = ?', args: [userId] },
          {
            sql: `SELECT ${COLLECTION_COLUMNS} FROM collections WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?`,
            args: [userId, limit, offset],
          },
          movieIdsOf('SELECT id FROM collections WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?', [userId, limit, offset]),
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
        results: assemble(page!.rows, entries!.rows),
        count: column<number>(counted!.rows[0]!, 'n'),
        favouriteGenres: genres!.rows.map((row) => column<string>(row, 'genre')),
      };
    },
  };
}

export type CollectionsRepository = ReturnType<typeof createCollectionsRepository>;
