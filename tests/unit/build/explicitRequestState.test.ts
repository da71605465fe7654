import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');

type PathRule = { path?: string | string[] };
type Rule = { name: string; from: PathRule; to: PathRule };
const config = require(join(root, '.dependency-cruiser.cjs')) as { forbidden: Rule[] };
const matches = (rule: PathRule, file: string) => rule.path !== undefined && new RegExp([rule.path].flat().join('|')).test(file);
const forbids = (from: string, to: string) => config.forbidden.some((rule) => matches(rule.from, from) && matches(rule.to, to));

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourcesUnder(path) : name.endsWith('.ts') ? [path] : [];
  });

/**
 * A request's state is an argument a reader can follow (the request's context, its services, its database handle),
 * never found in a store or behind a Proxy; and the layers that must not reach the database cannot import it.
 */
describe("a request's state is explicit", () => {
  it('no module of lib keeps it in AsyncLocalStorage or hides a call behind a Proxy', () => {
    const hidden = sourcesUnder(join(root, 'lib'))
      .filter((file) => /\bAsyncLocalStorage\b|\bnew Proxy\b|async_hooks/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));

    expect(hidden).toEqual([]);
  });

  it.each([
    ['lib/http/createHttpHandler.ts', 'lib/db/requestDatabase.ts'],
    ['lib/services/ratingsService.ts', 'lib/db/requestDatabase.ts'],
    ['lib/logger.ts', 'lib/db/requestDatabase.ts'],
    ['lib/logger.ts', 'lib/requestDuties.ts'],
    ['lib/logger.ts', 'lib/http/requestId.ts'],
  ])('forbids %s importing %s (dependency-cruiser)', (from, to) => {
    expect(forbids(from, to)).toBe(true);
  });

  it.each([
    ['lib/container.ts', 'lib/db/requestDatabase.ts'],
    ['lib/http/createHttpHandler.ts', 'lib/requestDuties.ts'],
    ['lib/services/throttling.ts', 'lib/requestDuties.ts'],
  ])('lets %s import %s', (from, to) => {
    expect(forbids(from, to)).toBe(false);
  });
});
