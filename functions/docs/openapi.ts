import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { HttpReply } from '../../lib/http/reply';
import { buildOpenApiDocument } from '../../lib/openapi/document';
import { allRoutes } from '../../lib/schemas/routes';
import { openapiRoute } from '../../lib/schemas/routes/docs';

let serialised: string | undefined; // built once per container: the routes never change at run time

export const openapi: RouteImplementation<typeof openapiRoute> = async () => {
  serialised ??= JSON.stringify(buildOpenApiDocument(allRoutes));
  return new HttpReply(200, serialised, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' });
};

export const handler = createHttpHandler(openapiRoute, openapi);
