import { contractProblems } from '../../../tools/artifacts/checkArtifacts';
import { healthRoute } from '../../../lib/schemas/routes/health';
import { getMovieRoute } from '../../../lib/schemas/routes/movies';
import { webPageRoute } from '../../../lib/schemas/routes/web';

const json = { 'content-type': 'application/json; charset=utf-8' };

describe('contractProblems (how the artifact check judges an answer)', () => {
  it('accepts an answer with the contract status, content type and body shape', () => {
    expect(contractProblems(healthRoute, 200, { status: 200, headers: json, body: { status: 'ok' } })).toEqual([]);
    expect(
      contractProblems(webPageRoute, 200, {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<!doctype html>',
      }),
    ).toEqual([]);
  });

  it('names a wrong status, a body that breaks the schema, and a wrong content type', () => {
    expect(contractProblems(getMovieRoute, 200, { status: 500, headers: json, body: {} })[0]).toMatch(/^answered 500, expected 200/);
    expect(contractProblems(healthRoute, 200, { status: 200, headers: json, body: { status: 'fine' } })[0]).toMatch(/breaks the contract/);
    expect(contractProblems(webPageRoute, 200, { status: 200, headers: json, body: '{}' })).toEqual([
      'content-type application/json; charset=utf-8, expected text/html',
    ]);
  });

  it('wants every error as an RFC 9457 problem', () => {
    const problem = { type: 'about:blank', title: 'Not Found', status: 404, detail: 'movie 9 does not exist' };

    expect(
      contractProblems(getMovieRoute, 404, { status: 404, headers: { 'content-type': 'application/problem+json' }, body: problem }),
    ).toEqual([]);
    expect(contractProblems(getMovieRoute, 404, { status: 404, headers: json, body: problem })).toEqual([
      'a 404 with content-type application/json; charset=utf-8',
    ]);
  });
});
