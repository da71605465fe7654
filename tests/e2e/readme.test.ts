import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { launchNpmStart, type NpmStart } from '../support/npmStart';
import { findProjectRoot } from '../support/offlineApi';
import { bodyOf, brokenPromises, documentedCommands, type CommandOutcome, type DocumentedCommand } from '../support/readmeCommands';

const projectRoot = findProjectRoot();
const README_PORT = '127.0.0.1:3000';

/**
 * Every command of the README's ```sh blocks, run as written by bash against `npm start` from a fresh database (the
 * dataset imported, as for a reader), in order and in one shell, so $API and $ACCESS carry on as they do for a
 * reader. The port is the one change: the API runs on a free one. Quick start's block is not run: it is what starts
 * the API here (`npm test` and `npm ci` are the suite and the install themselves).
 */
describe('the README, run as written', () => {
  const folder = mkdtempSync(join(tmpdir(), 'movies-readme-'));
  let started: NpmStart | undefined;
  let commands: DocumentedCommand[];
  let outcomes: CommandOutcome[];
  const commandsWhere = (test: (command: DocumentedCommand) => boolean) =>
    commands.flatMap((command, index) => (test(command) ? [{ command, outcome: outcomes[index]! }] : []));
  const answerOf = (outcome: CommandOutcome) => JSON.parse(bodyOf(outcome.stdout)) as Record<string, unknown>;

  beforeAll(async () => {
    started = await launchNpmStart({ databaseUrl: `file:${join(folder, 'movies.db')}` });
    await started.healthy;
    commands = documentedCommands(readFileSync(join(projectRoot, 'README.md'), 'utf8'), (section) => section !== 'Quick start');
    // The reader runs them in a clone: the sample files are read from the project, and what the commands save (the
    // export's ratings.csv) lands in a folder of the test's own.
    const run = join(folder, 'run');
    mkdirSync(run);
    symlinkSync(join(projectRoot, 'docs'), join(run, 'docs'));
    const script = [
      // Each curl call's HTTP status goes to stderr, its answer untouched on stdout.
      `curl() { command curl -w '%{stderr}\\nHTTP_STATUS %{http_code}\\n' "$@"; }`,
      ...commands.map((command, index) => {
        const file = join(folder, String(index));
        // A group, not a subshell, so an assignment such as ACCESS=$(…) stays for the commands after it.
        return `{ ${command.text.replaceAll(README_PORT, new URL(started!.baseUrl).host)}\n} > ${file}.out 2> ${file}.err; echo $? > ${file}.rc`;
      }),
    ].join('\n');
    writeFileSync(join(folder, 'readme.sh'), script);
    await promisify(execFile)('bash', [join(folder, 'readme.sh')], { cwd: run, maxBuffer: 64 * 1024 * 1024 });
    outcomes = commands.map((_, index) => {
      const file = join(folder, String(index));
      const stderr = readFileSync(`${file}.err`, 'utf8');
      return {
        exitCode: Number(readFileSync(`${file}.rc`, 'utf8')),
        stdout: readFileSync(`${file}.out`, 'utf8'),
        stderr: stderr.replace(/\n?HTTP_STATUS \d+\n/g, ''),
        statuses: [...stderr.matchAll(/HTTP_STATUS (\d+)/g)].map((match) => Number(match[1])),
      };
    });
  }, 300_000);

  afterAll(() => {
    started?.kill();
    rmSync(folder, { recursive: true, force: true });
  });

  it('runs every command successfully, and each answers what its comment promises', () => {
    const broken = commands.flatMap((command, index) => {
      const problems = brokenPromises(command, outcomes[index]!, join(folder, 'run'));
      return problems.length > 0 ? [`README.md:${command.line} ${command.text.split('\n')[0]}\n  ${problems.join('\n  ')}`] : [];
    });

    expect(commands.length).toBeGreaterThan(10);
    expect(broken).toEqual([]);
  });

  it('adds no film the dataset already holds: each film it creates is the only one of its title and year', async () => {
    const created = commandsWhere((command) => /POST \$API\/movies\/ /.test(command.text));
    expect(created.length).toBeGreaterThan(0);

    for (const { command } of created) {
      const { title, year } = JSON.parse(/-d '([^']*)'/.exec(command.text)![1]!) as { title: string; year: number };
      const found = await fetch(`${started!.baseUrl}/movies/?search=${encodeURIComponent(title)}&page_size=100`);
      const { results } = (await found.json()) as { results: { title: string; year: number | null }[] };

      expect(results.filter((movie) => movie.title.toLowerCase() === title.toLowerCase() && movie.year === year)).toHaveLength(1);
    }
  });

  it('imports its sample export as documented: the dry run, then the same command without ?dry_run=true stores it', () => {
    const imports = commandsWhere((command) => command.text.includes('/users/me/ratings/import/'));
    const dryRun = imports.find(({ command }) => command.text.includes('dry_run=true'));
    const real = imports.find(({ command }) => !command.text.includes('dry_run'));
    expect(dryRun && real).toBeTruthy();
    const withoutDryRun = dryRun!.command.text.replace('?dry_run=true', '');
    expect(real!.command.text).toBe(withoutDryRun);

    const report = answerOf(real!.outcome) as { imported: number; unmatched: { title: string }[] };
    expect(answerOf(dryRun!.outcome)).toEqual(report);
    expect(report.imported).toBeGreaterThan(0);
    expect(report.unmatched.length).toBeGreaterThan(0);

    // What the export saved afterwards holds every film of the sample the import matched.
    const sample = /@(\S+)/.exec(real!.command.text)![1]!;
    const sampleTitles = (parse(readFileSync(join(projectRoot, sample)), { columns: true }) as { Title: string }[]).map((row) => row.Title);
    const exported = (parse(readFileSync(join(folder, 'run', 'ratings.csv')), { columns: true, bom: true }) as { Title: string }[]).map(
      (row) => row.Title,
    );
    const unmatched = new Set(report.unmatched.map((row) => row.title));
    expect(exported).toEqual(expect.arrayContaining(sampleTitles.filter((title) => !unmatched.has(title))));
  });
});
