// `npm run mutation:scores [-- <folder|file> ...]`: the per-folder table of the last results in the committed
// incremental file, for each folder of the configured scope or for the folders and files given.
import { readFileSync } from 'node:fs';
import config from '../../stryker.config.mjs';
import { scoresByFolder, scoresTable } from './scores.mjs';

const report = JSON.parse(readFileSync(config.incrementalFile, 'utf8'));
const given = process.argv.slice(2).map((path) => path.replace(/\/+$/, ''));
const folders = given.length > 0 ? given : config.mutate.map((glob) => glob.replace(/\/\*\*\/\*\.ts$/, ''));
console.log(scoresTable(scoresByFolder(report, folders)));
