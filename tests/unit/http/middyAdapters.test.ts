import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { BadRequest, MethodNotAllowed } from '../../../lib/errors';
import type { HttpContext, HttpMiddleware } from '../../../lib/http/context';
import { normalizeHeaders } from '../../../lib/http/normalizeHeaders';
import { problemJsonErrors } from '../../../lib/http/problemJsonErrors';
import { isMalformedJsonError, jsonBodyParser } from '../../../lib/http/readBody';
import { httpEvent, lambdaContext } from '../../../harness/events';

/** A middy request as the stack hands it to a middleware, without the stack. */
function requestOf(event: APIGatewayProxyEventV2) {
  return {
    event,
    context: lambdaContext() as HttpContext,
    response: undefined as APIGatewayProxyStructuredResultV2 | undefined,
    error: null as Error | null,
    internal: {},
  };
}
type Request = ReturnType<typeof requestOf>;
const before = async (middleware: HttpMiddleware, request: Request) => middleware.before?.(request as never);
/** Runs the error path of middlewares listed outermost first, as middy does: innermost first. */
const onError = async (middlewares: HttpMiddleware[], request: Request) => {
  for (const middleware of [...middlewares].reverse()) await middleware.onError?.(request as never);
};

describe('@middy/http-header-normalizer, as configured (normalizeHeaders)', () => {
  it('gives every header a lower-case name, keeping its value', async () => {
    const request = requestOf(httpEvent({ headers: { Authorization: 'Bearer x', 'If-None-Match': '"t"', 'X-Mixed-Case': 'v' } }));

    await before(normalizeHeaders(), request);

    expect(request.event.headers).toMatchObject({ authorization: 'Bearer x', 'if-none-match': '"t"', 'x-mixed-case': 'v' });
    expect(Object.keys(request.event.headers).filter((name) => name !== name.toLowerCase())).toEqual([]);
  });
});

describe('@middy/http-json-body-parser, as configured (jsonBodyParser)', () => {
  it('parses a JSON body into the body stage', async () => {
    const request = requestOf(httpEvent({ method: 'POST', body: { value: 3 } }));

    await before(jsonBodyParser(), request);

    expect(request.context.body).toEqual({ value: 3 });
  });

  it('leaves a missing body for validation to name, rather than refusing it with 415 as the parser would', async () => {
    const request = requestOf(httpEvent({ method: 'POST' }));

    await before(jsonBodyParser(), request);

    expect(request.context.body).toBeUndefined();
  });

  it("leaves the Content-Type to requireContentType's stricter check, which runs first", async () => {
    const request = requestOf(httpEvent({ method: 'POST', body: '{"a":1}', headers: { 'content-type': 'text/plain' } }));

    await before(jsonBodyParser(), request);

    expect(request.context.body).toEqual({ a: 1 });
  });

  it('refuses malformed JSON with the error the mapping turns into a 400', async () => {
    const request = requestOf(httpEvent({ method: 'POST', body: '{"value": 3,' }));

    const failure = await before(jsonBodyParser(), request).catch((error: unknown) => error);

    expect(isMalformedJsonError(failure)).toBe(true);
  });
});

describe('the error mapping at the HTTP edge (problemJsonErrors)', () => {
  const fail = async (error: Error) => {
    const request = requestOf(httpEvent());
    request.context.requestId = 'req-7';
    request.error = error;
    await onError([problemJsonErrors()], request);
    return request.response!;
  };

  it('answers our error as problem+json with its status and headers', async () => {
    const response = await fail(new MethodNotAllowed('GET is not served at /x', ['POST']));

    expect(response.statusCode).toBe(405);
    expect(response.headers).toMatchObject({ 'content-type': 'application/problem+json', allow: 'POST' });
    expect(response.headers).not.toHaveProperty('Content-Type');
    expect(JSON.parse(response.body!)).toEqual({
      type: 'about:blank',
      title: 'Method Not Allowed',
      status: 405,
      detail: 'GET is not served at /x',
    });
  });

  it("answers the body parser's 415 for malformed JSON as a 400", async () => {
    const parserError = Object.assign(new Error('Invalid or malformed JSON was provided'), {
      statusCode: 415,
      cause: { package: '@middy/http-json-body-parser' },
    });

    const response = await fail(parserError);

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body!)).toMatchObject({ detail: 'request body is not valid JSON' });
  });

  it('answers a fault as a 500 that shows only the request id', async () => {
    const response = await fail(new Error('SELECT secret FROM somewhere failed at /var/task/index.js'));

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toMatch(/secret|\/var\/task/);
    expect(JSON.parse(response.body!)).toMatchObject({ status: 500, request_id: 'req-7' });
  });

  it('keeps the field errors of a validation failure', async () => {
    const response = await fail(new BadRequest('value is invalid', [{ path: 'value', message: 'must be an integer from 1 to 5' }]));

    expect(JSON.parse(response.body!)).toMatchObject({ errors: [{ path: 'value', message: 'must be an integer from 1 to 5' }] });
  });
});
