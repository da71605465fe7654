import { capSummary, type MovieFacts, type SummaryGenerator } from './summaryGenerator';

/** "a, b and c" */
function listOf(words: string[]): string {
  if (words.length > 1) return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
  // Stryker disable next-line StringLiteral: equivalent, the separator of a list of at most one word is never used
  return words.join('');
}

/** "an" before a vowel sound: "an action film", "an 1895 film" (eighteen…), else "a". */
const article = (next: string) => (/^([aeiou]|18\d\d\b|8)/i.test(next) ? 'an' : 'a');

const thousands = (n: number) => n.toLocaleString('en-US');

/** 171 → "171 minutes (2 h 51 min)"; under an hour, just the minutes. */
function runningTime(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${minutes} minutes`;
  return `${minutes} minutes (${hours} h${rest ? ` ${rest} min` : ''})`;
}

/** "Heat" is an action film from 1995, directed by Michael Mann. */
function identity({ title, year, genres, director }: MovieFacts): string | undefined {
  if (year === null && genres.length === 0 && director === null) return undefined;
  const kind = genres.length ? `${listOf(genres.map((genre) => genre.toLowerCase()))} film` : 'film';
  const when = year === null ? '' : ` from ${year}`;
  const by = director === null ? '' : `, directed by ${director}`;
  return `"${title}" is ${article(kind)} ${kind}${when}${by}.`;
}

function reception({ external_ratings: ratings }: MovieFacts): string | undefined {
  const parts: string[] = [];
  if (ratings?.imdb)
    parts.push(`IMDb users rate it ${ratings.imdb.rating.toFixed(1)} out of 10 over ${thousands(ratings.imdb.votes)} votes`);
  if (ratings?.rotten_tomatoes !== null && ratings?.rotten_tomatoes !== undefined) {
    parts.push(`${ratings.rotten_tomatoes}% of the critics' reviews counted by Rotten Tomatoes are positive`);
  }
  return parts.length ? `${parts.join(', and ')}.` : undefined;
}

const asSentence = (text: string) => (/[.!?…"”)]$/.test(text) ? text : `${text}.`);

/**
 * A summary made only of what the catalogue knows of a film (title, year, genres, director, running time,
 * reference ratings, description), one sentence per kind of fact: true statements, no plot and no padding.
 * Films with different facts get different text; a film known by its title alone is said to be so.
 */
export function factsSummary(movie: MovieFacts): string {
  const sentences = [identity(movie)];
  if (movie.running_time_min !== null) {
    if (!sentences[0]) sentences[0] = `"${movie.title}" is a film.`;
    sentences.push(`It runs ${runningTime(movie.running_time_min)}.`);
  }
  const received = reception(movie);
  if (received) sentences.push(sentences[0] ? received : `"${movie.title}": ${received}`);
  if (movie.description) sentences.push(`The catalogue describes it as: ${asSentence(movie.description)}`);
  const written = sentences.filter((sentence): sentence is string => sentence !== undefined);
  return capSummary(written.length ? written.join(' ') : `The catalogue holds nothing about "${movie.title}" beyond its title yet.`);
}

/** The offline writer: deterministic, from the catalogue's facts, so the API is complete without an LLM key. */
export function createFactsSummaryGenerator(): SummaryGenerator {
  return {
    async generate(movie, { signal }) {
      signal.throwIfAborted();
      return { text: factsSummary(movie), source: 'facts' };
    },
  };
}
