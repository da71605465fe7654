import * as z from 'zod';
import { defineRoute } from '../../../lib/schemas/routes/contract';
import { validateRequest } from '../../../lib/http/validateRequest';
import { httpEvent } from '../../../harness/events';

// Every problem of a request at once, each naming its field, and a detail that reads as a sentence.
describe('request validation', () => {
  const route = defineRoute({
    functionName: 'noteIt',
    method: 'POST',
    path: '/notes/{id}/',
    summary: 'Takes a note',
    tags: ['test'],
    access: 'public',
    params: z.object({ id: z.coerce.number().int().positive() }),
    body: z
      .object({ title: z.string(), pages: z.number().optional() })
      .refine((note) => note.title !== 'forbidden', 'this note may not be taken'),
    response: { status: 201, description: 'the note', schema: z.unknown() },
  });
  const validate = (id: string, body: unknown) => () =>
    validateRequest(route, httpEvent({ method: 'POST', path: `/notes/${id}/`, pathParameters: { id } }), body);

  it('names the one field at fault in the detail', () => {
    expect(validate('1', {})).toThrow(
      expect.objectContaining({
        name: 'BadRequest',
        message: expect.stringMatching(/^title /),
        errors: [expect.objectContaining({ path: 'title' })],
      }),
    );
  });

  it('gives the message alone for a problem of the whole body', () => {
    expect(validate('1', { title: 'forbidden' })).toThrow(
      expect.objectContaining({ message: 'this note may not be taken', errors: [{ path: '', message: 'this note may not be taken' }] }),
    );
  });

  it('counts the fields at fault, in path and body alike, and lists each', () => {
    expect(validate('0', { title: 3, pages: 'many' })).toThrow(
      expect.objectContaining({
        message: 'the request has 3 invalid fields',
        errors: [
          expect.objectContaining({ path: 'id' }),
          expect.objectContaining({ path: 'title' }),
          expect.objectContaining({ path: 'pages' }),
        ],
      }),
    );
  });

  it('answers the parsed values of a valid request', () => {
    expect(validate('7', { title: 'ok' })()).toMatchObject({ params: { id: 7 }, body: { title: 'ok' } });
  });
});
