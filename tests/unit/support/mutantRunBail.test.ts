import { MutantRunBail } from '../../support/mutation/mutantRunBail.cjs';

// Stryker needs one failing test to call a mutant killed. Jest's own `bail` exits the process (Stryker's worker),
// so a mutant run bails itself: once a test file has failed, the files after it skip every test and hook.
describe('a mutant run that stops testing once a test has failed', () => {
  const test = (name: string, errors: unknown[] = []) => ({ type: 'test', name, mode: undefined as string | undefined, errors });
  const tree = () => {
    const inner = { type: 'describeBlock', name: 'inner', mode: undefined as string | undefined, children: [test('b')] };
    return { type: 'describeBlock', name: 'ROOT', mode: undefined as string | undefined, children: [test('a'), inner] };
  };
  const modes = (block: ReturnType<typeof tree>) => [block.mode, block.children[0]?.mode, (block.children[1] as { mode?: string }).mode];

  it('runs every file while no test has failed', () => {
    const bail = new MutantRunBail();
    bail.startRun();
    const root = tree();
    bail.handle({ name: 'test_done', test: test('a') }, { rootDescribeBlock: tree() });
    bail.handle({ name: 'run_start' }, { rootDescribeBlock: root });
    expect(modes(root)).toEqual([undefined, undefined, undefined]);
  });

  it('skips the whole next file, nested blocks included, after a failed test', () => {
    const bail = new MutantRunBail();
    bail.startRun();
    bail.handle({ name: 'test_done', test: test('a', [new Error('expected 1, got 2')]) }, { rootDescribeBlock: tree() });
    const root = tree();
    bail.handle({ name: 'run_start' }, { rootDescribeBlock: root });
    expect(modes(root)).toEqual(['skip', 'skip', 'skip']);
  });

  it('skips the later tests of the same file after a failed test', () => {
    const bail = new MutantRunBail();
    bail.startRun();
    const next = test('b');
    bail.handle({ name: 'test_start', test: test('a') }, { rootDescribeBlock: tree() });
    bail.handle({ name: 'test_done', test: test('a', [new Error('expected 1, got 2')]) }, { rootDescribeBlock: tree() });
    bail.handle({ name: 'test_start', test: next }, { rootDescribeBlock: tree() });
    expect(next.mode).toBe('skip');
  });

  it('lets every test start while nothing has failed', () => {
    const bail = new MutantRunBail();
    bail.startRun();
    const first = test('a');
    bail.handle({ name: 'test_start', test: first }, { rootDescribeBlock: tree() });
    expect(first.mode).toBeUndefined();
  });

  it('counts a failed hook as a failure', () => {
    const bail = new MutantRunBail();
    bail.startRun();
    bail.handle({ name: 'hook_failure' }, { rootDescribeBlock: tree() });
    const root = tree();
    bail.handle({ name: 'run_start' }, { rootDescribeBlock: root });
    expect(root.mode).toBe('skip');
  });

  it('forgets the failure when the next mutant run starts', () => {
    const bail = new MutantRunBail();
    bail.startRun();
    bail.handle({ name: 'hook_failure' }, { rootDescribeBlock: tree() });
    bail.startRun();
    const root = tree();
    bail.handle({ name: 'run_start' }, { rootDescribeBlock: root });
    expect(root.mode).toBeUndefined();
  });
});
