import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProjectRoot } from '../../../harness/offlineApi';

const root = findProjectRoot(__dirname);

/** Runs scripts/startSqld.mjs with `command` in place of npm start; resolves with what the command printed. */
function startSqldThen(dbPath: string, command: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'startSqld.mjs'), process.execPath, '-e', command], {
      cwd: root,
      env: { ...process.env, SQLD_DB_PATH: dbPath, DATABASE_URL: 'file:/nowhere/else.db' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** `npm run start:sqld`: a local sqld with its data under .data/, then npm start against it, stopped together. */
describe('scripts/startSqld.mjs', () => {
  const folder = mkdtempSync(join(tmpdir(), 'start-sqld-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('starts sqld on its data folder, runs the command with DATABASE_URL pointing at it, and stops sqld when the command ends', async () => {
    const dbPath = join(folder, 'movies.sqld');
    const query = `
      const url = process.env.DATABASE_URL;
      fetch(url + '/v2/pipeline', { method: 'POST', body: JSON.stringify({ requests: [{ type: 'execute', stmt: { sql: 'SELECT 41 + 1' } }] }) })
        .then((response) => response.json())
        .then((body) => console.log('URL=' + url + ' ANSWER=' + body.results[0].response.result.rows[0][0].value));`;

    const { code, output } = await startSqldThen(dbPath, query);

    expect(code).toBe(0);
    const url = /URL=(http:\/\/127\.0\.0\.1:\d+) ANSWER=42/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(existsSync(dbPath)).toBe(true);
    await expect(fetch(`${url}/health`)).rejects.toThrow(); // sqld went with the command
  });

  it("ends with the command's exit code", async () => {
    const { code } = await startSqldThen(join(folder, 'failing.sqld'), 'process.exit(3)');

    expect(code).toBe(3);
  });
});
