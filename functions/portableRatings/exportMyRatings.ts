import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { ok } from '../../lib/http/reply';
import { EXPORT_CONTENT_TYPE, exportMyRatingsRoute } from '../../lib/schemas/routes/portableRatings';

export const exportMyRatings: RouteImplementation<typeof exportMyRatingsRoute, Pick<Services, 'portableRatings'>> = async (
  { user, query },
  { portableRatings },
) => {
  const { csv, next } = await portableRatings.exportCsv(user.id, query.after);
  return ok(csv, {
    'content-type': EXPORT_CONTENT_TYPE,
    'content-disposition': 'attachment; filename="ratings.csv"',
    ...(next ? { link: `<${exportMyRatingsRoute.path}?after=${next}>; rel="next"` } : {}),
  });
};

export const handler = createHttpHandler(exportMyRatingsRoute, exportMyRatings, servicesFor(exportMyRatingsRoute));
