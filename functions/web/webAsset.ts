import { servicesFor } from '../../lib/container';
import { NotFound } from '../../lib/errors';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { webAssetRoute } from '../../lib/schemas/routes/web';
import { IMMUTABLE, REVALIDATE, staticReply } from '../../lib/static/staticFiles';
import { findWebAsset } from '../../lib/web/assets';

export const webAsset: RouteImplementation<typeof webAssetRoute> = async ({ params, query, headers }) => {
  const file = findWebAsset(params.file);
  if (!file) throw new NotFound(`${params.file} is not a file of the web page`);
  // Only the URL naming this exact content may be cached for good; any other is checked again each time.
  const cacheControl = query.v === file.version ? IMMUTABLE : REVALIDATE;
  return staticReply(file, headers['if-none-match'], cacheControl);
};

export const handler = createHttpHandler(webAssetRoute, webAsset, servicesFor(webAssetRoute));
