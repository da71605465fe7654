/**
 * `npm run lighthouse`: Lighthouse 12 at its mobile settings (a mid-range phone, simulated slow 4G) on the web page's
 * home and a film's page, served by serverless-offline over a seeded database, in the Chromium the browser tests use.
 * Prints the performance, accessibility and best-practices scores with the sizes of the page's own script and styles
 * (raw and gzip), and rewrites their section of docs/PERFORMANCE.md. A report, not a test: scores move with the
 * machine's load, so nothing here fails a build.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findProjectRoot, startOfflineApi } from '../../harness/offlineApi';
import { findChromium } from '../../harness/chromium';
import { getConfig } from '../../lib/config';
import { prepareDatabase } from '../../scripts/prepareDatabase';

const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
type Category = (typeof CATEGORIES)[number];

interface PageScores {
  name: string;
  path: string;
  scores: Record<Category, number>;
  /** The audits of a category under 95, the first few: what to look at. */
  shortfalls: string[];
}

const root = findProjectRoot(__dirname);
const SECTION_START = '<!-- lighthouse:start -->';
const SECTION_END = '<!-- lighthouse:end -->';

function assetSizes() {
  return ['app.js', 'styles.css'].map((name) => {
    const bytes = readFileSync(join(root, 'public', name));
    return { name: `public/${name}`, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}

/** The elements an audit names (the ones that moved, for a layout shift), to say where to look. */
function culprits(audit: { details?: unknown } | undefined): string {
  const items = (audit?.details as { items?: { node?: { selector?: string; nodeLabel?: string } }[] } | undefined)?.items ?? [];
  const named = items.flatMap((item) => (item.node?.selector ? [item.node.selector] : [])).slice(0, 3);
  return named.length ? `: ${named.join('; ')}` : '';
}

async function audit(url: string, port: number): Promise<Omit<PageScores, 'name' | 'path'>> {
  const { default: lighthouse } = await import('lighthouse');
  // Lighthouse's defaults are its mobile settings: a Moto G Power's screen and CPU, and slow 4G, simulated.
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
  if (!result) throw new Error(`Lighthouse answered nothing for ${url}`);
  const { categories, audits } = result.lhr;
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((categories[id]?.score ?? 0) * 100)])) as Record<
    Category,
    number
  >;
  const shortfalls = CATEGORIES.filter((id) => scores[id] < 95).flatMap((id) =>
    (categories[id]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 0.9)
      .slice(0, 5)
      .map(
        (ref) =>
          `${id}: ${ref.id} (${audits[ref.id]?.displayValue ?? audits[ref.id]?.score})${culprits(audits[ref.id === 'cumulative-layout-shift' ? 'layout-shifts' : ref.id])}`,
      ),
  );
  return { scores, shortfalls };
}

function section(pages: PageScores[], sizes: ReturnType<typeof assetSizes>, chromium: string): string {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  return [
    SECTION_START,
    '## The web page in Lighthouse (issue 29)',
    '',
    '_Written by `npm run lighthouse` (tools/lighthouse/index.ts); run it again rather than editing this section._',
    `Lighthouse 12 at its mobile settings (simulated Moto G Power, slow 4G), ${chromium}, serverless-offline over a`,
    'seeded local database, on one machine shared with other work: a score may move a few points between runs.',
    'A full `npm run bench` writes this file anew without this section: run `npm run lighthouse` after it.',
    '',
    '| page | performance | accessibility | best practices |',
    '|---|---|---|---|',
    ...pages.map(
      ({ name, path, scores }) =>
        `| ${name} (\`${path}\`) | ${scores.performance} | ${scores.accessibility} | ${scores['best-practices']} |`,
    ),
    '',
    "The page's own files, as served (the script is web/ bundled and minified by `npm run web:build`):",
    '',
    '| file | raw | gzip |',
    '|---|---|---|',
    ...sizes.map(({ name, raw, gzip }) => `| \`${name}\` | ${kib(raw)} | ${kib(gzip)} |`),
    ...(pages.some((page) => page.shortfalls.length)
      ? ['', 'Under 95:', '', ...pages.flatMap((page) => page.shortfalls.map((line) => `- ${page.name}: ${line}`))]
      : []),
    SECTION_END,
  ].join('\n');
}

function writeSection(text: string) {
  const file = join(root, 'docs', 'PERFORMANCE.md');
  const doc = readFileSync(file, 'utf8');
  const start = doc.indexOf(SECTION_START);
  const end = doc.indexOf(SECTION_END);
  const next =
    start >= 0 && end > start ? `${doc.slice(0, start)}${text}${doc.slice(end + SECTION_END.length)}` : `${doc.trimEnd()}\n\n${text}\n`;
  writeFileSync(file, next);
}

export async function main(args: string[]): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'movies-lighthouse-'));
  const databaseUrl = `file:${join(folder, 'movies.db')}`;
  // The dataset's 3,000+ films, as npm start serves them.
  const config = getConfig();
  await prepareDatabase({ ...config, database: { ...config.database, url: databaseUrl }, seedData: true }, (line) => console.log(line));
  const api = await startOfflineApi({ databaseUrl, logFile: join(folder, 'offline.log') });
  let chrome: { port: number; kill(): void } | undefined;
  try {
    const { launch } = await import('chrome-launcher');
    const chromiumFound = await findChromium();
    const profile = join(folder, 'profile');
    mkdirSync(profile);
    chrome = await launch({
      chromePath: chromiumFound.executablePath,
      envVars: { ...process.env, ...chromiumFound.env },
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
      userDataDir: profile,
    });
    const top = (await (await fetch(`${api.baseUrl}/movies/?ordering=-score&page_size=1`)).json()) as { results: { id: number }[] };
    const film = top.results[0]?.id;
    if (film === undefined) throw new Error('the seeded database holds no film');
    // A film's first read writes its summary: done once here, as a visitor would rarely be the very first reader.
    await fetch(`${api.baseUrl}/movies/${film}/`);
    const pages: PageScores[] = [];
    for (const [name, path] of [
      ['home', '/'],
      ['a film', `/#/movies/${film}`],
    ] as const) {
      const result = await audit(`${api.baseUrl}${path}`, chrome.port);
      pages.push({ name, path: path.replace(String(film), '{id}'), ...result });
      console.log(`${name}: ${CATEGORIES.map((id) => `${id} ${result.scores[id]}`).join(', ')}`);
      for (const line of result.shortfalls) console.log(`  ${line}`);
    }
    const sizes = assetSizes();
    for (const { name, raw, gzip } of sizes) console.log(`${name}: ${raw} bytes, ${gzip} gzip`);
    if (!args.includes('--print-only')) {
      writeSection(section(pages, sizes, `Chromium from ${chromiumFound.source}`));
      console.log('docs/PERFORMANCE.md: its Lighthouse section rewritten');
    }
  } finally {
    chrome?.kill();
    await api.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
