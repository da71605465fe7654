import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import swaggerUiPackage from 'swagger-ui-dist/package.json';

export interface StaticFile {
  body: string | Buffer;
  contentType: string;
  cacheControl: string;
}

const JS = 'text/javascript; charset=utf-8';
const VERSION = swaggerUiPackage.version;
/** Asset URLs carry swagger-ui-dist's version, so a year-long cache never serves a stale file. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=300';

/** The files of swagger-ui-dist the page needs, and nothing else from its folder. */
const distFiles: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': JS,
  'swagger-ui-standalone-preset.js': JS,
  'favicon-16x16.png': 'image/png',
  'favicon-32x32.png': 'image/png',
};

/** The names serverless.yml ships beside the docsAsset bundle, so a test can keep the two in step. */
export const swaggerUiDistFiles = Object.keys(distFiles);

/**
 * swagger-ui-dist's folder. The 1.4 MB bundle is never compiled into a Lambda: the files are shipped in
 * the zip under node_modules/swagger-ui-dist (serverless.yml `package.patterns`) and read from disk. Like
 * Node's own resolution, this looks in node_modules from here upwards, which finds them in the zip, in
 * the project under serverless-offline, and in tests. (swagger-ui-dist's getAbsoluteFSPath() would
 * answer the bundle's own folder once bundled, and esbuild cannot leave a require.resolve unbundled.)
 */
function findSwaggerUiDist(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'swagger-ui-dist');
    if (existsSync(join(candidate, 'swagger-ui.css'))) return candidate;
    if (dirname(dir) === dir) throw new Error('swagger-ui-dist is not installed beside this code');
  }
}

let distFolder: string | undefined;
const swaggerUiDistPath = () => (distFolder ??= findSwaggerUiDist());

// Swagger UI's own initializer points at the petstore and would be an inline script; this one is a file.
const initializer = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    tryItOutEnabled: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
};
`;

const asset = (name: string) => `/docs/${name}?v=${VERSION}`;

/** The page: every script and style is a file of this API (the CSP allows only 'self'). */
export const swaggerUiPage = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Movie rating API · Swagger UI</title>
  <link rel="stylesheet" href="${asset('swagger-ui.css')}">
  <link rel="icon" type="image/png" href="${asset('favicon-32x32.png')}" sizes="32x32">
  <link rel="icon" type="image/png" href="${asset('favicon-16x16.png')}" sizes="16x16">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${asset('swagger-ui-bundle.js')}" charset="utf-8"></script>
  <script src="${asset('swagger-ui-standalone-preset.js')}" charset="utf-8"></script>
  <script src="/docs/swagger-initializer.js" charset="utf-8"></script>
</body>
</html>
`;

const cache = new Map<string, StaticFile>();

/** A published Swagger UI file by name, read once per container; undefined for anything else. */
export function swaggerUiAsset(name: string): StaticFile | undefined {
  if (name === 'swagger-initializer.js') return { body: initializer, contentType: JS, cacheControl: SHORT };
  const contentType = Object.hasOwn(distFiles, name) ? distFiles[name] : undefined;
  if (!contentType) return undefined;
  let file = cache.get(name);
  if (!file) {
    const bytes = readFileSync(join(swaggerUiDistPath(), name));
    file = { body: contentType.startsWith('image/') ? bytes : bytes.toString('utf8'), contentType, cacheControl: IMMUTABLE };
    cache.set(name, file);
  }
  return file;
}
