import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchNpmStart, portIsFree, processesOfGroup, processGroupAlive, waitUntil, type NpmStart } from '../support/npmStart';

/** The whole of `npm start` stops when npm is told to, as it does on Ctrl-C: nothing keeps serving behind it. */
describe('npm start', () => {
  const folder = mkdtempSync(join(tmpdir(), 'movies-npm-start-'));
  let started: NpmStart | undefined;

  afterAll(async () => {
    await started?.kill();
    rmSync(folder, { recursive: true, force: true });
  });

  it('stops its whole tree on SIGTERM to npm: no process of it is left and its port is free', async () => {
    started = await launchNpmStart({ databaseUrl: `file:${join(folder, 'movies.db')}`, env: { SEED_DATA: 'false' } });
    const { pid, port } = started;
    await started.healthy;

    process.kill(pid, 'SIGTERM');
    // serverless-offline gives open connections up to 5 s to finish before it exits.
    await waitUntil(() => !processGroupAlive(pid), 30_000);

    expect(processesOfGroup(pid)).toEqual([]);
    expect(await portIsFree(port)).toBe(true);
  }, 240_000);
});
