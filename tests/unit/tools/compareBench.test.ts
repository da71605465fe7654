import { COMPARE_HEADING } from '../../../tools/bench/compare/section';
import { replaceSection } from '../../../tools/bench/docSection';
import { findFunctionFile } from '../../../tools/bench/compare/functionFiles';
import { blockSpread, compareVerdict, noiseThreshold } from '../../../tools/bench/compare/verdict';

describe('npm run bench compare: the noise threshold from the block-to-block spread', () => {
  it('measures a tree’s spread as the interquartile range of its block p50s over their median', () => {
    // Sorted 1, 2, 2, 3, 10: quartiles 2 and 3 around a median of 2, so the spread is half the median.
    expect(blockSpread([10, 2, 1, 3, 2])).toBeCloseTo(0.5);
    expect(blockSpread([4, 4, 4, 4])).toBe(0);
  });

  it('sets the threshold two wider spreads of the two trees over √blocks above 1, never closer than 3 %', () => {
    // Spread 0.5 (sorted 2, 2, 3, 3: quartiles 2 and 3, median 2) over 4 blocks: the pooled p50 wanders 0.5 / √4.
    expect(noiseThreshold([3, 2, 3, 2], [4, 4, 4, 4])).toBeCloseTo(1.5);
    // The same spread over 16 blocks is known four times as closely as over one.
    expect(noiseThreshold([3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2], Array(16).fill(4))).toBeCloseTo(1.25);
    expect(noiseThreshold([4, 4, 4, 4], [4, 4, 4, 4])).toBeCloseTo(1.03);
  });

  it('calls a ratio above the threshold slower beyond noise, below its inverse faster, else within noise', () => {
    expect(compareVerdict(1.21, 1.2)).toBe('slower beyond noise');
    expect(compareVerdict(1.2, 1.2)).toBe('within noise');
    expect(compareVerdict(0.9, 1.2)).toBe('within noise');
    expect(compareVerdict(0.8, 1.2)).toBe('faster beyond noise');
  });
});

describe('npm run bench compare: a function’s file found by its name, whatever its folder', () => {
  const before = ['functions/users/listMyRatings.ts', 'functions/counter/getRequestCount.ts', 'functions/movies/getMovie.ts'];
  const after = ['functions/ratings/listMyRatings.ts', 'functions/requestCount/getRequestCount.ts', 'functions/movies/getMovie.ts'];

  it('finds the file named after the function in either layout', () => {
    expect(findFunctionFile(before, 'listMyRatings')).toBe('functions/users/listMyRatings.ts');
    expect(findFunctionFile(after, 'listMyRatings')).toBe('functions/ratings/listMyRatings.ts');
    expect(findFunctionFile(after, 'getRequestCount')).toBe('functions/requestCount/getRequestCount.ts');
  });

  it('does not take a file whose name only contains the function’s', () => {
    expect(() => findFunctionFile(['functions/movies/getMovies.ts', 'functions/movies/getMovie.test.ts'], 'getMovie')).toThrow(
      /no file for getMovie/,
    );
  });

  it('refuses a name two files answer to, naming both', () => {
    expect(() => findFunctionFile(['functions/a/getMe.ts', 'functions/b/getMe.ts'], 'getMe')).toThrow(
      /getMe: functions\/a\/getMe.ts, functions\/b\/getMe.ts/,
    );
  });
});

describe('npm run bench compare: its section of docs/PERFORMANCE.md', () => {
  const others = '# Performance\n\n| table |\n\n## On sqld\n\nsqld figures.\n';

  it('appends its section when the file has none', () => {
    expect(replaceSection(others, COMPARE_HEADING, `${COMPARE_HEADING}\n\nfirst run\n`)).toBe(
      `${others}\n${COMPARE_HEADING}\n\nfirst run\n`,
    );
  });

  it('replaces only its own section, the ones before and after kept byte for byte', () => {
    const file = `${others}\n${COMPARE_HEADING}\n\nold run\n\n### its subsection\n\nold\n\n## Later section\n\nkept.\n`;
    expect(replaceSection(file, COMPARE_HEADING, `${COMPARE_HEADING}\n\nnew run\n`)).toBe(
      `${others}\n${COMPARE_HEADING}\n\nnew run\n\n## Later section\n\nkept.\n`,
    );
  });

  it('keeps the marker line that opens the next section', () => {
    const file = `${others}\n${COMPARE_HEADING}\n\nold run\n\n<!-- lighthouse:start -->\n## Lighthouse\n`;
    expect(replaceSection(file, COMPARE_HEADING, `${COMPARE_HEADING}\n\nnew run\n`)).toBe(
      `${others}\n${COMPARE_HEADING}\n\nnew run\n\n<!-- lighthouse:start -->\n## Lighthouse\n`,
    );
  });
});
