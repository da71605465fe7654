'use strict';

/**
 * serverless.yml's `custom.esbuild.plugins`: the esbuild plugins of scripts/serverless/functionModules.ts, compiled
 * in memory by esbuild as scripts/serverless/functions.js compiles the contracts.
 */
const { join } = require('node:path');
const Module = require('node:module');
const { buildSync } = require('esbuild');

const filename = join(__dirname, 'functionModules.cjs');
const { outputFiles } = buildSync({
  entryPoints: [join(__dirname, 'functionModules.ts')],
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  write: false,
  outfile: filename,
  logLevel: 'error',
});
const compiled = new Module(filename, module);
compiled.filename = filename;
compiled.paths = Module._nodeModulePaths(__dirname);
compiled._compile(outputFiles[0].text, filename);

module.exports = compiled.exports.esbuildPlugins;
