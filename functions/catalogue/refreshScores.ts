import { getServices } from '../../lib/container';
import { refreshCatalogueScores, type RefreshCatalogueScores } from '../../lib/services/catalogueScores';

export const refreshScores = (dependencies: RefreshCatalogueScores) => refreshCatalogueScores(dependencies);

/** Run by its schedule event (serverless.yml): not an HTTP route. */
export const handler = async () => {
  const { movies, config, logger } = await getServices();
  const refreshed = await refreshScores({ movies, minVotes: config.scoreMinVotes });
  logger.info('catalogue scores refreshed', { ...refreshed });
  return refreshed;
};
