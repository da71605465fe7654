/**
 * Where a function's handler lives in a tree. Folders moved between revisions (functions/users/* went to ratings,
 * watchlist, portableRatings and recommendations; counter to requestCount; fallback to unmatchedRoute), but each
 * function's file keeps its function's name, so the name finds it in either layout.
 */
import { readdirSync } from 'node:fs';
import { join, posix } from 'node:path';

/** The one file named `<name>.ts` among `files` (paths relative to the tree's root); throws on none or several. */
export function findFunctionFile(files: readonly string[], name: string): string {
  const matches = files.filter((file) => posix.basename(file) === `${name}.ts`);
  if (matches.length === 0) throw new Error(`no file for ${name} under functions/`);
  if (matches.length > 1) throw new Error(`several files for ${name}: ${matches.join(', ')}`);
  return matches[0]!;
}

/** Every .ts file under a tree's functions/, relative to the tree's root, with forward slashes. */
export function functionFilesOf(root: string): string[] {
  return (readdirSync(join(root, 'functions'), { recursive: true }) as string[])
    .map((file) => `functions/${file.split('\\').join('/')}`)
    .filter((file) => file.endsWith('.ts'));
}
