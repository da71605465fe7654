'use strict';

/**
 * serverless.yml's `functions: ${file(./scripts/serverless/functions.js)}`: the functions and their httpApi events
 * are generated from the route contracts (lib/schemas/routes), so adding a route is a contract, a handler file and
 * its tests. The contracts are TypeScript: esbuild (already there for the bundles) compiles them in memory, with
 * every package left to node_modules, so this works wherever serverless runs (package, offline, print).
 * The OpenAPI document the openapi function serves is refreshed from the same contracts on the way.
 */
const { join } = require('node:path');
const { compileTypeScript } = require('./compileTypeScript');

const projectRoot = join(__dirname, '..', '..');

module.exports = async function functions() {
  const contracts = compileTypeScript('contracts');
  if (contracts.writeOpenApiDocument(projectRoot)) console.log('lib/openapi/openapi.json rewritten from the route contracts');
  return contracts.serverlessFunctions(projectRoot);
};
