import * as z from 'zod';
import { createHttpHandler } from '../../../lib/http/createHttpHandler';
import { defineRoute } from '../../../lib/schemas/routes/contract';
import { UploadedFile } from '../../../lib/schemas/uploadedFile';
import { httpEvent } from '../../../harness/events';
import { invoke } from '../../support/invoke';
import { createTestServices, type TestServices } from '../../support/services';

/**
 * A route may take a body that is a file, not JSON (a CSV file or a ZIP archive to import): its contract names the
 * media types and, when larger than the usual 64 KiB, its own size limit. The handler receives the bytes as they
 * came, decoded from base64 if need be, and the media type they came as.
 */
describe('a route that takes a file body', () => {
  const MIB = 1024 * 1024;
  const uploadRoute = defineRoute({
    functionName: 'upload',
    method: 'POST',
    path: '/uploads/',
    summary: 'Takes a CSV file',
    tags: ['test'],
    access: 'public',
    body: UploadedFile,
    bodyMediaTypes: { 'text/csv': z.string() },
    maxBodyBytes: MIB,
    response: { status: 200, description: 'what came', schema: z.object({ text: z.string() }) },
  });
  let services: TestServices;
  beforeEach(async () => {
    services = await createTestServices();
  });
  const handler = () =>
    createHttpHandler(
      uploadRoute,
      async ({ body }) => ({ text: Buffer.from(body.bytes).toString('utf8') }),
      async () => services,
    );
  const upload = (body: string | undefined, headers: Record<string, string> = { 'content-type': 'text/csv' }, isBase64Encoded = false) =>
    invoke(handler(), httpEvent({ method: 'POST', path: '/uploads/', body, headers, isBase64Encoded }));

  it('hands the handler the text as it came, quotes, commas and line breaks included', async () => {
    const csv = 'Title,Year\r\n"Heat, the film",1995\r\n';

    const response = await upload(csv);

    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({ text: csv });
  });

  it('takes text/csv with charset=utf-8, in any case', async () => {
    expect((await upload('a,b', { 'content-type': 'Text/CSV; charset=UTF-8' })).statusCode).toBe(200);
  });

  it('decodes a body API Gateway sent as base64', async () => {
    const response = await upload(Buffer.from('Title\nAmélie\n').toString('base64'), { 'content-type': 'text/csv' }, true);

    expect(response.body).toEqual({ text: 'Title\nAmélie\n' });
  });

  it.each([
    ['application/json', 'request bodies of this route must be text/csv in UTF-8, not application/json'],
    ['application/x-www-form-urlencoded', 'request bodies of this route must be text/csv in UTF-8, not application/x-www-form-urlencoded'],
    ['text/csv; charset=utf-16', 'request bodies of this route must be text/csv in UTF-8, not text/csv; charset=utf-16'],
  ])('refuses %s with a 415 problem', async (contentType, detail) => {
    const response = await upload('a,b', { 'content-type': contentType });

    expect(response).toMatchObject({ statusCode: 415, headers: { 'content-type': 'application/problem+json' }, body: { detail } });
  });

  it('refuses a body that says nothing of what it is with a 415', async () => {
    const event = httpEvent({ method: 'POST', path: '/uploads/', body: 'a,b' });
    delete event.headers['content-type'];

    const response = await invoke(handler(), event);

    expect(response).toMatchObject({ statusCode: 415, body: { detail: 'a request body needs Content-Type: text/csv' } });
  });

  it("takes a body over 64 KiB up to its route's own limit, and refuses one over it with a 413", async () => {
    const line = 'x'.repeat(1023) + '\n';

    expect((await upload(line.repeat(1024))).statusCode).toBe(200);
    const over = await upload(line.repeat(1024) + 'y');
    expect(over).toMatchObject({ statusCode: 413, body: { detail: `request body is ${MIB + 1} bytes; the limit is ${MIB}` } });
  });

  it('lets validation say what is missing when no body came', async () => {
    const response = await upload(undefined);

    expect(response).toMatchObject({ statusCode: 400, body: { errors: [{ path: '', message: 'a file is required' }] } });
  });
});
