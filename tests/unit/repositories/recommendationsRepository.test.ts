import { createRatingsRepository } from '../../../lib/repositories/ratingsRepository';
import {
  createRecommendationsRepository,
  RECENT_LIKES,
  LIKERS_PER_FILM,
  LIKES_PER_LIKER,
} from '../../../lib/repositories/recommendationsRepository';
import { createUsersRepository } from '../../../lib/repositories/usersRepository';
import { createTestServices, type TestServices } from '../../support/services';

/** The read is bounded: only the caller's most recent likes, each film's most recent likers and their most recent likes count. */
describe('recommendationsRepository: the bounds of its one read', () => {
  let services: TestServices;
  let me: number;
  beforeEach(async () => {
    services = await createTestServices();
    me = await person();
  });

  let nextUser = 0;
  async function person(): Promise<number> {
    return (await createUsersRepository(services.db).create({ email: `p${nextUser++}@example.com`, passwordHash: 'x', role: 'basic' }))!.id;
  }
  const film = async (title: string) => (await services.movies.create({ title, genres: [] })).id;
  const rate = (userId: number, movieId: number, value: number) =>
    createRatingsRepository(services.db).upsertForUser(movieId, userId, value);
  /** Makes a rating look old, so it falls outside a "most recent" bound. */
  const age = (userId: number, movieId: number, when: string) =>
    services.db.execute({ sql: 'UPDATE ratings SET updated_at = ? WHERE user_id = ? AND movie_id = ?', args: [when, userId, movieId] });
  const reasons = async () => {
    const found = await createRecommendationsRepository(services.db).recommendFor(me, 50);
    return Object.fromEntries(found.map(({ movie, because }) => [movie.title, because]));
  };

  it(`reads only the ${LIKERS_PER_FILM} most recent likers of each of your films`, async () => {
    const [seed, fromOldest, fromNewer] = [await film('Seed'), await film('From the oldest liker'), await film('From newer likers')];
    await rate(me, seed, 5);
    const oldest = await person();
    await rate(oldest, seed, 5);
    await age(oldest, seed, '2000-01-01T00:00:00.000Z');
    await rate(oldest, fromOldest, 5);
    for (let i = 0; i < LIKERS_PER_FILM; i++) {
      const liker = await person();
      await rate(liker, seed, 4);
      await rate(liker, fromNewer, 4);
    }

    const found = await reasons();

    expect(found['From newer likers']).toEqual([seed]);
    expect(found['From the oldest liker']).toEqual([]);
  });

  it(`reads only the ${LIKES_PER_LIKER} most recent likes of each liker`, async () => {
    const seed = await film('Seed');
    await rate(me, seed, 5);
    const liker = await person();
    await rate(liker, seed, 5);
    await age(liker, seed, '2000-01-01T00:00:00.000Z');
    const oldLike = await film('Old like');
    await rate(liker, oldLike, 5);
    await age(liker, oldLike, '1999-01-01T00:00:00.000Z');
    for (let i = 0; i < LIKES_PER_LIKER; i++) await rate(liker, await film(`Recent like ${i}`), 4);

    const found = await reasons();

    expect(found['Old like']).toEqual([]);
    for (let i = 0; i < LIKES_PER_LIKER; i++) expect(found[`Recent like ${i}`]).toEqual([seed]);
  });

  it(`starts only from your ${RECENT_LIKES} most recent likes`, async () => {
    const oldSeed = await film('Old seed');
    await rate(me, oldSeed, 5);
    await age(me, oldSeed, '2000-01-01T00:00:00.000Z');
    for (let i = 0; i < RECENT_LIKES; i++) await rate(me, await film(`Recent seed ${i}`), 4);
    const [liker, reached] = [await person(), await film('Reached from the old seed')];
    await rate(liker, oldSeed, 5);
    await rate(liker, reached, 5);

    expect((await reasons())['Reached from the old seed']).toEqual([]);
  });

  it('reads ratings only through bounded index ranges, never scanning the ratings, movies or genres table', async () => {
    const plan = (await createRecommendationsRepository(services.db).recommendationsQueryPlan(me, 20)).join('\n');

    expect(plan).toMatch(/ratings USING (COVERING )?INDEX ratings_liked_by_user/);
    expect(plan).toMatch(/ratings USING (COVERING )?INDEX ratings_liked_by_movie/);
    expect(plan).toMatch(/USING (COVERING )?INDEX movies_by_score/);
    expect(plan).not.toMatch(/SCAN ratings\b(?! USING)/);
    expect(plan).not.toMatch(/SCAN movies\b(?! USING)/);
    // Genres are read film by film (movie_genres_by_movie), never by walking the genre table (100,000 rows in the bench).
    expect(plan).not.toMatch(/SCAN (g|sg|movie_genres)\b(?! USING)/);
  });
});
