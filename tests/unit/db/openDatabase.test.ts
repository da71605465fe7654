import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../lib/db/client';

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
});
