import { createSummaryGenerator } from '../../../lib/llm';
import { OpenAiSummaryGenerator } from '../../../lib/llm/openaiSummaryGenerator';

describe('createSummaryGenerator', () => {
  it('uses the OpenAI-backed generator when an API key is configured', () => {
    const generator = createSummaryGenerator({
      apiKey: 'sk-test',
      baseUrl: 'http://127.0.0.1:1/v1',
      model: 'gpt-4o-mini',
      timeoutMs: 1000,
    });

    expect(generator).toBeInstanceOf(OpenAiSummaryGenerator);
  });

  it('falls back to the facts writer without a key, so the API is complete offline', async () => {
    const generator = createSummaryGenerator({ model: 'gpt-4o-mini', timeoutMs: 1000 });

    const summary = await generator.generate(
      { id: 1, title: 'Heat', year: 1995, genres: [], description: null, director: null, running_time_min: null, external_ratings: null },
      { signal: new AbortController().signal },
    );

    expect(summary.source).toBe('facts');
  });
});

describe('the openai package', () => {
  afterEach(() => jest.dontMock('openai'));

  it('is loaded only when the first summary is written, so functions that never write one start without it', async () => {
    let loaded = false;
    jest.doMock('openai', () => {
      loaded = true;
      const create = async () => ({ choices: [{ message: { content: 'Written after a lazy load.' } }] });
      return {
        __esModule: true,
        default: class {
          chat = { completions: { create } };
        },
      };
    });

    await jest.isolateModulesAsync(async () => {
      const { createSummaryGenerator: create } = await import('../../../lib/llm');
      const generator = create({ apiKey: 'sk-test', model: 'gpt-4o-mini', timeoutMs: 1000 });
      expect(loaded).toBe(false);

      const summary = await generator.generate(
        { id: 1, title: 'Heat', year: 1995, genres: [], description: null, director: null, running_time_min: null, external_ratings: null },
        { signal: new AbortController().signal },
      );

      expect(loaded).toBe(true);
      expect(summary).toEqual({ text: 'Written after a lazy load.', source: 'openai:gpt-4o-mini' });
    });
  });
});
