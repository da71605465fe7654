import * as z from 'zod';
import { BadRequest, NotFound } from '../../../lib/errors';
import { createHttpHandler, type RouteImplementation } from '../../../lib/http/createHttpHandler';
import { created } from '../../../lib/http/reply';
import { defineRoute } from '../../../lib/schemas/routes/contract';
import { IdPathParams, integerBetween } from '../../../lib/schemas/common';
import { httpEvent, lambdaContext } from '../../../harness/events';
import { invoke } from '../../support/invoke';
import { createTestServices, type TestServices } from '../../support/services';

const echoRoute = defineRoute({
  functionName: 'echo',
  method: 'POST',
  path: '/things/{id}/',
  summary: 'Echo the validated input',
  tags: ['test'],
  access: 'public',
  params: IdPathParams,
  query: z.object({ page: z.coerce.number().int().min(1).default(1) }),
  body: z.object({ value: integerBetween(1, 5), note: z.string().optional() }),
  response: { status: 200, description: 'the input', schema: z.unknown() },
});

describe('createHttpHandler', () => {
  let services: TestServices;
  beforeEach(async () => {
    services = await createTestServices();
  });

  const handlerFor = (impl: RouteImplementation<typeof echoRoute>) => createHttpHandler(echoRoute, impl, async () => services);
  const echo = handlerFor(async (input) => ({ params: input.params, query: input.query, body: input.body }));
  const post = (body: unknown, extra: Partial<Parameters<typeof httpEvent>[0]> = {}) =>
    invoke(echo, httpEvent({ method: 'POST', path: '/things/7/', pathParameters: { id: '7' }, body, ...extra }));

  it('hands the handler parsed, typed path, query and body, and serialises its result as JSON', async () => {
    const response = await post({ value: 3, ignored: true }, { query: { page: '2' } });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({ params: { id: 7 }, query: { page: 2 }, body: { value: 3 } });
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await post('{"value": 3,');

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'request body is not valid JSON' });
  });

  it.each([['[1, 2]'], ['"text"'], ['42'], ['null']])('refuses a body that is not a JSON object: %s', async (raw) => {
    const response = await post(raw);

    expect(response.statusCode).toBe(400);
    expect(response.body).toMatchObject({ detail: 'request body must be a JSON object' });
  });

  it('refuses a missing body where one is required', async () => {
    const response = await post(undefined);

    expect(response.statusCode).toBe(400);
    expect(response.body).toMatchObject({ detail: 'request body must be a JSON object' });
  });

  it('reports every invalid field of path, query and body at once', async () => {
    const response = await invoke(
      echo,
      httpEvent({ method: 'POST', pathParameters: { id: '0' }, query: { page: '-1' }, body: { value: 9, note: 5 } }),
    );

    expect(response.statusCode).toBe(400);
    expect(response.body).toMatchObject({ title: 'Bad Request', status: 400 });
    expect((response.body as { errors: unknown[] }).errors).toEqual(
      expect.arrayContaining([
        { path: 'id', message: 'must be a positive integer' },
        { path: 'page', message: expect.any(String) },
        { path: 'value', message: 'must be an integer from 1 to 5' },
        { path: 'note', message: expect.any(String) },
      ]),
    );
  });

  it('says a missing field is required', async () => {
    const response = await post({});

    expect((response.body as { errors: unknown[] }).errors).toEqual([{ path: 'value', message: 'is required' }]);
  });

  it('refuses a body over 64 KiB with 413 before parsing it', async () => {
    const response = await post(JSON.stringify({ value: 1, note: 'x'.repeat(64 * 1024) }));

    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toBe('application/problem+json');
  });

  it('reads a base64-encoded body', async () => {
    const response = await post(Buffer.from('{"value": 2}').toString('base64'), { isBase64Encoded: true });

    expect(response.body).toMatchObject({ body: { value: 2 } });
  });

  it('maps domain errors to their status with their message', async () => {
    const missing = handlerFor(async () => {
      throw new NotFound('thing 7 does not exist');
    });

    const response = await invoke(missing, httpEvent({ method: 'POST', pathParameters: { id: '7' }, body: { value: 1 } }));

    expect(response).toMatchObject({ statusCode: 404, body: { title: 'Not Found', status: 404, detail: 'thing 7 does not exist' } });
  });

  it('keeps field errors of a thrown BadRequest', async () => {
    const invalid = handlerFor(async () => {
      throw new BadRequest('movies must exist', [{ path: 'movies.0', message: 'movie 9 does not exist' }]);
    });

    const response = await invoke(invalid, httpEvent({ method: 'POST', pathParameters: { id: '7' }, body: { value: 1 } }));

    expect(response.body).toMatchObject({ errors: [{ path: 'movies.0', message: 'movie 9 does not exist' }] });
  });

  it('answers an unexpected fault with a 500 that reveals nothing and logs it with the request id', async () => {
    const failing = handlerFor(async () => {
      throw new Error('SQLITE_ERROR: no such column secret_column in /srv/app/lib/db.ts');
    });
    const event = httpEvent({ method: 'POST', pathParameters: { id: '7' }, body: { value: 1 } });

    const response = await invoke(failing, event);

    expect(response.statusCode).toBe(500);
    expect(JSON.stringify(response.body)).not.toMatch(/SQLITE|secret_column|\/srv|\.ts/);
    expect(response.body).toMatchObject({ title: 'Internal Server Error', status: 500, request_id: event.requestContext.requestId });
    expect(services.logger.error).toHaveBeenCalledWith(
      expect.any(String),
      expect.objectContaining({ request_id: event.requestContext.requestId, error: expect.any(Error) }),
    );
  });

  it('sends the status and headers of an explicit reply', async () => {
    const creating = handlerFor(async () => created({ id: 7 }, '/things/7/'));

    const response = await invoke(creating, httpEvent({ method: 'POST', pathParameters: { id: '7' }, body: { value: 1 } }));

    expect(response).toMatchObject({ statusCode: 201, body: { id: 7 }, headers: { location: '/things/7/' } });
  });

  it('answers a handler that runs out of time with 504 problem+json, no stack or path, before the Lambda is killed', async () => {
    const hanging = handlerFor(() => new Promise(() => undefined));
    const event = httpEvent({ method: 'POST', path: '/things/7/', pathParameters: { id: '7' }, body: { value: 3 } });
    const deadline = Date.now() + 1500;
    const context = { ...lambdaContext(), getRemainingTimeInMillis: () => deadline - Date.now() };

    const result = (await hanging(event, context, { signal: new AbortController().signal })) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };

    expect(result.statusCode).toBe(504);
    expect(result.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(result.body)).toMatchObject({ status: 504, title: 'Gateway Timeout' });
    expect(result.body).not.toMatch(/at |\.ts|\.js|stack/i);
  });
});
