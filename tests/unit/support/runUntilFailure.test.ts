import { runUntilFailure } from '../../support/mutation/bailingRunner.cjs';

// A mutant run needs one failure; the test files after it are not even loaded (loading one costs about as much as
// running it). Jest's own `bail` would exit Stryker's worker process instead.
describe('running the test files of a mutant run until one fails', () => {
  it('runs the files one at a time, in order, and stops loading them after a failure', async () => {
    const ran: string[] = [];
    let failed = false;
    const runOne = async (file: string) => {
      ran.push(file);
      if (file === 'b') failed = true;
    };

    await runUntilFailure(['a', 'b', 'c', 'd'], runOne, () => failed);

    expect(ran).toEqual(['a', 'b']);
  });

  it('runs every file while none fails', async () => {
    const ran: string[] = [];

    await runUntilFailure(
      ['a', 'b', 'c'],
      async (file) => void ran.push(file),
      () => false,
    );

    expect(ran).toEqual(['a', 'b', 'c']);
  });
});
