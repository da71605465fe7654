import { strToU8, zipSync, type Zippable } from 'fflate';
import { importMyRatings } from '../../functions/portableRatings/importMyRatings';
import { importMyRatingsRoute } from '../../lib/schemas/routes/portableRatings';
import { ImportReport } from '../../lib/schemas/portableRatings';
import { signUp } from '../support/auth';
import { countingCalls } from '../../harness/countingCalls';
import { createMemoryDatabase } from '../support/database';
import { httpEvent } from '../../harness/events';
import { invoke } from '../support/invoke';
import { invokeRoute, routeHandler } from '../support/invokeRoute';
import { letterboxdCsv, letterboxdZip } from '../support/letterboxdExport';
import { createTestServices, type TestServices } from '../support/services';
import { zipFiles } from '../support/zipFile';

const CSV = { 'content-type': 'text/csv' };
/** IMDb's ratings export as IMDb writes it today. */
const IMDB_HEADER =
  'Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors';
const imdbRow = (rating: number | string, title: string, year: number | string) =>
  `tt1,${rating},2021-05-06,${title},${title},https://www.imdb.com/title/tt1/,Movie,7.0,100,${year},Drama,10,2000-01-01,Someone`;
const imdb = (...rows: string[]) => [IMDB_HEADER, ...rows].join('\n') + '\n';

/** What an import may change: every rating, and every movie's aggregates, distribution and score. */
const stored = async (services: TestServices) => {
  const ratings = await services.db.execute('SELECT id, movie_id, user_id, value, created_at, updated_at FROM ratings ORDER BY id');
  const movies = await services.db.execute(
    `SELECT id, rating_sum, rating_count, rating_count_1, rating_count_2, rating_count_3, rating_count_4, rating_count_5, score
     FROM movies ORDER BY id`,
  );
  return JSON.stringify([ratings.rows, movies.rows]);
};

