import { STATUS_CODES } from 'node:http';
import { reasonPhrase } from '../../../lib/http/reasonPhrases';

describe('reasonPhrase (the title of a problem that has no title of its own)', () => {
  it("names every 4xx and 5xx status as node's HTTP module does", () => {
    const errors = Object.keys(STATUS_CODES)
      .map(Number)
      .filter((status) => status >= 400);

    expect(errors.length).toBeGreaterThan(30);
    for (const status of errors) expect([status, reasonPhrase(status)]).toEqual([status, STATUS_CODES[status]]);
  });

  it('answers undefined for a status it does not know', () => {
    expect(reasonPhrase(499)).toBeUndefined();
    expect(reasonPhrase(200)).toBeUndefined();
  });
});
