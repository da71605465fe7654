import { BadRequest, Forbidden, MethodNotAllowed, Unauthorized, UpstreamFailed } from '../../../lib/errors';
import { problemResponse, toProblem } from '../../../lib/http/problemDetails';

// RFC 9457 problems for every error the stack meets: ours, other libraries' HTTP errors, and anything else.
describe('problem details for an error', () => {
  const hidden = 'the server could not answer this request; quote the request id when reporting it';

  it("tells a caller's mistake in full: status, title, message and the fields at fault", () => {
    const error = new BadRequest('invalid body', [{ path: 'title', message: 'Required' }]);

    expect(toProblem(error, 'req-1')).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'invalid body',
      errors: [{ path: 'title', message: 'Required' }],
    });
  });

  it('lists no fields for an error that has none', () => {
    expect(toProblem(new Forbidden('this route is for admins'), 'req-1')).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'this route is for admins',
    });
  });

  it("keeps another library's 4xx, titled by its status", () => {
    const error = Object.assign(new Error('request body too large'), { statusCode: 413 });

    expect(toProblem(error, 'req-1')).toEqual({
      type: 'about:blank',
      title: 'Payload Too Large',
      status: 413,
      detail: 'request body too large',
    });
  });

  it.each([
    ['a status below 400', 399],
    ['a status of 600', 600],
    ['a status given as text', '404'],
  ])("answers 500, saying nothing of the cause, for another library's error with %s", (_case, statusCode) => {
    const error = Object.assign(new Error('SELECT * FROM secrets'), { statusCode });

    expect(toProblem(error, 'req-9')).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: hidden,
      request_id: 'req-9',
    });
  });

  it("titles another library's error 'Error' for a 4xx without a standard phrase, 'Internal Server Error' for such a 5xx", () => {
    const client = Object.assign(new Error('client closed the request'), { statusCode: 499 });
    const server = Object.assign(new Error('network read timeout'), { statusCode: 599 });

    expect(toProblem(client, 'req-7')).toMatchObject({ title: 'Error', status: 499 });
    expect(toProblem(server, 'req-8')).toMatchObject({ title: 'Internal Server Error', status: 599, detail: hidden });
  });

  it("keeps another library's 5xx status but never its message", () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:8080'), { statusCode: 503 });

    expect(toProblem(error, 'req-2')).toEqual({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: hidden,
      request_id: 'req-2',
    });
  });

  it('answers 504 for a handler that ran out of time', () => {
    const timeout = Object.assign(new Error('[AbortError]: The operation was aborted'), { name: 'TimeoutError' });

    expect(toProblem(timeout, 'req-3')).toMatchObject({ title: 'Gateway Timeout', status: 504, detail: hidden, request_id: 'req-3' });
  });

  it.each([null, undefined, 'a thrown string', new Error('/var/task/index.js: boom')])(
    'answers 500 for %p, saying nothing of it',
    (thrown) => {
      expect(toProblem(thrown, 'req-4')).toEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        detail: hidden,
        request_id: 'req-4',
      });
    },
  );

  it('shows the message of a 5xx the API wrote to be shown', () => {
    expect(toProblem(new UpstreamFailed('the summary writer did not answer'), 'req-5')).toEqual({
      type: 'about:blank',
      title: 'Bad Gateway',
      status: 502,
      detail: 'the summary writer did not answer',
    });
  });
});

describe('the problem answer', () => {
  it('is problem+json, with the problem as its body', () => {
    const response = problemResponse(new Forbidden('no'), 'req-1');

    expect(response).toEqual({
      statusCode: 403,
      headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'no' }),
    });
  });

  it('names the Bearer scheme on a 401 (RFC 6750), and only there', () => {
    expect(problemResponse(new Unauthorized('expired'), 'req-1').headers).toEqual({
      'content-type': 'application/problem+json',
      'www-authenticate': 'Bearer',
    });
  });

  it("carries the error's own headers, such as Allow on a 405", () => {
    expect(problemResponse(new MethodNotAllowed('use GET or POST', ['GET', 'POST']), 'req-1').headers).toMatchObject({
      allow: 'GET, POST',
    });
  });
});
