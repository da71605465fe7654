import * as z from 'zod';
import { defineRoute, type RouteContract } from '../../../lib/schemas/routes/contract';
import { UploadedFile } from '../../../lib/schemas/uploadedFile';
import { buildOpenApiDocument } from '../../../lib/openapi/document';
import { IdPathParams } from '../../../lib/schemas/common';
import { allRoutes } from '../../../lib/schemas/routes';
import { createMovieRoute, getMovieRoute } from '../../../lib/schemas/routes/movies';

type Operation = {
  operationId: string;
  summary: string;
  tags: string[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
  security?: Record<string, string[]>[];
};

const operation = (document: ReturnType<typeof buildOpenApiDocument>, route: RouteContract) =>
  (document.paths as Record<string, Record<string, Operation>>)[route.path]?.[route.method.toLowerCase()];

const problemRef = { $ref: '#/components/schemas/ProblemDetails' };

describe('buildOpenApiDocument', () => {
  const document = buildOpenApiDocument(allRoutes);

  it('is an OpenAPI 3.1 document with one operation per route, named after its Lambda', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toEqual(expect.any(String));
    for (const route of allRoutes) {
      expect(operation(document, route)).toMatchObject({ operationId: route.functionName, summary: route.summary, tags: route.tags });
    }
  });

  it('gives a route answering a second method an operation of that method too, named after both', () => {
    const change = document.paths?.['/ratings/{id}/'] as Record<string, { operationId: string; requestBody?: unknown }>;

    expect(change.put?.operationId).toBe('changeRating');
    expect(change.patch?.operationId).toBe('changeRatingPatch');
    expect(change.patch?.requestBody).toEqual(change.put?.requestBody);
  });

  it('declares on every route the 504 problem the stack answers when a handler runs out of its time', () => {
    for (const route of allRoutes) {
      expect(operation(document, route)?.responses['504']?.content).toEqual({ 'application/problem+json': { schema: problemRef } });
    }
  });

  it('names the shared schemas as components and refers to them', () => {
    expect(Object.keys(document.components?.schemas ?? {})).toEqual(expect.arrayContaining(['Movie', 'Rating', 'ProblemDetails']));
    expect(operation(document, getMovieRoute)?.responses['200']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/Movie',
    });
  });

  it('documents path parameters and the errors a route with them can answer', () => {
    const getMovie = operation(document, getMovieRoute);

    expect(getMovie?.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    // 401: a public route takes a token too, and refuses a bad one
    expect(Object.keys(getMovie?.responses ?? {}).sort()).toEqual(['200', '304', '400', '401', '404', '405', '500', '503', '504']);
    expect(getMovie?.responses['404']?.content).toEqual({ 'application/problem+json': { schema: problemRef } });
    expect(getMovie?.security).toEqual([{}, { bearerAuth: [] }]);
  });

  it('documents a JSON request body, its success status and 400, 413, 415 and 500 problems', () => {
    const createMovie = operation(document, createMovieRoute);

    expect(createMovie?.requestBody).toMatchObject({ required: true, content: { 'application/json': { schema: expect.any(Object) } } });
    // a public write: a token is optional, and needed under REQUIRE_AUTH_FOR_WRITES; it counts against the write limit;
    // 409 and 422: it takes an Idempotency-Key (a repeat in flight, a key reused with another body)
    expect(Object.keys(createMovie?.responses ?? {}).sort()).toEqual([
      '201',
      '400',
      '401',
      '405',
      '409',
      '413',
      '415',
      '422',
      '429',
      '500',
      '503',
      '504',
    ]);
    expect(createMovie?.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'Idempotency-Key', required: false }));
    expect((createMovie?.responses['201'] as { headers?: unknown } | undefined)?.headers).toMatchObject({
      'Idempotency-Replayed': { required: false },
    });
    expect(createMovie?.security).toEqual([{}, { bearerAuth: [] }]);
    expect(createMovie?.responses['413']?.content).toEqual({ 'application/problem+json': { schema: problemRef } });
  });

  it('asks for a bearer token on user and admin routes, with 401 and (admins only) 403', () => {
    const userRoute = defineRoute({
      functionName: 'listThings',
      method: 'GET',
      path: '/things/',
      summary: 'List things',
      tags: ['things'],
      access: 'user',
      query: z.object({ page: z.coerce.number().int().min(1).default(1) }),
      response: { status: 200, description: 'things', schema: z.object({ count: z.number() }) },
    });
    const adminRoute = defineRoute({
      functionName: 'deleteThing',
      method: 'DELETE',
      path: '/things/{id}/',
      summary: 'Delete a thing',
      tags: ['things'],
      access: 'admin',
      params: IdPathParams,
      response: { status: 204, description: 'deleted' },
      errors: [409],
    });

    const built = buildOpenApiDocument([userRoute, adminRoute]);

    expect(built.components?.securitySchemes).toEqual({ bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } });
    const list = operation(built, userRoute);
    expect(list?.security).toEqual([{ bearerAuth: [] }]);
    expect(list?.parameters).toEqual([expect.objectContaining({ name: 'page', in: 'query' })]);
    expect(Object.keys(list?.responses ?? {}).sort()).toEqual(['200', '304', '400', '401', '405', '500', '503', '504']);
    const remove = operation(built, adminRoute);
    expect(Object.keys(remove?.responses ?? {}).sort()).toEqual(['204', '400', '401', '403', '404', '405', '409', '500', '503', '504']);
    expect(remove?.responses['204']?.content).toBeUndefined();
  });

  it('documents a non-JSON response with its own content type', () => {
    const page = defineRoute({
      functionName: 'page',
      method: 'GET',
      path: '/page/',
      summary: 'A page',
      tags: ['docs'],
      access: 'public',
      response: { status: 200, description: 'HTML', schema: z.string(), contentType: 'text/html' },
    });

    const responses = operation(buildOpenApiDocument([page]), page)?.responses;

    expect(responses?.['200']?.content).toEqual({ 'text/html': { schema: { type: 'string' } } });
    // 400: a query parameter the route does not take is refused, on every route
    expect(Object.keys(responses ?? {}).sort()).toEqual(['200', '400', '401', '405', '500', '503', '504']);
  });

  it('documents a CSV request body with its media type, its own size limit and what else is refused', () => {
    const upload = defineRoute({
      functionName: 'upload',
      method: 'POST',
      path: '/uploads/',
      summary: 'Upload a CSV file',
      tags: ['things'],
      access: 'public',
      body: UploadedFile,
      bodyMediaTypes: { 'text/csv': z.string().describe('a CSV file') },
      maxBodyBytes: 1024 * 1024,
      response: { status: 200, description: 'taken', schema: z.object({ rows: z.number() }) },
    });

    const found = operation(buildOpenApiDocument([upload]), upload);

    expect(found?.requestBody).toMatchObject({ required: true, content: { 'text/csv': { schema: { type: 'string' } } } });
    expect(found?.responses['413']?.description).toMatch(/over 1 MiB/);
    expect(found?.responses['415']?.description).toMatch(/not text\/csv/);
    expect(operation(buildOpenApiDocument([createMovieRoute]), createMovieRoute)?.responses['413']?.description).toMatch(/over 64 KiB/);
  });
});

describe('buildOpenApiDocument and optional tokens', () => {
  it('shows optional bearer security and a 401 on public routes, which take a token and refuse a bad one', () => {
    const write = defineRoute({
      functionName: 'addThing',
      method: 'POST',
      path: '/things/',
      summary: 'Add a thing',
      tags: ['things'],
      access: 'public',
      writes: true,
      body: z.object({ name: z.string() }),
      response: { status: 201, description: 'added', schema: z.object({ name: z.string() }) },
    });

    const built = buildOpenApiDocument([write]);

    expect(built.components?.securitySchemes).toEqual({ bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } });
    expect(operation(built, write)?.security).toEqual([{}, { bearerAuth: [] }]);
    expect(Object.keys(operation(built, write)?.responses ?? {})).toContain('401');
  });
});
