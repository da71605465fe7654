// `npm run mutation:scores [-- report.json]`: the per-folder table of the last results, from the committed
// incremental file by default, for each folder of the configured scope.
import { readFileSync } from 'node:fs';
import config from '../../stryker.config.mjs';
import { scoresByFolder, scoresTable } from './scores.mjs';

const report = JSON.parse(readFileSync(process.argv[2] ?? config.incrementalFile, 'utf8'));
const folders = config.mutate.map((glob) => glob.replace(/\/\*\*\/\*\.ts$/, ''));
console.log(scoresTable(scoresByFolder(report, folders)));
