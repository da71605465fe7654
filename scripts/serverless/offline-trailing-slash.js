'use strict';

/**
 * API Gateway treats /movies and /movies/ as two routes, so serverless.yml declares both. serverless-offline
 * strips trailing slashes before routing and refuses the second declaration as a duplicate; the slash-less
 * route already answers both there. This plugin drops the trailing-slash twins for `serverless offline`
 * only, leaving the deployed API untouched.
 */
class OfflineTrailingSlash {
  constructor(serverless) {
    const dropTwins = () => {
      for (const fn of Object.values(serverless.service.functions ?? {})) {
        fn.events = (fn.events ?? []).filter((event) => {
          const path = event.httpApi?.path;
          return typeof path !== 'string' || path === '/' || !path.endsWith('/');
        });
      }
    };
    this.hooks = { 'before:offline:start:init': dropTwins, 'before:offline:start': dropTwins };
  }
}

module.exports = OfflineTrailingSlash;
