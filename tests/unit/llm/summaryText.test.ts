import { getSummaryGenerator } from '../../../lib/llm';
import { simulatedSummary } from '../../../lib/llm/simulatedSummaryGenerator';
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
  it('tells a writer the five facts of a movie and nothing else it holds', () => {
    const movie = { id: 4, title: 'Heat', year: 1995, genres: ['Crime'], description: 'Two men.', rating: 4.5, summary: 'old' };
    expect(factsOf(movie)).toEqual({ id: 4, title: 'Heat', year: 1995, genres: ['Crime'], description: 'Two men.' });
  });
});

describe('the simulated summary, word for word', () => {
  const movie = { id: 1, title: 'Heat', year: 1995, genres: [] as string[], description: null as string | null };

  it.each([
    [[], '"Heat" is a film from 1995. Its story is yours to discover.'],
    [['Crime'], '"Heat" is a crime film from 1995. Its story is yours to discover.'],
    [['Crime', 'Drama'], '"Heat" is a crime and drama film from 1995. Its story is yours to discover.'],
    [['Crime', 'Drama', 'Thriller'], '"Heat" is a crime, drama and thriller film from 1995. Its story is yours to discover.'],
  ])('names the genres %j in lower case, listed in English', (genres, text) => {
    expect(simulatedSummary({ ...movie, genres })).toBe(text);
  });

  it('leaves out a missing year and quotes the description when there is one', () => {
    expect(simulatedSummary({ ...movie, year: null, description: 'Two men, one city.' })).toBe('"Heat" is a film. In short: Two men, one city.');
  });
});

describe('getSummaryGenerator', () => {
  it('gives every caller in a container the same generator', () => {
    const generator = getSummaryGenerator();
    expect(typeof generator.generate).toBe('function');
    expect(getSummaryGenerator()).toBe(generator);
  });
});
