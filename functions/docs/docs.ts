import { servicesFor } from '../../lib/container';
import { swaggerUiPage } from '../../lib/docs/swaggerUi';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { HttpReply } from '../../lib/http/reply';
import { docsRoute } from '../../lib/schemas/routes/docs';

export const docs: RouteImplementation<typeof docsRoute> = async () =>
  new HttpReply(200, swaggerUiPage, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' });

export const handler = createHttpHandler(docsRoute, docs, servicesFor(docsRoute));
