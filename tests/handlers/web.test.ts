import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { webAsset } from '../../functions/web/webAsset';
import { webPage } from '../../functions/web/webPage';
import { webAssetRoute, webPageRoute } from '../../lib/schemas/routes/web';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

const publicFolder = join(__dirname, '..', '..', 'public');

describe('the web page', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await createTestServices();
  });

  const getPage = (headers: Record<string, string> = {}) => invokeRoute(webPageRoute, webPage, services, { headers });
  const getAsset = (file: string, query?: Record<string, string>, headers: Record<string, string> = {}) =>
    invokeRoute(webAssetRoute, webAsset, services, { params: { file }, query, headers });
  /** The version the page puts in an asset's URL, e.g. /assets/app.js?v=abc → abc. */
  const versionInPage = (html: string, file: string) => {
    const match = new RegExp(`/assets/${file.replace('.', '\\.')}\\?v=([A-Za-z0-9_-]+)"`).exec(html);
    if (!match?.[1]) throw new Error(`the page does not link /assets/${file}?v=…`);
    return match[1];
  };

  describe('GET / (webPage)', () => {
    it('answers an HTML page that must be revalidated, with an ETag', async () => {
      const response = await getPage();

      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{16,}"$/);
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    });

    it('loads its script, style sheet and icon from this API by content-versioned URLs', async () => {
      const html = (await getPage()).body as string;

      expect(html).toMatch(/<script type="module" src="\/assets\/app\.js\?v=[A-Za-z0-9_-]+"><\/script>/);
      expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/styles\.css\?v=[A-Za-z0-9_-]+">/);
      expect(html).toMatch(/<link rel="icon" type="image\/svg\+xml" href="\/assets\/favicon\.svg\?v=[A-Za-z0-9_-]+">/);
      expect(versionInPage(html, 'app.js')).not.toBe(versionInPage(html, 'styles.css'));
    });

    it('has no CDN, no inline script and no inline event handler (the CSP allows scripts from this origin only)', async () => {
      const html = (await getPage()).body as string;

      expect(html).not.toMatch(/https?:\/\//);
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    });

    it('fits a phone and labels its search field', async () => {
      const html = (await getPage()).body as string;

      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(html).toMatch(/<html lang="en">/);
      expect(html).toMatch(/<label for="search"[^>]*>[^<]+<\/label>/);
      expect(html).toMatch(/<input[^>]*id="search"/);
    });

    it('answers 304 without a body when If-None-Match carries its ETag', async () => {
      const { headers } = await getPage();

      const response = await getPage({ 'if-none-match': headers.etag! });

      expect(response.statusCode).toBe(304);
      expect(response.body).toBeUndefined();
      expect(response.headers.etag).toBe(headers.etag);
    });
  });

  describe('GET /assets/{file} (webAsset)', () => {
    it.each([
      ['app.js', 'text/javascript; charset=utf-8'],
      ['styles.css', 'text/css; charset=utf-8'],
      ['favicon.svg', 'image/svg+xml'],
    ])('serves %s from public/ byte for byte, as %s', async (file, contentType) => {
      const response = await getAsset(file);

      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(contentType);
      expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{16,}"$/);
      expect(response.raw.equals(readFileSync(join(publicFolder, file)))).toBe(true);
    });

    it.each(['app.js', 'styles.css', 'favicon.svg'])('lets browsers keep %s for a year at the URL the page links', async (file) => {
      const version = versionInPage((await getPage()).body as string, file);

      const response = await getAsset(file, { v: version });

      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    });

    it.each([
      ['no version', undefined],
      ['a stale version', { v: 'stale0123456789ab' }],
    ])('makes browsers revalidate a file asked for with %s', async (_case, query) => {
      const response = await getAsset('app.js', query);

      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
    });

    it.each([
      ['the same ETag', (etag: string) => etag],
      ['a weak form of it', (etag: string) => `W/${etag}`],
      ['a list holding it', (etag: string) => `"other", ${etag}`],
      ['*', () => '*'],
    ])('answers 304 without a body when If-None-Match is %s', async (_case, ifNoneMatch) => {
      const { headers } = await getAsset('styles.css');

      const response = await getAsset('styles.css', undefined, { 'if-none-match': ifNoneMatch(headers.etag!) });

      expect(response.statusCode).toBe(304);
      expect(response.body).toBeUndefined();
      expect(response.headers.etag).toBe(headers.etag);
    });

    it('answers 200 when If-None-Match names another version', async () => {
      const response = await getAsset('styles.css', undefined, { 'if-none-match': '"another-version-0000"' });

      expect(response.statusCode).toBe(200);
    });

    it.each([
      'index.html',
      'app.js.map',
      'nothing.css',
      '..%2Fpackage.json',
      '../serverless.yml',
      '%2E%2E%2F.env',
      '__proto__',
      'constructor',
    ])('answers 404 problem+json for %s, which is not a published file', async (file) => {
      const response = await getAsset(file);

      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(response.body).toMatchObject({ status: 404, title: 'Not Found' });
    });
  });
});
