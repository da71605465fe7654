import swaggerUiPackage from 'swagger-ui-dist/package.json';
import { IMMUTABLE, staticFile, staticFolder, type StaticFile } from '../static/staticFiles';

const JS = 'text/javascript; charset=utf-8';
const VERSION = swaggerUiPackage.version;
const SHORT = 'public, max-age=300';

/**
 * The files of swagger-ui-dist the page needs, and nothing else from its folder. The 1.4 MB bundle is never
 * compiled into a Lambda: serverless.yml ships these files in the zip under node_modules/swagger-ui-dist,
 * where the static folder finds them. (swagger-ui-dist's getAbsoluteFSPath() would answer the bundle's own
 * folder once bundled, and esbuild cannot leave a require.resolve unbundled.)
 */
const distFolder = staticFolder('node_modules/swagger-ui-dist', {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': JS,
  'swagger-ui-standalone-preset.js': JS,
  'favicon-16x16.png': 'image/png',
  'favicon-32x32.png': 'image/png',
});

/** The names serverless.yml ships beside the docsAsset bundle, so a test can keep the two in step. */
export const swaggerUiDistFiles = distFolder.names;

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

const initializerFile = staticFile(initializer, JS);

/**
 * A published Swagger UI file by name, with how long browsers may keep it; undefined for anything else.
 * Asset URLs carry swagger-ui-dist's version, so a year-long cache never serves a stale file.
 */
export function swaggerUiAsset(name: string): (StaticFile & { cacheControl: string }) | undefined {
  if (name === 'swagger-initializer.js') return { ...initializerFile, cacheControl: SHORT };
  const file = distFolder.file(name);
  return file && { ...file, cacheControl: IMMUTABLE };
}
