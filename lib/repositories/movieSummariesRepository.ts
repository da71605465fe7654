import type { Client } from '@libsql/client';
import { SQL_NOW } from '../db/sql';
import type { Movie } from '../schemas/movies';
import { MOVIE_COLUMNS, toMovie } from './movieRows';
import { column } from './rows';

/** A summary to store: its text and where it came from. */
export interface NewSummary {
  summary: string;
  summary_source: string;
}

export interface StoredSummary extends NewSummary {
  summary_generated_at: string;
}

/**
 * Movies' stored summaries and the lease by which one instance at a time writes a movie's summary (docs/USAGE.md,
 * summaries): claimed in the database, so it holds across Lambda instances.
 */
export function createMovieSummariesRepository(db: Client) {
  return {
    /** The stored summary, if any; null when the movie no longer exists. */
    async findSummary(id: number): Promise<StoredSummary | undefined | null> {
      const result = await db.execute({ sql: 'SELECT summary, summary_source, summary_generated_at FROM movies WHERE id = ?', args: [id] });
      const row = result.rows[0];
      if (!row) return null;
      const summary = column<string | null>(row, 'summary');
      return summary === null
        ? undefined
        : {
            summary,
            summary_source: column<string>(row, 'summary_source'),
            summary_generated_at: column<string>(row, 'summary_generated_at'),
          };
    },

    /** Takes the right to generate this movie's summary unless it has one or someone holds a live lease. */
    async claimSummaryLease(id: number, owner: string, nowMs: number, leaseMs: number): Promise<boolean> {
      const result = await db.execute({
        sql: `UPDATE movies SET summary_lease_owner = ?, summary_lease_expires_at = ?
              WHERE id = ? AND summary IS NULL AND (summary_lease_expires_at IS NULL OR summary_lease_expires_at <= ?)`,
        args: [owner, nowMs + leaseMs, id, nowMs],
      });
      return result.rowsAffected === 1;
    },

    /** Stores a summary unless one was stored meanwhile; either way answers the one now stored. */
    async storeSummary(id: number, { summary, summary_source }: NewSummary): Promise<StoredSummary | undefined> {
      await db.execute({
        sql: `UPDATE movies SET summary = ?, summary_source = ?, summary_lease_owner = NULL, summary_lease_expires_at = NULL,
                summary_generated_at = ${SQL_NOW}, updated_at = ${SQL_NOW}
              WHERE id = ? AND summary IS NULL`,
        args: [summary, summary_source, id],
      });
      return (await this.findSummary(id)) ?? undefined;
    },

    async releaseSummaryLease(id: number, owner: string): Promise<void> {
      await db.execute({
        sql: 'UPDATE movies SET summary_lease_owner = NULL, summary_lease_expires_at = NULL WHERE id = ? AND summary_lease_owner = ?',
        args: [id, owner],
      });
    },

    /** Stores a summary in place of whatever was stored; undefined when the movie no longer exists. */
    async replaceSummary(id: number, { summary, summary_source }: NewSummary): Promise<Movie | undefined> {
      const result = await db.execute({
        sql: `UPDATE movies SET summary = ?, summary_source = ?, summary_generated_at = ${SQL_NOW}, updated_at = ${SQL_NOW}
              WHERE id = ? RETURNING ${MOVIE_COLUMNS}`,
        args: [summary, summary_source, id],
      });
      const row = result.rows[0];
      return row ? toMovie(row) : undefined;
    },
  };
}

export type MovieSummariesRepository = ReturnType<typeof createMovieSummariesRepository>;
