/** Common title words of the film dataset, from "the" (about 900 titles) to "star wars" (7): what the searches ask. */
export const SEARCH_WORDS = [
  'the',
  'love',
  'man',
  'star wars',
  'king',
  'night',
  'dead',
  'life',
  'american',
  'war',
  'girl',
  'day',
  'black',
  'home',
  'big',
] as const;

/** The i-th search of a run, going round the words. */
export const searchWord = (i: number): string => SEARCH_WORDS[i % SEARCH_WORDS.length]!;
