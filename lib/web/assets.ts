import { staticFolder, type StaticFile } from '../static/staticFiles';

/** The web page's own files in public/, each with its content type; nothing else there is served. */
const webFolder = staticFolder('public', {
  'app.js': 'text/javascript; charset=utf-8',
  'styles.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
});

/** The names serverless.yml ships beside the webPage and webAsset bundles, so a test keeps them in step. */
export const webAssetFiles = webFolder.names;

export const findWebAsset = (name: string): StaticFile | undefined => webFolder.file(name);

/** An asset's URL with the version of its content, so the page can let browsers cache it for a year. */
export function webAssetUrl(name: string): string {
  const file = findWebAsset(name);
  if (!file) throw new Error(`${name} is not a file of the web page`);
  return `/assets/${name}?v=${file.version}`;
}
