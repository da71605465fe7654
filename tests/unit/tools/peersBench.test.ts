import { assertSameBodies, COLD_TARGETS, median, notBelow, notAbove } from '../../../tools/bench/peers/verdicts';

describe('npm run bench peers: the verdicts', () => {
  it('takes the middle value, or the mean of the two middle ones, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('meets an "at most" target at the bound and misses it just above', () => {
    expect(notAbove(7, 10, 0.7)).toEqual({ ratio: 0.7, met: true });
    expect(notAbove(7.1, 10, 0.7)).toEqual({ ratio: 0.71, met: false });
  });

  it('meets an "at least" target at the bound and misses it just below', () => {
    expect(notBelow(85, 100, 0.85)).toEqual({ ratio: 0.85, met: true });
    expect(notBelow(84, 100, 0.85)).toEqual({ ratio: 0.84, met: false });
  });

  it('holds a first answer to 0.8× Express, 0.6× Fastify and 2× hello-world', () => {
    expect(COLD_TARGETS).toEqual({ express: 0.8, fastify: 0.6, hello: 2 });
  });
});

describe('npm run bench peers: byte-identical answers', () => {
  const ours = '{"id":1,"title":"First","rating":null}';

  it('passes bodies that are the same bytes', () => {
    expect(() => assertSameBodies('getMovie', { ours, express: ours, fastify: ours })).not.toThrow();
  });

  it('fails loudly on a body that differs, naming the contender and where', () => {
    const reordered = '{"title":"First","id":1,"rating":null}';
    expect(() => assertSameBodies('getMovie', { ours, express: ours, fastify: reordered })).toThrow(
      /getMovie: fastify's body differs from ours at byte 2/,
    );
  });

  it('fails on a body one byte longer, and on a missing body', () => {
    expect(() => assertSameBodies('getMovie', { ours, express: `${ours}\n` })).toThrow(/express's body differs from ours at byte 38/);
    expect(() => assertSameBodies('getMovie', { ours, express: undefined })).toThrow(/express's body differs/);
  });
});
