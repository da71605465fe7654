'use strict';

/**
 * serverless-offline hands a Lambda `content-type: application/json` for a request that came with a body and no
 * Content-Type; API Gateway passes the headers as they came. The API answers such a body 415, so this plugin makes
 * the emulator faithful: hapi marks a request without a Content-Type as it arrives, and the HTTP API (v2) event built
 * for it loses the Content-Type the emulator filled in, and the mark. For `serverless offline` only.
 */
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');

const MARK = 'x-offline-without-content-type';

function markRequestsWithoutContentType(request, h) {
  if (request.headers['content-type'] === undefined) request.raw.req.rawHeaders.push(MARK, '1');
  return h.continue;
}

async function patchEmulator() {
  const offline = dirname(require.resolve('serverless-offline'));
  const hapi = require(require.resolve('@hapi/hapi', { paths: [offline] }));
  const prototype = Object.getPrototypeOf(hapi.server({ autoListen: false }));
  if (!prototype.start.withoutDefaultContentType) {
    const start = prototype.start;
    prototype.start = function startMarkingRequests(...args) {
      this.ext('onRequest', markRequestsWithoutContentType);
      return start.apply(this, args);
    };
    prototype.start.withoutDefaultContentType = true;
  }
  // The event class is not among the package's exports: imported by file, it is the very module the emulator uses.
  const eventModule = pathToFileURL(join(offline, 'events', 'http', 'lambda-events', 'LambdaProxyIntegrationEventV2.js')).href;
  const { default: LambdaProxyIntegrationEventV2 } = await import(eventModule);
  const create = LambdaProxyIntegrationEventV2.prototype.create;
  if (create.withoutDefaultContentType) return;
  LambdaProxyIntegrationEventV2.prototype.create = function createAsApiGatewayDoes(...args) {
    const event = create.apply(this, args);
    if (event.headers && event.headers[MARK] !== undefined) {
      delete event.headers[MARK];
      delete event.headers['content-type'];
    }
    return event;
  };
  LambdaProxyIntegrationEventV2.prototype.create.withoutDefaultContentType = true;
}

class OfflineNoDefaultContentType {
  constructor() {
    this.hooks = { 'before:offline:start:init': patchEmulator, 'before:offline:start': patchEmulator };
  }
}

module.exports = OfflineNoDefaultContentType;
