import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository's root: what a fresh clone holds is what git tracks there. */
export const root = path.resolve(__dirname, '../../..');

const git = (args: string[], input?: string) =>
  execFileSync('git', args, { cwd: root, encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });

/** Every file a clone gets, as repository-relative paths with forward slashes. */
export const trackedFiles = (): string[] => git(['ls-files', '-z']).split('\0').filter(Boolean);

/**
 * The paths of `candidates` that .gitignore names: build and test outputs (test-output/, reports/mutation/,
 * .build/) that a doc may point at although no clone holds them until a command writes them.
 */
export const ignoredPaths = (candidates: string[]): Set<string> => {
  if (candidates.length === 0) return new Set();
  try {
    return new Set(git(['check-ignore', '--no-index', '--stdin'], candidates.join('\n')).split('\n').filter(Boolean));
  } catch (error) {
    // check-ignore exits 1 when none of them is ignored.
    if ((error as { status?: number }).status === 1) return new Set();
    throw error;
  }
};

export const readText = (file: string) => readFileSync(path.join(root, file), 'utf8');
