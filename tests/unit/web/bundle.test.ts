import { readFileSync } from 'node:fs';
import { buildWebBundle, WEB_BUNDLE_FILE } from '../../../scripts/webBundle';

describe("the page's script (public/app.js)", () => {
  it('is the bundle of web/ as it stands: run npm run web:build after changing the sources', async () => {
    const { code } = await buildWebBundle();

    expect(readFileSync(WEB_BUNDLE_FILE, 'utf8') === code).toBe(true);
  });

  it('carries the typed client and its route table, and no contract, schema or zod', async () => {
    const { inputs } = await buildWebBundle();

    expect(inputs).toEqual(expect.arrayContaining(['lib/client/apiClient.ts', 'lib/client/routes.json', 'web/main.ts']));
    expect(inputs.filter((input) => !/^(web|lib\/client)\//.test(input))).toEqual([]);
  });
});
