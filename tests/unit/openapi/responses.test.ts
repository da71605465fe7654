import { buildOpenApiDocument } from '../../../lib/openapi/document';
import { allRoutes } from '../../../lib/schemas/routes';

type Header = { required?: boolean; schema?: unknown };
type Response = { description: string; headers?: Record<string, Header>; content?: Record<string, unknown> };
type Operation = { responses: Record<string, Response> };

const document = buildOpenApiDocument(allRoutes) as unknown as { paths: Record<string, Record<string, Operation>> } & Record<
  string,
  unknown
>;
const responsesOf = (method: string, path: string) => document.paths[path]?.[method]?.responses ?? {};
const operations = () =>
  Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ method, path, op })));

describe('the OpenAPI document declares every response a route can send', () => {
  it.each([
    ['post', '/movies/'],
    ['post', '/collections/'],
    ['post', '/users/'],
    ['post', '/auth/register/'],
  ])('%s %s declares its 201 with a required Location', (method, path) => {
    expect(responsesOf(method, path)['201']?.headers?.Location).toMatchObject({ required: true, schema: { type: 'string' } });
  });

  it('declares the 200 of a signed-in user rating a movie again, beside the 201 of a first rating', () => {
    const responses = responsesOf('post', '/ratings/');

    expect(responses['201']?.content).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/Rating' } } });
    expect(responses['200']?.content).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/Rating' } } });
  });

  it('declares an ETag on the 200 of every GET that sends one, and its 304', () => {
    // The stack tags JSON answers; a file (Swagger UI's, the ratings export) is tagged only where its route says so.
    const conditional = operations().filter(
      ({ method, path, op }) => method === 'get' && !path.startsWith('/docs/') && op.responses['200']?.content?.['application/json'],
    );

    expect(conditional.length).toBeGreaterThan(10);
    for (const { op } of conditional) {
      expect(op.responses['200']?.headers?.ETag).toMatchObject({ required: true });
      expect(op.responses['304']).toMatchObject({ headers: { ETag: { required: true } } });
      expect(op.responses['304']?.content).toBeUndefined();
    }
  });

  it('declares no ETag where none is sent: writes, and the Swagger UI files', () => {
    for (const { method, path, op } of operations().filter(({ method, path }) => method !== 'get' || path.startsWith('/docs/'))) {
      expect([method, path, op.responses['304'], op.responses['200']?.headers?.ETag]).toEqual([method, path, undefined, undefined]);
    }
  });

  it('declares 415 on every route that takes a body, and on no other', () => {
    for (const { op } of operations()) {
      const takesBody = (op as Operation & { requestBody?: unknown }).requestBody !== undefined;
      expect(op.responses['415'] !== undefined).toBe(takesBody);
    }
  });

  it('declares WWW-Authenticate on every 401', () => {
    const with401 = operations().filter(({ op }) => op.responses['401']);

    expect(with401.length).toBeGreaterThan(10);
    for (const { op } of with401) expect(op.responses['401']?.headers?.['WWW-Authenticate']).toMatchObject({ required: true });
  });

  it("declares on every operation the 405 its path answers to another method, with Allow naming the path's methods", () => {
    const methodsAt = (path: string) =>
      ['get', 'post', 'put', 'patch', 'delete'].filter((method) => document.paths[path]?.[method]).map((method) => method.toUpperCase());

    expect(operations().length).toBeGreaterThan(30);
    for (const { method, path, op } of operations()) {
      const allow = op.responses['405']?.headers?.Allow as (Header & { description?: string }) | undefined;
      expect([method, path, allow?.required]).toEqual([method, path, true]);
      expect(allow?.description).toContain(`: ${methodsAt(path).join(', ')}`);
      expect(op.responses['405']?.content).toEqual({
        'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
      });
    }
  });

  it('declares what the catch-all answers to a request no route matches: 404, 405 with Allow, and 401 with WWW-Authenticate', () => {
    const unmatched = document['x-unmatched-requests'] as Record<string, Response>;

    expect(Object.keys(unmatched).sort()).toEqual(['401', '404', '405', '500']);
    expect(unmatched['405']?.headers?.Allow).toMatchObject({ required: true });
    expect(unmatched['401']?.headers?.['WWW-Authenticate']).toMatchObject({ required: true });
    expect(unmatched['404']?.content).toEqual({ 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } });
  });
});

describe('the per-client write limit in the OpenAPI document', () => {
  const writes = operations().filter(
    ({ method, path }) => ['post', 'put', 'patch', 'delete'].includes(method) && !path.startsWith('/auth/'),
  );
  const adminOnly = (op: Operation) => op.responses['403'] !== undefined;

  it('declares a 429 with Retry-After, RateLimit-Policy and RateLimit on every write outside /auth/* that a non-admin can call', () => {
    const limited = writes.filter(({ op }) => !adminOnly(op));

    expect(limited.map(({ method, path }) => `${method} ${path}`)).toEqual(
      expect.arrayContaining(['post /movies/', 'post /ratings/', 'put /ratings/{id}/', 'delete /collections/{id}/']),
    );
    for (const { op } of limited) {
      expect(op.responses['429']?.headers).toMatchObject({
        'Retry-After': { required: true },
        'RateLimit-Policy': { required: true },
        RateLimit: { required: true },
      });
    }
  });

  it('declares RateLimit headers on their successes as optional, since admins are exempt and get none', () => {
    const created = responsesOf('post', '/movies/')['201']?.headers;

    expect(created?.['RateLimit-Policy']).toMatchObject({ required: false });
    expect(created?.RateLimit).toMatchObject({ required: false });
  });

  it('declares no write limit on reads, nor on admin-only writes', () => {
    expect(responsesOf('get', '/movies/')['429']).toBeUndefined();
    expect(writes.filter(({ op }) => adminOnly(op)).filter(({ op }) => op.responses['429'])).toEqual([]);
  });
});
