'use strict';

/**
 * serverless.yml's `functions: ${file(./scripts/serverless/functions.js)}`: the functions and their httpApi events
 * are generated from the route contracts (lib/schemas/routes), so adding a route is a contract, a handler file and
 * its tests. The contracts are TypeScript: esbuild (already there for the bundles) compiles them in memory, with
 * every package left to node_modules, so this works wherever serverless runs (package, offline, print).
 * The OpenAPI document the openapi function serves is refreshed from the same contracts on the way.
 */
const { join } = require('node:path');
const Module = require('node:module');
const { buildSync } = require('esbuild');

const projectRoot = join(__dirname, '..', '..');

function loadContracts() {
  const filename = join(__dirname, 'contracts.cjs');
  const { outputFiles } = buildSync({
    entryPoints: [join(__dirname, 'contracts.ts')],
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
  return compiled.exports;
}

module.exports = async function functions() {
  const contracts = loadContracts();
  if (contracts.writeOpenApiDocument(projectRoot)) console.log('lib/openapi/openapi.json rewritten from the route contracts');
  return contracts.serverlessFunctions(projectRoot);
};
