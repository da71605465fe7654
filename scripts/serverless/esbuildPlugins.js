'use strict';

/**
 * serverless.yml's `custom.esbuild.plugins`: the esbuild plugins of scripts/serverless/functionModules.ts, compiled
 * in memory as scripts/serverless/functions.js compiles the contracts.
 */
const { compileTypeScript } = require('./compileTypeScript');

module.exports = compileTypeScript('functionModules').esbuildPlugins;
