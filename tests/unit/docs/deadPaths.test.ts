import { declarationsNamedIn, declares, isPlaceholder, matcherOf, pathsNamedIn, type NamedPath } from './docPaths';
import { ignoredPaths, readText, trackedFiles } from './repository';

const files = trackedFiles();

/**
 * The guides: README.md and docs/*.md. docs/history/ is exempt: a log or a snapshot records what was true when it
 * was written, names and all, and says so by where it lives.
 */
const guides = files.filter((file) => file === 'README.md' || /^docs\/[^/]+\.md$/.test(file));

const deadPathsOf = (document: string): string[] => {
  const named = pathsNamedIn(document, readText(document));
  const unmatched = named.filter(({ target }) => !files.some((file) => matcherOf(target).test(file)));
  // An output a command writes (test-output/, reports/mutation/) is named by .gitignore, not held by a clone.
  const outputs = ignoredPaths(unmatched.filter(({ target }) => !isPlaceholder(target)).map(({ target }) => target));
  return unmatched.filter(({ target }) => !outputs.has(target)).map(({ written, line }: NamedPath) => `${document}:${line} ${written}`);
};

describe('the paths the guides name', () => {
  it('are checked in README.md and every guide of docs/', () => {
    expect(guides).toEqual(expect.arrayContaining(['README.md', 'docs/ARCHITECTURE.md', 'docs/TESTING.md']));
  });

  it.each(guides)('%s names only files and folders a clone holds', (document) => {
    expect(deadPathsOf(document)).toEqual([]);
  });
});

describe('the functions the guides name as file:name', () => {
  it.each(guides)('%s names only functions, methods and constants its files declare', (document) => {
    const unknown = declarationsNamedIn(readText(document))
      .filter(({ file, name }) => files.includes(file) && !declares(readText(file), name))
      .map(({ file, name, line }) => `${document}:${line} ${file}:${name}`);

    expect(unknown).toEqual([]);
  });

  it('knows a declaration from a mention', () => {
    const source = ['export function getDb() {}', 'const once = 1;', 'return {', '  async get(id) {},', '  remove: (id) => id,', '};'].join(
      '\n',
    );
    for (const name of ['getDb', 'once', 'get', 'remove']) expect(declares(source, name)).toBe(true);
    expect(declares('getDb();\nconst x = getDbs;', 'getDb')).toBe(false);
    expect(declarationsNamedIn('see `lib/db/client.ts:getDb` and lib/http/stack.ts:12')).toEqual([
      { file: 'lib/db/client.ts', name: 'getDb', line: 1 },
    ]);
  });
});

describe('what counts as a path a document names', () => {
  const targets = (markdown: string, document = 'docs/GUIDE.md') => pathsNamedIn(document, markdown).map(({ target }) => target);

  it('takes words that start with a top folder, in code spans, prose and fences alike', () => {
    expect(targets('see `lib/http/stack.ts`, then lib/container.ts.\n```\nnpx jest tests/unit/config.test.ts\n```')).toEqual([
      'lib/http/stack.ts',
      'lib/container.ts',
      'tests/unit/config.test.ts',
    ]);
  });

  it('cuts off a line number, a function name and an anchor', () => {
    expect(targets('lib/http/stack.ts:12, lib/http/stack.ts:stackOf and docs/USAGE.md#errors')).toEqual([
      'lib/http/stack.ts',
      'lib/http/stack.ts',
      'docs/USAGE.md',
    ]);
  });

  it("leaves a URL's path alone", () => {
    expect(targets('open http://localhost:3000/docs/ or /docs/ or https://example.com/lib/x.ts')).toEqual([]);
  });

  it('resolves a relative link against the document, without its anchor, and leaves absolute ones alone', () => {
    expect(targets('[a](USAGE.md#errors) [b](../README.md) [c](https://example.com) [d](#here)')).toEqual(['docs/USAGE.md', 'README.md']);
  });

  it('matches placeholders, globs, folders and modules named as imports name them', () => {
    expect(matcherOf('functions/<area>/<name>.ts').test('functions/movies/getMovie.ts')).toBe(true);
    expect(matcherOf('functions/<area>/<name>.ts').test('functions/movies/nested/getMovie.ts')).toBe(false);
    expect(matcherOf('lib/db/migrations/<NNN>_<name>.sql').test('lib/db/migrations/012_watchlist.sql')).toBe(true);
    expect(matcherOf('tests/e2e/*.test.ts').test('tests/e2e/core.test.ts')).toBe(true);
    expect(matcherOf('lib/**/index.ts').test('lib/db/migrations/index.ts')).toBe(true);
    expect(matcherOf('lib/http/').test('lib/http/stack.ts')).toBe(true);
    expect(matcherOf('lib/http').test('lib/https.ts')).toBe(false);
    expect(matcherOf('lib/services/tokens').test('lib/services/tokens.ts')).toBe(true);
    expect(matcherOf('lib/db/client.ts').test('lib/db/client.tsx')).toBe(false);
  });
});