describe('POST /users/me/ratings/import/ (importMyRatings)', () => {
  let services: TestServices;
  let user: Awaited<ReturnType<typeof signUp>>;
  let film: Record<string, number>;

  beforeEach(async () => {
    services = await createTestServices();
    user = await signUp(services);
    film = {};
    for (const [name, title, year] of [
      ['heat', 'Heat', 1995],
      ['amelie', 'Amélie', 2001],
      ['kong1933', 'King Kong', 1933],
      ['kong2005', 'King Kong', 2005],
      ['twin1', 'Twins', 1988],
      ['twin2', 'Twins', 1988],
      ['untitled', 'Untitled', null],
    ] as const) {
      film[name] = (await services.movies.create({ title, year, genres: [] })).id;
    }
  });

  const importCsv = (body: string, { query, headers }: { query?: Record<string, string>; headers?: Record<string, string> } = {}) =>
    invokeRoute(importMyRatingsRoute, importMyRatings, services, { body, query, headers: { ...CSV, ...user.headers, ...headers } });
  const myRatings = async () =>
    (
      await services.db.execute({ sql: 'SELECT movie_id, value FROM ratings WHERE user_id = ? ORDER BY movie_id', args: [user.id] })
    ).rows.map((row) => [row.movie_id, row.value]);

  it("imports IMDb's export as the caller's ratings, ceil(x / 2), and report what it did", async () => {
    const response = await importCsv(imdb(imdbRow(10, 'Heat', 1995), imdbRow(7, 'Amélie', 2001), imdbRow(1, 'King Kong', 2005)));

    expect(response.statusCode).toBe(200);
    expect(ImportReport.parse(response.body)).toEqual({
      format: 'imdb',
      encoding: 'utf-8',
      rows: 3,
      imported: 3,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      unmatched: [],
      invalid: [],
      unmatched_count: 0,
      invalid_count: 0,
    });
    expect(await myRatings()).toEqual([
      [film.heat, 5],
      [film.amelie, 4],
      [film.kong2005, 1],
    ]);
  });

  it('keeps every movie it rated exact: mean, count, distribution and score, as POST /ratings/ would', async () => {
    const other = await signUp(services);
    await services.ratings.rate({ movieId: film.heat!, value: 2 });
    await services.ratings.rate({ movieId: film.kong1933!, value: 2 });
    await services.ratings.rateAsUser({ movieId: film.kong1933!, value: 5, userId: other.id });

    await importCsv('Title,Year,Rating\nHeat,1995,4.5\n');

    const heat = await services.movies.get(film.heat!);
    expect(heat).toMatchObject({ rating: 3.5, rating_count: 2, rating_distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1 } });
    expect(heat.score).toBe((await services.movies.get(film.kong1933!)).score);
    expect(heat.score).not.toBeNull();
  });

  it('replaces ratings the caller gave before (updated), leave equal ones (unchanged) and skip rows without a rating', async () => {
    await services.ratings.rateAsUser({ movieId: film.heat!, value: 2, userId: user.id });
    await services.ratings.rateAsUser({ movieId: film.amelie!, value: 4, userId: user.id });

    const response = await importCsv('Title,Year,Rating,WatchedDate\nHeat,1995,5,2020-01-01\nAmélie,2001,3.5,\nTwins,1988,,\n');

    expect(response.body).toMatchObject({ format: 'letterboxd', rows: 3, imported: 0, updated: 1, unchanged: 1, skipped: 1 });
    expect(await myRatings()).toEqual([
      [film.heat, 5],
      [film.amelie, 4],
    ]);
    expect(await services.movies.get(film.heat!)).toMatchObject({ rating: 5, rating_count: 1, rating_distribution: { 2: 0, 5: 1 } });
  });

  it('changes nothing when the same file comes again: every row unchanged', async () => {
    const csv = imdb(imdbRow(8, 'Heat', 1995), imdbRow(3, 'King Kong', 1933));
    await importCsv(csv);
    const before = await stored(services);

    const again = await importCsv(csv);

    expect(again.body).toMatchObject({ rows: 2, imported: 0, updated: 0, unchanged: 2 });
    expect(await stored(services)).toBe(before);
  });

  it('matches titles whatever their case, accents and surrounding spaces, and films without a year by an empty Year', async () => {
    const response = await importCsv('Title,Year,Rating\n"  AMELIE ",2001,4\nheat,1995,3\nuntitled,,2\n');

    expect(response.body).toMatchObject({ imported: 3, unmatched: [] });
    expect(await myRatings()).toEqual([
      [film.heat, 3],
      [film.amelie, 4],
      [film.untitled, 2],
    ]);
  });

  it('report,s never guess, a row of no film or of several, and import the rest', async () => {
    const response = await importCsv('Title,Year,Rating\nHeat,1996,4\nTwins,1988,3\nKing Kong,2005,5\nNo Such Film,2000,1\n');

    expect(response.body).toEqual({
      format: 'letterboxd',
      encoding: 'utf-8',
      rows: 4,
      imported: 1,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      unmatched: [
        { row: 2, title: 'Heat', year: 1996, reason: 'no film with this title and year' },
        { row: 3, title: 'Twins', year: 1988, reason: 'several films with this title and year' },
        { row: 5, title: 'No Such Film', year: 2000, reason: 'no film with this title and year' },
      ],
      invalid: [],
      unmatched_count: 3,
      invalid_count: 0,
    });
    expect(await myRatings()).toEqual([[film.kong2005, 5]]);
  });

  it("tells films of one title and year apart by the file's Directors, when that names exactly one of them", async () => {
    await services.db.execute({ sql: "UPDATE movies SET director = 'Ivan Reitman' WHERE id = ?", args: [film.twin1!] });
    await services.db.execute({ sql: "UPDATE movies SET director = 'Someone Else' WHERE id = ?", args: [film.twin2!] });

    const response = await importCsv('Title,Year,Directors,Rating\nTwins,1988, IVAN reitman ,4\nTwins,1988,Nobody,2\nTwins,1988,,3\n');

    expect(response.body).toMatchObject({
      imported: 1,
      unmatched: [
        { row: 3, reason: 'several films with this title and year' },
        { row: 4, reason: 'several films with this title and year' },
      ],
    });
    expect(await myRatings()).toEqual([[film.twin1, 4]]);
  });

  it("matches a row by its MovieID first, when that film has the row's title and year; else by title, year and directors", async () => {
    const response = await importCsv(
      'Title,Year,Rating,MovieID\n' +
        `Twins,1988,3,${film.twin2}\n` +
        // An id of another film (a file from elsewhere): the title and year decide.
        `Heat,1995,4,${film.kong1933}\n` +
        'Twins,1988,2,999999\n' +
        'Amélie,2001,5,soon\n',
    );

    expect(response.body).toMatchObject({
      imported: 2,
      unmatched: [{ row: 4, reason: 'several films with this title and year' }],
      invalid: [{ row: 5, message: 'MovieID must be a positive integer' }],
    });
    expect(await myRatings()).toEqual([
      [film.heat, 4],
      [film.twin2, 3],
    ]);
  });

  it('reports rows with a bad rating or year in invalid, and import the rest', async () => {
    const response = await importCsv(imdb(imdbRow(11, 'Heat', 1995), imdbRow(6, 'Amélie', 'soon'), imdbRow(9, 'King Kong', 1933)));

    expect(response.body).toMatchObject({
      rows: 3,
      imported: 1,
      invalid: [
        { row: 2, message: 'Your Rating must be an integer from 1 to 10' },
        { row: 3, message: 'Year must be an integer from 1870 to 2100' },
      ],
    });
    expect(await myRatings()).toEqual([[film.kong1933, 5]]);
  });

  it('takes a film named twice in a file as rated twice: the later row replaces the earlier', async () => {
    const response = await importCsv('Title,Year,Rating\nHeat,1995,2\nHeat,1995,4\nHeat,1995,4\n');

    expect(response.body).toMatchObject({ rows: 3, imported: 1, updated: 1, unchanged: 1 });
    expect(await myRatings()).toEqual([[film.heat, 4]]);
    expect(await services.movies.get(film.heat!)).toMatchObject({ rating_count: 1, rating_distribution: { 2: 0, 4: 1 } });
  });

  it('answers a dry run with the same report and store nothing', async () => {
    await services.ratings.rateAsUser({ movieId: film.heat!, value: 2, userId: user.id });
    const before = await stored(services);

    const response = await importCsv('Title,Year,Rating\nHeat,1995,5\nAmélie,2001,3\nNope,1990,2\n', { query: { dry_run: 'true' } });

    expect(response.body).toMatchObject({ rows: 3, imported: 1, updated: 1, unmatched: [{ row: 4 }] });
    expect(await stored(services)).toBe(before);
  });

  it('stores all of it or none: a write that fails midway leaves nothing behind', async () => {
    await services.db.execute(
      `CREATE TRIGGER fail_on_amelie BEFORE INSERT ON ratings WHEN NEW.movie_id = ${film.amelie} BEGIN SELECT RAISE(ABORT, 'no'); END`,
    );
    const before = await stored(services);

    const response = await importCsv('Title,Year,Rating\nHeat,1995,5\nAmélie,2001,3\nKing Kong,1933,2\n');

    expect(response.statusCode).toBe(500);
    expect(await stored(services)).toBe(before);
  });

  it('matches and store thousands of rows in a few database calls, not one per row', async () => {
    const counting = countingCalls(await createMemoryDatabase());
    services = await createTestServices({ db: counting.client });
    user = await signUp(services);
    const films = Array.from({ length: 2000 }, (_, index) => ({ title: `Film ${index}`, year: 1900 + (index % 100) }));
    await services.catalogue.importFilms(
      films.map((f) => ({ ...f, genres: [], director: null, running_time_min: null, import_key: `${f.year}:${f.title}` })),
    );
    counting.counted.calls = 0;

    const response = await importCsv(`Title,Year,Rating\n${films.map((f) => `${f.title},${f.year},3`).join('\n')}\n`);

    expect(response.body).toMatchObject({ rows: 2000, imported: 2000 });
    expect(counting.counted.calls).toBeLessThanOrEqual(4);
  });

  it('imports every row of a file whose line endings mix CRLF and LF', async () => {
    const response = await importCsv('Title,Year,Rating\r\nHeat,1995,4\nAmélie,2001,3\r\nKing Kong,1933,5\n');

    expect(response.body).toMatchObject({ rows: 3, imported: 3, invalid: [] });
    expect(await myRatings()).toEqual([
      [film.heat, 4],
      [film.amelie, 3],
      [film.kong1933, 5],
    ]);
  });

  it('reads a file API Gateway sent as base64, BOM and accents included', async () => {
    const body = Buffer.from('\ufeffTitle,Year,Rating\r\nAmélie,2001,4\r\n', 'utf8').toString('base64');
    const event = httpEvent({
      method: 'POST',
      path: importMyRatingsRoute.path,
      body,
      isBase64Encoded: true,
      headers: { ...CSV, ...user.headers },
    });

    const response = await invoke(routeHandler(importMyRatingsRoute, importMyRatings, services), event);

    expect(response.body).toMatchObject({ rows: 1, imported: 1 });
    expect(await myRatings()).toEqual([[film.amelie, 4]]);
  });

  it('takes an Idempotency-Key: a retry gets the stored report, replayed, and imports nothing again', async () => {
    const csv = 'Title,Year,Rating\nHeat,1995,5\n';
    const first = await importCsv(csv, { headers: { 'idempotency-key': 'import-1' } });
    const before = await stored(services);

    const retry = await importCsv(csv, { headers: { 'idempotency-key': 'import-1' } });

    expect(retry).toMatchObject({ statusCode: 200, headers: { 'idempotency-replayed': 'true' }, body: first.body });
    expect(await stored(services)).toBe(before);
    const other = await importCsv('Title,Year,Rating\nHeat,1995,1\n', { headers: { 'idempotency-key': 'import-1' } });
    expect(other.statusCode).toBe(422);
  });

  it('lets a dry run leave its Idempotency-Key unclaimed: the same command without dry_run then imports under it', async () => {
    const csv = 'Title,Year,Rating\nHeat,1995,5\n';
    const dryRun = await importCsv(csv, { query: { dry_run: 'true' }, headers: { 'idempotency-key': 'import-2' } });

    const real = await importCsv(csv, { headers: { 'idempotency-key': 'import-2' } });

    expect(real).toMatchObject({ statusCode: 200, body: dryRun.body });
    expect(real.headers['idempotency-replayed']).toBeUndefined();
    expect(await myRatings()).toEqual([[film.heat, 5]]);
  });

  it('answers a repeated dry run afresh, never replayed: it stored nothing to replay', async () => {
    const csv = 'Title,Year,Rating\nHeat,1995,5\n';
    await importCsv(csv, { query: { dry_run: 'true' }, headers: { 'idempotency-key': 'import-3' } });
    await services.ratings.rateAsUser({ movieId: film.heat!, value: 5, userId: user.id });

    const again = await importCsv(csv, { query: { dry_run: 'true' }, headers: { 'idempotency-key': 'import-3' } });

    expect(again.headers['idempotency-replayed']).toBeUndefined();
    expect(again.body).toMatchObject({ imported: 0, unchanged: 1 });
  });

  it('takes an explicit dry_run=false as the same request as none under one Idempotency-Key', async () => {
    const csv = 'Title,Year,Rating\nHeat,1995,5\n';
    const first = await importCsv(csv, { query: { dry_run: 'false' }, headers: { 'idempotency-key': 'import-4' } });

    const retry = await importCsv(csv, { headers: { 'idempotency-key': 'import-4' } });

    expect(retry).toMatchObject({ statusCode: 200, body: first.body, headers: { 'idempotency-replayed': 'true' } });
  });

  it('counts the whole import as one write against the write limit', async () => {
    services = await createTestServices({ env: { WRITE_RATE_PER_MINUTE: '3' } });
    user = await signUp(services);
    await services.movies.create({ title: 'Heat', year: 1995, genres: [] });
    await services.movies.create({ title: 'Ronin', year: 1998, genres: [] });

    const response = await importCsv('Title,Year,Rating\nHeat,1995,5\nRonin,1998,4\n');

    expect(response.body).toMatchObject({ imported: 2 });
    expect(response.headers['ratelimit']).toBe('"write";r=2;t=60');
  });

  describe("Letterboxd's own export", () => {
    const importBytes = (bytes: Uint8Array, contentType: string, query?: Record<string, string>) =>
      invoke(
        routeHandler(importMyRatingsRoute, importMyRatings, services),
        httpEvent({
          method: 'POST',
          path: importMyRatingsRoute.path,
          // API Gateway hands a Lambda a binary body in base64.
          body: Buffer.from(bytes).toString('base64'),
          isBase64Encoded: true,
          query,
          headers: { 'content-type': contentType, ...user.headers },
        }),
      );
    const myWatchlist = async () =>
      (await services.db.execute({ sql: 'SELECT movie_id FROM watchlist WHERE user_id = ? ORDER BY movie_id', args: [user.id] })).rows.map(
        (row) => row.movie_id,
      );

    it('imports its ratings.csv, whose film column is Name', async () => {
      const response = await importCsv(
        letterboxdCsv('ratings.csv', ['2021-03-04,Heat,1995,https://boxd.it/2a1M,4.5', '2022-01-02,Amélie,2001,https://boxd.it/2b0k,3']),
      );

      expect(response.body).toMatchObject({ format: 'letterboxd', rows: 2, imported: 2, unmatched_count: 0, invalid_count: 0 });
      expect(await myRatings()).toEqual([
        [film.heat, 5],
        [film.amelie, 3],
      ]);
    });

    it('imports its diary.csv: of several entries for one film, the latest watched with a rating counts', async () => {
      const response = await importCsv(
        letterboxdCsv('diary.csv', [
          '2021-03-04,Heat,1995,https://letterboxd.com/ann/film/heat/,2,,,2021-03-01',
          '2023-05-06,Heat,1995,https://letterboxd.com/ann/film/heat/1/,4.5,Yes,"noir, la",2023-05-05',
          '2022-01-02,Amélie,2001,https://letterboxd.com/ann/film/amelie/,3,,,2022-01-01',
          '2024-01-02,Heat,1995,https://letterboxd.com/ann/film/heat/2/,,Yes,,2024-01-01',
          '2024-02-03,Heat,1995,https://letterboxd.com/ann/film/heat/3/,1,,,2019-12-31',
        ]),
      );

      expect(response.body).toMatchObject({ rows: 5, imported: 2, updated: 0, skipped: 3, unmatched_count: 0, invalid_count: 0 });
      expect(await myRatings()).toEqual([
        [film.heat, 5],
        [film.amelie, 3],
      ]);
    });

    it('imports the export ZIP as downloaded: ratings.csv gives the ratings, watchlist.csv the watchlist, the report says what each file gave', async () => {
      const zip = letterboxdZip({
        'watched.csv': ['2021-03-04,Heat,1995,https://boxd.it/2a1M', '2022-01-02,Amélie,2001,https://boxd.it/2b0k'],
        'diary.csv': ['2021-03-04,Heat,1995,https://letterboxd.com/ann/film/heat/,1,,,2021-03-01'],
        'ratings.csv': ['2021-03-04,Heat,1995,https://boxd.it/2a1M,4.5', '2022-01-02,Amélie,2001,https://boxd.it/2b0k,3'],
        'reviews.csv': ['2021-03-04,Heat,1995,https://letterboxd.com/ann/film/heat/,4.5,,"Mann, at his best",,2021-03-01'],
        'watchlist.csv': [
          '2020-05-06,King Kong,2005,https://boxd.it/1a2b',
          '2020-05-07,Twins,1988,https://boxd.it/3c4d',
          '2020-05-08,Never Made,1999,https://boxd.it/5e6f',
        ],
      });

      const response = await importBytes(zip, 'application/zip');

      expect(response.statusCode).toBe(200);
      expect(ImportReport.parse(response.body)).toMatchObject({
        format: 'letterboxd',
        rows: 2,
        imported: 2,
        files: [
          { name: 'watched.csv', gave: 'nothing' },
          { name: 'diary.csv', gave: 'nothing' },
          { name: 'ratings.csv', gave: 'ratings' },
          { name: 'reviews.csv', gave: 'nothing' },
          { name: 'watchlist.csv', gave: 'watchlist' },
        ],
        watchlist: {
          rows: 3,
          added: 1,
          unchanged: 0,
          unmatched_count: 2,
          unmatched: [
            { row: 3, title: 'Twins', year: 1988, reason: 'several films with this title and year' },
            { row: 4, title: 'Never Made', year: 1999, reason: 'no film with this title and year' },
          ],
        },
      });
      expect(await myRatings()).toEqual([
        [film.heat, 5],
        [film.amelie, 3],
      ]);
      expect(await myWatchlist()).toEqual([film.kong2005]);
    });

    it('stores nothing of a ZIP on a dry run, and says the same', async () => {
      const zip = letterboxdZip({
        'ratings.csv': ['2021-03-04,Heat,1995,https://boxd.it/2a1M,4'],
        'watchlist.csv': ['2020-05-06,King Kong,2005,x'],
      });

      const response = await importBytes(zip, 'application/zip', { dry_run: 'true' });

      expect(response.body).toMatchObject({ imported: 1, watchlist: { added: 1 } });
      expect(await myRatings()).toEqual([]);
      expect(await myWatchlist()).toEqual([]);
    });

    describe('refusals of a ZIP, each storing nothing', () => {
      // Deflated by node's zlib, which is quicker at 17 MiB than fflate: about 17 KB of archive.
      const bomb = () =>
        zipFiles({
          'ratings.csv': Buffer.concat([Buffer.from('Date,Name,Year,Letterboxd URI,Rating\r\n'), Buffer.alloc(17 * 1024 * 1024, '\n')]),
        });
      afterEach(async () => {
        expect(await myRatings()).toEqual([]);
        expect(await myWatchlist()).toEqual([]);
      });

      it('answers an archive whose files inflate past 16 MiB 400, however small it is', async () => {
        const zip = bomb();

        const response = await importBytes(zip, 'application/zip');

        expect(zip.length).toBeLessThan(64 * 1024);
        expect(response).toMatchObject({ statusCode: 400, body: { detail: 'the ZIP archive inflates to more than 16 MiB' } });
      }, 20_000);

      it('answers the same archive 400 when it declares small sizes: they are checked while inflating, not trusted', async () => {
        const zip = bomb();
        zip.writeUInt32LE(100, 22); // the local header's uncompressed size
        const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
        zip.writeUInt32LE(100, central + 24); // the central directory's

        const response = await importBytes(zip, 'application/zip');

        expect(response).toMatchObject({ statusCode: 400, body: { detail: 'the ZIP archive inflates to more than 16 MiB' } });
      }, 20_000);

      it('answers an archive of more than 1,000 files 400', async () => {
        const files: Zippable = { 'ratings.csv': strToU8('Date,Name,Year,Letterboxd URI,Rating\r\n') };
        for (let index = 0; index < 1000; index++) files[`lists/list-${index}.csv`] = strToU8('x');

        const response = await importBytes(zipSync(files, { level: 0 }), 'application/zip');

        expect(response).toMatchObject({ statusCode: 400, body: { detail: 'the ZIP archive holds more than 1000 entries' } });
      });

      it('counts folders among the entries: an archive of more than 1,000 entries is a 400 whatever they are', async () => {
        const files: Zippable = { 'ratings.csv': strToU8('Date,Name,Year,Letterboxd URI,Rating\r\n') };
        for (let index = 0; index < 1000; index++) files[`lists/${index}/`] = {};

        const response = await importBytes(zipSync(files, { level: 0 }), 'application/zip');

        expect(response).toMatchObject({ statusCode: 400, body: { detail: 'the ZIP archive holds more than 1000 entries' } });
      });

      it('answers an archive without ratings.csv 400, saying what it needs', async () => {
        const response = await importBytes(letterboxdZip({ 'watchlist.csv': ['2020-05-06,King Kong,2005,x'] }), 'application/zip');

        expect(response).toMatchObject({
          statusCode: 400,
          body: { detail: "the ZIP archive holds no ratings.csv: send Letterboxd's export as downloaded, or one CSV file" },
        });
      });

      it('answers a body that is not a ZIP archive 400', async () => {
        const response = await importBytes(strToU8('Title,Year,Rating\nHeat,1995,4\n'), 'application/zip');

        expect(response).toMatchObject({ statusCode: 400, body: { detail: 'the body is not a ZIP archive' } });
      });

      it('answers a ZIP over 1 MiB 413', async () => {
        const response = await importBytes(new Uint8Array(1024 * 1024 + 1), 'application/zip');

        expect(response.statusCode).toBe(413);
      });
    });
  });

  describe('a file that is not UTF-8', () => {
    const sendBytes = (bytes: Buffer) =>
      invoke(
        routeHandler(importMyRatingsRoute, importMyRatings, services),
        httpEvent({
          method: 'POST',
          path: importMyRatingsRoute.path,
          body: bytes.toString('base64'),
          isBase64Encoded: true,
          headers: { ...CSV, ...user.headers },
        }),
      );

    it('reads a CSV saved by Excel in Windows-1252 as such, and says so', async () => {
      // "Amélie" and "Léon" with é as the single byte 0xE9, and a title with €, 0x80 in Windows-1252 alone.
      const file = Buffer.from('Title,Year,Rating\r\nAm\xe9lie,2001,4\r\nCaf\xe9 \x80 Society,1999,2\r\n', 'latin1');
      await services.movies.create({ title: 'Café € Society', year: 1999, genres: [] });

      const response = await sendBytes(file);

      expect(response.body).toMatchObject({ encoding: 'windows-1252', rows: 2, imported: 2, unmatched_count: 0 });
      const titles = await services.db.execute({
        sql: 'SELECT m.title FROM ratings r JOIN movies m ON m.id = r.movie_id WHERE r.user_id = ? ORDER BY m.title',
        args: [user.id],
      });
      expect(titles.rows.map((row) => row.title)).toEqual(['Amélie', 'Café € Society']);
    });

    it('says a UTF-8 file is UTF-8', async () => {
      const response = await sendBytes(Buffer.from('Title,Year,Rating\nAmélie,2001,4\n', 'utf8'));

      expect(response.body).toMatchObject({ encoding: 'utf-8', imported: 1 });
    });

    it('answers a file whose bytes were replaced by U+FFFD on the way 400, saying to save it as UTF-8, and stores nothing', async () => {
      const response = await importCsv('Title,Year,Rating\nAm\ufffdlie,2001,4\nHeat,1995,5\n');

      expect(response).toMatchObject({
        statusCode: 400,
        headers: { 'content-type': 'application/problem+json' },
        body: {
          detail:
            'the file holds U+FFFD, the mark of bytes that were not UTF-8 and were lost on the way: save it as UTF-8 ' +
            '(or send its bytes as they are) and import it again',
        },
      });
      expect(await myRatings()).toEqual([]);
    });
  });

  describe('a report that stays small whatever the upload', () => {
    const reportBytes = (response: { body: unknown }) => Buffer.byteLength(JSON.stringify(response.body));
    const LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;
    const upTo1MiB = (header: string, row: (index: number) => string) => {
      const lines = [header];
      let bytes = Buffer.byteLength(header) + 1;
      for (let index = 0; ; index++) {
        const line = row(index);
        if (bytes + Buffer.byteLength(line) + 1 > 1024 * 1024) break;
        lines.push(line);
        bytes += Buffer.byteLength(line) + 1;
      }
      return { csv: lines.join('\n') + '\n', rows: lines.length - 1 };
    };

    it('lists the first 100 unmatched and the first 100 invalid rows, and counts them all', async () => {
      const rows = [
        ...Array.from({ length: 101 }, (_, index) => `No Such Film ${index},2000,3`),
        ...Array.from({ length: 100 }, () => 'Heat,1995,9'),
        'Heat,1995,4',
      ];

      const response = await importCsv(`Title,Year,Rating\n${rows.join('\n')}\n`);

      const report = ImportReport.parse(response.body);
      expect(report).toMatchObject({ rows: 202, imported: 1, unmatched_count: 101, invalid_count: 100 });
      expect(report.unmatched.map(({ row }) => row)).toEqual(Array.from({ length: 100 }, (_, index) => index + 2));
      expect(report.invalid.map(({ row }) => row)).toEqual(Array.from({ length: 100 }, (_, index) => index + 103));
    });

    it('answers 1 MiB of unmatched rows with 200-character titles in a report far under the 6 MB response limit', async () => {
      const title = (index: number) => `${index} ${'"'.repeat(200 - String(index).length - 1)}`;
      const { csv, rows } = upTo1MiB('Title,Year,Rating', (index) => `"${title(index).replaceAll('"', '""')}",2000,3`);

      const response = await importCsv(csv);

      expect(response.body).toMatchObject({ rows, unmatched_count: rows, invalid_count: 0 });
      expect((response.body as ImportReport).unmatched).toHaveLength(100);
      expect(reportBytes(response)).toBeLessThan(LAMBDA_RESPONSE_LIMIT / 50);
    });

    it('answers 1 MiB of invalid rows in a report far under the 6 MB response limit', async () => {
      const { csv, rows } = upTo1MiB('Title,Year,Rating', () => ',,');

      const response = await importCsv(csv);

      expect(response.body).toMatchObject({ rows, invalid_count: rows, unmatched_count: 0 });
      expect((response.body as ImportReport).invalid).toHaveLength(100);
      expect(reportBytes(response)).toBeLessThan(LAMBDA_RESPONSE_LIMIT / 50);
    });
  });

  describe('refusals, each storing nothing', () => {
    let before: string;
    beforeEach(async () => {
      await services.ratings.rateAsUser({ movieId: film.heat!, value: 2, userId: user.id });
      before = await stored(services);
    });
    afterEach(async () => {
      expect(await stored(services)).toBe(before);
    });

    it('answers an anonymous import 401', async () => {
      const response = await invokeRoute(importMyRatingsRoute, importMyRatings, services, {
        body: 'Title,Year,Rating\nHeat,1995,5\n',
        headers: CSV,
      });

      expect(response).toMatchObject({ statusCode: 401, headers: { 'www-authenticate': expect.stringMatching(/^Bearer/) } });
    });

    it.each([
      ['application/json', JSON.stringify({ title: 'Heat' })],
      ['application/x-www-form-urlencoded', 'Title=Heat&Year=1995&Rating=5'],
    ])('answers a %s body 415', async (contentType, body) => {
      const response = await importCsv(body, { headers: { 'content-type': contentType } });

      expect(response).toMatchObject({ statusCode: 415, headers: { 'content-type': 'application/problem+json' } });
    });

    it('answers a header row of neither format 400, naming the columns it needs', async () => {
      const response = await importCsv('Film,Stars\nHeat,5\n');

      expect(response).toMatchObject({
        statusCode: 400,
        body: {
          detail:
            "the header row must name the columns of IMDb's ratings export (Const, Your Rating, Title, Year) " +
            "or of Letterboxd's format (Title, Year, Rating); it names: Film, Stars",
        },
      });
    });

    it('answers a body over 1 MiB 413', async () => {
      const response = await importCsv(`Title,Year,Rating\n${'Heat,1995,5\n'.repeat(100_000)}`);

      expect(response).toMatchObject({ statusCode: 413, body: { detail: expect.stringMatching(/the limit is 1048576$/) } });
    });

    it('answers an empty body 400', async () => {
      expect((await importCsv('')).statusCode).toBe(400);
    });

    it('answers one enormous field 400, promptly', async () => {
      const response = await importCsv(`Title,Year,Rating\n"${'x'.repeat(1_000_000)}",1995,5\n`);

      expect(response).toMatchObject({ statusCode: 400, body: { detail: 'the CSV cannot be read: row 2 is over 10000 characters' } });
    });

    it('answers a file of 100,000 empty lines 400: it has no header row', async () => {
      const response = await importCsv('\n'.repeat(100_000));

      expect(response).toMatchObject({ statusCode: 400, body: { detail: 'the CSV has no header row' } });
    });

    it('answers a header followed by 100,000 empty lines with a report of no rows', async () => {
      const response = await importCsv(`Title,Year,Rating${'\r\n'.repeat(100_000)}`);

      expect(response).toMatchObject({ statusCode: 200, body: { format: 'letterboxd', rows: 0, imported: 0 } });
    });

    it('answers dry_run other than true or false 400', async () => {
      const response = await importCsv('Title,Year,Rating\nHeat,1995,5\n', { query: { dry_run: 'yes' } });

      expect(response).toMatchObject({ statusCode: 400, body: { errors: [{ path: 'dry_run', message: 'must be true or false' }] } });
    });
  });
});
