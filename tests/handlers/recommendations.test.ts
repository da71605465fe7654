import { listRecommendationsRoute } from '../../lib/schemas/routes/recommendations';
import { listMoviesRoute } from '../../lib/schemas/routes/movies';
import { listRecommendations } from '../../functions/recommendations/listRecommendations';
import { listMovies } from '../../functions/movies/listMovies';
import { createRatingsRepository } from '../../lib/repositories/ratingsRepository';
import { createUsersRepository } from '../../lib/repositories/usersRepository';
import { Recommendations } from '../../lib/schemas/recommendations';
import { signUp } from '../support/auth';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

describe('GET /users/me/recommendations/ (listRecommendations)', () => {
  let services: TestServices;
  let me: Awaited<ReturnType<typeof signUp>>;
  beforeEach(async () => {
    services = await createTestServices();
    me = await signUp(services);
  });

  const recommend = async (query: Record<string, string> = {}) => {
    const response = await invokeRoute(listRecommendationsRoute, listRecommendations, services, { query, headers: me.headers });
    expect(response.statusCode).toBe(200);
    return Recommendations.parse(response.body).results;
  };
  const titled = (results: Awaited<ReturnType<typeof recommend>>) => results.map(({ movie }) => movie.title);
  const film = async (title: string, genres: string[] = []) => (await services.movies.create({ title, genres })).id;
  let nextUser = 0;
  const person = async () =>
    (await createUsersRepository(services.db).create({ email: `liker${nextUser++}@example.com`, passwordHash: 'x', role: 'basic' }))!.id;
  const rate = (userId: number, movieId: number, value: number) =>
    createRatingsRepository(services.db).upsertForUser(movieId, userId, value);

  it('answers 401 to an anonymous caller', async () => {
    const response = await invokeRoute(listRecommendationsRoute, listRecommendations, services, {});

    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('puts first what the people who liked what you liked also liked, most support first, then by score', async () => {
    const heat = await film('Heat');
    const [ronin, collateral, thief, cats, manhunter] = (await Promise.all(
      ['Ronin', 'Collateral', 'Thief', 'Cats', 'Manhunter'].map((title) => film(title)),
    )) as [number, number, number, number, number];
    const [ann, bob, cy, dee] = [await person(), await person(), await person(), await person()];
    await rate(me.id, heat, 5);
    for (const liker of [ann, bob, cy]) await rate(liker, heat, 4);
    await rate(dee, heat, 3); // did not like Heat: her tastes do not count
    for (const liker of [ann, bob, cy]) await rate(liker, collateral, 5);
    for (const liker of [ann, bob]) await rate(liker, ronin, 4);
    await rate(ann, thief, 4); // one supporter, a 4 …
    await rate(bob, manhunter, 5); // … and one, a 5: the better score comes first
    await rate(cy, cats, 3); // rated, but not liked
    await rate(dee, cats, 5);

    const results = await recommend();

    expect(titled(results).slice(0, 4)).toEqual(['Collateral', 'Ronin', 'Manhunter', 'Thief']);
    expect(results.slice(0, 4).map(({ because }) => because)).toEqual([[heat], [heat], [heat], [heat]]);
    expect(results.find(({ movie }) => movie.title === 'Cats')?.because).toEqual([]);
    expect(results[0]!.movie).not.toHaveProperty('summary');
  });

  it('names at most three of your films as the reason, those that led to it through the most people first', async () => {
    const mine = [await film('Mine 1'), await film('Mine 2'), await film('Mine 3'), await film('Mine 4')];
    const [everyone, onlySecond] = [await film('Everyone'), await film('Only second')];
    for (const id of mine) await rate(me.id, id, 4);
    const likers = [await person(), await person(), await person(), await person()];
    for (const [i, liker] of likers.entries()) {
      await rate(liker, mine[i]!, 5);
      await rate(liker, everyone, 5);
    }
    const secondFan = await person(); // a second liker of Mine 3 who also likes Everyone: Mine 3 led there twice
    await rate(secondFan, mine[2]!, 4);
    await rate(secondFan, everyone, 4);
    await rate(likers[1]!, onlySecond, 4);

    const results = await recommend();
    const reasons = Object.fromEntries(results.map(({ movie, because }) => [movie.title, because]));

    expect(reasons['Everyone']).toHaveLength(3);
    expect(reasons['Everyone']![0]).toBe(mine[2]);
    expect(mine).toEqual(expect.arrayContaining(reasons['Everyone']!));
    expect(new Set(reasons['Everyone']).size).toBe(3);
    expect(reasons['Only second']).toEqual([mine[1]]);
    expect(titled(results).slice(0, 2)).toEqual(['Everyone', 'Only second']);
  });

  it('never recommends a film you rated, however much the others liked it', async () => {
    const [heat, disliked, liked] = [await film('Heat'), await film('Disliked'), await film('Liked too')];
    const fellow = await person();
    await rate(me.id, heat, 5);
    await rate(me.id, disliked, 1);
    await rate(me.id, liked, 4);
    for (const id of [heat, disliked, liked]) await rate(fellow, id, 5);

    const results = await recommend();

    expect(titled(results)).toEqual([]);
  });

  it('fills up with the best-scored films of your favourite genres (from your 4-5s), then the top rated', async () => {
    const [noir, horror] = [await film('My noir', ['Noir']), await film('My horror', ['Horror'])];
    await rate(me.id, noir, 5);
    await rate(me.id, horror, 2); // not a favourite: its genre does not fill up
    const [goodNoir, fairNoir, scaryHit, comedyHit, coLiked] = [
      await film('Good noir', ['Noir', 'Crime']),
      await film('Fair noir', ['Noir']),
      await film('Scary hit', ['Horror']),
      await film('Comedy hit', ['Comedy']),
      await film('Co-liked', ['Comedy']),
    ];
    const critic = await person(); // rates films without sharing any of my tastes
    await rate(critic, goodNoir, 5);
    await rate(critic, fairNoir, 3);
    await rate(critic, scaryHit, 5);
    await rate(critic, comedyHit, 4);
    const fellow = await person();
    await rate(fellow, noir, 4);
    await rate(fellow, coLiked, 4);

    const results = await recommend();

    expect(titled(results)).toEqual(['Co-liked', 'Good noir', 'Fair noir', 'Scary hit', 'Comedy hit']);
    expect(results.map(({ because }) => because)).toEqual([[noir], [noir], [noir], [], []]);
  });

  it('answers the top-rated list, with empty reasons, to someone who has rated nothing', async () => {
    for (const [i, title] of ['A', 'B', 'C', 'D', 'E', 'F'].entries()) {
      const id = await film(title);
      const critic = await person();
      await rate(critic, id, 1 + (i % 5));
    }

    const results = await recommend({ limit: '4' });
    const top = await invokeRoute(listMoviesRoute, listMovies, services, { query: { ordering: '-score', page_size: '4' } });

    expect(results.map(({ movie }) => movie.id)).toEqual((top.body as { results: { id: number }[] }).results.map((movie) => movie.id));
    expect(results.every(({ because }) => because.length === 0)).toBe(true);
    expect(results).toHaveLength(4);
  });

  it('answers at most limit films, 20 by default, and refuse a limit outside 1-50', async () => {
    for (let i = 0; i < 25; i++) await film(`Film ${i}`);

    expect(await recommend()).toHaveLength(20);
    expect(await recommend({ limit: '50' })).toHaveLength(25);
    expect(await recommend({ limit: '1' })).toHaveLength(1);
    for (const limit of ['0', '51', 'x', '2.5', '']) {
      const response = await invokeRoute(listRecommendationsRoute, listRecommendations, services, {
        query: { limit },
        headers: me.headers,
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatchObject({ errors: [{ path: 'limit', message: 'must be an integer from 1 to 50' }] });
    }
  });
});
