import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { allRoutes } from '../lib/schemas/routes';
import type { RouteContract } from '../lib/schemas/routes/contract';
import type { ClientRoute } from '../lib/client/apiClient';
import { servedMethods } from '../lib/http/routeTable';

/** What the client needs of each contract at run time: where to send a call, and how to encode its body. */
export const clientRouteTable = (routes: readonly RouteContract[]): Record<string, ClientRoute> =>
  Object.fromEntries(
    routes.map(({ functionName, method, path, bodyMediaTypes }) => [
      functionName,
      bodyMediaTypes ? { method, path, fileMediaTypes: Object.keys(bodyMediaTypes) } : { method, path },
    ]),
  );

/**
 * `npm run client:routes`: writes lib/client/routes.json, the typed client's run-time table, and
 * lib/http/servedRoutes.json, the catch-all's, from the route contracts (a unit test fails when a file and the
 * contracts disagree). The client's types come from the contracts themselves.
 */
export async function main([target = 'lib/client/routes.json', served = 'lib/http/servedRoutes.json']: string[]): Promise<void> {
  const file = resolve(target);
  writeFileSync(file, `${JSON.stringify(clientRouteTable(allRoutes), null, 2)}\n`);
  console.log(`wrote ${file}`);
  // The catch-all's table (functions/fallback/unmatchedRoute.ts): each path and the methods served there.
  const servedFile = resolve(served);
  const lines = Object.entries(servedMethods(allRoutes)).map(([path, methods]) => `  ${JSON.stringify(path)}: ${JSON.stringify(methods)}`);
  writeFileSync(servedFile, `{\n${lines.join(',\n').replaceAll('","', '", "')}\n}\n`);
  console.log(`wrote ${servedFile}`);
}
