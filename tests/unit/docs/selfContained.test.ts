import { readText, trackedFiles } from './repository';

/** Briefs the team once worked from, which live outside this repository: a clone cannot open them. */
const OUTSIDE_BRIEFS = ['API', 'DESIGN'].map((name) => `${name}.md`);
const NAMES_ONE = new RegExp(`\\b(?:${OUTSIDE_BRIEFS.map((name) => name.replace('.', '\\.')).join('|')})\\b`);

/** Generated reports (Stryker's) quote source as it was; everything else is written by hand and must hold. */
const written = trackedFiles().filter((file) => !/^reports\/.*\.json$/.test(file) && !/\.(png|ico|woff2?|zip|gz)$/.test(file));

describe('the repository is self-contained', () => {
  it('names neither brief it was built from: its contract is README.md, docs/USAGE.md and the OpenAPI document', () => {
    const naming = written.flatMap((file) =>
      readText(file)
        .split('\n')
        .flatMap((line, index) => (NAMES_ONE.test(line) ? [`${file}:${index + 1}`] : [])),
    );

    expect(naming).toEqual([]);
  });
});
