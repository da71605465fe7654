import { createClient, type Client } from '@libsql/client';
import { rebuildTablesScript } from '../../../lib/db/rebuildTables';

// SQLite's generalised ALTER TABLE, as migration 005 uses it: a table made anew from its own stored schema as
// rewritten, keeping its rows, indexes, and the views and triggers that name it.
describe('rebuilding tables from their stored schema', () => {
  let db: Client;
  beforeEach(async () => {
    db = createClient({ url: ':memory:', intMode: 'number' });
    await db.executeMultiple(`
      CREATE TABLE pets (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "say ""hi""" TEXT);
      CREATE INDEX pets_by_name ON pets (name);
      CREATE TABLE log (pet TEXT);
      CREATE VIEW pet_names AS SELECT name FROM pets;
      CREATE TRIGGER pets_logged AFTER INSERT ON pets BEGIN INSERT INTO log VALUES (NEW.name); END;
      INSERT INTO pets (name, "say ""hi""") VALUES ('Rex', 'woof');`);
  });
  afterEach(() => db.close());

  const rebuild = async (rewrite = (sql: string) => sql.replace('name TEXT NOT NULL', "name TEXT NOT NULL DEFAULT 'x'")) => {
    const script = await rebuildTablesScript(db, [{ table: 'pets', rewrite }]);
    await db.executeMultiple(`PRAGMA foreign_keys = OFF; BEGIN; ${script} COMMIT;`);
  };

  it('keeps the rows, every column (a name with quotes in it too) and the rewritten schema', async () => {
    await rebuild();

    expect((await db.execute('SELECT id, name, "say ""hi""" AS said FROM pets')).rows.map((row) => ({ ...row }))).toEqual([
      { id: 1, name: 'Rex', said: 'woof' },
    ]);
    const schema = await db.execute("SELECT sql FROM sqlite_schema WHERE name = 'pets'");
    expect(String(schema.rows[0]?.sql)).toContain("DEFAULT 'x'");
    expect(String(schema.rows[0]?.sql)).toMatch(/^CREATE TABLE "pets" \(/);
  });

  it('makes its indexes, and the views and triggers that name it, again', async () => {
    await rebuild();
    await db.execute("INSERT INTO pets (name) VALUES ('Tom')");

    const names = (await db.execute("SELECT type, name FROM sqlite_schema WHERE type IN ('index', 'view', 'trigger') ORDER BY name")).rows;
    expect(names.map((row) => `${row.type} ${row.name}`)).toEqual(['view pet_names', 'index pets_by_name', 'trigger pets_logged']);
    expect((await db.execute('SELECT name FROM pet_names ORDER BY name')).rows.map((row) => row.name)).toEqual(['Rex', 'Tom']);
    // Rex was logged when first inserted; the copy made by the rebuild logs nothing, Tom is logged again.
    expect((await db.execute('SELECT pet FROM log')).rows.map((row) => row.pet)).toEqual(['Rex', 'Tom']);
  });

  it('leaves no temporary table behind', async () => {
    await rebuild();

    const tables = await db.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    expect(tables.rows.map((row) => row.name)).toEqual(['log', 'pets']);
  });

  it('refuses a table that does not exist, naming it', async () => {
    await expect(rebuildTablesScript(db, [{ table: 'ghosts', rewrite: (sql) => `${sql} ` }])).rejects.toThrow(
      'cannot rebuild table ghosts: it does not exist',
    );
  });

  it('refuses a rewrite that changes nothing (the schema is not the one expected), naming the table', async () => {
    await expect(rebuild((sql) => sql)).rejects.toThrow('cannot rebuild table pets: its schema is not the one expected');
  });
});
