import { createClient, type Client, type InStatement, type ResultSet } from '@libsql/client';
import { clientWith } from '../../../lib/db/clientWith';
import { RequestDatabase } from '../../../lib/db/requestDatabase';
import { DatabaseUnavailable, Unauthorized } from '../../../lib/errors';
import { createLibsqlClient } from '../../../lib/db/client';
import { startSqld } from '../../../harness/sqld';
import type { LeadingStatement } from '../../../lib/requestDuties';
import { createSessionsRepository } from '../../../lib/repositories/sessionsRepository';
import { signInLiveness } from '../../../lib/services/authService';
import { createMemoryDatabase } from '../../support/database';

/** A single statement its caller declares a write: a one-statement batch in write mode. */
const writeOne = async (db: Client, statement: InStatement | string) => (await db.batch([statement], 'write'))[0]!;

// A write charge (a per-client write limit's count) rides at the head of the first write a request makes, in the
// same transaction: a refused charge rolls the write back, and reads (as their caller declares them) never carry it.
describe("a request's database: a write charge carried by the first write of a request", () => {
  let raw: Client;
  let request: RequestDatabase;
  let db: Client;

  beforeEach(async () => {
    raw = createClient({ url: ':memory:', intMode: 'number' });
    await raw.executeMultiple(`
      CREATE TABLE charges (id INTEGER PRIMARY KEY CHECK (id <= 2));
      CREATE TABLE notes (body TEXT NOT NULL);`);
    request = new RequestDatabase(raw);
    db = request.client;
  });
  afterEach(() => raw.close());

  const count = async (table: string) => Number((await raw.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);

  /** Serves `work` as a request whose first write owes `charge`. */
  const charged = <T>(charge: LeadingStatement, work: () => Promise<T>) => request.chargeFirstWrite(charge, work);

  /** A charge that inserts charge row `id` (refused past 2 by the CHECK), noting what it was told. */
  function charge(id: number) {
    const seen: { carried: ResultSet[]; failed: unknown[] } = { carried: [], failed: [] };
    const refusal = new Error('over the limit');
    const value: LeadingStatement = {
      statement: { sql: 'INSERT INTO charges (id) VALUES (?) RETURNING id', args: [id] },
      accepted: (result) => void seen.carried.push(result),
      refusal: async (error) => {
        seen.failed.push(error);
        return refusal;
      },
    };
    return { value, seen, refusal };
  }

  it('runs a write batch with the charge first, and gives the work only its own results', async () => {
    const { value, seen } = charge(1);

    const results = await charged(value, () => db.batch([{ sql: 'INSERT INTO notes VALUES (?) RETURNING body', args: ['a'] }], 'write'));

    expect(results).toHaveLength(1);
    expect(results[0]?.rows[0]?.body).toBe('a');
    expect(seen.carried.map((result) => result.rows[0]?.id)).toEqual([1]);
    expect(await count('charges')).toBe(1);
  });

  it('charges a single write statement declared as a write, given as text with its arguments', async () => {
    const { value, seen } = charge(1);

    const [result] = await charged(value, () => db.batch([['INSERT INTO notes VALUES (?) RETURNING body', ['b']]], 'write'));

    expect(result?.rows[0]?.body).toBe('b');
    expect(seen.carried).toHaveLength(1);
    expect(await count('notes')).toBe(1);
  });

  it('leaves an execute uncharged: its caller declares it a read, whatever its SQL', async () => {
    const { value, seen } = charge(1);

    await charged(value, () => db.execute({ sql: 'INSERT INTO notes VALUES (?)', args: ['not declared'] }));

    expect(seen.carried).toHaveLength(0);
    expect(await count('charges')).toBe(0);
  });

  it('charges a single write statement given as an object', async () => {
    const { value, seen } = charge(1);

    await charged(value, () => writeOne(db, { sql: 'INSERT INTO notes VALUES (?)', args: ['c'] }));

    expect(seen.carried).toHaveLength(1);
  });

  it('charges only the first write of the work, once', async () => {
    const { value, seen } = charge(1);

    await charged(value, async () => {
      await writeOne(db, { sql: 'INSERT INTO notes VALUES (?)', args: ['first'] });
      await writeOne(db, { sql: 'INSERT INTO notes VALUES (?)', args: ['second'] });
      await db.batch([{ sql: 'INSERT INTO notes VALUES (?)', args: ['third'] }], 'write');
    });

    expect(seen.carried).toHaveLength(1);
    expect(await count('charges')).toBe(1);
    expect(await count('notes')).toBe(3);
  });

  it.each([
    ['SELECT', 'SELECT count(*) AS n FROM notes'],
    ['EXPLAIN', 'EXPLAIN SELECT 1'],
    ['PRAGMA', 'PRAGMA foreign_keys'],
  ])('leaves a read (%s) uncharged, for the write that follows', async (_kind, sql) => {
    const { value, seen } = charge(1);

    await charged(value, async () => {
      await db.execute(sql);
      expect(seen.carried).toHaveLength(0);
      await writeOne(db, { sql: 'INSERT INTO notes VALUES (?)', args: ['after'] });
    });

    expect(seen.carried).toHaveLength(1);
  });

  it('leaves a read given as an object uncharged', async () => {
    const { value, seen } = charge(1);

    await charged(value, async () => {
      await db.execute({ sql: 'SELECT ? AS one', args: [1] });
      expect(seen.carried).toHaveLength(0);
      await writeOne(db, { sql: 'INSERT INTO notes VALUES (?)', args: ['after'] });
    });

    expect(seen.carried).toHaveLength(1);
  });

  it('charges a write whose SQL reads (INSERT … SELECT) as the write it is declared', async () => {
    const { value, seen } = charge(1);

    await charged(value, () => writeOne(db, "INSERT INTO notes SELECT 'copied'"));

    expect(seen.carried).toHaveLength(1);
  });

  it('leaves a batch in read mode uncharged', async () => {
    const { value, seen } = charge(1);

    await charged(value, () => db.batch(['SELECT 1'], 'read'));

    expect(seen.carried).toHaveLength(0);
    expect(await count('charges')).toBe(0);
  });

  it("rolls the work's write back and throws the charge's own refusal when the charge is refused", async () => {
    const { value, seen, refusal } = charge(3); // past the CHECK

    const work = charged(value, () => writeOne(db, { sql: 'INSERT INTO notes VALUES (?)', args: ['lost'] }));

    await expect(work).rejects.toBe(refusal);
    expect(seen.failed).toHaveLength(1);
    expect(await count('notes')).toBe(0);
    expect(await count('charges')).toBe(0);
  });

  it('throws a refusal that names the statement that refused it and the database error it met as its cause', async () => {
    const { value, seen } = charge(3); // past the CHECK

    const work = charged(value, () => writeOne(db, { sql: 'INSERT INTO notes VALUES (?)', args: ['lost'] }));
    const refused = (await work.then(
      () => undefined,
      (error: unknown) => error,
    )) as Error & { refusedBy?: unknown };

    expect(refused.refusedBy).toBe(value.statement);
    expect(refused.cause).toBe(seen.failed[0]);
    expect(refused.cause).toMatchObject({ message: expect.stringMatching(/CHECK constraint failed/) });
  });

  it('writes uncharged when the request owes no charge', async () => {
    await writeOne(db, { sql: 'INSERT INTO notes VALUES (?)', args: ['free'] });
    await writeOne(new RequestDatabase(raw).client, { sql: 'INSERT INTO notes VALUES (?)', args: ['free too'] });

    expect(await count('notes')).toBe(2);
    expect(await count('charges')).toBe(0);
  });

  it("passes the client's other methods and properties through to the client", async () => {
    await db.executeMultiple("INSERT INTO notes VALUES ('via executeMultiple')");

    expect(await count('notes')).toBe(1);
    expect(db.closed).toBe(false);
    expect(db.protocol).toBe(raw.protocol);
  });

  it('passes the error of a failed write through when the charge says it is not its own', async () => {
    const value: LeadingStatement = {
      statement: { sql: 'INSERT INTO charges (id) VALUES (1)', args: [] },
      accepted: () => undefined,
      refusal: async () => undefined,
    };

    const work = charged(value, () => writeOne(db, { sql: 'INSERT INTO missing_table VALUES (1)', args: [] }));

    await expect(work).rejects.toThrow(/missing_table/);
    expect(await count('charges')).toBe(0);
  });

  it("tells a leader where it stood in the failed batch, and numbers a failure of the work's own statements as the work sent them", async () => {
    const told: unknown[] = [];
    const value: LeadingStatement = {
      statement: { sql: 'INSERT INTO charges (id) VALUES (1)', args: [] },
      accepted: () => undefined,
      refusal: async (_error, at) => {
        told.push(at);
        return undefined;
      },
    };

    const failure = await charged(value, () =>
      db.batch(["INSERT INTO notes VALUES ('kept out')", 'INSERT INTO notes VALUES (NULL)'], 'write'),
    ).catch((error: unknown) => error);

    expect(told).toEqual([0]);
    expect(failure).toMatchObject({ statementIndex: 1 });
    expect(await count('charges')).toBe(0);
  });

  it('drops a charge no write took once the work is over', async () => {
    const { value, seen } = charge(1);

    await request.chargeFirstWrite(value, () => db.execute('SELECT 1'));
    await writeOne(db, { sql: 'INSERT INTO notes VALUES (?)', args: ['after the work'] });

    expect(seen.carried).toHaveLength(0);
    expect(await count('charges')).toBe(0);
  });
});

// In a signed-in request every call carries the sign-in's liveness guard until one has confirmed it (no round trip
// of its own); outside one, or once confirmed, calls pass through as they are.
describe("a request's database: a sign-in confirmed live in passing", () => {
  let raw: Client;
  let request: RequestDatabase;
  let db: Client;
  let userId: number;
  let batches: unknown[][];

  beforeEach(async () => {
    const database = await createMemoryDatabase();
    batches = [];
    raw = clientWith(database, {
      batch: (statements: Parameters<Client['batch']>[0], mode?: Parameters<Client['batch']>[1]) => {
        batches.push(statements);
        return database.batch(statements, mode);
      },
    } as Partial<Client>);
    request = new RequestDatabase(raw);
    db = request.client;
    userId = Number(
      (await database.execute("INSERT INTO users (email, password_hash) VALUES ('a@example.com', 'x') RETURNING id")).rows[0]?.id,
    );
    await createSessionsRepository(database).start({ id: 'sid-1', userId, refreshJti: 'r-1', refreshExpiresAt: 4_000_000_000 });
  });

  /** Runs `work` as a new request of a signed-in caller: its database owes the sign-in's guard. */
  const signedIn = <T>(sessionId: string, work: () => Promise<T>) => {
    request = new RequestDatabase(raw);
    db = request.client;
    request.guardSignIn(signInLiveness(sessionId, userId, 'basic'));
    return work();
  };
  const movies = async () => (await raw.execute('SELECT count(*) AS n FROM movies')).rows[0]?.n;
  const revoke = () => raw.execute("UPDATE sessions SET revoked_at = 'now' WHERE id = 'sid-1'");

  it('runs a statement given as text with its arguments, after confirming the sign-in', async () => {
    const result = await signedIn('sid-1', () => db.execute('SELECT ? AS echoed', [42]));

    expect(result.rows[0]?.echoed).toBe(42);
  });

  it('refuses a statement given as text when the sign-in has ended, and runs none of it', async () => {
    await revoke();

    const work = signedIn('sid-1', () => writeOne(db, "INSERT INTO movies (title, genres) VALUES ('Kept out', '[]')"));

    await expect(work).rejects.toBeInstanceOf(Unauthorized);
    expect(await movies()).toBe(0);
  });

  it('rolls back a batch given without a mode when the sign-in has ended', async () => {
    await revoke();

    const work = signedIn('sid-1', () => db.batch([{ sql: "INSERT INTO movies (title, genres) VALUES ('Kept out', '[]')", args: [] }]));

    await expect(work).rejects.toBeInstanceOf(Unauthorized);
    expect(await movies()).toBe(0);
  });

  it('runs a batch given without a mode, writes included, for a live sign-in', async () => {
    const [inserted] = await signedIn('sid-1', () =>
      db.batch([{ sql: "INSERT INTO movies (title, genres) VALUES ('Let in', '[]') RETURNING title", args: [] }]),
    );

    expect(inserted?.rows[0]?.title).toBe('Let in');
  });

  it('carries the guard until a call has confirmed the sign-in, then no more', async () => {
    await signedIn('sid-1', async () => {
      await db.execute('SELECT 1');
      await db.execute('SELECT 2');
    });

    expect(batches.map((statements) => statements.length)).toEqual([2]);
  });

  it('leads one write with the guard and then the charge, and answers 401 for an ended sign-in with nothing stored', async () => {
    await raw.execute('CREATE TABLE charges (id INTEGER PRIMARY KEY)');
    const chargeOf = (id: number): LeadingStatement => ({
      statement: { sql: 'INSERT INTO charges (id) VALUES (?)', args: [id] },
      accepted: () => undefined,
      refusal: async () => undefined,
    });
    const write = (id: number) =>
      signedIn('sid-1', () =>
        request.chargeFirstWrite(chargeOf(id), () => writeOne(db, "INSERT INTO movies (title, genres) VALUES ('Paid', '[]')")),
      );

    await write(1);
    await revoke();
    const refused = write(2);

    await expect(refused).rejects.toBeInstanceOf(Unauthorized);
    expect(batches[0]).toHaveLength(3);
    expect((batches[0]![1] as { sql: string }).sql).toContain('INSERT INTO charges');
    expect((await raw.execute('SELECT id FROM charges')).rows.map((row) => row.id)).toEqual([1]);
    expect(await movies()).toBe(1);
  });

  it('confirms a sign-in no call has confirmed in a round trip of its own, and none once one has', async () => {
    await signedIn('sid-1', () => request.confirmSignIn());
    await signedIn('sid-1', async () => {
      await db.execute('SELECT 1');
      await request.confirmSignIn();
    });

    expect(batches.map((statements) => statements.length)).toEqual([1, 2]);
  });

  it('refuses an ended sign-in that no call confirmed', async () => {
    await revoke();

    await expect(signedIn('sid-1', () => request.confirmSignIn())).rejects.toBeInstanceOf(Unauthorized);
  });

  it('passes a statement given as text with its arguments straight through when the request owes nothing', async () => {
    const result = await db.execute('SELECT ? AS echoed', ['plain']);

    expect(result.rows[0]?.echoed).toBe('plain');
    expect(batches).toHaveLength(0);
  });
});

// The request counter's increment: over the network it rides in the request's first call, whatever that call is;
// a call that fails rolls it back, and settleCount then sends it alone; on a local file it goes beside at once.
describe("a request's database: the request counter's increment, counted once", () => {
  let raw: Client;
  let batches: { statements: unknown[]; mode: string | undefined }[];
  let executes: number;

  beforeEach(async () => {
    const database = createClient({ url: ':memory:', intMode: 'number' });
    await database.executeMultiple('CREATE TABLE hits (n INTEGER NOT NULL); CREATE TABLE notes (body TEXT NOT NULL);');
    batches = [];
    executes = 0;
    raw = clientWith(database, {
      batch: (statements: Parameters<Client['batch']>[0], mode?: Parameters<Client['batch']>[1]) => {
        batches.push({ statements, mode });
        return database.batch(statements, mode);
      },
      execute: ((statement: InStatement) => (executes++, database.execute(statement))) as Client['execute'],
    } as Partial<Client>);
  });

  const owed = () => {
    const tracked: Promise<unknown>[] = [];
    const count = {
      statement: { sql: 'INSERT INTO hits (n) VALUES (1)', args: [] },
      track: (sent: Promise<unknown>) => {
        tracked.push(sent);
        return sent.then(() => undefined);
      },
    };
    return { count, tracked };
  };
  const hits = async () => Number((await raw.execute('SELECT count(*) AS n FROM hits')).rows[0]?.n);

  it('rides in the first call, a read included, in one write batch, and in no call after it', async () => {
    const request = new RequestDatabase(raw, { count: owed().count, countRides: true });

    const [read] = await request.client.batch(['SELECT 42 AS answer'], 'read');
    await request.client.execute('SELECT 1');
    await request.settleCount();

    expect(read?.rows[0]?.answer).toBe(42);
    expect(batches.map(({ statements, mode }) => [statements.length, mode])).toEqual([[2, 'write']]);
    expect(await hits()).toBe(1);
  });

  it('is sent alone, once, when no call carried it', async () => {
    const request = new RequestDatabase(raw, { count: owed().count, countRides: true });

    await request.settleCount();
    await request.settleCount();

    expect(await hits()).toBe(1);
  });

  it('is sent alone after the call carrying it failed and rolled it back, so the request still counts once', async () => {
    const request = new RequestDatabase(raw, { count: owed().count, countRides: true });

    await expect(request.client.batch(['INSERT INTO missing_table VALUES (1)'], 'write')).rejects.toThrow(/missing_table/);
    expect(await hits()).toBe(0);
    await request.settleCount();

    expect(await hits()).toBe(1);
  });

  it('is sent alone when the call carrying it was still in flight as the answer got ready, and then failed', async () => {
    const request = new RequestDatabase(raw, { count: owed().count, countRides: true });

    const unawaited = request.client.batch(['INSERT INTO missing_table VALUES (1)'], 'write').catch(() => undefined);
    await request.settleCount();
    await unawaited;

    expect(await hits()).toBe(1);
  });

  it('is not sent again alone after the call carrying it met a database that does not answer: one wait, not two', async () => {
    const sqld = await startSqld();
    const remote = await createLibsqlClient({ url: sqld.url, timeoutMs: 1000 });
    await sqld.kill();
    let sent = 0;
    const counting = clientWith(remote, {
      batch: (statements: Parameters<Client['batch']>[0], mode?: Parameters<Client['batch']>[1]) => (
        sent++,
        remote.batch(statements, mode)
      ),
      execute: ((statement: InStatement) => (sent++, remote.execute(statement))) as Client['execute'],
    } as Partial<Client>);
    try {
      // As the request counter's does, the tracking never rejects: a lost increment is the counter's to log.
      const { count } = owed();
      const request = new RequestDatabase(counting, {
        count: { ...count, track: (increment) => count.track(increment).catch(() => undefined) },
        countRides: true,
      });

      await expect(request.client.execute('SELECT 1')).rejects.toBeInstanceOf(DatabaseUnavailable);
      await request.settleCount();

      // The outage took the increment with the call, as it takes any write it refuses; waiting on it again would only
      // double the time the caller waits for its 503.
      expect(sent).toBe(1);
    } finally {
      remote.close();
      await sqld.close();
    }
  });

  it('rides with the sign-in confirmation of a request that made no call', async () => {
    const request = new RequestDatabase(raw, { count: owed().count, countRides: true });
    request.guardSignIn({ statement: { sql: 'SELECT 1', args: [] }, accepted: () => undefined, refusal: async () => undefined });

    await request.confirmSignIn();
    await request.settleCount();

    expect(batches.map(({ statements }) => statements.length)).toEqual([2]);
    expect(await hits()).toBe(1);
  });

  it('on a local file goes beside the calls at once, and a read stays a read', async () => {
    const { count, tracked } = owed();
    const request = new RequestDatabase(raw, { count, countRides: false });

    expect(tracked).toHaveLength(1);
    await request.client.batch(['SELECT 1'], 'read');
    await request.settleCount();

    expect(batches.map(({ mode }) => mode)).toEqual(['read']);
    expect(executes).toBe(1);
    expect(await hits()).toBe(1);
  });
});
