import type { Client } from '@libsql/client';
import { importKeyTitle, repairedTitle } from '../../schemas/datasetTitle';
import { matchingTitle } from '../../schemas/matchingTitle';
import { SQL_NOW } from '../sql';

const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * The dataset import stored the file's garbled titles ("LÈon", "DÈj‡ Vu") until it learned to repair them
 * (lib/schemas/datasetTitle); this repairs the films a database was seeded with. Only a film of the dataset (it has an
 * import key; a movie created through the API never does) whose title is still the one the import stored (its import
 * key holds that title) is touched: a title an admin has since set is theirs. Each statement rewrites the title with
 * what is derived from it: the matching key (migration 011) and, through the title trigger of migration 003, the search
 * index; the summary written from the garbled title is cleared so the next read writes one from the real title. The
 * import key keeps the file's spelling, so the next import still finds the film.
 */
export async function datasetTitles(db: Client): Promise<string> {
  const films = await db.execute(
    "SELECT id, title, import_key FROM movies WHERE import_key IS NOT NULL AND title GLOB '*[^ -~]*' ORDER BY id",
  );
  return films.rows
    .map((row) => ({ id: Number(row.id), title: String(row.title), importKey: String(row.import_key) }))
    .filter((film) => film.importKey.endsWith(`:${importKeyTitle(film.title)}`) && repairedTitle(film.title) !== film.title)
    .map(({ id, title }) => {
      const repaired = repairedTitle(title);
      return `UPDATE movies SET title = ${sqlText(repaired)}, title_key = ${sqlText(matchingTitle(repaired))},
        summary = NULL, summary_source = NULL, summary_generated_at = NULL, updated_at = ${SQL_NOW}
        WHERE id = ${id} AND title = ${sqlText(title)};`;
    })
    .join('\n');
}
