/** The revision to compare against, checked out beside the project for the length of a run. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    .toString()
    .trim();

export interface RevisionTree {
  root: string;
  /** The revision's short commit, for the section. */
  commit: string;
  remove: () => void;
}

/**
 * `git worktree add --detach` of `rev` in a temporary folder, with the project's node_modules linked in (the
 * bench never installs): both trees run on the packages installed here, so dependenciesThatDiffer says where
 * that is not what the revision named.
 */
export function checkOutRevision(projectRoot: string, rev: string): RevisionTree {
  const root = join(mkdtempSync(join(tmpdir(), 'movies-compare-')), 'tree');
  git(projectRoot, 'worktree', 'add', '--detach', root, rev);
  symlinkSync(join(projectRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  return {
    root,
    commit: git(root, 'rev-parse', '--short', 'HEAD'),
    remove: () => {
      git(projectRoot, 'worktree', 'remove', '--force', root);
      rmSync(join(root, '..'), { recursive: true, force: true });
    },
  };
}

export const shortCommit = (root: string) => git(root, 'rev-parse', '--short', 'HEAD');

/** The runtime dependencies whose versions the two package.json files name differently, as notes for the section. */
export function dependenciesThatDiffer(beforeRoot: string, afterRoot: string): string[] {
  const dependencies = (root: string) =>
    (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
  const [before, after] = [dependencies(beforeRoot), dependencies(afterRoot)];
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name}: before names ${before[name] ?? 'none'}, after ${after[name] ?? 'none'} (both ran with the installed one)`);
}

/** Whether both trees hold the same migrations, file for file, so that one seeded database serves both. */
export function sameMigrations(beforeRoot: string, afterRoot: string): boolean {
  const folder = (root: string) => join(root, 'lib', 'db', 'migrations');
  const files = (root: string) => (existsSync(folder(root)) ? readdirSync(folder(root)).sort() : []);
  const [before, after] = [files(beforeRoot), files(afterRoot)];
  return (
    before.join('\n') === after.join('\n') &&
    before.every((file) => readFileSync(join(folder(beforeRoot), file), 'utf8') === readFileSync(join(folder(afterRoot), file), 'utf8'))
  );
}
