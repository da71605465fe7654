import * as z from 'zod';
import { defineRoute } from './contract';

// The page links its files by content version, so it reads them too: both functions ship public/.
const publicFiles = ['public/app.js', 'public/styles.css', 'public/favicon.svg'];

export const webPageRoute = /* @__PURE__ */ defineRoute({
  functionName: 'webPage',
  method: 'GET',
  path: '/',
  summary: 'The web page: search and browse movies, read their summaries, sign in and rate',
  description: 'Sends an ETag and `Cache-Control: no-cache`; If-None-Match with the current tag answers 304.',
  tags: ['web'],
  access: 'public',
  response: {
    status: 200,
    description: 'the page; its script, style sheet and icon come from /assets/',
    schema: /* @__PURE__ */ z.string(),
    contentType: 'text/html',
  },
  conditional: true,
  lambda: { packagePatterns: publicFiles },
});

export const webAssetRoute = /* @__PURE__ */ defineRoute({
  functionName: 'webAsset',
  method: 'GET',
  path: '/assets/{file}',
  summary: 'A file of the web page: its script, style sheet or icon',
  description:
    'With `v` equal to the version the page links, browsers may keep the file for a year; otherwise they revalidate ' +
    'it with its ETag (If-None-Match answers 304).',
  tags: ['web'],
  access: 'public',
  params: /* @__PURE__ */ z.object({ file: /* @__PURE__ */ z.string().describe('e.g. app.js') }),
  query: /* @__PURE__ */ z.object({ v: /* @__PURE__ */ z.string().optional().describe('the content version in the URL the page links') }),
  response: { status: 200, description: 'the file', schema: /* @__PURE__ */ z.string(), contentType: '*/*' },
  conditional: true,
  lambda: { packagePatterns: publicFiles },
});
