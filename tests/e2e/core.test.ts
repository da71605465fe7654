import { api, client, createMovie } from './http';

const expectProblem = (response: { status: number; headers: Headers; body: unknown }, status: number) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.body).toMatchObject({ type: 'about:blank', status, title: expect.any(String) });
  expect(JSON.stringify(response.body)).not.toMatch(/at .*\(|SQLITE|\/work\/|node_modules/);
};

describe('health', () => {
  it.each(['/health/', '/health'])('GET %s answers 200 {"status":"ok"}', async (path) => {
    const response = await api(path);

    expect(response).toMatchObject({ status: 200, body: { status: 'ok' } });
  });
});

describe('movies', () => {
  it.each(['/movies/', '/movies'])('POST %s creates a movie with a Location', async (path) => {
    const response = await api(path, { method: 'POST', body: { title: ' Inception ', genres: ['Thriller'], year: 2010 } });

    expect(response.status).toBe(201);
    const movie = response.body as { id: number };
    expect(response.body).toMatchObject({ title: 'Inception', rating: null, rating_count: 0, genres: ['Thriller'], year: 2010 });
    expect(response.headers.get('location')).toBe(`/movies/${movie.id}/`);
  });

  it.each(['/', ''])('GET /movies/{id}%s answers the movie with a summary', async (slash) => {
    const movie = await createMovie({ title: 'Summarised' });

    const response = await api(`/movies/${movie.id}${slash}`);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: movie.id,
      title: 'Summarised',
      summary: expect.any(String),
      summary_source: expect.any(String),
    });
  });

  it('serves the same stored summary on every read', async () => {
    const movie = await createMovie({ title: 'Stable' });

    const first = await client().getMovie({ params: { id: movie.id } });
    const second = await client().getMovie({ params: { id: movie.id } });

    expect(first.status).toBe(200);
    expect(second.body).toMatchObject({ summary: (first.body as { summary: string }).summary });
  });

  it('answers 404 for an unknown movie', async () => {
    expectProblem(await client().getMovie({ params: { id: 987654321 } }), 404);
  });

  it.each(['abc', '0', '-1', '1.5', '%20', '1e3', '99999999999999999999'])('answers 400 for the malformed id %s', async (id) => {
    const response = await api(`/movies/${id}/`);

    expectProblem(response, 400);
    expect(response.body).toMatchObject({ errors: [{ path: 'id' }] });
  });

  it.each([
    ['malformed JSON', '{"title": "x",'],
    ['an array', '[{"title": "x"}]'],
    ['a string', '"Inception"'],
    ['null', 'null'],
    ['an empty body', ''],
  ])('answers 400 for %s', async (_name, raw) => {
    expectProblem(await api('/movies/', { method: 'POST', body: raw }), 400);
  });

  it('answers 413 for a 2 MB body and stores nothing', async () => {
    const response = await api('/movies/', { method: 'POST', body: { title: 'x'.repeat(2 * 1024 * 1024) } });

    expectProblem(response, 413);
  });

  it.each([["Robert'); DROP TABLE movies;--"], ['Amélie 🎬 千と千尋の神隠し'], ["1' OR '1'='1"]])(
    'stores the title %s verbatim',
    async (title) => {
      const movie = await createMovie({ title });

      const read = await client().getMovie({ params: { id: movie.id } });

      expect(read.body).toMatchObject({ title });
    },
  );

  it('answers 400 with every invalid field', async () => {
    const response = await api('/movies/', { method: 'POST', body: { title: '', year: 1500, genres: 'Drama' } });

    expectProblem(response, 400);
    expect((response.body as { errors: { path: string }[] }).errors.map((e) => e.path).sort()).toEqual(['genres', 'title', 'year']);
  });
});

describe('ratings', () => {
  it.each(['/ratings/', '/ratings'])('POST %s records a rating and the exact average', async (path) => {
    const movie = await createMovie();

    const first = await api(path, { method: 'POST', body: { movie: movie.id, value: 5 } });
    await api(path, { method: 'POST', body: { movie: movie.id, value: 2 } });

    expect(first).toMatchObject({ status: 201, body: { movie: movie.id, value: 5, user: null } });
    expect((await client().getMovie({ params: { id: movie.id } })).body).toMatchObject({ rating: 3.5, rating_count: 2 });
  });

  it('answers 404 for an unknown movie', async () => {
    expectProblem(await client().createRating({ body: { movie: 987654321, value: 3 } }), 404);
  });

  it.each([[0], [6], [-1], [2.5], ['3'], [null], [true]])('answers 400 for the value %j and changes nothing', async (value) => {
    const movie = await createMovie();

    const response = await api('/ratings/', { method: 'POST', body: { movie: movie.id, value } });

    expectProblem(response, 400);
    expect(response.body).toMatchObject({ errors: [{ path: 'value', message: 'must be an integer from 1 to 5' }] });
    expect((await client().getMovie({ params: { id: movie.id } })).body).toMatchObject({ rating: null, rating_count: 0 });
  });

  it('keeps all of 100 concurrent ratings on one movie and an exact average', async () => {
    const movie = await createMovie({ title: 'Rush hour' });
    const values = Array.from({ length: 100 }, (_, i) => (i % 5) + 1);

    const responses = await Promise.all(values.map((value) => client().createRating({ body: { movie: movie.id, value } })));

    expect(responses.map((r) => r.status)).toEqual(values.map(() => 201));
    expect(new Set(responses.map((r) => (r.body as { id: number }).id)).size).toBe(100);
    expect((await client().getMovie({ params: { id: movie.id } })).body).toMatchObject({ rating: 3, rating_count: 100 });
  });
});
