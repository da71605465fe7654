import { client, createMovie } from './http';

const rate = async (movie: number, value: number, times: number) => {
  for (let i = 0; i < times; i++) expect((await client().createRating({ body: { movie, value } })).status).toBe(201);
};
const scoreOf = async (id: number) => {
  const response = await client().getMovie({ params: { id } });
  if (response.status !== 200) throw new Error(`could not read movie ${id}: ${response.status}`);
  return response.body.score;
};

// Every answer here is also checked against the OpenAPI document by client() (status, headers, body).
describe('scores under serverless-offline (issue 19)', () => {
  it('ranks thirty 5s above one 5 and thirty 1s, whatever C the catalogue holds', async () => {
    const word = `Fair${Date.now()}`;
    // Created first, so a tie on score (each film's plain mean standing in for C) would rank it below the single 5.
    const many = await createMovie({ title: `${word} thirty fives` });
    const one = await createMovie({ title: `${word} a single five` });
    const low = await createMovie({ title: `${word} thirty ones` });
    await rate(many.id, 5, 30);
    await rate(one.id, 5, 1);
    await rate(low.id, 1, 30);

    const top = await client().listMovies({ query: { search: word, ordering: '-score' } });

    if (top.status !== 200) throw new Error(`could not list movies: ${top.status}`);
    expect(top.body.results.map((movie) => movie.title)).toEqual([many.title, one.title, low.title]);
  });

  it('refreshes C on the schedule while serving: a score moves with the catalogue, its own ratings unchanged', async () => {
    // globalSetup serves with SCORE_REFRESH_RATE=rate(1 minute): serverless-offline runs refreshScores every minute.
    const word = `Refreshed${Date.now()}`;
    const watched = await createMovie({ title: `${word} watched` });
    await rate(watched.id, 5, 1);
    const before = await scoreOf(watched.id);
    // Thirty 1s pull C down; only a refresh of C can carry that into the watched film's score.
    const low = await createMovie({ title: `${word} pulling C down` });
    await rate(low.id, 1, 30);

    let after = before;
    const deadline = Date.now() + 80_000;
    while (after === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      after = await scoreOf(watched.id);
    }

    expect(typeof before).toBe('number');
    expect(after).not.toBe(before);
  }, 100_000);
});
