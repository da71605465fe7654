import { servicesFor } from '../../lib/container';
import { swaggerUiAsset } from '../../lib/docs/swaggerUi';
import { NotFound } from '../../lib/errors';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { HttpReply } from '../../lib/http/reply';
import { docsAssetRoute } from '../../lib/schemas/routes/docs';

export const docsAsset: RouteImplementation<typeof docsAssetRoute> = async ({ params }) => {
  const file = swaggerUiAsset(params.asset);
  if (!file) throw new NotFound(`${params.asset} is not a file of the documentation`);
  return new HttpReply(200, file.body, { 'content-type': file.contentType, 'cache-control': file.cacheControl });
};

export const handler = createHttpHandler(docsAssetRoute, docsAsset, servicesFor(docsAssetRoute));
