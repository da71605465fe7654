import { getConfig, type Config } from '../config';
import { OpenAiSummaryGenerator } from './openaiSummaryGenerator';
import { createSimulatedSummaryGenerator } from './simulatedSummaryGenerator';
import type { SummaryGenerator } from './summaryGenerator';

/** The OpenAI-backed writer when a key is configured, else the deterministic simulated one. */
export function createSummaryGenerator(llm: Config['llm']): SummaryGenerator {
  return llm.apiKey ? new OpenAiSummaryGenerator(llm) : createSimulatedSummaryGenerator();
}

let containerGenerator: SummaryGenerator | undefined;

export function getSummaryGenerator(): SummaryGenerator {
  containerGenerator ??= createSummaryGenerator(getConfig().llm);
  return containerGenerator;
}
