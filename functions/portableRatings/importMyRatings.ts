import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { importMyRatingsRoute } from '../../lib/schemas/routes/portableRatings';

export const importMyRatings: RouteImplementation<typeof importMyRatingsRoute, Pick<Services, 'portableRatings'>> = async (
  { body, query, user },
  { portableRatings },
) => portableRatings.importFile(user.id, body, { dryRun: query.dry_run });

export const handler = createHttpHandler(importMyRatingsRoute, importMyRatings, servicesFor(importMyRatingsRoute));
