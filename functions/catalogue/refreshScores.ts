import { getServices, type Services } from '../../lib/container';

export const refreshScores = ({ catalogueScores }: Pick<Services, 'catalogueScores'>) => catalogueScores.refresh();

/** Run by its schedule event (serverless.yml): not an HTTP route. */
export const handler = async () => {
  const services = await getServices();
  const refreshed = await refreshScores(services);
  services.logger.info('catalogue scores refreshed', { ...refreshed });
  return refreshed;
};
