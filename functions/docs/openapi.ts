import { servicesFor } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { HttpReply } from '../../lib/http/reply';
// Generated from the route contracts by `npm run openapi`, ahead of time so that no cold start spends 50 ms on it;
// a unit test fails whenever the file and the contracts disagree.
import document from '../../lib/openapi/openapi.json';
import { openapiRoute } from '../../lib/schemas/routes/docs';

let serialised: string | undefined; // once per container: the document never changes at run time

export const openapi: RouteImplementation<typeof openapiRoute> = async () => {
  serialised ??= JSON.stringify(document);
  return new HttpReply(200, serialised, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' });
};

export const handler = createHttpHandler(openapiRoute, openapi, servicesFor(openapiRoute));
