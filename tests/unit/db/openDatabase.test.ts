import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase, openMigratedDatabase } from '../../../lib/db/client';
import { startSqld } from '../../../harness/sqld';

describe('openDatabase', () => {
  const folder = mkdtempSync(join(tmpdir(), 'movies-open-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('creates the folder of a file database on demand and puts it in WAL mode', async () => {
    const path = join(folder, 'nested', 'deeper', 'movies.db');

    const db = await openDatabase({ url: `file:${path}` });

    expect(existsSync(path)).toBe(true);
    const mode = await db.execute('PRAGMA journal_mode');
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    db.close();
  });

  it('syncs a file database at WAL checkpoints, not on every commit', async () => {
    const db = await openDatabase({ url: `file:${join(folder, 'sync.db')}` });

    const pragma = await db.execute('PRAGMA synchronous');

    expect(pragma.rows[0]?.synchronous).toBe(1); // NORMAL
    db.close();
  });

  it('enforces foreign keys', async () => {
    const db = await openDatabase({ url: ':memory:' });

    const pragma = await db.execute('PRAGMA foreign_keys');

    expect(pragma.rows[0]?.foreign_keys).toBe(1);
  });

  it('takes a file:// URL, escaped characters and all, for the same file', async () => {
    const path = join(folder, 'with space', 'movies.db');

    const db = await openDatabase({ url: pathToFileURL(path).href }); // file:///…/with%20space/movies.db

    expect(existsSync(path)).toBe(true);
    expect((await db.execute('PRAGMA journal_mode')).rows[0]?.journal_mode).toBe('wal');
    db.close();
  });

  it('opens a server database in one round trip: journal mode and syncing are the server’s business', async () => {
    const server = await startSqld();
    try {
      const before = await server.requests();

      const db = await openDatabase({ url: server.url });

      expect((await server.requests()) - before).toBe(1); // PRAGMA foreign_keys = ON
      db.close();
    } finally {
      await server.close();
    }
  });

  it('opens a migrated server database whose schema is current in two round trips: foreign keys, one migration check', async () => {
    const server = await startSqld();
    try {
      (await openMigratedDatabase({ url: server.url })).close();
      const before = await server.requests();

      const db = await openMigratedDatabase({ url: server.url });

      expect((await server.requests()) - before).toBe(2);
      db.close();
    } finally {
      await server.close();
    }
  });

  it.each([false, true])('leaves diagnostic reports as it found them (excludeNetwork %s) once the native driver is loaded', async (was) => {
    const report = process.report as NodeJS.ProcessReport & { excludeNetwork: boolean };
    report.excludeNetwork = was;

    const db = await openDatabase({ url: `file:${join(folder, `reports-${was}.db`)}` });

    expect(report.excludeNetwork).toBe(was);
    db.close();
  });
});
