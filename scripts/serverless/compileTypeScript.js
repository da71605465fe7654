'use strict';

/**
 * Loads a TypeScript module of scripts/serverless where serverless reads its configuration (package, offline, print):
 * esbuild (already there for the bundles) compiles it in memory, every package left to node_modules, so this works
 * wherever serverless runs, without a TypeScript loader.
 */
const { join } = require('node:path');
const Module = require('node:module');
const { buildSync } = require('esbuild');

/** The exports of scripts/serverless/<name>.ts. */
function compileTypeScript(name) {
  const filename = join(__dirname, `${name}.cjs`);
  const { outputFiles } = buildSync({
    entryPoints: [join(__dirname, `${name}.ts`)],
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

module.exports = { compileTypeScript };
