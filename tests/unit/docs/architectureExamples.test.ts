import path from 'node:path';
import ts from 'typescript';
import { readText, root, trackedFiles } from './repository';

const GUIDE = 'docs/ARCHITECTURE.md';
const ELISION = /^\s*\/\/ …$/;

interface Example {
  readonly line: number;
  readonly file: string | undefined;
  readonly body: string[];
}

/** The guide's TypeScript blocks; each opens with `// <path>`, the file it quotes. */
const examplesOf = (markdown: string): Example[] => {
  const lines = markdown.split('\n');
  return lines.flatMap((text, index) => {
    if (!/^\s*```ts\s*$/.test(text)) return [];
    const indent = text.indexOf('`');
    const end = lines.findIndex((candidate, at) => at > index && /^\s*```\s*$/.test(candidate));
    const block = lines.slice(index + 1, end).map((code) => code.slice(indent));
    const file = /^\/\/ ((?:lib|functions|tests|scripts)\/\S+\.ts)$/.exec(block[0] ?? '')?.[1];
    return [{ line: index + 1, file, body: block.slice(1) }];
  });
};

/** Whether `body`'s runs of lines between `// …` elisions appear in `source`, in order, each line whole. */
const quotes = (source: string, body: string[]): boolean => {
  const sourceLines = source.split('\n');
  const runs = body
    .join('\n')
    .split('\n')
    .reduce<string[][]>((all, line) => (ELISION.test(line) ? [...all, []] : [...all.slice(0, -1), [...all.at(-1)!, line]]), [[]])
    .filter((run) => run.length > 0);
  // A block quoted from inside a function or a describe may drop the indent its lines share there.
  const foundAt = (run: string[], start: number) => {
    const first = sourceLines[start] ?? '';
    if (!first.endsWith(run[0]!)) return false;
    const indent = first.slice(0, first.length - run[0]!.length);
    if (/\S/.test(indent)) return false;
    return run.every((line, offset) => sourceLines[start + offset] === (line === '' ? '' : indent + line));
  };
  let from = 0;
  for (const run of runs) {
    const at = sourceLines.findIndex((_, start) => start >= from && foundAt(run, start));
    if (at < 0) return false;
    from = at + run.length;
  }
  return true;
};

const typeErrorsOf = (files: string[]): string[] => {
  const configFile = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  // The project's ambient declarations (types/: .sql imported as text) come with the files.
  const { options, fileNames } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const declarations = fileNames.filter((file) => file.endsWith('.d.ts'));
  const program = ts.createProgram([...files.map((file) => path.join(root, file)), ...declarations], options);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
};

describe(`${GUIDE}: the worked example of adding a route`, () => {
  const examples = examplesOf(readText(GUIDE));
  const files = new Set(trackedFiles());

  it('shows code', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it('quotes each block from a file of the repository, named on its first line', () => {
    const unquoted = examples
      .filter(({ file, body }) => !file || !files.has(file) || !quotes(readText(file), body))
      .map(({ line, file }) => `${GUIDE}:${line} ${file ?? 'names no file (its first line must be // <path>)'}`);

    expect(unquoted).toEqual([]);
  });

  it('quotes files that type-check against the real modules', () => {
    const quoted = [...new Set(examples.flatMap(({ file }) => (file && files.has(file) ? [file] : [])))];

    expect(quoted).not.toEqual([]);
    expect(typeErrorsOf(quoted)).toEqual([]);
  }, 120_000);
});

describe('reading a quoted block', () => {
  const source = ['import x;', '', 'const a = 1;', 'const b = 2;', 'const c = 3;'].join('\n');

  it('takes a block found line for line, and runs separated by elisions found in order', () => {
    expect(quotes(source, ['const a = 1;', 'const b = 2;'])).toBe(true);
    expect(quotes(source, ['import x;', '// …', 'const c = 3;'])).toBe(true);
  });

  it('takes a block that drops the indent its lines share in the file, and only a shared one', () => {
    const nested = ['describe(() => {', '  it(() => {', '    run();', '  });', '});'].join('\n');
    expect(quotes(nested, ['it(() => {', '  run();', '});'])).toBe(true);
    expect(quotes(nested, ['it(() => {', 'run();'])).toBe(false);
  });

  it('refuses a changed line, a partial line, or runs out of order', () => {
    expect(quotes(source, ['const a = 2;'])).toBe(false);
    expect(quotes(source, ['const a = 1'])).toBe(false);
    expect(quotes(source, ['const c = 3;', '// …', 'const a = 1;'])).toBe(false);
  });

  it('finds the file a block names, and none when its first line names none', () => {
    const markdown = ['1.', '   ```ts', '   // lib/x.ts', '   const a = 1;', '   ```', '```ts', 'const b = 2;', '```'].join('\n');
    expect(examplesOf(markdown)).toEqual([
      { line: 2, file: 'lib/x.ts', body: ['const a = 1;'] },
      { line: 6, file: undefined, body: [] },
    ]);
  });
});
