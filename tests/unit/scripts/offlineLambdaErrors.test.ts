const { answerFailedInvocation } = require('../../../scripts/serverless/offline-lambda-errors.js') as {
  answerFailedInvocation: (run: () => Promise<unknown>) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;
};

class LambdaTimeoutError extends Error {}

/**
 * serverless-offline turns a Lambda that times out or throws into HTTP 200 with `errorMessage`, `errorType`
 * and `stackTrace` for payload 2.0 (the probe saw it): npm start must answer problem+json with an error status.
 */
describe('serverless-offline: a failed invocation answers problem+json', () => {
  it('answers a timeout with 504, without the stack or any path', async () => {
    const answer = await answerFailedInvocation(() => Promise.reject(new LambdaTimeoutError('[504] - Lambda timeout.')));

    expect(answer.statusCode).toBe(504);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(answer.body)).toEqual({ type: 'about:blank', title: 'Gateway Timeout', status: 504, detail: expect.any(String) });
    expect(answer.body).not.toMatch(/stack|\/|\.js/);
  });

  it('answers a crash with 500, and passes a result through untouched', async () => {
    const crashed = await answerFailedInvocation(() => Promise.reject(new Error('boom at /home/app/functions/x.js:1')));
    const fine = await answerFailedInvocation(async () => ({ statusCode: 201, body: '{}' }));

    expect(crashed.statusCode).toBe(500);
    expect(crashed.body).not.toMatch(/boom|home/);
    expect(fine).toEqual({ statusCode: 201, body: '{}' });
  });
});
