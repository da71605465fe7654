import * as z from 'zod';
import { defineRoute } from './contract';

// Files keep their names (no trailing slash in the documented path); they answer with one as well.

export const openapiRoute = /* @__PURE__ */ defineRoute({
  functionName: 'openapi',
  method: 'GET',
  path: '/openapi.json',
  summary: 'This API described in OpenAPI 3.1',
  tags: ['docs'],
  access: 'public',
  response: {
    status: 200,
    description: 'the OpenAPI document, generated from the zod schemas that validate requests',
    schema: /* @__PURE__ */ z.record(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.unknown()),
  },
});

export const docsRoute = /* @__PURE__ */ defineRoute({
  functionName: 'docs',
  method: 'GET',
  path: '/docs/',
  summary: 'Swagger UI for this API',
  tags: ['docs'],
  access: 'public',
  response: { status: 200, description: 'the Swagger UI page', schema: /* @__PURE__ */ z.string(), contentType: 'text/html' },
});

export const docsAssetRoute = /* @__PURE__ */ defineRoute({
  functionName: 'docsAsset',
  method: 'GET',
  path: '/docs/{asset}',
  summary: 'A file of Swagger UI: its script, style sheet or icon',
  tags: ['docs'],
  access: 'public',
  params: /* @__PURE__ */ z.object({ asset: /* @__PURE__ */ z.string().describe('e.g. swagger-ui-bundle.js') }),
  query: /* @__PURE__ */ z.object({
    v: /* @__PURE__ */ z.string().optional().describe('the Swagger UI version in the URL the page links'),
  }),
  response: { status: 200, description: 'the file', schema: /* @__PURE__ */ z.string(), contentType: '*/*' },
  lambda: {
    // Swagger UI's files travel beside the bundle and are read from disk, never compiled into it.
    packagePatterns: [
      'node_modules/swagger-ui-dist/package.json',
      'node_modules/swagger-ui-dist/swagger-ui.css',
      'node_modules/swagger-ui-dist/swagger-ui-bundle.js',
      'node_modules/swagger-ui-dist/swagger-ui-standalone-preset.js',
      'node_modules/swagger-ui-dist/favicon-16x16.png',
      'node_modules/swagger-ui-dist/favicon-32x32.png',
    ],
  },
});
