import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    expect(lines.at(-2)).toMatch(
      /^imported 3169 films, skipped 32 invalid rows \(release date 22, title 10\), 0 already present, 0 filled in, in \d+ ms$/,
    );
  });

  it('imports nothing when SEED_DATA=false', async () => {
    const lines = await prepare({ SEED_DATA: 'false' });

    expect(await movieCount()).toBe(0);
    expect(lines).toEqual([
      'SEED_DATA=false: the film dataset is not imported',
      'catalogue scores refreshed: mean rating none yet (m = 10), 0 scores changed',
    ]);
  });

  it('leaves a database that already holds movies alone', async () => {
    const db = await file.open();
    await db.execute("INSERT INTO movies (title) VALUES ('Mine')");
    db.close();

    const lines = await prepare();

    expect(await movieCount()).toBe(1);
    expect(lines).toEqual([
      'the database already holds movies: the film dataset is not imported',
      'catalogue scores refreshed: mean rating none yet (m = 10), 0 scores changed',
    ]);
  });

  it('refreshes C and every score at start, with SCORE_MIN_VOTES as m', async () => {
    const db = await file.open();
    await db.executeMultiple(`
      INSERT INTO movies (id, title) VALUES (1, 'Mine');
      INSERT INTO ratings (movie_id, value) VALUES (1, 5), (1, 1);
      UPDATE movies SET rating_sum = 6, rating_count = 2 WHERE id = 1;
      UPDATE catalogue_stats SET rating_mean = NULL;
    `);
    db.close();

    const lines = await prepare({ SCORE_MIN_VOTES: '4' });

    const check = await openDatabase({ url: file.url });
    const stats = (await check.execute('SELECT rating_mean, score_min_votes FROM catalogue_stats')).rows[0];
    const score = (await check.execute('SELECT score FROM movies WHERE id = 1')).rows[0]?.score;
    check.close();
    expect(stats).toMatchObject({ rating_mean: 3, score_min_votes: 4 });
    expect(score).toBe(3);
    expect(lines.at(-1)).toBe('catalogue scores refreshed: mean rating 3.00 (m = 4), 0 scores changed');
  });
});

describe('npm run refresh-scores', () => {
  it('is a script of package.json running scripts/refreshScores.ts', () => {
    const { scripts } = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };

    expect(scripts['refresh-scores']).toBe('node scripts/run.mjs scripts/refreshScores.ts');
    expect(existsSync(join(__dirname, '..', '..', '..', 'scripts', 'refreshScores.ts'))).toBe(true);
  });
});
