import type { Client } from '@libsql/client';
import { matchingTitle } from '../../schemas/matchingTitle';

/** Movies per UPDATE of the backfill, so that no statement of the script grows with the catalogue. */
const MOVIES_PER_STATEMENT = 1000;

/**
 * For a movie inserted by SQL that writes no key (a seed script, the bench's synthetic films): over printable ASCII,
 * SQLite's lower() and trim() are exactly matchingTitle, so the database makes the key; any other title is left
 * without one (never matched, rather than matched wrongly). The API's own writers always write the key.
 */
const ASCII_FALLBACK = `CREATE TRIGGER movies_title_key_after_insert AFTER INSERT ON movies
  WHEN NEW.title_key IS NULL AND NEW.title NOT GLOB '*[^ -~]*' BEGIN
  UPDATE movies SET title_key = lower(trim(NEW.title)) WHERE id = NEW.id;
END;`;

const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * The key an imported rating's title is matched by (lib/schemas/matchingTitle: case, accents and surrounding spaces
 * ignored), beside every movie and indexed with its year, so matching a file of thousands of ratings is a few indexed
 * lookups. SQLite cannot strip accents, so the movies stored before this migration get theirs from here, computed in
 * JavaScript from the titles read as the script is built; every writer of a title writes its key from now on.
 * Import keys (migration 003) stay as they were: they name dataset films only, and keep their accents.
 */
export async function titleKeys(db: Client): Promise<string> {
  const movies = await db.execute('SELECT id, title FROM movies ORDER BY id');
  const keys = movies.rows.map((row) => [Number(row.id), matchingTitle(String(row.title))]);
  const backfill: string[] = [];
  for (let start = 0; start < keys.length; start += MOVIES_PER_STATEMENT) {
    const chunk = JSON.stringify(keys.slice(start, start + MOVIES_PER_STATEMENT));
    backfill.push(
      `UPDATE movies SET title_key = json_extract(k.value, '$[1]') FROM json_each(${sqlText(chunk)}) AS k
       WHERE movies.id = json_extract(k.value, '$[0]');`,
    );
  }
  return `ALTER TABLE movies ADD COLUMN title_key TEXT;
${backfill.join('\n')}
CREATE INDEX movies_by_title_key ON movies (title_key, year);
${ASCII_FALLBACK}`;
}
