import * as z from 'zod';
import { NotFound } from '../../../lib/errors';
import { createHttpHandler } from '../../../lib/http/createHttpHandler';
import { created, HttpReply } from '../../../lib/http/reply';
import { defineRoute } from '../../../lib/schemas/routes/contract';
import { httpEvent } from '../../../harness/events';
import { invoke } from '../../support/invoke';
import { createTestServices, type TestServices } from '../../support/services';

const readRoute = defineRoute({
  functionName: 'read',
  method: 'GET',
  path: '/things/',
  summary: 'Read a thing',
  tags: ['test'],
  access: 'public',
  query: z.object({ name: z.string().default('one'), missing: z.string().optional() }),
  response: { status: 200, description: 'the thing', schema: z.unknown() },
});

const writeRoute = defineRoute({
  functionName: 'write',
  method: 'POST',
  path: '/things/',
  summary: 'Write a thing',
  tags: ['test'],
  access: 'public',
  response: { status: 201, description: 'the thing', schema: z.unknown() },
});

describe('ETag and If-None-Match, for every successful GET with a JSON body', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await createTestServices();
  });

  const read = createHttpHandler(
    readRoute,
    async ({ query }) => {
      if (query.missing) throw new NotFound('no such thing');
      if (query.name === 'page') return new HttpReply(200, '<p>hi</p>', { 'content-type': 'text/html; charset=utf-8' });
      return { name: query.name };
    },
    async () => services,
  );
  const get = (query: Record<string, string> = {}, headers: Record<string, string> = {}) =>
    invoke(read, httpEvent({ path: '/things/', query, headers }));

  it('sends a strong ETag that is the same for the same body and differs for another', async () => {
    const [a, again, b] = [await get(), await get(), await get({ name: 'two' })];

    expect(a.headers.etag).toMatch(/^"[A-Za-z0-9_-]{16,}"$/);
    expect(again.headers.etag).toBe(a.headers.etag);
    expect(b.headers.etag).not.toBe(a.headers.etag);
  });

  it.each([
    ['the current tag', (tag: string) => tag],
    ['a list holding it', (tag: string) => `"stale", ${tag}`],
    ['its weak form', (tag: string) => `W/${tag}`],
    ['*', () => '*'],
  ])('answers 304 with the ETag and no body to If-None-Match with %s', async (_, header) => {
    const tag = (await get()).headers.etag!;

    const response = await get({}, { 'if-none-match': header(tag) });

    expect(response.statusCode).toBe(304);
    expect(response.raw.byteLength).toBe(0);
    expect(response.headers.etag).toBe(tag);
    expect(response.headers['content-type']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 200 with the body when the tag does not match', async () => {
    const response = await get({}, { 'If-None-Match': '"something-else", W/"older"' });

    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({ name: 'one' });
  });

  it('tags neither errors nor other content types, and never answers them 304', async () => {
    const missing = await get({ missing: 'x' }, { 'if-none-match': '*' });
    const page = await get({ name: 'page' }, { 'if-none-match': '*' });

    expect(missing.statusCode).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
    expect(page.statusCode).toBe(200);
    expect(page.headers.etag).toBeUndefined();
  });

  it('tags no answer to a write', async () => {
    const write = createHttpHandler(
      writeRoute,
      async () => created({ id: 1 }, '/things/1/'),
      async () => services,
    );

    const response = await invoke(write, httpEvent({ method: 'POST', path: '/things/', headers: { 'if-none-match': '*' } }));

    expect(response.statusCode).toBe(201);
    expect(response.headers.etag).toBeUndefined();
  });
});
