import { factsSummary } from '../../../lib/llm/factsSummaryGenerator';
import type { MovieFacts } from '../../../lib/llm/summaryGenerator';

// Each fact alone, word for word: which sentence it makes, and that the missing ones make none.
const only = (fields: Partial<MovieFacts>): MovieFacts => ({
  id: 1,
  title: 'Heat',
  year: null,
  genres: [],
  description: null,
  director: null,
  running_time_min: null,
  external_ratings: null,
  ...fields,
});

describe('the facts summary, one fact at a time', () => {
  it.each([
    ['genres alone', { genres: ['Crime'] }, '"Heat" is a crime film.'],
    ['"an" before a genre read as eighteen-something', { genres: ['1890 Classics'] }, '"Heat" is an 1890 classics film.'],
    ['a director alone', { director: 'Michael Mann' }, '"Heat" is a film, directed by Michael Mann.'],
    ['a running time of whole hours', { running_time_min: 120 }, '"Heat" is a film. It runs 120 minutes (2 h).'],
    [
      'an IMDb rating without a Rotten Tomatoes share',
      { year: 1995, external_ratings: { imdb: { rating: 8.25, votes: 700000 }, rotten_tomatoes: null } },
      '"Heat" is a film from 1995. IMDb users rate it 8.3 out of 10 over 700,000 votes.',
    ],
    [
      'ratings with nothing else to name the film by',
      { external_ratings: { imdb: null, rotten_tomatoes: 40 } },
      `"Heat": 40% of the critics' reviews counted by Rotten Tomatoes are positive.`,
    ],
    [
      'a description with a full stop inside but none at its end',
      { year: 1995, description: 'Two men. One city' },
      '"Heat" is a film from 1995. The catalogue describes it as: Two men. One city.',
    ],
  ])('writes %s as it is', (_, fields, text) => {
    expect(factsSummary(only(fields))).toBe(text);
  });
});
