import { isJsonContentType, requireContentType } from '../../../lib/http/requireContentType';
import { httpEvent } from '../../../harness/events';

describe('isJsonContentType', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON;CHARSET=UTF-8',
    'application/json; charset="utf-8"',
    'application/problem+json',
    'application/merge-patch+json',
    'application/json;',
    'application/json; charset = utf-8',
  ])('takes %s', (value) => {
    expect(isJsonContentType(value)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'text/plain',
    'text/json',
    'application/json; charset=utf-16',
    'application/json; charset=latin1',
    'application/json; boundary=x',
    'application/jsonx',
    'application/+json',
    'application/x-www-form-urlencoded',
    'application/xml',
    'application/json; xcharset=utf-8',
    'application/json; charset=utf-8x',
    'application/json; charset="utf-8',
    'x-application/json',
    'text/application/json',
  ])('refuses %s', (value) => {
    expect(isJsonContentType(value)).toBe(false);
  });
});

describe('requireContentType of a JSON route', () => {
  const before = (headers: Record<string, string | undefined>, body: string | undefined) => {
    const event = httpEvent({ method: 'POST', path: '/movies/', body });
    event.headers = headers as Record<string, string>;
    return requireContentType().before!({ event, context: {} as never, response: null, error: null, internal: {} });
  };

  it('refuses a body that is not JSON with 415', () => {
    expect(() => before({ 'content-type': 'text/plain' }, '{}')).toThrow(expect.objectContaining({ name: 'UnsupportedMediaType' }));
  });

  it('refuses a body without a Content-Type with 415', () => {
    expect(() => before({}, '{}')).toThrow(expect.objectContaining({ name: 'UnsupportedMediaType' }));
  });

  it('lets a JSON body through, and a request without a body whatever it says', () => {
    expect(() => before({ 'content-type': 'application/json' }, '{}')).not.toThrow();
    expect(() => before({}, undefined)).not.toThrow();
    expect(() => before({ 'content-type': 'text/plain' }, '')).not.toThrow();
  });

  it('says what to send: the Content-Type a body needs, or that the one given is not JSON in UTF-8', () => {
    expect(() => before({}, '{}')).toThrow('a request body needs Content-Type: application/json');
    expect(() => before({ 'content-type': 'text/plain' }, '{}')).toThrow(
      'request bodies must be application/json in UTF-8, not text/plain',
    );
  });

  it('takes a null body as no body', () => {
    const event = httpEvent({ method: 'POST', path: '/movies/' });
    event.headers = { 'content-type': 'text/plain' };
    event.body = null as unknown as string;

    expect(() => requireContentType().before!({ event, context: {} as never, response: null, error: null, internal: {} })).not.toThrow();
  });
});
