import { getServices } from '../../lib/container';
import { NotFound } from '../../lib/errors';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { getSummaryGenerator } from '../../lib/llm';
import { regenerateSummaryRoute } from '../../lib/schemas/routes/movies';

const notFound = (id: number): never => {
  throw new NotFound(`movie ${id} does not exist`);
};

export const regenerateSummary: RouteImplementation<typeof regenerateSummaryRoute> = async ({ params }, { movies, summaries }) => {
  const movie = (await movies.findById(params.id)) ?? notFound(params.id);
  return (await summaries.regenerate(movie)) ?? notFound(params.id);
};

// Like getMovie, a function that writes summaries, so its bundle carries the LLM client.
export const handler = createHttpHandler(regenerateSummaryRoute, regenerateSummary, () => getServices(getSummaryGenerator));
