import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mutateOption } from '../../../tools/mutation/mutateOption.mjs';
import { scoresByFolder, scoresTable } from '../../../tools/mutation/scores.mjs';

describe('npm run mutation -- <what>', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mutate-'));
    mkdirSync(join(dir, 'lib', 'db'), { recursive: true });
    writeFileSync(join(dir, 'lib', 'db', 'client.ts'), '');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the configured scope when given nothing', () => {
    expect(mutateOption([], dir)).toEqual([]);
  });

  it('takes a folder as every .ts file under it, with or without a trailing slash', () => {
    expect(mutateOption(['lib/db'], dir)).toEqual(['--mutate', 'lib/db/**/*.ts']);
    expect(mutateOption(['lib/db/'], dir)).toEqual(['--mutate', 'lib/db/**/*.ts']);
  });

  it("passes Stryker's own options, such as --force, beside the files", () => {
    expect(mutateOption(['lib/db', '--force'], dir)).toEqual(['--force', '--mutate', 'lib/db/**/*.ts']);
    expect(mutateOption(['--force'], dir)).toEqual(['--force']);
  });

  it('passes files and globs on as they are, several joined by commas', () => {
    expect(mutateOption(['lib/db/client.ts', 'lib/llm/**/*.ts'], dir)).toEqual(['--mutate', 'lib/db/client.ts,lib/llm/**/*.ts']);
  });
});

describe('mutation scores per folder', () => {
  const mutants = (...statuses: string[]) => statuses.map((status, id) => ({ id: String(id), status }));
  const report = {
    files: {
      'lib/db/client.ts': { mutants: mutants('Killed', 'Killed', 'Survived', 'Timeout') },
      'lib/db/migrations/index.ts': { mutants: mutants('NoCoverage', 'Ignored', 'CompileError', 'Killed') },
      'lib/llm/index.ts': { mutants: mutants('Killed', 'RuntimeError') },
      'lib/config.ts': { mutants: mutants('Survived') },
    },
  };

  it('counts each status per folder, subfolders included, and scores detected over valid mutants', () => {
    const [db, llm] = scoresByFolder(report, ['lib/db', 'lib/llm']);
    // valid = killed 3 + timeout 1 + survived 1 + no coverage 1 = 6; detected = 4
    expect(db).toEqual({
      folder: 'lib/db',
      mutants: 8,
      killed: 3,
      survived: 1,
      timeout: 1,
      noCoverage: 1,
      ignored: 1,
      errors: 1,
      score: (4 / 6) * 100,
    });
    expect(llm).toMatchObject({ mutants: 2, killed: 1, errors: 1, score: 100 });
  });

  it('leaves out files outside the folders, and a folder is not matched by a mere prefix', () => {
    const [lib] = scoresByFolder(
      { files: { 'lib/dbx/a.ts': { mutants: mutants('Survived') }, 'lib/db/a.ts': { mutants: mutants('Killed') } } },
      ['lib/db'],
    );
    expect(lib).toMatchObject({ mutants: 1, killed: 1, survived: 0, score: 100 });
  });

  it('counts a single file when given one, for a folder measured only in part', () => {
    const [file] = scoresByFolder(report, ['lib/db/client.ts']);
    expect(file).toMatchObject({ folder: 'lib/db/client.ts', mutants: 4, killed: 2, survived: 1, timeout: 1 });
  });

  it('has no score for a folder without valid mutants', () => {
    expect(scoresByFolder({ files: {} }, ['lib/db'])[0]?.score).toBeNaN();
  });

  it('prints a markdown table with a total row, scores to two decimals', () => {
    const table = scoresTable(scoresByFolder(report, ['lib/db', 'lib/llm']));
    expect(table.split('\n')).toEqual([
      '| folder | mutants | killed | survived | timeout | no coverage | ignored | errors | score |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      '| lib/db | 8 | 3 | 1 | 1 | 1 | 1 | 1 | 66.67 % |',
      '| lib/llm | 2 | 1 | 0 | 0 | 0 | 0 | 1 | 100.00 % |',
      '| **all** | 10 | 4 | 1 | 1 | 1 | 1 | 2 | 71.43 % |',
    ]);
  });
});
