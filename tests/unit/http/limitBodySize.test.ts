import { limitBodySize } from '../../../lib/http/readBody';
import { httpEvent } from '../../../harness/events';

// 413 for a body over the limit, counted in bytes as they arrived, before anything parses it.
describe('the request body size limit', () => {
  const check = (body: string, { max = 10, base64 = false } = {}) => {
    const event = httpEvent({ method: 'POST', path: '/movies/', body, isBase64Encoded: base64 });
    return () => limitBodySize(max).before!({ event, context: {} as never, response: null, error: null, internal: {} });
  };

  it('takes a body of exactly the limit, and refuses one byte more with 413, naming both sizes', () => {
    expect(check('x'.repeat(10))).not.toThrow();
    expect(check('x'.repeat(11))).toThrow(
      expect.objectContaining({ name: 'PayloadTooLarge', message: 'request body is 11 bytes; the limit is 10' }),
    );
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(check('é'.repeat(5))).not.toThrow(); // 10 bytes
    expect(check('é'.repeat(6))).toThrow(
      expect.objectContaining({ name: 'PayloadTooLarge', message: 'request body is 12 bytes; the limit is 10' }),
    );
  });

  it('counts a base64-encoded body by the bytes it decodes to', () => {
    const tenBytes = Buffer.from('x'.repeat(10)).toString('base64'); // 16 characters
    const elevenBytes = Buffer.from('x'.repeat(11)).toString('base64');

    expect(check(tenBytes, { base64: true })).not.toThrow();
    expect(check(elevenBytes, { base64: true })).toThrow(
      expect.objectContaining({ name: 'PayloadTooLarge', message: 'request body is 11 bytes; the limit is 10' }),
    );
  });

  it.each([false, true])('takes a request without a body (base64-encoded: %s)', (isBase64Encoded) => {
    const event = httpEvent({ method: 'POST', path: '/movies/', isBase64Encoded });
    expect(() => limitBodySize(0).before!({ event, context: {} as never, response: null, error: null, internal: {} })).not.toThrow();
  });
});
