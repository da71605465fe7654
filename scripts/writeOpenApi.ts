import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildOpenApiDocument } from '../lib/openapi/document';
import { allRoutes } from '../lib/schemas/routes';

/** Writes the OpenAPI document the openapi Lambda serves to a file, for `npm run lint:openapi`. */
export async function main([target = '.build/openapi.json']: string[]): Promise<void> {
  const file = resolve(target);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(allRoutes), null, 2)}\n`);
  console.log(`wrote ${file}`);
}
