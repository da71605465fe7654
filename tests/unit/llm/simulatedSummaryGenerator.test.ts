import { createSimulatedSummaryGenerator } from '../../../lib/llm/simulatedSummaryGenerator';
import { MAX_SUMMARY_LENGTH } from '../../../lib/llm/summaryGenerator';

const signal = () => new AbortController().signal;
const inception = { id: 1, title: 'Inception', year: 2010, genres: ['Thriller', 'Sci-Fi'], description: null };

describe('simulatedSummaryGenerator', () => {
  const generator = createSimulatedSummaryGenerator();

  it('writes a summary that names the title, year and genres, marked as simulated', async () => {
    const { text, source } = await generator.generate(inception, { signal: signal() });

    expect(source).toBe('simulated');
    expect(text).toContain('Inception');
    expect(text).toContain('2010');
    expect(text.toLowerCase()).toContain('thriller');
  });

  it('is deterministic: the same movie always gets the same text', async () => {
    const first = await generator.generate(inception, { signal: signal() });
    const second = await generator.generate({ ...inception }, { signal: signal() });

    expect(second).toEqual(first);
  });

  it('copes with a movie that has no year, genres or description', async () => {
    const { text } = await generator.generate({ id: 2, title: 'Untitled', year: null, genres: [], description: null }, { signal: signal() });

    expect(text).toContain('Untitled');
    expect(text).not.toMatch(/null|undefined|\(\)/);
  });

  it('stays within the summary length cap for the longest allowed fields', async () => {
    const { text } = await generator.generate(
      { id: 3, title: 'T'.repeat(200), year: 2000, genres: Array.from({ length: 10 }, () => 'G'.repeat(50)), description: 'D'.repeat(2000) },
      { signal: signal() },
    );

    expect(text.length).toBeLessThanOrEqual(MAX_SUMMARY_LENGTH);
  });

  it('refuses to work for a caller that already gave up', async () => {
    const controller = new AbortController();
    controller.abort(new Error('budget spent'));

    await expect(generator.generate(inception, { signal: controller.signal })).rejects.toThrow('budget spent');
  });
});
