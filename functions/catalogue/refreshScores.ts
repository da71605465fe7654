import { servicesFor, type Services } from '../../lib/container';
import { refreshScoresSchedule } from '../../lib/schemas/routes/catalogue';

export const refreshScores = ({ catalogue }: Pick<Services, 'catalogue'>) => catalogue.refreshScores();

const services = servicesFor(refreshScoresSchedule);

/** Run by its schedule event (serverless.yml): not an HTTP route. */
export const handler = async () => {
  const built = await services();
  const refreshed = await refreshScores(built);
  built.logger.info('catalogue scores refreshed', { ...refreshed });
  return refreshed;
};
