import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildOpenApiDocument } from '../lib/openapi/document';
import { allRoutes } from '../lib/schemas/routes';

/**
 * `npm run openapi`: writes the OpenAPI document, generated from the route contracts, to lib/openapi/openapi.json,
 * which the openapi Lambda serves (a unit test fails when the file and the contracts disagree).
 * `npm run lint:openapi` writes a fresh copy elsewhere to lint it.
 */
export async function main([target = 'lib/openapi/openapi.json']: string[]): Promise<void> {
  const file = resolve(target);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(allRoutes), null, 2)}\n`);
  console.log(`wrote ${file}`);
}
