import { getMovieRoute, regenerateSummaryRoute } from '../../lib/schemas/routes/movies';
import { getMovie } from '../../functions/movies/getMovie';
import { regenerateSummary } from '../../functions/movies/regenerateSummary';
import { signUp } from '../support/auth';
import { createTempFileDatabase, type TempFileDatabase } from '../support/database';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, fakeSummaryGenerator, type TestServices } from '../support/services';

const LLM = 'openai:gpt-4o-mini';

describe('the LLM budget (LLM_MAX_CALLS_PER_HOUR)', () => {
  let services: TestServices;
  let generator: ReturnType<typeof fakeSummaryGenerator>;
  let clock: number;
  beforeEach(async () => {
    clock = Date.UTC(2026, 0, 1, 12, 0, 0);
    generator = fakeSummaryGenerator('A summary from the LLM.', LLM);
    services = await createTestServices({ generator, env: { LLM_MAX_CALLS_PER_HOUR: '3' }, clock: () => clock });
  });

  const read = (id: number, on = services) => invokeRoute(getMovieRoute, getMovie, on, { params: { id } });
  const regenerate = (id: number, headers: Record<string, string>) =>
    invokeRoute(regenerateSummaryRoute, regenerateSummary, services, { params: { id }, headers });
  const newMovies = async (count: number, on = services) => {
    const made = [];
    for (let i = 0; i < count; i++) made.push(await on.movies.create({ title: `Film ${i}`, year: 2000 + i, genres: ['Drama'] }));
    return made;
  };
  const storedSummary = async (id: number) =>
    (await services.db.execute({ sql: 'SELECT summary FROM movies WHERE id = ?', args: [id] })).rows[0]!.summary;
  const budgetWarnings = () => (services.logger.warn as jest.Mock).mock.calls.filter(([message]) => /budget/i.test(String(message)));

  it('makes at most LLM_MAX_CALLS_PER_HOUR generations: five first reads make three calls and five 200 answers', async () => {
    const movies = await newMovies(5);

    const answers = [];
    for (const movie of movies) answers.push(await read(movie.id));

    expect(generator.generate).toHaveBeenCalledTimes(3);
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.slice(0, 3).map((answer) => (answer.body as { summary_source: string }).summary_source)).toEqual([LLM, LLM, LLM]);
  });

  it('answers past the budget with the facts-based summary, storing nothing, so a later read may still get the LLM', async () => {
    const movies = await newMovies(4);
    for (const movie of movies.slice(0, 3)) await read(movie.id);

    const past = await read(movies[3]!.id);

    expect(past.statusCode).toBe(200);
    expect(past.body).toMatchObject({ id: movies[3]!.id, summary: expect.stringContaining('Film 3'), summary_source: 'facts' });
    expect(await storedSummary(movies[3]!.id)).toBeNull();
  });

  it('logs one warning per window, however many reads go past the budget', async () => {
    const movies = await newMovies(6);

    for (const movie of movies) await read(movie.id);

    expect(budgetWarnings()).toHaveLength(1);
  });

  it('generates again once the hour has rolled, and warns again in the next spent window', async () => {
    const movies = await newMovies(5);
    for (const movie of movies.slice(0, 4)) await read(movie.id);
    expect(generator.generate).toHaveBeenCalledTimes(3);
    clock += 60 * 60 * 1000;

    const rolled = await read(movies[3]!.id);

    expect(generator.generate).toHaveBeenCalledTimes(4);
    expect(rolled.body).toMatchObject({ summary: 'A summary from the LLM.', summary_source: LLM });
    expect(await storedSummary(movies[3]!.id)).toBe('A summary from the LLM.');
  });

  it("counts an admin's regeneration against the budget, and answers it 503 with Retry-After when spent, keeping the stored summary", async () => {
    const admin = (await signUp(services, { role: 'admin' })).headers;
    const movies = await newMovies(3);
    await read(movies[0]!.id);
    expect((await regenerate(movies[0]!.id, admin)).statusCode).toBe(200);
    await read(movies[1]!.id);
    expect(generator.generate).toHaveBeenCalledTimes(3);

    const refused = await regenerate(movies[0]!.id, admin);
    const fallback = await read(movies[2]!.id);

    expect(refused).toMatchObject({ statusCode: 503, headers: { 'content-type': 'application/problem+json' }, body: { status: 503 } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
    expect(generator.generate).toHaveBeenCalledTimes(3);
    expect(await storedSummary(movies[0]!.id)).toBe('A summary from the LLM.');
    expect((fallback.body as { summary_source: string }).summary_source).not.toBe(LLM);
  });

  describe('across instances', () => {
    let file: TempFileDatabase;
    beforeEach(() => {
      file = createTempFileDatabase();
    });
    afterEach(() => file.remove());

    it('shares one budget between instances on one database', async () => {
      const instances = await Promise.all(
        [fakeSummaryGenerator('One.', LLM), fakeSummaryGenerator('Two.', LLM)].map(async (writer) => ({
          writer,
          services: await createTestServices({ db: await file.open(), generator: writer, env: { LLM_MAX_CALLS_PER_HOUR: '3' } }),
        })),
      );
      const [one, two] = instances as [(typeof instances)[0], (typeof instances)[0]];
      const movies = await newMovies(4, one.services);

      await read(movies[0]!.id, one.services);
      await read(movies[1]!.id, two.services);
      await read(movies[2]!.id, one.services);
      const past = await read(movies[3]!.id, two.services);

      expect(one.writer.generate.mock.calls.length + two.writer.generate.mock.calls.length).toBe(3);
      expect((past.body as { summary_source: string }).summary_source).not.toBe(LLM);
    });
  });
});
