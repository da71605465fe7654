import { randomUUID } from 'node:crypto';
import { api, fetchApi } from './http';

/** A POST whose body and Content-Type are exactly these: no helper adds one. */
const post = async (path: string, body: string, contentType?: string) => {
  const response = await fetchApi(path, {
    method: 'POST',
    // A Buffer body makes fetch send no Content-Type of its own.
    body: Buffer.from(body, 'utf8'),
    headers: contentType === undefined ? {} : { 'content-type': contentType },
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
};

const movieJson = () => JSON.stringify({ title: `Typed ${randomUUID()}` });

describe('Content-Type of request bodies', () => {
  it.each([
    ['text/plain', movieJson()],
    ['application/json; charset=utf-16', movieJson()],
    ['application/x-www-form-urlencoded', 'title=Form'],
    ['application/xml', '<movie><title>XML</title></movie>'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nM\r\n--x--'],
  ])('answers 415 problem+json to %s', async (contentType, body) => {
    const response = await post('/movies/', body, contentType);

    expect(response.status).toBe(415);
    expect(response.contentType).toBe('application/problem+json');
    expect(response.body).toMatchObject({ type: 'about:blank', title: 'Unsupported Media Type', status: 415 });
  });

  it('answers 415 to a body without a Content-Type', async () => {
    const response = await post('/movies/', movieJson());

    expect(response).toMatchObject({ status: 415, contentType: 'application/problem+json' });
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON; Charset="UTF-8"', 'application/merge-patch+json'])(
    'takes a JSON body sent as %s',
    async (contentType) => {
      const response = await post('/movies/', movieJson(), contentType);

      expect(response.status).toBe(201);
    },
  );

  it('answers malformed JSON with 400 problem+json', async () => {
    const response = await post('/movies/', '{"title": ', 'application/json');

    expect(response).toMatchObject({
      status: 400,
      contentType: 'application/problem+json',
      body: { detail: 'request body is not valid JSON' },
    });
  });
});

describe('control characters in text fields', () => {
  const controlMessage = 'must not contain control characters';

  it.each([
    ['a NUL inside a title (once stored cut short)', { title: 'nul\u0000byte' }, 'title'],
    ['a leading NUL in a title (once a 500 from a CHECK constraint)', { title: '\u0000lead' }, 'title'],
    ['an escape character in a title', { title: 'bell\u001b[31m' }, 'title'],
    ['DEL in a title', { title: 'del\u007f' }, 'title'],
    ['a line break in a title', { title: 'two\nlines' }, 'title'],
    ['a NUL in a genre', { title: 'Genre', genres: ['Dra\u0000ma'] }, 'genres.0'],
    ['a NUL in a description', { title: 'Described', description: 'a\u0000b' }, 'description'],
  ])('refuses %s with 400', async (_, body, path) => {
    const response = await api('/movies/', { method: 'POST', body });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ path, message: controlMessage }] });
  });

  it('refuses half of a surrogate pair in a title (once stored as U+FFFD)', async () => {
    const response = await post('/movies/', '{"title": "a\\ud800b"}', 'application/json');

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ path: 'title', message: 'must be valid Unicode text' }] });
  });

  it('keeps tabs and line breaks in a description, as sent', async () => {
    const description = 'First line\n\tindented\r\nthird';

    const response = await api('/movies/', { method: 'POST', body: { title: `Lines ${randomUUID()}`, description } });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ description });
  });

  it('refuses a username of "\\u0000" (once stored as "")', async () => {
    const response = await api('/auth/register/', {
      method: 'POST',
      body: { email: `nul-${randomUUID()}@e2e.example.com`, password: 'a-long-password', username: '\u0000' },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ path: 'username', message: controlMessage }] });
  });

  it('refuses a NUL in a collection title', async () => {
    const registered = await api('/auth/register/', {
      method: 'POST',
      body: { email: `col-${randomUUID()}@e2e.example.com`, password: 'a-long-password' },
    });
    const token = (registered.body as { access_token: string }).access_token;

    const response = await api('/collections/', {
      method: 'POST',
      body: { title: 'x\u0000y' },
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ path: 'title', message: controlMessage }] });
  });

  it('refuses a NUL in a search', async () => {
    const response = await api(`/movies/?search=${encodeURIComponent('a\u0000b')}`);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ path: 'search', message: controlMessage }] });
  });
});
