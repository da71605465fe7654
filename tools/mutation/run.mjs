// `npm run mutation [-- <folder|file|glob> ...]` (docs/TESTING.md). Quote a glob ('lib/db/**/*.ts'): unquoted,
// the shell may expand `**` as `*` and leave files out; a folder (lib/db) needs no quoting.
import { spawnSync } from 'node:child_process';
import { mutateOption } from './mutateOption.mjs';

const { status } = spawnSync('stryker', ['run', ...mutateOption(process.argv.slice(2))], { stdio: 'inherit' });
process.exit(status ?? 1);
