'use strict';

/**
 * Function package patterns (Swagger UI's files, the web page's, the openai package) say what a deployed zip must
 * carry beside its bundle. `serverless offline` runs the bundles inside the project, where every one of those files
 * is already found by looking upwards, so copying them into the build folder (over 4,000 files for openai) only
 * slows each start. This plugin drops the patterns for `serverless offline` alone; packaging keeps them.
 */
class OfflineWithoutPackageCopies {
  constructor(serverless) {
    const dropPatterns = () => {
      for (const fn of Object.values(serverless.service.functions ?? {})) {
        if (fn.package) delete fn.package.patterns;
      }
    };
    this.hooks = { 'before:offline:start:init': dropPatterns, 'before:offline:start': dropPatterns };
  }
}

module.exports = OfflineWithoutPackageCopies;
