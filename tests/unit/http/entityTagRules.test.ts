import * as z from 'zod';
import { createHttpHandler } from '../../../lib/http/createHttpHandler';
import { entityTagOf, noneMatchHits } from '../../../lib/http/entityTag';
import { HttpReply } from '../../../lib/http/reply';
import { defineRoute } from '../../../lib/schemas/routes/contract';
import { httpEvent } from '../../../harness/events';
import { invoke } from '../../support/invoke';
import { createTestServices, type TestServices } from '../../support/services';

describe('If-None-Match, weak comparison (RFC 9110 §13.1.2)', () => {
  const tag = entityTagOf('{"name":"one"}');

  it('is a miss without the header', () => {
    expect(noneMatchHits(undefined, tag)).toBe(false);
    expect(noneMatchHits('', tag)).toBe(false);
  });

  it('takes "*" with spaces around it as any representation, but not "*" inside a list', () => {
    expect(noneMatchHits(' * ', tag)).toBe(true);
    expect(noneMatchHits('"other", *', tag)).toBe(false);
  });

  it('reads W/ as the weak marker only in front of the quotes, never inside a tag', () => {
    expect(noneMatchHits(` W/${tag}`, tag)).toBe(true);
    expect(noneMatchHits(`"W/${tag.slice(1)}`, tag)).toBe(false);
  });

  it('is a miss for a tag that merely contains this one, or a list of other tags', () => {
    expect(noneMatchHits(`"x${tag.slice(1)}`, tag)).toBe(false);
    expect(noneMatchHits('"a", "b"', tag)).toBe(false);
  });

  it('tags the body: 32 characters of its SHA-256 in base64url, quoted', () => {
    expect(entityTagOf('{"name":"one"}')).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(entityTagOf('{"name":"one"}')).not.toBe(entityTagOf('{"name":"two"}'));
  });
});

describe('ETags on GET answers through the handler', () => {
  const route = (method: 'GET' | 'PUT') =>
    defineRoute({
      functionName: 'thing',
      method,
      path: '/things/',
      summary: 'A thing',
      tags: ['test'],
      access: 'public',
      response: { status: 200, description: 'the thing', schema: z.unknown() },
    });
  let services: TestServices;
  beforeAll(async () => {
    services = await createTestServices();
  });
  const handler = (method: 'GET' | 'PUT') =>
    createHttpHandler(
      route(method),
      async () => ({ name: 'one' }),
      async () => services,
    );

  it('matches the If-None-Match header whatever the case of its name', async () => {
    const tag = (await invoke(handler('GET'), httpEvent({ path: '/things/' }))).headers.etag!;

    const response = await invoke(handler('GET'), httpEvent({ path: '/things/', headers: { 'If-None-Match': tag } }));

    expect(response.statusCode).toBe(304);
  });

  it('tags no 200 answer to another method', async () => {
    const response = await invoke(handler('PUT'), httpEvent({ method: 'PUT', path: '/things/', headers: { 'if-none-match': '*' } }));

    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBeUndefined();
  });

  it('tags only a 200: another success of a GET is neither tagged nor answered 304', async () => {
    const accepted = createHttpHandler(
      route('GET'),
      async () => new HttpReply(202, { queued: true }),
      async () => services,
    );

    const response = await invoke(accepted, httpEvent({ path: '/things/', headers: { 'if-none-match': '*' } }));

    expect(response.statusCode).toBe(202);
    expect(response.headers.etag).toBeUndefined();
  });

  it('tags no answer without a body, even one that says it is JSON', async () => {
    const empty = createHttpHandler(
      route('GET'),
      async () => new HttpReply(200, undefined, { 'content-type': 'application/json' }),
      async () => services,
    );

    const response = await invoke(empty, httpEvent({ path: '/things/' }));

    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBeUndefined();
  });

  it('keeps the other headers of the answer beside its ETag', async () => {
    const response = await invoke(handler('GET'), httpEvent({ path: '/things/' }));

    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers.etag).toBeDefined();
  });
});
