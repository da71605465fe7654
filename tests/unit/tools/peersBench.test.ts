import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PEERS_HEADING, peersSection, writePeersSection } from '../../../tools/bench/peers/section';
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

describe('npm run bench peers: its section of docs/PERFORMANCE.md', () => {
  let root: string;
  const file = () => join(root, 'docs', 'PERFORMANCE.md');
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'peers-section-'));
    mkdirSync(join(root, 'docs'));
    writeFileSync(file(), '# Performance\n\n## On sqld\n\nsqld figures.\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const timing = (p50: number) => ({ p50, p99: 2 * p50, n: 200 });
  const run = (coldOurs: number) =>
    peersSection(
      {
        cold: [
          {
            route: 'getMovie',
            answeredMs: { ours: coldOurs, express: 400, fastify: 500, hello: 50 },
            verdicts: { express: notAbove(coldOurs, 400, 0.8), fastify: notAbove(coldOurs, 500, 0.6), hello: notAbove(coldOurs, 50, 2) },
          },
        ],
        warm: [
          {
            route: 'getMovie',
            timing: { ours: timing(6), express: timing(10), fastify: timing(6) },
            requests: { ours: 1, express: 2, fastify: 2 },
            verdicts: { express: notAbove(6, 10, 0.7), fastify: notAbove(6, 6, 0.7) },
          },
        ],
        http: {
          movie: { perSecond: 90, p99: 30, non2xx: 0 },
          health: { perSecond: 100, p99: 20, non2xx: 0 },
          verdict: notBelow(90, 100, 0.85),
        },
        sizes: 'ours getMovie 400 KiB',
      },
      { before: '1.0, 1.0, 1.0', after: '1.0, 1.0, 1.0' },
    );

  it('marks each ratio met or missed against the targets its headers name', () => {
    const text = run(300);
    expect(text).toContain('ours / Express (≤ 0.8×) | ours / Fastify (≤ 0.6×) | ours / hello (≤ 2×)');
    expect(text).toContain('| getMovie | 300.0 ms | 400.0 ms | 500.0 ms | 50.0 ms | 0.75× ✓ | 0.60× ✓ | 6.00× ✗ |');
    expect(text).toContain('| 1.00, 2.00, 2.00 | 0.60× ✓ | 1.00× ✗ |');
    expect(text).toContain('0.90× ✓ (≥ 0.85×)');
  });

  it('goes at the end once, and a rerun replaces it, leaving the sections before it as they were', () => {
    writePeersSection(root, run(300));
    writePeersSection(root, run(350));
    const text = readFileSync(file(), 'utf8');
    expect(text.split(PEERS_HEADING)).toHaveLength(2);
    expect(text).toMatch(/^# Performance\n\n## On sqld\n\nsqld figures\.\n\n## Against Express/);
    expect(text).toContain('| getMovie | 350.0 ms |');
    expect(text).not.toContain('| getMovie | 300.0 ms |');
  });

  it('keeps a section written after it when it is rewritten', () => {
    writePeersSection(root, run(300));
    writeFileSync(file(), `${readFileSync(file(), 'utf8')}\n## Later\n\nlater figures.\n`);
    writePeersSection(root, run(350));
    const text = readFileSync(file(), 'utf8');
    expect(text).toContain('| getMovie | 350.0 ms |');
    expect(text.endsWith('\n## Later\n\nlater figures.\n')).toBe(true);
  });

  it('keeps the marker that opens the section after it (the Lighthouse section is written between markers)', () => {
    writePeersSection(root, run(300));
    const later = '<!-- lighthouse:start -->\n\n## Lighthouse\n\nscores.\n\n<!-- lighthouse:end -->\n';
    writeFileSync(file(), `${readFileSync(file(), 'utf8')}\n${later}`);
    writePeersSection(root, run(350));
    const text = readFileSync(file(), 'utf8');
    expect(text).toContain('| getMovie | 350.0 ms |');
    expect(text.endsWith(`\n\n${later}`)).toBe(true);
  });
});
