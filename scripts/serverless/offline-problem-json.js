'use strict';

/**
 * serverless-offline's web server (hapi) refuses some requests before any Lambda runs: a body over the 10 MiB that
 * API Gateway takes answers hapi's own `{"statusCode":413,"error":"Request Entity Too Large"}`. The API promises
 * problem+json for every error, so this plugin rewrites hapi's own error answers into one. serverless-offline
 * creates its hapi servers internally; the extension goes on every hapi server as it starts, from hapi's shared
 * prototype. Lambda answers are never touched: only hapi's Boom errors are.
 */
const titles = { 413: 'Content Too Large' };

function problemJson(request, h) {
  const response = request.response;
  if (!response || !response.isBoom) return h.continue;
  const status = response.output.statusCode;
  const problem = {
    type: 'about:blank',
    title: titles[status] ?? response.output.payload.error,
    status,
    // 5xx messages may hold paths or internals; 4xx ones describe the caller's request.
    detail: status >= 500 ? 'the server could not answer this request' : response.message,
  };
  return h.response(JSON.stringify(problem)).code(status).type('application/problem+json');
}

function extendHapiServers() {
  const hapi = require(require.resolve('@hapi/hapi', { paths: [require.resolve('serverless-offline')] }));
  const prototype = Object.getPrototypeOf(hapi.server({ autoListen: false }));
  if (prototype.start.problemJson) return;
  const start = prototype.start;
  prototype.start = function startWithProblemJson(...args) {
    this.ext('onPreResponse', problemJson);
    return start.apply(this, args);
  };
  prototype.start.problemJson = true;
}

class OfflineProblemJson {
  constructor() {
    this.hooks = { 'before:offline:start:init': extendHapiServers, 'before:offline:start': extendHapiServers };
  }
}

module.exports = OfflineProblemJson;
