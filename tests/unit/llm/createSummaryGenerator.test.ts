import { createSummaryGenerator } from '../../../lib/llm';
import { OpenAiSummaryGenerator } from '../../../lib/llm/openaiSummaryGenerator';

describe('createSummaryGenerator', () => {
  it('uses the OpenAI-backed generator when an API key is configured', () => {
    const generator = createSummaryGenerator({ apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:1/v1', model: 'gpt-4o-mini', timeoutMs: 1000 });

    expect(generator).toBeInstanceOf(OpenAiSummaryGenerator);
  });

  it('falls back to the simulated generator without a key, so the API is complete offline', async () => {
    const generator = createSummaryGenerator({ model: 'gpt-4o-mini', timeoutMs: 1000 });

    const summary = await generator.generate(
      { id: 1, title: 'Heat', year: 1995, genres: [], description: null },
      { signal: new AbortController().signal },
    );

    expect(summary.source).toBe('simulated');
  });
});
