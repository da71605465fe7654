import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchApi } from './http';

const publicFolder = join(__dirname, '..', '..', 'public');

describe('the web page over HTTP', () => {
  it('GET / answers the page under the page CSP, and 304 with no CSP when revalidated', async () => {
    const first = await fetchApi('/');
    const etag = first.headers.get('etag') ?? '';

    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(first.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await first.text()).toContain('/assets/app.js?v=');

    const again = await fetchApi('/', { headers: { 'if-none-match': etag } });

    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('content-security-policy')).toBeNull();
  });

  it.each(['/assets/app.js', '/assets/app.js/', '/assets/styles.css', '/assets/favicon.svg'])(
    'GET %s serves the file from public/',
    async (path) => {
      const response = await fetchApi(path);
      const file = path.split('/')[2]!;

      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(publicFolder, file)))).toBe(true);
    },
  );

  it.each(['/assets/index.html', '/assets/..%2Fserverless.yml'])('GET %s answers 404 problem+json', async (path) => {
    const response = await fetchApi(path);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
