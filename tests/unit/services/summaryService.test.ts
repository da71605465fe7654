import type { Client } from '@libsql/client';
import { NotFound } from '../../../lib/errors';
import type { GenerateOptions, SummaryGenerator } from '../../../lib/llm/summaryGenerator';
import { createMoviesRepository, type MoviesRepository } from '../../../lib/repositories/moviesRepository';
import { createMovieSummariesRepository, type MovieSummariesRepository } from '../../../lib/repositories/movieSummariesRepository';
import type { Movie } from '../../../lib/schemas/movies';
import { createSummaryService, type SummaryServiceOptions } from '../../../lib/services/summaryService';
import { createMemoryDatabase, createTempFileDatabase } from '../../support/database';

const silentLogger = () => ({ warn: jest.fn(), error: jest.fn(), info: jest.fn(), debug: jest.fn() });

const generatorAnswering = (text = 'A dream inside a dream.', source = 'openai:gpt-4o-mini') =>
  ({ generate: jest.fn(async () => ({ text, source })) }) satisfies SummaryGenerator;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('summaryService', () => {
  let db: Client;
  let movies: MoviesRepository;
  let store: MovieSummariesRepository;
  let movie: Movie;

  beforeEach(async () => {
    db = await createMemoryDatabase();
    movies = createMoviesRepository(db);
    store = createMovieSummariesRepository(db);
    movie = await movies.create({ title: 'Inception', genres: ['Thriller'], year: 2010 });
  });

  const service = (overrides: Partial<SummaryServiceOptions> = {}) =>
    createSummaryService({
      store,
      generator: generatorAnswering(),
      budgetMs: 1000,
      pollIntervalMs: 10,
      logger: silentLogger(),
      ...overrides,
    });

  it('generates a summary on the first read and stores it with its source', async () => {
    const generator = generatorAnswering();

    const read = await service({ generator }).withSummary(movie);

    expect(read).toMatchObject({ summary: 'A dream inside a dream.', summary_source: 'openai:gpt-4o-mini' });
    expect(await movies.findById(movie.id)).toMatchObject({ summary: 'A dream inside a dream.', summary_source: 'openai:gpt-4o-mini' });
  });

  it('throws NotFound when the movie is deleted while its summary is rewritten: the service decides the 404', async () => {
    const generator = {
      generate: jest.fn(async () => (await movies.delete(movie.id), { text: 'Too late.', source: 'openai:gpt-4o-mini' })),
    };

    await expect(service({ generator }).regenerate(movie)).rejects.toThrow(new NotFound(`movie ${movie.id} does not exist`));
  });

  it('passes the movie fields to the generator as data', async () => {
    const generator = generatorAnswering();

    await service({ generator }).withSummary(movie);

    expect(generator.generate).toHaveBeenCalledWith(
      {
        id: movie.id,
        title: 'Inception',
        year: 2010,
        genres: ['Thriller'],
        description: null,
        director: null,
        running_time_min: null,
        external_ratings: null,
      },
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
  });

  it('costs one LLM call for any number of reads of one movie', async () => {
    const generator = generatorAnswering();
    const summaries = service({ generator });

    for (let i = 0; i < 5; i++) await summaries.withSummary((await movies.findById(movie.id))!);

    expect(generator.generate).toHaveBeenCalledTimes(1);
  });

  it('shares one generation between concurrent first reads in one container', async () => {
    const generator: SummaryGenerator = { generate: jest.fn(async () => (await delay(50), { text: 'Shared.', source: 'facts' })) };
    const summaries = service({ generator });

    const reads = await Promise.all(Array.from({ length: 10 }, () => summaries.withSummary(movie)));

    expect(generator.generate).toHaveBeenCalledTimes(1);
    expect(reads.every((read) => read.summary === 'Shared.')).toBe(true);
  });

  it('shares one generation between containers through a lease in the database', async () => {
    const file = createTempFileDatabase();
    try {
      const [first, second] = [await file.open(), await file.open()];
      const target = await createMoviesRepository(first).create({ title: 'Leased', genres: [] });
      const generator: SummaryGenerator = { generate: jest.fn(async () => (await delay(150), { text: 'Once.', source: 'facts' })) };
      const containers = [first, second].map((client) =>
        createSummaryService({
          store: createMovieSummariesRepository(client),
          generator,
          budgetMs: 2000,
          pollIntervalMs: 10,
          logger: silentLogger(),
        }),
      );

      const reads = await Promise.all([...containers, ...containers].map((summaries) => summaries.withSummary(target)));

      expect(generator.generate).toHaveBeenCalledTimes(1);
      expect(reads.map((read) => read.summary)).toEqual(['Once.', 'Once.', 'Once.', 'Once.']);
      first.close();
      second.close();
    } finally {
      file.remove();
    }
  });

  it('answers null, logs and stores nothing when the generator fails, so a later read tries again', async () => {
    const logger = silentLogger();
    const generator = {
      generate: jest.fn().mockRejectedValueOnce(new Error('upstream 500')).mockResolvedValueOnce({ text: 'Second try.', source: 'facts' }),
    };
    const summaries = service({ generator, logger });

    const failed = await summaries.withSummary(movie);

    expect(failed.summary).toBeNull();
    expect(logger.warn).toHaveBeenCalled();
    expect((await movies.findById(movie.id))?.summary).toBeNull();
    expect((await summaries.withSummary(movie)).summary).toBe('Second try.');
  });

  it('treats an empty or whitespace answer as a failure', async () => {
    const summaries = service({ generator: generatorAnswering('   \n ') });

    expect((await summaries.withSummary(movie)).summary).toBeNull();
    expect((await movies.findById(movie.id))?.summary).toBeNull();
  });

  it('gives up within its budget when the generator hangs, aborting it', async () => {
    let seenSignal: AbortSignal | undefined;
    const generator: SummaryGenerator = {
      generate: (_movie, { signal }: GenerateOptions) => {
        seenSignal = signal;
        return new Promise(() => undefined);
      },
    };

    // The generator never answers: a budget not kept leaves this read waiting until Jest's timeout fails the test.
    const read = await service({ generator, budgetMs: 100 }).withSummary(movie);

    expect(read.summary).toBeNull();
    expect(seenSignal?.aborted).toBe(true);
  });

  it('takes over a lease left behind by a crashed instance', async () => {
    await db.execute({
      sql: "UPDATE movies SET summary_lease_owner = 'crashed', summary_lease_expires_at = ? WHERE id = ?",
      args: [Date.now() - 1, movie.id],
    });
    const generator = generatorAnswering();

    const read = await service({ generator }).withSummary(movie);

    expect(read.summary).toBe('A dream inside a dream.');
    expect(generator.generate).toHaveBeenCalledTimes(1);
  });

  it('waits for a live lease instead of calling the LLM, then answers null when its budget runs out', async () => {
    await db.execute({
      sql: "UPDATE movies SET summary_lease_owner = 'busy-elsewhere', summary_lease_expires_at = ? WHERE id = ?",
      args: [Date.now() + 60_000, movie.id],
    });
    const generator = generatorAnswering();

    const read = await service({ generator, budgetMs: 100 }).withSummary(movie);

    expect(read.summary).toBeNull();
    expect(generator.generate).not.toHaveBeenCalled();
  });

  it('serves a summary another instance stored while this one waited', async () => {
    await db.execute({
      sql: "UPDATE movies SET summary_lease_owner = 'other', summary_lease_expires_at = ? WHERE id = ?",
      args: [Date.now() + 60_000, movie.id],
    });
    setTimeout(() => {
      void db.execute({ sql: "UPDATE movies SET summary = 'From elsewhere.', summary_source = 'facts' WHERE id = ?", args: [movie.id] });
    }, 30);

    const read = await service({ budgetMs: 1000 }).withSummary(movie);

    expect(read).toMatchObject({ summary: 'From elsewhere.', summary_source: 'facts' });
  });

  it('returns a movie that already has a summary without calling the LLM', async () => {
    const generator = generatorAnswering();

    await service({ generator }).withSummary({ ...movie, summary: 'Stored.', summary_source: 'facts' });

    expect(generator.generate).not.toHaveBeenCalled();
  });

  describe('when things around the generation fail', () => {
    it('answers null and logs when the summary lookup itself fails', async () => {
      const logger = silentLogger();
      const broken = { ...store, claimSummaryLease: async () => Promise.reject(new Error('database gone')) };

      const read = await service({ store: broken, logger }).withSummary(movie);

      expect(read.summary).toBeNull();
      expect(logger.error).toHaveBeenCalledWith(
        'summary lookup failed; answering without a summary',
        expect.objectContaining({ movieId: movie.id }),
      );
    });

    it('answers null and logs both failures when the lease cannot be given back after a failed generation', async () => {
      const logger = silentLogger();
      const broken = { ...store, releaseSummaryLease: async () => Promise.reject(new Error('database gone')) };
      const generator = { generate: jest.fn().mockRejectedValue(new Error('upstream 500')) };

      const read = await service({ store: broken, generator, logger }).withSummary(movie);

      expect(read.summary).toBeNull();
      expect(logger.warn).toHaveBeenCalledWith(
        'summary generation failed; answering without a summary',
        expect.objectContaining({ movieId: movie.id }),
      );
      expect(logger.error).toHaveBeenCalledWith('could not release the summary lease', expect.objectContaining({ movieId: movie.id }));
    });
  });

  describe('with the LLM budget spent', () => {
    const spent = (resetSeconds = 60) => ({
      spend: async () => ({
        allowed: false,
        policy: { name: 'llm', limit: 500, windowSeconds: 3600 },
        remaining: 0,
        resetSeconds,
        retryAfterSeconds: resetSeconds,
      }),
    });

    it('answers null, and logs, when the fallback writer fails too', async () => {
      const logger = silentLogger();
      const fallback = { generate: jest.fn(async () => Promise.reject(new Error('facts writer broke'))) };

      const read = await service({ callBudget: spent(), fallback, logger }).withSummary(movie);

      expect(read.summary).toBeNull();
      expect(logger.warn).toHaveBeenCalledWith(
        'the fallback summary writer failed; answering without a summary',
        expect.objectContaining({ movieId: movie.id }),
      );
    });

    it('answers null when the fallback writer has nothing usable to say', async () => {
      const read = await service({ callBudget: spent(), fallback: generatorAnswering('  ', 'facts') }).withSummary(movie);

      expect(read.summary).toBeNull();
    });

    it('warns once per window, with the limit and when it resumes, and again once the window has rolled', async () => {
      const logger = silentLogger();
      let clock = 1_000_000;
      const summaries = service({ callBudget: spent(60), fallback: generatorAnswering('Facts.', 'facts'), logger, now: () => clock });
      const budgetWarnings = () => logger.warn.mock.calls.filter(([message]) => String(message).startsWith('the LLM budget is spent'));

      await summaries.withSummary(movie);
      clock += 59_999;
      await summaries.withSummary(movie);
      expect(budgetWarnings()).toEqual([[expect.any(String), { maxCallsPerHour: 500, resumesInSeconds: 60 }]]);

      clock += 1; // the window of 60 s has rolled
      await summaries.withSummary(movie);
      expect(budgetWarnings()).toHaveLength(2);
    });
  });
});
