import { createClient, type Client, type ResultSet } from '@libsql/client';
import { carryWriteCharges, withWriteCharge, type WriteCharge } from '../../../lib/db/writeCharges';

// A write charge (a per-client write limit's count) rides at the head of the first write a piece of work makes, in
// the same transaction: a refused charge rolls the write back, and reads never carry it.
describe('write charges carried by the first write of a piece of work', () => {
  let raw: Client;
  let db: Client;

  beforeEach(async () => {
    raw = createClient({ url: ':memory:', intMode: 'number' });
    await raw.executeMultiple(`
      CREATE TABLE charges (id INTEGER PRIMARY KEY CHECK (id <= 2));
      CREATE TABLE notes (body TEXT NOT NULL);`);
    db = carryWriteCharges(raw);
  });
  afterEach(() => raw.close());

  const count = async (table: string) => Number((await raw.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);

  /** A charge that inserts charge row `id` (refused past 2 by the CHECK), noting what it was told. */
  function charge(id: number) {
    const seen: { carried: ResultSet[]; failed: unknown[] } = { carried: [], failed: [] };
    const refusal = new Error('over the limit');
    const value: WriteCharge = {
      statement: { sql: 'INSERT INTO charges (id) VALUES (?) RETURNING id', args: [id] },
      carried: (result) => seen.carried.push(result),
      failed: async (error) => {
        seen.failed.push(error);
        return refusal;
      },
    };
    return { value, seen, refusal };
  }

  it('runs a write batch with the charge first, and gives the work only its own results', async () => {
    const { value, seen } = charge(1);

    const results = await withWriteCharge(value, () =>
      db.batch([{ sql: 'INSERT INTO notes VALUES (?) RETURNING body', args: ['a'] }], 'write'),
    );

    expect(results).toHaveLength(1);
    expect(results[0]?.rows[0]?.body).toBe('a');
    expect(seen.carried.map((result) => result.rows[0]?.id)).toEqual([1]);
    expect(await count('charges')).toBe(1);
  });

  it('charges a single write statement, given as text with its arguments', async () => {
    const { value, seen } = charge(1);

    const result = await withWriteCharge(value, () => db.execute('INSERT INTO notes VALUES (?) RETURNING body', ['b']));

    expect(result.rows[0]?.body).toBe('b');
    expect(seen.carried).toHaveLength(1);
    expect(await count('notes')).toBe(1);
  });

  it('charges a single write statement given as an object', async () => {
    const { value, seen } = charge(1);

    await withWriteCharge(value, () => db.execute({ sql: 'INSERT INTO notes VALUES (?)', args: ['c'] }));

    expect(seen.carried).toHaveLength(1);
  });

  it('charges only the first write of the work, once', async () => {
    const { value, seen } = charge(1);

    await withWriteCharge(value, async () => {
      await db.execute({ sql: 'INSERT INTO notes VALUES (?)', args: ['first'] });
      await db.execute({ sql: 'INSERT INTO notes VALUES (?)', args: ['second'] });
      await db.batch([{ sql: 'INSERT INTO notes VALUES (?)', args: ['third'] }], 'write');
    });

    expect(seen.carried).toHaveLength(1);
    expect(await count('charges')).toBe(1);
    expect(await count('notes')).toBe(3);
  });

  it.each([
    ['SELECT', 'SELECT count(*) AS n FROM notes'],
    ['SELECT after blank space', '  \n SELECT 1'],
    ['lower-case select', 'select 1'],
    ['EXPLAIN', 'EXPLAIN SELECT 1'],
    ['PRAGMA', 'PRAGMA foreign_keys'],
  ])('leaves a read (%s) uncharged, for the write that follows', async (_kind, sql) => {
    const { value, seen } = charge(1);

    await withWriteCharge(value, async () => {
      await db.execute(sql);
      expect(seen.carried).toHaveLength(0);
      await db.execute({ sql: 'INSERT INTO notes VALUES (?)', args: ['after'] });
    });

    expect(seen.carried).toHaveLength(1);
  });

  it('leaves a read given as an object uncharged', async () => {
    const { value, seen } = charge(1);

    await withWriteCharge(value, async () => {
      await db.execute({ sql: 'SELECT ? AS one', args: [1] });
      expect(seen.carried).toHaveLength(0);
      await db.execute({ sql: 'INSERT INTO notes VALUES (?)', args: ['after'] });
    });

    expect(seen.carried).toHaveLength(1);
  });

  it('charges a statement that only mentions SELECT later on', async () => {
    const { value, seen } = charge(1);

    await withWriteCharge(value, () => db.execute("INSERT INTO notes SELECT 'copied'"));

    expect(seen.carried).toHaveLength(1);
  });

  it('leaves a batch in read mode uncharged', async () => {
    const { value, seen } = charge(1);

    await withWriteCharge(value, () => db.batch(['SELECT 1'], 'read'));

    expect(seen.carried).toHaveLength(0);
    expect(await count('charges')).toBe(0);
  });

  it("rolls the work's write back and throws the charge's own refusal when the charge is refused", async () => {
    const { value, seen, refusal } = charge(3); // past the CHECK

    const work = withWriteCharge(value, () => db.execute({ sql: 'INSERT INTO notes VALUES (?)', args: ['lost'] }));

    await expect(work).rejects.toBe(refusal);
    expect(seen.failed).toHaveLength(1);
    expect(await count('notes')).toBe(0);
    expect(await count('charges')).toBe(0);
  });

  it('writes uncharged outside withWriteCharge, or with no charge to carry', async () => {
    await db.execute({ sql: 'INSERT INTO notes VALUES (?)', args: ['free'] });
    await withWriteCharge(undefined, () => db.execute({ sql: 'INSERT INTO notes VALUES (?)', args: ['free too'] }));

    expect(await count('notes')).toBe(2);
    expect(await count('charges')).toBe(0);
  });

  it("passes the client's other methods and properties through, bound to the client", async () => {
    const { executeMultiple, closed, protocol } = db;

    await executeMultiple("INSERT INTO notes VALUES ('via executeMultiple')");

    expect(await count('notes')).toBe(1);
    expect(closed).toBe(false);
    expect(protocol).toBe(raw.protocol);
  });
});
