import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Stryker's `--mutate` for what `npm run mutation -- ...` was given: nothing keeps the configured scope, a folder
 * means every .ts file under it (so it needs no quoting), files and globs pass as they are.
 */
export function mutateOption(args, cwd = process.cwd()) {
  const patterns = args.map((arg) => {
    const path = arg.replace(/\/+$/, '');
    const full = resolve(cwd, path);
    return existsSync(full) && statSync(full).isDirectory() ? `${path}/**/*.ts` : path;
  });
  return patterns.length === 0 ? [] : ['--mutate', patterns.join(',')];
}
