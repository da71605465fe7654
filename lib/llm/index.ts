import { getConfig, type Config } from '../config';
import { OpenAiSummaryGenerator } from './openaiSummaryGenerator';
import { createFactsSummaryGenerator } from './factsSummaryGenerator';
import type { SummaryGenerator } from './summaryGenerator';

/** The OpenAI-backed writer when a key is configured, else the deterministic facts writer. */
export function createSummaryGenerator(llm: Config['llm']): SummaryGenerator {
  return llm.apiKey ? new OpenAiSummaryGenerator(llm) : createFactsSummaryGenerator();
}

let containerGenerator: SummaryGenerator | undefined;

export function getSummaryGenerator(): SummaryGenerator {
  containerGenerator ??= createSummaryGenerator(getConfig().llm);
  return containerGenerator;
}
