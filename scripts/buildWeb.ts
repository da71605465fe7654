import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { buildWebBundle, WEB_BUNDLE_FILE } from './webBundle';

/**
 * `npm run web:build`: compiles the page's TypeScript (web/) into public/app.js, which is committed, served and
 * packaged as it is (a unit test fails when it and the sources disagree), so a fresh clone, `npm start` and the
 * Lambda packages need no build step of their own.
 */
export async function main(): Promise<void> {
  const { code } = await buildWebBundle();
  writeFileSync(WEB_BUNDLE_FILE, code);
  console.log(`wrote ${relative(process.cwd(), WEB_BUNDLE_FILE)} (${Buffer.byteLength(code)} bytes)`);
}
