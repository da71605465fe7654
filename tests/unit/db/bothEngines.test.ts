import type { Client } from '@libsql/client';
import { Conflict } from '../../../lib/errors';
import { createCatalogueRepository, type ImportedMovie } from '../../../lib/repositories/catalogueRepository';
import { createCollectionsRepository } from '../../../lib/repositories/collectionsRepository';
import { createMoviesRepository } from '../../../lib/repositories/moviesRepository';
import { createRatingsRepository } from '../../../lib/repositories/ratingsRepository';
import { signInGuard } from '../../../lib/repositories/sessionsRepository';
import { createThrottleRepository } from '../../../lib/repositories/throttleRepository';
import { createUsersRepository } from '../../../lib/repositories/usersRepository';
import { engines, type RunningEngine } from '../../support/engines';
import { createTestServices } from '../../support/services';

/**
 * Every rule that tells a database's answers apart (an error's text, a count of changed rows, a writer waiting for
 * another) holds on both engines: a file opened by the native driver and sqld over HTTP, which word errors and count
 * changes their own ways.
 */
describe.each(engines)('on %s', (_name, start) => {
  let engine: RunningEngine;
  let db: Client;
  beforeEach(async () => {
    engine = await start();
    db = await engine.open();
  });
  afterEach(async () => {
    db.close();
    await engine.close();
  });

  const newUser = (email: string) => createUsersRepository(db).create({ email, passwordHash: 'x', role: 'basic' });

  it('refuses a second account for one email (in any case) with a 409, keeping the first', async () => {
    const services = await createTestServices({ db });
    await services.auth.register({ email: 'twice@example.com', password: 'a-long-password' });

    const again = services.auth.register({ email: 'TWICE@example.com', password: 'another-password' });

    await expect(again).rejects.toBeInstanceOf(Conflict);
    expect((await db.execute("SELECT count(*) AS n FROM users WHERE email = 'twice@example.com'")).rows[0]?.n).toBe(1);
  });

  /** What a batch threw, or undefined when it succeeded. */
  const failureOf = (work: Promise<unknown>) =>
    work.then(
      () => undefined,
      (error: unknown) => error,
    );
  /** The same failure with its text reworded, as another engine or version may word it. */
  const reworded = (error: unknown) => Object.assign(error as Error, { message: 'worded some other way' });
  /** A batch whose second statement fails with `text` in its message, as any unrelated failure might. */
  const failingSecond = (text: string) =>
    failureOf(db.batch(['SELECT 1', { sql: `SELECT json_extract('{}', '${text}')`, args: [] }], 'write'));

  it("tells a sign-in guard's refusal by the statement that failed, not by its text, and the refused batch writes nothing", async () => {
    const user = (await newUser('guarded@example.com'))!;
    const guard = signInGuard('no-such-sign-in', user.id, 'basic');
    const insert = { sql: "INSERT INTO movies (title, title_key) VALUES ('Guarded', 'guarded')", args: [] };

    const failure = await failureOf(db.batch([guard.statement, insert], 'write'));
    const ledSecond = await failureOf(db.batch(['SELECT 1', guard.statement, insert], 'write'));

    expect(await guard.refusal(await failingSecond('the sign-in is not live'), 0)).toBeUndefined();
    expect(await guard.refusal(ledSecond, 0)).toBeUndefined();
    expect(await guard.refusal(await failureOf(db.execute('SELEC 1')), 0)).toBeUndefined();
    expect(await guard.refusal(failure, 0)).toBe('sign-in not live');
    expect(await guard.refusal(ledSecond, 1)).toBe('sign-in not live');
    expect(await guard.refusal(reworded(await failureOf(db.batch([guard.statement], 'write'))), 0)).toBe('sign-in not live');
    expect((await db.execute('SELECT count(*) AS n FROM movies')).rows[0]?.n).toBe(0);
  });

  it("tells a capped counter's refusal by the statement that failed, not by its text, leaving the counter at its cap", async () => {
    const throttle = createThrottleRepository(db);
    await throttle.executeStatement(throttle.cappedHit('key', 60_000, 1000, 1));

    const failure = await failureOf(throttle.executeStatement(throttle.cappedHit('key', 60_000, 1001, 1)));
    const carried = await failureOf(db.batch(['SELECT 1', throttle.cappedHit('key', 60_000, 1002, 1)], 'write'));

    expect(throttle.isCapReached(await failingSecond('throttle cap reached'), 0)).toBe(false);
    expect(throttle.isCapReached(carried, 0)).toBe(false);
    expect(throttle.isCapReached(await failureOf(db.execute('SELEC 1')), 0)).toBe(false);
    expect(throttle.isCapReached(failure, 0)).toBe(true);
    expect(throttle.isCapReached(carried, 1)).toBe(true);
    const again = await failureOf(throttle.executeStatement(throttle.cappedHit('key', 60_000, 1003, 1)));
    expect(throttle.isCapReached(reworded(again), 0)).toBe(true);
    expect(await throttle.windowOf('key')).toMatchObject({ count: 1 });
  });

  it('counts changed rows exactly: a delete, a promotion, a collection replaced, a rating removed', async () => {
    const users = createUsersRepository(db);
    const user = (await newUser('counted@example.com'))!;
    const movies = createMoviesRepository(db);
    const movie = await movies.create({ title: 'Counted' });
    const collections = createCollectionsRepository(db);
    const collectionId = await collections.create(user.id, { title: 'Mine', description: null, movies: [movie.id] });
    const ratings = createRatingsRepository(db);
    const rating = (await ratings.insertAnonymous(movie.id, 4))!;

    expect(await users.promoteToAdmin('COUNTED@example.com')).toBe(true);
    expect(await users.promoteToAdmin('nobody@example.com')).toBe(false);
    expect(await collections.replace(collectionId, user.id, { title: 'Ours', description: null, movies: [] })).toBe(true);
    expect(await collections.replace(collectionId, user.id + 1, { title: 'Theirs', description: null, movies: [] })).toBe(false);
    const admin = { id: user.id, role: 'admin' as const };
    expect(await ratings.deleteVisible(rating.id, admin)).toBe(true);
    expect(await ratings.deleteVisible(rating.id, admin)).toBe(false);
    expect(await movies.delete(movie.id)).toBe(true);
    expect(await movies.delete(movie.id)).toBe(false);
    expect(await users.deleteAccount(user.id)).toBe(true);
    expect(await users.deleteAccount(user.id)).toBe(false);
  });

  it("counts an import's films added and filled in, triggers' writes left out", async () => {
    const catalogue = createCatalogueRepository(db);
    const film = (key: string, director: string | null): ImportedMovie => ({
      title: `Film ${key}`,
      year: 1999,
      genres: ['Drama'],
      director,
      running_time_min: 100,
      import_key: key,
    });

    expect(await catalogue.insertImported([film('a', null), film('b', null)])).toEqual({ added: 2, filledIn: 0 });
    expect(await catalogue.insertImported([film('a', 'Someone'), film('b', null), film('c', null)])).toEqual({ added: 1, filledIn: 1 });
  });

  it('lets concurrent writers from separate clients all succeed, each counted once', async () => {
    const movie = await createMoviesRepository(db).create({ title: 'Crowded' });
    const clients = await Promise.all(Array.from({ length: 4 }, () => engine.open()));

    await Promise.all(
      clients.flatMap((client) => Array.from({ length: 5 }, () => createRatingsRepository(client).insertAnonymous(movie.id, 3))),
    );

    expect(await createMoviesRepository(db).findById(movie.id)).toMatchObject({ rating_count: 20, rating_distribution: { 3: 20 } });
    clients.forEach((client) => client.close());
  });
});
