import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { launchNpmStart, type NpmStart } from '../support/npmStart';
import { findProjectRoot } from '../../harness/offlineApi';
import {
  bodyOf,
  brokenPromises,
  documentedCommands,
  runDocumentedCommands,
  type CommandOutcome,
  type DocumentedCommand,
} from '../support/readmeCommands';

const projectRoot = findProjectRoot();

interface DocumentRun {
  file: string;
  api: NpmStart;
  folder: string;
  commands: DocumentedCommand[];
  outcomes: CommandOutcome[];
}

/**
 * Every command of a document's ```sh blocks, run as written by bash (runDocumentedCommands) against `npm start` on
 * a fresh database with the dataset imported, as a reader who has just cloned the project has it. The block that
 * installs and starts the project is not run: it is what starts the API here (`npm ci` and `npm test` are the
 * install and the suite themselves). Each document gets an API of its own: both sign up the same reader.
 */
async function runDocument(file: string, startSection: string, folder: string, started: NpmStart[]): Promise<DocumentRun> {
  const api = await launchNpmStart({ databaseUrl: `file:${join(folder, 'movies.db')}` });
  started.push(api);
  await api.healthy;
  const commands = documentedCommands(readFileSync(join(projectRoot, file), 'utf8'), (section) => section !== startSection);
  const run = join(folder, 'clone');
  mkdirSync(run);
  const outcomes = await runDocumentedCommands(commands, { baseUrl: api.baseUrl, folder: run, projectRoot });
  return { file, api, folder: run, commands, outcomes };
}

/** Each command that failed or broke its comment's promise, with where it is written and why. */
const brokenCommands = ({ file, folder, commands, outcomes }: DocumentRun) =>
  commands.flatMap((command, index) => {
    const problems = brokenPromises(command, outcomes[index]!, folder);
    return problems.length > 0 ? [`${file}:${command.line} ${command.text.split('\n')[0]}\n  ${problems.join('\n  ')}`] : [];
  });

describe('the README and docs/USAGE.md, run as written', () => {
  const folder = mkdtempSync(join(tmpdir(), 'movies-docs-'));
  const started: NpmStart[] = [];
  let readme: DocumentRun;
  let usage: DocumentRun;
  const readmeCommandsWhere = (test: (command: DocumentedCommand) => boolean) =>
    readme.commands.flatMap((command, index) => (test(command) ? [{ command, outcome: readme.outcomes[index]! }] : []));
  const answerOf = (outcome: CommandOutcome) => JSON.parse(bodyOf(outcome.stdout)) as Record<string, unknown>;

  beforeAll(async () => {
    [readme, usage] = await Promise.all([
      runDocument('README.md', 'Quick start', join(folder, 'readme'), started),
      runDocument('docs/USAGE.md', 'Running it', join(folder, 'usage'), started),
    ]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(started.map((api) => api.kill()));
    rmSync(folder, { recursive: true, force: true });
  });

  it("runs every command of the README's successfully, and each answers what its comment promises", () => {
    expect(readme.commands.length).toBeGreaterThan(10);
    expect(brokenCommands(readme)).toEqual([]);
  });

  it("runs every command of docs/USAGE.md's successfully, and each answers what its comment promises", () => {
    expect(usage.commands.length).toBeGreaterThan(10);
    expect(brokenCommands(usage)).toEqual([]);
  });

  it('adds no film the dataset already holds: each film the tour creates is the only one of its title and year', async () => {
    const created = readmeCommandsWhere((command) => /POST \$API\/movies\/ /.test(command.text));
    expect(created.length).toBeGreaterThan(0);

    for (const { command } of created) {
      const { title, year } = JSON.parse(/-d '([^']*)'/.exec(command.text)![1]!) as { title: string; year: number };
      const found = await fetch(`${readme.api.baseUrl}/movies/?search=${encodeURIComponent(title)}&page_size=100`);
      const { results } = (await found.json()) as { results: { title: string; year: number | null }[] };

      expect(results.filter((movie) => movie.title.toLowerCase() === title.toLowerCase() && movie.year === year)).toHaveLength(1);
    }
  });

  it('imports its sample export as documented: the dry run, then the same command without ?dry_run=true stores it', () => {
    const imports = readmeCommandsWhere((command) => command.text.includes('/users/me/ratings/import/'));
    const dryRun = imports.find(({ command }) => command.text.includes('dry_run=true'));
    const real = imports.find(({ command }) => !command.text.includes('dry_run'));
    expect(dryRun && real).toBeTruthy();
    expect(real!.command.text).toBe(dryRun!.command.text.replace('?dry_run=true', ''));

    const report = answerOf(real!.outcome) as { imported: number; unmatched: { title: string }[] };
    expect(answerOf(dryRun!.outcome)).toEqual(report);
    expect(report.imported).toBeGreaterThan(0);
    expect(report.unmatched.length).toBeGreaterThan(0);

    // What the export saved afterwards holds every film of the sample the import matched.
    const sample = /@(\S+)/.exec(real!.command.text)![1]!;
    const sampleTitles = (parse(readFileSync(join(projectRoot, sample)), { columns: true }) as { Title: string }[]).map((row) => row.Title);
    const exported = (parse(readFileSync(join(readme.folder, 'ratings.csv')), { columns: true, bom: true }) as { Title: string }[]).map(
      (row) => row.Title,
    );
    const unmatched = new Set(report.unmatched.map((row) => row.title));
    expect(exported).toEqual(expect.arrayContaining(sampleTitles.filter((title) => !unmatched.has(title))));
  });
});
