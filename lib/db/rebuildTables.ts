import type { Client } from '@libsql/client';

/** One table to rebuild: how its CREATE TABLE text changes, and which copied columns take another value. */
export interface TableRebuild {
  table: string;
  /** Rewrites the table's stored CREATE TABLE statement; must change it. */
  rewrite: (createSql: string) => string;
  /** SQL expressions (over the old table) for columns that are not copied as they are. */
  copyAs?: Record<string, string>;
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface SchemaEntry {
  type: string;
  name: string;
  table: string;
  sql: string;
}

/**
 * The script for SQLite's generalised ALTER TABLE (https://sqlite.org/lang_altertable.html#otheralter):
 * each table is created anew under a temporary name from its own stored CREATE statement as rewritten,
 * its rows copied with their ids, the old table dropped and the new one renamed into its place, and its
 * indexes made again. The statement is read from the database itself, so columns a later migration added
 * (migrations land in any order) travel with the table. Every view and trigger is dropped first and made
 * again last, since one naming a table that is briefly gone would stop the rename. It must run with
 * foreign keys off (a dropped parent would otherwise cascade into its children), inside one transaction.
 */
export async function rebuildTablesScript(db: Client, rebuilds: readonly TableRebuild[]): Promise<string> {
  const schema = (
    await db.execute("SELECT type, name, tbl_name AS 'table', sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid")
  ).rows.map(
    (row) => ({ type: String(row.type), name: String(row.name), table: String(row.table), sql: String(row.sql) }) satisfies SchemaEntry,
  );
  // Views and triggers may name the tables rebuilt: they are dropped first and made again last, in their order.
  const dependents = schema.filter((entry) => entry.type === 'view' || entry.type === 'trigger');
  const script = dependents.map((entry) => `DROP ${entry.type.toUpperCase()} ${quoteName(entry.name)};`);
  for (const { table, rewrite, copyAs = {} } of rebuilds) {
    const created = schema.find((entry) => entry.type === 'table' && entry.name === table);
    if (!created) throw new Error(`cannot rebuild table ${table}: it does not exist`);
    const rewritten = rewrite(created.sql);
    if (rewritten === created.sql) throw new Error(`cannot rebuild table ${table}: its schema is not the one expected`);
    // Stryker disable next-line StringLiteral: equivalent: any free name works, "" included
    const temporary = `${table}__rebuilt`;
    // Generated columns (hidden 2 and 3) are computed, never copied.
    const columns = (
      await db.execute({ sql: 'SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid', args: [table] })
    ).rows.map((row) => String(row.name));
    const names = columns.map(quoteName).join(', ');
    const values = columns.map((column) => copyAs[column] ?? quoteName(column)).join(', ');
    script.push(
      `${rewritten.replace(/^CREATE TABLE\s+("?)[\w]+\1/i, `CREATE TABLE ${quoteName(temporary)}`)};`,
      `INSERT INTO ${quoteName(temporary)} (${names}) SELECT ${values} FROM ${quoteName(table)};`,
      `DROP TABLE ${quoteName(table)};`,
      `ALTER TABLE ${quoteName(temporary)} RENAME TO ${quoteName(table)};`,
      ...schema.filter((entry) => entry.type === 'index' && entry.table === table).map((index) => `${index.sql};`),
    );
  }
  script.push(...dependents.filter((entry) => entry.type === 'view').map((view) => `${view.sql};`));
  script.push(...dependents.filter((entry) => entry.type === 'trigger').map((trigger) => `${trigger.sql};`));
  // Stryker disable next-line StringLiteral: equivalent: each statement ends with its own semicolon
  return script.join('\n');
}
