import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Stryker's `--mutate` for what `npm run mutation -- ...` was given: nothing keeps the configured scope, a folder
 * means every .ts file under it (so it needs no quoting), files and globs pass as they are, and so do Stryker's own
 * options (--force to re-test what the incremental result would reuse).
 */
export function mutateOption(args, cwd = process.cwd()) {
  const options = args.filter((arg) => arg.startsWith('--'));
  const patterns = args
    .filter((arg) => !arg.startsWith('--'))
    .map((arg) => {
      const path = arg.replace(/\/+$/, '');
      const full = resolve(cwd, path);
      return existsSync(full) && statSync(full).isDirectory() ? `${path}/**/*.ts` : path;
    });
  return patterns.length === 0 ? options : [...options, '--mutate', patterns.join(',')];
}
