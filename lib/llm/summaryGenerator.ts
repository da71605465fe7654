/** What a summary writer is told about a movie: every fact the catalogue holds of it, passed as data. */
export interface MovieFacts {
  id: number;
  title: string;
  year: number | null;
  genres: string[];
  description: string | null;
  director: string | null;
  running_time_min: number | null;
  external_ratings: { imdb: { rating: number; votes: number } | null; rotten_tomatoes: number | null } | null;
}

/** What a writer is told of a movie: the facts the catalogue holds, nothing it would have to guess. */
export const factsOf = (movie: MovieFacts): MovieFacts => ({
  id: movie.id,
  title: movie.title,
  year: movie.year,
  genres: movie.genres,
  description: movie.description,
  director: movie.director,
  running_time_min: movie.running_time_min,
  external_ratings: movie.external_ratings,
});

export interface GeneratedSummary {
  /** Trimmed, non-empty, at most MAX_SUMMARY_LENGTH characters. */
  text: string;
  /** Where the text came from, stored beside it: "openai:<model>" or "facts". */
  source: string;
}

export interface GenerateOptions {
  /** Aborted when the caller's budget (LLM_TIMEOUT_MS, retries included) runs out. */
  signal: AbortSignal;
}

/** Writes a short summary of a movie. Implementations throw on any failure; callers decide what a failure means. */
export interface SummaryGenerator {
  generate(movie: MovieFacts, options: GenerateOptions): Promise<GeneratedSummary>;
}

export const MAX_SUMMARY_LENGTH = 1000;

/**
 * The one rule for summary text: whitespace runs collapsed, trimmed, and cut on a word boundary with
 * an ellipsis when over MAX_SUMMARY_LENGTH. Answers '' for text with nothing in it.
 */
export function capSummary(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= MAX_SUMMARY_LENGTH) return clean;
  const room = clean.slice(0, MAX_SUMMARY_LENGTH - 1);
  const lastSpace = room.lastIndexOf(' ');
  const cut = lastSpace > MAX_SUMMARY_LENGTH / 2 ? room.slice(0, lastSpace) : room;
  // Stryker disable next-line MethodExpression: equivalent, clean has single spaces, so neither cut can end in one
  return `${cut.trimEnd()}…`;
}
