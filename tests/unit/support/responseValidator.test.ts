import { createResponseValidator, type ObservedResponse } from '../../support/responseValidator';

const problem = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' } },
};

/** A small OpenAPI 3.1 document written by hand, so these tests depend on the validator alone. */
const document = {
  openapi: '3.1.0',
  info: { title: 'things', version: '1' },
  paths: {
    '/things/{id}/': {
      get: {
        operationId: 'getThing',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'the thing',
            headers: { ETag: { required: true, schema: { type: 'string' } } },
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['id', 'name'],
                  properties: { id: { type: 'integer' }, name: { type: ['string', 'null'] } },
                },
              },
            },
          },
          '304': { description: 'not modified', headers: { ETag: { required: true, schema: { type: 'string' } } } },
          '404': { description: 'unknown', content: { 'application/problem+json': { schema: problem } } },
        },
      },
    },
    '/things/': {
      post: {
        operationId: 'createThing',
        responses: {
          '201': {
            description: 'created',
            headers: { Location: { required: true, schema: { type: 'string' } } },
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
  },
  'x-unmatched-requests': {
    '404': { description: 'no route', content: { 'application/problem+json': { schema: problem } } },
    '405': {
      description: 'another method',
      headers: { Allow: { required: true, schema: { type: 'string' } } },
      content: { 'application/problem+json': { schema: problem } },
    },
  },
};

const observed = (
  fields: Partial<Omit<ObservedResponse, 'headers'>> & { headers?: Record<string, string>; body?: unknown },
): ObservedResponse => {
  const { body, headers = {}, ...rest } = fields;
  const text = body === undefined ? '' : JSON.stringify(body);
  return {
    method: 'GET',
    path: '/things/1/',
    status: 200,
    text,
    headers: new Headers({ ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...headers }),
    ...rest,
  };
};

describe('the e2e response validator', () => {
  let validator: Awaited<ReturnType<typeof createResponseValidator>>;
  beforeAll(async () => {
    validator = await createResponseValidator(document);
  });

  it('accepts a response the document declares, with or without the trailing slash', () => {
    for (const path of ['/things/1/', '/things/1', '/things/1?x=2']) {
      expect(validator.problemsOf(observed({ path, body: { id: 1, name: null }, headers: { etag: '"a"', 'x-other': 'y' } }))).toEqual([]);
    }
    expect(validator.problemsOf(observed({ status: 304, headers: { etag: '"a"' } }))).toEqual([]);
  });

  it('refuses a status the operation does not declare', () => {
    expect(
      validator.problemsOf(observed({ status: 200, method: 'POST', path: '/things/', body: {}, headers: { location: '/things/1/' } })),
    ).toEqual(['POST /things/ → 200: status 200 is not declared for createThing (declared: 201)']);
  });

  it('refuses a JSON body that breaks its schema', () => {
    expect(validator.problemsOf(observed({ body: { id: 'one', name: 3 }, headers: { etag: '"a"' } }))).toEqual([
      'GET /things/1/ → 200: body/id must be integer',
      'GET /things/1/ → 200: body/name must be string,null',
    ]);
  });

  it('refuses a problem+json body that breaks the problem schema', () => {
    const problems = validator.problemsOf({
      ...observed({ status: 404 }),
      text: '{"title":"Not Found"}',
      headers: new Headers({ 'content-type': 'application/problem+json' }),
    });

    expect(problems).toEqual([
      "GET /things/1/ → 404: body must have required property 'type'",
      "GET /things/1/ → 404: body must have required property 'status'",
    ]);
  });

  it('refuses a media type the status does not declare', () => {
    const problems = validator.problemsOf({
      ...observed({ status: 404 }),
      text: 'gone',
      headers: new Headers({ 'content-type': 'text/plain' }),
    });

    expect(problems).toEqual(['GET /things/1/ → 404: media type text/plain is not declared (declared: application/problem+json)']);
  });

  it('refuses a contract header the response does not declare, and a declared required header that is missing', () => {
    const problems = validator.problemsOf(observed({ method: 'POST', path: '/things/', status: 201, body: {}, headers: { etag: '"a"' } }));

    expect(problems).toEqual([
      'POST /things/ → 201: header etag is sent but not declared',
      'POST /things/ → 201: required header location is missing',
    ]);
  });

  it('holds a request no operation matches to what the document says the catch-all answers', () => {
    const problemBody = JSON.stringify({ type: 'about:blank', title: 'Method Not Allowed', status: 405 });
    const headers = (extra: Record<string, string>) => new Headers({ 'content-type': 'application/problem+json', ...extra });

    expect(
      validator.problemsOf({ method: 'DELETE', path: '/things/1/', status: 405, text: problemBody, headers: headers({ allow: 'GET' }) }),
    ).toEqual([]);
    expect(validator.problemsOf({ method: 'DELETE', path: '/things/1/', status: 405, text: problemBody, headers: headers({}) })).toEqual([
      'DELETE /things/1/ → 405: required header allow is missing',
    ]);
    expect(validator.problemsOf({ method: 'GET', path: '/nope/', status: 200, text: '{}', headers: headers({}) })).toEqual([
      'GET /nope/ → 200: status 200 is not declared for a request no operation matches (declared: 404, 405)',
    ]);
  });

  it('resolves a $ref the document object holds once for two responses (as lib/openapi/document.ts builds it)', async () => {
    const shared = { $ref: '#/components/schemas/Problem' };
    const built = {
      ...document,
      components: { schemas: { Problem: problem } },
      'x-unmatched-requests': {
        '404': { description: 'no route', content: { 'application/problem+json': { schema: shared } } },
        '405': { description: 'another method', content: { 'application/problem+json': { schema: shared } } },
      },
    };
    const sharing = await createResponseValidator(built);
    const answer = (status: number) => ({
      method: 'PUT',
      path: '/nope/',
      status,
      text: JSON.stringify({ type: 'about:blank', title: 'No', status }),
      headers: new Headers({ 'content-type': 'application/problem+json' }),
    });

    expect([...sharing.problemsOf(answer(404)), ...sharing.problemsOf(answer(405))]).toEqual([]);
  });
});
