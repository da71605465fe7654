import { getSummaryGenerator } from '../../../lib/llm';
import { capSummary, factsOf, MAX_SUMMARY_LENGTH } from '../../../lib/llm/summaryGenerator';

describe('capSummary, the one rule for summary text', () => {
  it('collapses every run of whitespace to one space and trims', () => {
    expect(capSummary('  A  thief\n\n\tenters   dreams.  ')).toBe('A thief enters dreams.');
  });

  it(`keeps a text of exactly ${MAX_SUMMARY_LENGTH} characters whole`, () => {
    const text = `${'word '.repeat(199)}abcde`;
    expect(text).toHaveLength(MAX_SUMMARY_LENGTH);
    expect(capSummary(text)).toBe(text);
  });

  it('cuts a longer text after its last whole word, with an ellipsis, within the cap', () => {
    const capped = capSummary('abcde '.repeat(300));
    expect(capped).toMatch(/ abcde…$/);
    expect(capped.length).toBeLessThanOrEqual(MAX_SUMMARY_LENGTH);
    expect(capped.length).toBeGreaterThan(MAX_SUMMARY_LENGTH - 'abcde '.length);
  });

  it('cuts hard, to the full cap, when the last space is not past the middle', () => {
    const unbroken = `a ${'x'.repeat(1500)}`;
    expect(capSummary(unbroken)).toBe(`a ${'x'.repeat(MAX_SUMMARY_LENGTH - 3)}…`);
    const spaceInTheMiddle = `${'x'.repeat(MAX_SUMMARY_LENGTH / 2)} ${'y'.repeat(1000)}`;
    expect(capSummary(spaceInTheMiddle)).toHaveLength(MAX_SUMMARY_LENGTH);
  });
});

describe('factsOf', () => {
  it('tells a writer the facts of a movie and nothing else it holds', () => {
    const facts = {
      id: 4,
      title: 'Heat',
      year: 1995,
      genres: ['Crime'],
      description: 'Two men.',
      director: 'Michael Mann',
      running_time_min: 170,
      external_ratings: { imdb: { rating: 8.3, votes: 700000 }, rotten_tomatoes: 88 },
    };
    expect(factsOf({ ...facts, rating: 4.5, summary: 'old' } as typeof facts)).toEqual(facts);
  });
});

describe('getSummaryGenerator', () => {
  it('gives every caller in a container the same generator', () => {
    const generator = getSummaryGenerator();
    expect(typeof generator.generate).toBe('function');
    expect(getSummaryGenerator()).toBe(generator);
  });
});
