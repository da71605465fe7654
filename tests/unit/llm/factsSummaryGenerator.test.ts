import { createFactsSummaryGenerator, factsSummary } from '../../../lib/llm/factsSummaryGenerator';
import { MAX_SUMMARY_LENGTH, type MovieFacts } from '../../../lib/llm/summaryGenerator';

const signal = () => new AbortController().signal;
const facts = (fields: Partial<MovieFacts> = {}): MovieFacts => ({
  id: 1,
  title: 'Heat',
  year: 1995,
  genres: ['Action'],
  description: null,
  director: 'Michael Mann',
  running_time_min: 171,
  external_ratings: { imdb: { rating: 8.2, votes: 197000 }, rotten_tomatoes: 86 },
  ...fields,
});

describe('the facts summary writer (no LLM key)', () => {
  it('writes every fact the catalogue holds as plain sentences, marked "facts"', async () => {
    const { text, source } = await createFactsSummaryGenerator().generate(facts(), { signal: signal() });

    expect(source).toBe('facts');
    expect(text).toBe(
      '"Heat" is an action film from 1995, directed by Michael Mann. It runs 171 minutes (2 h 51 min). ' +
        "IMDb users rate it 8.2 out of 10 over 197,000 votes, and 86% of the critics' reviews counted by Rotten Tomatoes are positive.",
    );
  });

  it('adds the description as the catalogue holds it, ending it as a sentence', () => {
    expect(factsSummary(facts({ description: 'A thief and a detective in Los Angeles' }))).toMatch(
      / The catalogue describes it as: A thief and a detective in Los Angeles\.$/,
    );
    expect(factsSummary(facts({ description: 'Cops and robbers!' }))).toMatch(/ The catalogue describes it as: Cops and robbers!$/);
  });

  it('names several genres in a list, and only the ratings there are', () => {
    const text = factsSummary(
      facts({ genres: ['Crime', 'Drama', 'Thriller/Suspense'], external_ratings: { imdb: null, rotten_tomatoes: 40 } }),
    );

    expect(text).toContain('"Heat" is a crime, drama and thriller/suspense film from 1995, directed by Michael Mann.');
    expect(text).toContain("40% of the critics' reviews counted by Rotten Tomatoes are positive.");
    expect(text).not.toContain('IMDb');
  });

  it('says plainly when the catalogue knows nothing but the title, and never invents or pads', () => {
    const bare = facts({ year: null, genres: [], director: null, running_time_min: null, external_ratings: null });

    expect(factsSummary(bare)).toBe('The catalogue holds nothing about "Heat" beyond its title yet.');
    expect(factsSummary({ ...bare, year: 1895 })).toBe('"Heat" is a film from 1895.');
    expect(factsSummary({ ...bare, running_time_min: 59 })).toBe('"Heat" is a film. It runs 59 minutes.');
  });

  it('writes different summaries for films with different facts', () => {
    const texts = new Set([
      factsSummary(facts()),
      factsSummary(facts({ director: 'Someone Else' })),
      factsSummary(facts({ year: 1986 })),
      factsSummary(facts({ running_time_min: 120 })),
      factsSummary(facts({ external_ratings: { imdb: { rating: 5.1, votes: 20 }, rotten_tomatoes: null } })),
      factsSummary(facts({ genres: ['Drama'] })),
    ]);

    expect(texts.size).toBe(6);
  });

  it('never writes the old filler', () => {
    expect(factsSummary(facts({ genres: [], description: null }))).not.toMatch(/discover|yours to/i);
  });

  it('stays within the summary length cap for the longest allowed fields', () => {
    const text = factsSummary(
      facts({ title: 'T'.repeat(200), genres: Array.from({ length: 10 }, () => 'G'.repeat(50)), description: 'D'.repeat(2000) }),
    );

    expect(text.length).toBeLessThanOrEqual(MAX_SUMMARY_LENGTH);
  });

  it('refuses to work for a caller that already gave up', async () => {
    const controller = new AbortController();
    controller.abort(new Error('budget spent'));

    await expect(createFactsSummaryGenerator().generate(facts(), { signal: controller.signal })).rejects.toThrow('budget spent');
  });
});
