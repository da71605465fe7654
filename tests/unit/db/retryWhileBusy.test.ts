import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, LibsqlError, type Client } from '@libsql/client';
import { retryWhileBusy } from '../../../lib/db/retryWhileBusy';
import { DatabaseUnavailable } from '../../../lib/errors';

const notesIn = async (db: Client) => (await db.execute('SELECT note FROM marks ORDER BY id')).rows.map((row) => row.note);

/** A connection of its own holding the write lock in an open write transaction, until it is closed. */
async function holdTheLock(url: string) {
  const other = createClient({ url, intMode: 'number' });
  const lock = await other.transaction('write');
  await lock.execute("INSERT INTO marks (note) VALUES ('held')");
  return {
    close: () => {
      lock.close();
      other.close();
    },
  };
}

/**
 * sqld makes a writer wait for a lock one client holds (it answers SQLITE_BUSY under many writers, which
 * tests/handlers/manyInstances.test.ts and busyDatabase.test.ts meet, and where the retry's success is tested), so a lock
 * that stays held is a database file's, with a writer that waits a millisecond for it: SQLITE_BUSY at once, each time
 * it asks, as sqld answers a writer that met its lock for a tenth of a second.
 */
describe('retryWhileBusy', () => {
  let folder: string;
  let url: string;
  let writer: Client;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'busy-'));
    url = `file:${join(folder, 'busy.db')}`;
    const setup = createClient({ url, intMode: 'number' });
    await setup.execute('PRAGMA journal_mode = WAL');
    await setup.execute('CREATE TABLE marks (id INTEGER PRIMARY KEY, note TEXT)');
    setup.close();
    writer = createClient({ url, intMode: 'number', timeout: 1 });
  });

  afterEach(() => {
    writer.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const notes = async () => {
    const reader = createClient({ url, intMode: 'number' });
    try {
      return await notesIn(reader);
    } finally {
      reader.close();
    }
  };

  it('gives up with DatabaseUnavailable, its cause the busy answer, once its wait is over; nothing is written', async () => {
    const lock = await holdTheLock(url);
    try {
      const started = Date.now();
      const failure = await retryWhileBusy(writer, 400)
        .execute("INSERT INTO marks (note) VALUES ('late')")
        .catch((error: unknown) => error);
      const waited = Date.now() - started;

      expect(failure).toBeInstanceOf(DatabaseUnavailable);
      expect((failure as Error).message).toBe('the database stayed busy');
      expect(((failure as Error).cause as LibsqlError).code).toBe('SQLITE_BUSY');
      // It asked again and again, and stopped near its wait rather than at the first answer or much later.
      expect(waited).toBeGreaterThanOrEqual(200);
      expect(waited).toBeLessThan(3000);
    } finally {
      lock.close();
    }
    expect(await notes()).toEqual([]);
  });

  it('passes any other failure through at once, unchanged', async () => {
    const failure = await retryWhileBusy(writer, 3000)
      .execute('INSERT INTO no_such_table VALUES (1)')
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(LibsqlError);
    expect(failure).not.toBeInstanceOf(DatabaseUnavailable);
  });

  it('hands string statements on with their arguments', async () => {
    await writer.execute("INSERT INTO marks (note) VALUES ('seen')");

    const result = await retryWhileBusy(writer).execute('SELECT note FROM marks WHERE note = ?', ['seen']);

    expect(result.rows.map((row) => row.note)).toEqual(['seen']);
  });
});
