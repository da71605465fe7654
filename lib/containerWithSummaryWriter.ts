import { getServices, type Services } from './container';
import { getSummaryGenerator } from './llm';

/**
 * The container of the functions that write summaries (getMovie, regenerateSummary), with the LLM-backed writer:
 * only their bundles import this module, so only they carry the LLM client.
 */
export const getServicesWithSummaryWriter = (): Promise<Services> => getServices(getSummaryGenerator);
