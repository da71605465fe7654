import { openDatabase } from '../../../lib/db/client';
import { parseConfig } from '../../../lib/config';
import { prepareDatabase } from '../../../scripts/prepareDatabase';
import { createTempFileDatabase, type TempFileDatabase } from '../../support/database';

describe('prepareDatabase (what npm start runs first)', () => {
  let file: TempFileDatabase;
  beforeEach(() => {
    file = createTempFileDatabase();
  });
  afterEach(() => file.remove());

  const prepare = async (env: Record<string, string> = {}) => {
    const lines: string[] = [];
    await prepareDatabase(parseConfig({ DATABASE_URL: file.url, ...env }), (line) => lines.push(line));
    return lines;
  };
  const movieCount = async () => {
    const db = await openDatabase({ url: file.url });
    try {
      return (await db.execute('SELECT count(*) AS n FROM movies')).rows[0]?.n;
    } finally {
      db.close();
    }
  };

  it('imports the film dataset into an empty database, with progress and a summary line', async () => {
    const lines = await prepare();

    expect(await movieCount()).toBe(3169);
    expect(lines.some((line) => /^importing films: \d+\/3201 rows/.test(line))).toBe(true);
    expect(lines.at(-1)).toMatch(/^imported 3169 films, skipped 32 invalid rows \(release date 22, title 10\), 0 already present, in \d+ ms$/);
  });

  it('imports nothing when SEED_DATA=false', async () => {
    const lines = await prepare({ SEED_DATA: 'false' });

    expect(await movieCount()).toBe(0);
    expect(lines).toEqual(['SEED_DATA=false: the film dataset is not imported']);
  });

  it('leaves a database that already holds movies alone', async () => {
    const db = await file.open();
    await db.execute("INSERT INTO movies (title) VALUES ('Mine')");
    db.close();

    const lines = await prepare();

    expect(await movieCount()).toBe(1);
    expect(lines).toEqual(['the database already holds movies: the film dataset is not imported']);
  });
});
