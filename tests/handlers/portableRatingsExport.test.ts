import { exportMyRatings } from '../../functions/portableRatings/exportMyRatings';
import { importMyRatings } from '../../functions/portableRatings/importMyRatings';
import { buildOpenApiDocument } from '../../lib/openapi/document';
import { exportMyRatingsRoute, importMyRatingsRoute } from '../../lib/schemas/routes/portableRatings';
import { signUp } from '../support/auth';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

describe('GET /users/me/ratings/export/ (exportMyRatings)', () => {
  let services: TestServices;
  let user: Awaited<ReturnType<typeof signUp>>;

  beforeEach(async () => {
    services = await createTestServices();
    user = await signUp(services);
  });

  const exportOf = (headers: Record<string, string>) => invokeRoute(exportMyRatingsRoute, exportMyRatings, services, { headers });
  const ratingsOf = async (userId: number) =>
    (
      await services.db.execute({ sql: 'SELECT movie_id, value FROM ratings WHERE user_id = ? ORDER BY movie_id', args: [userId] })
    ).rows.map((row) => [row.movie_id, row.value]);
  const rateAt = async (movieId: number, value: number, at: string, userId = user.id) => {
    await services.ratings.rateAsUser({ movieId, value, userId });
    await services.db.execute({ sql: 'UPDATE ratings SET updated_at = ? WHERE movie_id = ? AND user_id = ?', args: [at, movieId, userId] });
  };
  const director = async (movieId: number, name: string) =>
    services.db.execute({ sql: 'UPDATE movies SET director = ? WHERE id = ?', args: [name, movieId] });

  it("answers the caller's ratings as a CSV file to download, oldest first, quoted where need be", async () => {
    const heat = (await services.movies.create({ title: 'Heat', year: 1995, genres: [] })).id;
    const tiger = (await services.movies.create({ title: 'Crouching Tiger, Hidden Dragon', year: 2000, genres: [] })).id;
    const quoted = (await services.movies.create({ title: 'The "Quoted" One', genres: [] })).id;
    await director(tiger, 'Ang Lee');
    await director(heat, 'Michael Mann');
    await rateAt(heat, 4, '2024-03-05T10:00:00.000Z');
    await rateAt(tiger, 5, '2023-01-02T23:59:59.999Z');
    await rateAt(quoted, 1, '2025-07-08T00:00:00.000Z');
    const other = await signUp(services);
    await rateAt(heat, 2, '2020-01-01T00:00:00.000Z', other.id);
    await services.ratings.rate({ movieId: heat, value: 3 });

    const response = await exportOf(user.headers);

    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="ratings.csv"',
    });
    expect(response.body).toBe(
      'Title,Year,Directors,Rating,WatchedDate,MovieID\r\n' +
        `"Crouching Tiger, Hidden Dragon",2000,Ang Lee,5,2023-01-02,${tiger}\r\n` +
        `Heat,1995,Michael Mann,4,2024-03-05,${heat}\r\n` +
        `"The ""Quoted"" One",,,1,2025-07-08,${quoted}\r\n`,
    );
  });

  it('neutralises every cell a spreadsheet would run as a formula, and the file re-imports into another account exactly', async () => {
    const titles = ['=HYPERLINK("http://x")', '+cmd', '@SUM(1)', '-2+3', "'=quoted already"];
    const ids: number[] = [];
    for (const [index, title] of titles.entries()) {
      ids.push((await services.movies.create({ title, year: 2000, genres: [] })).id);
      await rateAt(ids[index]!, 3, `2024-01-0${index + 1}T00:00:00.000Z`);
    }
    await director(ids[0]!, '=cmd|"/C calc"!A0');

    const file = await exportOf(user.headers);

    expect((file.body as string).split('\r\n').slice(1, 6)).toEqual([
      expect.stringMatching(/^"'=HYPERLINK\(""http:\/\/x""\)",2000,"'=cmd\|""\/C calc""!A0",3,/),
      expect.stringMatching(/^"'\+cmd",2000,,3,/),
      expect.stringMatching(/^"'@SUM\(1\)",2000,,3,/),
      expect.stringMatching(/^"'-2\+3",2000,,3,/),
      expect.stringMatching(/^"''=quoted already",2000,,3,/),
    ]);
    const other = await signUp(services);
    const imported = await invokeRoute(importMyRatingsRoute, importMyRatings, services, {
      body: file.body as string,
      headers: { 'content-type': 'text/csv', ...other.headers },
    });
    expect(imported.body).toMatchObject({ imported: titles.length, unmatched: [], invalid: [] });
    expect(await ratingsOf(other.id)).toEqual(await ratingsOf(user.id));
  });

  it('re-imports exactly when another film of the same title and year came after: the file names each film on this API', async () => {
    const first = (await services.movies.create({ title: 'Twin Film', year: 1999, genres: [] })).id;
    await rateAt(first, 4, '2024-02-03T00:00:00.000Z');
    const second = (await services.movies.create({ title: 'Twin Film', year: 1999, genres: [] })).id;
    const other = await signUp(services);

    const file = await exportOf(user.headers);
    const imported = await invokeRoute(importMyRatingsRoute, importMyRatings, services, {
      body: file.body as string,
      headers: { 'content-type': 'text/csv', ...other.headers },
    });

    expect(file.body).toBe(`Title,Year,Directors,Rating,WatchedDate,MovieID\r\nTwin Film,1999,,4,2024-02-03,${first}\r\n`);
    expect(imported.body).toMatchObject({ imported: 1, unmatched: [], invalid: [] });
    expect(await ratingsOf(other.id)).toEqual([[first, 4]]);
    expect(second).not.toBe(first);
  });

  it('answers only the header row to a caller with no ratings', async () => {
    const response = await exportOf(user.headers);

    expect(response).toMatchObject({ statusCode: 200, body: 'Title,Year,Directors,Rating,WatchedDate,MovieID\r\n' });
  });

  it('answers an anonymous caller 401', async () => {
    expect((await exportOf({})).statusCode).toBe(401);
  });

  it('re-imports into another account exactly: every rating of films in the catalogue', async () => {
    const titles = ['Amélie', 'Crouching Tiger, Hidden Dragon', 'Say "Cheese"', '  Spaced Out ', 'Line\u2028Sep', 'Ünïcödé'];
    const ids: number[] = [];
    for (const [index, title] of titles.entries()) {
      ids.push((await services.movies.create({ title, year: index % 2 === 0 ? 1990 + index : null, genres: [] })).id);
    }
    await director(ids[1]!, 'Lee, Ang');
    // Two films of one title and year, told apart by their directors, which the export writes.
    for (const name of ['First Director', 'Second Director']) {
      const twin = (await services.movies.create({ title: 'Twins', year: 1988, genres: [] })).id;
      await director(twin, name);
      ids.push(twin);
    }
    for (const [index, id] of ids.entries()) await services.ratings.rateAsUser({ movieId: id, value: (index % 5) + 1, userId: user.id });
    const other = await signUp(services);

    const file = await exportOf(user.headers);
    const imported = await invokeRoute(importMyRatingsRoute, importMyRatings, services, {
      body: file.body as string,
      headers: { 'content-type': 'text/csv', ...other.headers },
    });

    expect(imported.body).toMatchObject({ format: 'letterboxd', rows: ids.length, imported: ids.length, unmatched: [], invalid: [] });
    expect(await ratingsOf(other.id)).toEqual(await ratingsOf(user.id));
  });

  describe('an account too large for one file', () => {
    /** 200-character titles of quotes, each doubled by CSV: about 430 bytes a row, the most a title can take. */
    const RATINGS = 2600;
    const longTitle = (index: number) => `${index} ${'"'.repeat(199 - String(index).length)}`;
    const partsOf = async (headers: Record<string, string>) => {
      const parts: { body: string; link: string | undefined; lambdaBytes: number }[] = [];
      let query: Record<string, string> | undefined;
      for (;;) {
        const response = await invokeRoute(exportMyRatingsRoute, exportMyRatings, services, { headers, query });
        expect(response.statusCode).toBe(200);
        const link = response.headers['link'];
        parts.push({ body: response.body as string, link, lambdaBytes: Buffer.byteLength(JSON.stringify(response)) });
        if (!link) return parts;
        const next = new URL(/^<([^>]+)>; rel="next"$/.exec(link)![1]!, 'http://localhost');
        expect(next.pathname).toBe('/users/me/ratings/export/');
        query = Object.fromEntries(next.searchParams);
      }
    };

    beforeEach(async () => {
      await services.catalogue.importFilms(
        Array.from({ length: RATINGS }, (_, index) => ({
          title: longTitle(index),
          year: 2000,
          genres: [],
          director: null,
          running_time_min: null,
          import_key: `long-${index}`,
        })),
      );
      await services.db.execute({
        sql: 'INSERT INTO ratings (movie_id, user_id, value) SELECT id, ?, 1 + id % 5 FROM movies',
        args: [user.id],
      });
    });

    it('answers it in parts of at most 1 MiB, each naming the next in a Link header, every rating once', async () => {
      const parts = await partsOf(user.headers);

      expect(parts.length).toBe(2);
      for (const { body, lambdaBytes } of parts) {
        expect(Buffer.byteLength(body)).toBeLessThanOrEqual(1024 * 1024);
        expect(lambdaBytes).toBeLessThan(6 * 1024 * 1024);
      }
      // The first part is full: one row more would have passed the bound.
      expect(Buffer.byteLength(parts[0]!.body)).toBeGreaterThan(1024 * 1024 - 500);
      const rows = parts.flatMap(({ body }) => body.split('\r\n').slice(1, -1));
      expect(rows).toHaveLength(RATINGS);
      expect(new Set(rows.map((row) => row.split(',').at(-1))).size).toBe(RATINGS);
      expect(parts.map(({ body }) => body.split('\r\n')[0])).toEqual([
        'Title,Year,Directors,Rating,WatchedDate,MovieID',
        'Title,Year,Directors,Rating,WatchedDate,MovieID',
      ]);
    });

    it('gives parts that each import into another account, all of them every rating', async () => {
      const other = await signUp(services);

      for (const { body } of await partsOf(user.headers)) {
        const imported = await invokeRoute(importMyRatingsRoute, importMyRatings, services, {
          body,
          headers: { 'content-type': 'text/csv', ...other.headers },
        });
        expect(imported).toMatchObject({ statusCode: 200, body: { unmatched_count: 0, invalid_count: 0 } });
      }

      expect(await ratingsOf(other.id)).toEqual(await ratingsOf(user.id));
    });

    it('answers a cursor it never gave 400', async () => {
      const response = await invokeRoute(exportMyRatingsRoute, exportMyRatings, services, {
        headers: user.headers,
        query: { after: 'nonsense' },
      });

      expect(response).toMatchObject({
        statusCode: 400,
        body: { errors: [{ path: 'after', message: 'must be the cursor of a Link header of this export' }] },
      });
    });
  });

  it('is declared in the OpenAPI document: a text/csv body with Content-Disposition, and the CSV the import takes', () => {
    const document = buildOpenApiDocument([exportMyRatingsRoute, importMyRatingsRoute]);

    const exported = document.paths!['/users/me/ratings/export/']!.get!;
    expect(exported.responses!['200']).toMatchObject({
      content: { 'text/csv; charset=utf-8': { schema: { type: 'string' } } },
      headers: { 'Content-Disposition': { required: true, schema: { type: 'string' } }, Link: { required: false } },
    });
    expect(exported.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'after', in: 'query' })]));
    const imports = document.paths!['/users/me/ratings/import/']!.post!;
    expect(imports.requestBody).toMatchObject({
      required: true,
      content: { 'text/csv': { schema: { type: 'string' } }, 'application/zip': { schema: { type: 'string', format: 'binary' } } },
    });
    expect(imports.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'dry_run', in: 'query' })]));
    expect(Object.keys(imports.responses!).sort()).toEqual([
      '200',
      '400',
      '401',
      '405',
      '409',
      '413',
      '415',
      '422',
      '429',
      '500',
      '503',
      '504',
    ]);
    expect(imports.responses!['413']).toMatchObject({ description: 'the body is over 1 MiB' });
    expect(document.components!.schemas!['ImportReport']).toMatchObject({
      properties: {
        unmatched: { type: 'array', maxItems: 100 },
        invalid: { type: 'array', maxItems: 100 },
        unmatched_count: { type: 'integer', minimum: 0 },
        invalid_count: { type: 'integer', minimum: 0 },
        encoding: { type: 'string', enum: ['utf-8', 'windows-1252'] },
        files: { type: 'array' },
        watchlist: { type: 'object' },
      },
      required: expect.arrayContaining(['unmatched_count', 'invalid_count']),
    });
  });
});
