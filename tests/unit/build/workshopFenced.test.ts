import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { forbids } from '../../support/dependencyRules';

const root = join(__dirname, '..', '..', '..');

const hasCode = (dir: string): boolean =>
  readdirSync(dir).some((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? hasCode(path) : /\.(ts|js|mjs|cjs)$/.test(name);
  });

describe('the workshop (tools, harness, tests) is fenced from the product (lib, functions, scripts)', () => {
  it('npm run depcruise cruises every top-level folder that holds code', () => {
    const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.depcruise!;
    const cruised = script.split(/\s+/);
    const folders = readdirSync(root).filter(
      (name) =>
        !name.startsWith('.') && !['node_modules', 'public', 'reports', 'types'].includes(name) && statSync(join(root, name)).isDirectory(),
    );
    expect(folders.filter((folder) => hasCode(join(root, folder)) && !cruised.includes(folder))).toEqual([]);
  });

  it.each([
    ['lib/db/client.ts', 'tools/bench/stats.ts'],
    ['lib/db/client.ts', 'harness/sqld.ts'],
    ['lib/db/client.ts', 'tests/unit/x.test.ts'],
    ['functions/movies/getMovie.ts', 'tools/bench/stats.ts'],
    ['functions/movies/getMovie.ts', 'harness/events.ts'],
    ['functions/movies/getMovie.ts', 'tests/support/auth.ts'],
    ['scripts/seed.ts', 'tools/bench/stats.ts'],
    ['scripts/seed.ts', 'harness/sqld.ts'],
    ['scripts/seed.ts', 'tests/support/auth.ts'],
    ['harness/sqld.ts', 'tests/support/auth.ts'],
    ['harness/sqld.ts', 'tools/bench/stats.ts'],
    ['harness/sqld.ts', 'scripts/seed.ts'],
    ['tools/bench/index.ts', 'tests/support/auth.ts'],
  ])('forbids %s importing %s', (from, to) => {
    expect(forbids(from, to)).toBe(true);
  });

  it.each([
    ['tools/bench/index.ts', 'lib/db/client.ts'],
    ['tools/bench/index.ts', 'harness/sqld.ts'],
    ['tools/bench/index.ts', 'scripts/movieImport.ts'],
    ['tests/e2e/x.test.ts', 'harness/sqld.ts'],
    ['tests/unit/x.test.ts', 'tools/bench/bundle.ts'],
    ['harness/countingCalls.ts', 'lib/db/clientWith.ts'],
  ])('lets %s import %s', (from, to) => {
    expect(forbids(from, to)).toBe(false);
  });
});
