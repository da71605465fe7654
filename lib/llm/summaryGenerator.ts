/** What a summary writer is told about a movie: its own fields, passed as data. */
export interface MovieFacts {
  id: number;
  title: string;
  year: number | null;
  genres: string[];
  description: string | null;
}

export interface GeneratedSummary {
  /** Trimmed, non-empty, at most MAX_SUMMARY_LENGTH characters. */
  text: string;
  /** Where the text came from, stored beside it: "openai:<model>" or "simulated". */
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
