import { uniqueEmail } from '../support/auth';
import { api, createMovie, fetchApi } from './http';

async function register(): Promise<Record<string, string>> {
  const response = await api('/auth/register/', { method: 'POST', body: { email: uniqueEmail('portable'), password: 'an-e2e-password' } });
  if (response.status !== 201) throw new Error(`could not register: ${response.status}`);
  return { authorization: `Bearer ${(response.body as { access_token: string }).access_token}` };
}

/**
 * A file of ratings in and out over real HTTP (serverless-offline): the CSV travels as bytes, a BOM, accents, CRLF and
 * quoted commas and quotes included, and comes back a file that imports into another account exactly.
 */
describe('your ratings, portable, over HTTP', () => {
  const run = `${process.pid}-${Date.now()}`;

  it('imports a Letterboxd file, exports it, and the export re-imports into another account exactly', async () => {
    const [ann, bob] = [await register(), await register()];
    const films = [
      { title: `Amélie ${run}`, year: 2001 },
      { title: `Crouching Tiger, Hidden Dragon ${run}`, year: 2000 },
      { title: `Say "Cheese" ${run}`, year: 1999 },
    ];
    const ids = [];
    for (const film of films) ids.push((await createMovie(film)).id);
    const file =
      '\ufeffTitle,Year,Rating,WatchedDate\r\n' +
      `AMELIE ${run},2001,4.5,2024-01-01\r\n` +
      `"Crouching Tiger, Hidden Dragon ${run}",2000,3,\r\n` +
      `"Say ""Cheese"" ${run}",1999,0.5,\r\n` +
      `Nothing Like It ${run},1990,2,\r\n`;

    const imported = await fetchApi('/users/me/ratings/import/', {
      method: 'POST',
      headers: { ...ann, 'content-type': 'text/csv; charset=utf-8' },
      body: Buffer.from(file, 'utf8'),
    });
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({
      format: 'letterboxd',
      rows: 4,
      imported: 3,
      unmatched: [{ row: 5, reason: 'no film with this title and year' }],
    });

    const exported = await fetchApi('/users/me/ratings/export/', { headers: ann });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="ratings.csv"');
    const csv = await exported.text();
    expect(csv.split('\r\n')[0]).toBe('Title,Year,Directors,Rating,WatchedDate,MovieID');
    expect(csv).toContain(`"Crouching Tiger, Hidden Dragon ${run}",2000,,3,`);
    expect(csv).toContain(`Amélie ${run},2001,,5,`);

    const again = await fetchApi('/users/me/ratings/import/', {
      method: 'POST',
      headers: { ...bob, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(await again.json()).toMatchObject({ rows: 3, imported: 3, unmatched: [], invalid: [] });
    const ratingsOf = async (headers: Record<string, string>) => {
      const page = await api('/users/me/ratings/?page_size=100', { headers });
      return (page.body as { results: { movie: { id: number }; value: number }[] }).results
        .map((entry) => [entry.movie.id, entry.value])
        .sort((a, b) => a[0]! - b[0]!);
    };
    expect(await ratingsOf(bob)).toEqual(await ratingsOf(ann));
    expect(await ratingsOf(bob)).toEqual([
      [ids[0], 5],
      [ids[1], 3],
      [ids[2], 1],
    ]);
  });

  it("imports Letterboxd's ratings.csv with mixed line endings; its export neutralises formulas and re-imports exactly, a later twin film of the same title and year notwithstanding", async () => {
    const [ann, bob] = [await register(), await register()];
    const formula = await createMovie({ title: `=HYPERLINK("http://x") ${run}`, year: 2000 });
    const twin = await createMovie({ title: `Twin ${run}`, year: 1999 });
    const file =
      'Date,Name,Year,Letterboxd URI,Rating\r\n' +
      `2024-01-01,"=HYPERLINK(""http://x"") ${run}",2000,https://boxd.it/1,2\n` +
      `2024-01-02,Twin ${run},1999,https://boxd.it/2,4.5\r\n`;

    const imported = await fetchApi('/users/me/ratings/import/', {
      method: 'POST',
      headers: { ...ann, 'content-type': 'text/csv' },
      body: file,
    });
    expect(await imported.json()).toMatchObject({ format: 'letterboxd', encoding: 'utf-8', rows: 2, imported: 2, invalid_count: 0 });
    await createMovie({ title: `Twin ${run}`, year: 1999 });

    const csv = await (await fetchApi('/users/me/ratings/export/', { headers: ann })).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://x"") ${run}",2000,,2,`);
    const again = await fetchApi('/users/me/ratings/import/', {
      method: 'POST',
      headers: { ...bob, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(await again.json()).toMatchObject({ rows: 2, imported: 2, unmatched_count: 0, invalid_count: 0 });
    const mine = await api('/users/me/ratings/?page_size=100', { headers: bob });
    expect(
      (mine.body as { results: { movie: { id: number }; value: number }[] }).results.map((entry) => [entry.movie.id, entry.value]).sort(),
    ).toEqual(
      [
        [formula.id, 2],
        [twin.id, 5],
      ].sort(),
    );
  });

  it('answers 1 MiB of unmatched rows with a report of the first 100 and the totals', async () => {
    const ann = await register();
    const row = (index: number) => `No film ${run} ${index} ${'x'.repeat(150)},2000,3\n`;
    const lines = ['Title,Year,Rating\n'];
    let bytes = lines[0]!.length;
    while (bytes + row(lines.length).length <= 1024 * 1024) bytes += lines[lines.push(row(lines.length)) - 1]!.length;
    const file = lines.join('');
    const rows = lines.length - 1;

    const response = await fetchApi('/users/me/ratings/import/', {
      method: 'POST',
      headers: { ...ann, 'content-type': 'text/csv' },
      body: file,
    });

    expect(response.status).toBe(200);
    const report = (await response.json()) as { unmatched: unknown[]; unmatched_count: number; rows: number };
    expect(report).toMatchObject({ rows, unmatched_count: rows });
    expect(report.unmatched).toHaveLength(100);
  });

  it('refuses bytes that are not UTF-8 over HTTP: raw 0xFF in a JSON title, and a Latin-1 CSV, each a 400 storing nothing', async () => {
    const ann = await register();
    const title = `Latin ${run}`;

    const json = await fetchApi('/movies/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat([Buffer.from(`{"title":"${title} `), Buffer.from([0xff, 0xff]), Buffer.from('"}')]),
    });
    const csv = await fetchApi('/users/me/ratings/import/', {
      method: 'POST',
      headers: { ...ann, 'content-type': 'text/csv' },
      body: Buffer.from(`Title,Year,Rating\r\nAm\xe9lie ${run},2001,4\r\n`, 'latin1'),
    });

    expect(json.status).toBe(400);
    expect(json.headers.get('content-type')).toBe('application/problem+json');
    expect(await json.json()).toMatchObject({ detail: 'the body is not valid UTF-8' });
    expect(csv.status).toBe(400);
    expect(await csv.json()).toMatchObject({ detail: expect.stringMatching(/save it as UTF-8/) });
    const found = await api(`/movies/?search=${encodeURIComponent(title)}`);
    expect(found.body).toMatchObject({ count: 0 });
  });

  it('refuses JSON with 415 and a file of neither format with 400, over HTTP', async () => {
    const ann = await register();

    const json = await api('/users/me/ratings/import/', { method: 'POST', headers: ann, body: { title: 'Heat' } });
    const neither = await fetchApi('/users/me/ratings/import/', {
      method: 'POST',
      headers: { ...ann, 'content-type': 'text/csv' },
      body: 'Film,Stars\nHeat,5\n',
    });

    expect(json.status).toBe(415);
    expect(neither.status).toBe(400);
    expect(neither.headers.get('content-type')).toBe('application/problem+json');
  });

  it('keeps a watchlist: add, list, and rating takes the film off', async () => {
    const ann = await register();
    const movie = await createMovie({ title: `Watch me ${run}` });

    expect((await api(`/users/me/watchlist/${movie.id}/`, { method: 'PUT', headers: ann })).status).toBe(204);
    const listed = await api('/users/me/watchlist/', { headers: ann });
    expect(listed.body).toMatchObject({ count: 1, results: [{ movie: { id: movie.id } }] });
    await api('/ratings/', { method: 'POST', headers: ann, body: { movie: movie.id, value: 4 } });
    expect((await api('/users/me/watchlist', { headers: ann })).body).toMatchObject({ count: 0, results: [] });
    expect((await api(`/users/me/watchlist/${movie.id}`, { method: 'DELETE', headers: ann })).status).toBe(204);
  });
});
