import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(__dirname, '..', '..', '..');

/**
 * The web page will bundle the client for the browser: the contracts it is typed by (and zod under them) must not
 * come along. `import type` leaves nothing at run time; this bundles the client as a browser build would and lists
 * what went in.
 */
describe('the client bundled for a browser', () => {
  it('holds the client and its route table alone: no contract, no schema, no zod', async () => {
    const result = await build({
      absWorkingDir: root,
      entryPoints: ['lib/client/apiClient.ts'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });

    expect(Object.keys(result.metafile.inputs).sort()).toEqual(['lib/client/apiClient.ts', 'lib/client/routes.json']);
  });
});
