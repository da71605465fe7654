import { exportMyRatings } from '../../functions/users/exportMyRatings';
import { importMyRatings } from '../../functions/users/importMyRatings';
import { buildOpenApiDocument } from '../../lib/openapi/document';
import { exportMyRatingsRoute, importMyRatingsRoute } from '../../lib/schemas/routes/portable';
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
      'Title,Year,Directors,Rating,WatchedDate\r\n' +
        '"Crouching Tiger, Hidden Dragon",2000,Ang Lee,5,2023-01-02\r\n' +
        'Heat,1995,Michael Mann,4,2024-03-05\r\n' +
        '"The ""Quoted"" One",,,1,2025-07-08\r\n',
    );
  });

  it('answers only the header row to a caller with no ratings', async () => {
    const response = await exportOf(user.headers);

    expect(response).toMatchObject({ statusCode: 200, body: 'Title,Year,Directors,Rating,WatchedDate\r\n' });
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

  it('is declared in the OpenAPI document: a text/csv body with Content-Disposition, and the CSV the import takes', () => {
    const document = buildOpenApiDocument([exportMyRatingsRoute, importMyRatingsRoute]);

    const exported = document.paths!['/users/me/ratings/export/']!.get!;
    expect(exported.responses!['200']).toMatchObject({
      content: { 'text/csv; charset=utf-8': { schema: { type: 'string' } } },
      headers: { 'Content-Disposition': { required: true, schema: { type: 'string' } } },
    });
    const imports = document.paths!['/users/me/ratings/import/']!.post!;
    expect(imports.requestBody).toMatchObject({ required: true, content: { 'text/csv': { schema: { type: 'string' } } } });
    expect(imports.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'dry_run', in: 'query' })]));
    expect(Object.keys(imports.responses!).sort()).toEqual(['200', '400', '401', '409', '413', '415', '422', '429', '500', '503', '504']);
    expect(imports.responses!['413']).toMatchObject({ description: 'the body is over 1 MiB' });
  });
});
