'use strict';

/**
 * serverless-offline answers a Lambda that times out or throws, for HTTP API payload 2.0, with HTTP 200 and a
 * body of `errorMessage`, `errorType` and `stackTrace` (file paths included): a 2xx with an error in it. API
 * Gateway itself answers 500 for a crash and 503/504 for a timeout, and says nothing of the cause. This plugin
 * makes `serverless offline` do the same in problem+json: each Lambda invocation that fails becomes a 504 (timeout)
 * or 500 answer, with no message, stack or path. The functions already answer their own 504 half a second before
 * their timeout; this is for when even that could not run.
 */
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');

const problem = (status, title) => ({
  statusCode: status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'about:blank', title, status, detail: 'the function did not answer; try again later' }),
  isBase64Encoded: false,
});

/** The invocation's result, or the problem+json answer for its failure. */
async function answerFailedInvocation(run) {
  try {
    return await run();
  } catch (error) {
    const timedOut = error?.constructor?.name === 'LambdaTimeoutError' || /\[504\]/.test(String(error?.message));
    return timedOut ? problem(504, 'Gateway Timeout') : problem(500, 'Internal Server Error');
  }
}

async function patchLambdaFunction() {
  // serverless-offline is an ES module whose package exports hide this file; its URL is the one it imports itself.
  const source = join(dirname(require.resolve('serverless-offline')), 'lambda', 'LambdaFunction.js');
  const { default: LambdaFunction } = await import(pathToFileURL(source).href);
  const prototype = LambdaFunction.prototype;
  if (prototype.runHandler.problemJson) return;
  const runHandler = prototype.runHandler;
  prototype.runHandler = function runHandlerAnsweringProblems(...args) {
    return answerFailedInvocation(() => runHandler.apply(this, args));
  };
  prototype.runHandler.problemJson = true;
}

class OfflineLambdaErrors {
  constructor() {
    this.hooks = { 'before:offline:start:init': patchLambdaFunction, 'before:offline:start': patchLambdaFunction };
  }
}

module.exports = OfflineLambdaErrors;
module.exports.answerFailedInvocation = answerFailedInvocation;
