import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import type { ImportedMovie } from '../lib/repositories/catalogueRepository';
import type { CatalogueService } from '../lib/services/catalogueService';
import { importKey, repairedTitle } from '../lib/schemas/datasetTitle';

/**
 * The dataset lists films released up to 2011. Its later dates are impossible: they are 1910s–1940s
 * classics whose two-digit years were read as 20xx ("Gone with the Wind", Dec 15 2039), so those rows
 * are skipped rather than stored with a year a century off.
 */
export const LATEST_RELEASE_YEAR = 2011;
const EARLIEST_RELEASE_YEAR = 1870;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The year of a "Jun 12 1998" release date, or undefined when it is no real date of a plausible release. */
function releaseYear(text: string): number | undefined {
  const match = /^([A-Z][a-z]{2}) (\d{1,2}) (\d{4})$/.exec(text.trim());
  if (!match) return undefined;
  const [, monthName, dayText, yearText] = match as unknown as [string, string, string, string];
  const month = MONTHS.indexOf(monthName);
  const [day, year] = [Number(dayText), Number(yearText)];
  const date = new Date(Date.UTC(year, month, day));
  // Date.UTC rolls Feb 30 over into March: a real date reads back the same day and month.
  if (month < 0 || date.getUTCDate() !== day || date.getUTCMonth() !== month) return undefined;
  return year >= EARLIEST_RELEASE_YEAR && year <= LATEST_RELEASE_YEAR ? year : undefined;
}

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullish();

/** One row of vega-datasets' movies.json, as far as the catalogue uses it; other fields are ignored. */
const DatasetRow = z.object({
  Title: z.string().trim().min(1).max(200),
  'Release Date': z
    .string()
    .nullish()
    .transform((text, context) => {
      if (text === null || text === undefined) return null;
      const year = releaseYear(text);
      if (year === undefined) context.addIssue({ code: 'custom', message: 'impossible release date' });
      return year ?? null;
    }),
  'Major Genre': optionalText(50),
  Director: optionalText(200),
  'Running Time min': z.number().int().positive().max(1000).nullish(),
});

/**
 * The reference figures, each kept only when it is usable: a film is never skipped for them, a figure out
 * of its scale is simply not stored, and an IMDb rating is meaningless without its vote count.
 */
const ExternalRatings = z.object({
  'IMDB Rating': z.number().min(0).max(10).nullish().catch(null),
  'IMDB Votes': z.number().int().nonnegative().nullish().catch(null),
  'Rotten Tomatoes Rating': z.number().int().min(0).max(100).nullish().catch(null),
});

function externalRatings(row: object): Pick<ImportedMovie, 'imdb' | 'rotten_tomatoes'> {
  const figures = ExternalRatings.parse(row);
  const [rating, votes] = [figures['IMDB Rating'], figures['IMDB Votes']];
  return {
    imdb: rating !== null && rating !== undefined && votes !== null && votes !== undefined ? { rating, votes } : null,
    rotten_tomatoes: figures['Rotten Tomatoes Rating'] ?? null,
  };
}

/** Why a row was skipped, by the field that made it unusable. */
const reasons: Record<string, string> = {
  Title: 'title',
  'Release Date': 'release date',
  'Major Genre': 'genre',
  Director: 'director',
  'Running Time min': 'running time',
};

export type ParsedRow = { ok: true; movie: ImportedMovie } | { ok: false; reason: string };

/** Validates one dataset row and turns it into a film to import, or says why it cannot be one. */
export function parseDatasetRow(row: unknown): ParsedRow {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return { ok: false, reason: 'row' };
  const parsed = DatasetRow.safeParse(row);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? '');
    return { ok: false, reason: reasons[field] ?? 'row' };
  }
  const { Title: title, 'Release Date': year } = parsed.data;
  return {
    ok: true,
    movie: {
      title: repairedTitle(title).replace(/\s+/g, ' '),
      year,
      genres: parsed.data['Major Genre'] ? [parsed.data['Major Genre']] : [],
      director: parsed.data.Director ?? null,
      running_time_min: parsed.data['Running Time min'] ?? null,
      import_key: importKey(title, year),
      ...externalRatings(row),
    },
  };
}

export interface ImportProgress {
  /** Rows read so far, valid or not. */
  done: number;
  total: number;
  imported: number;
}

export interface ImportSummary {
  read: number;
  imported: number;
  skipped: number;
  /** Valid rows whose film was stored already (by an earlier import, or earlier in the same file). */
  alreadyPresent: number;
  /** Films already stored whose facts (director, running time, external ratings) this run filled in or corrected. */
  filledIn: number;
  skippedBy: Record<string, number>;
  durationMs: number;
}

export interface ImportOptions {
  catalogue: Pick<CatalogueService, 'importFilms'>;
  /** Rows per atomic write batch. */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Imports dataset rows into the catalogue in a few large atomic batches. Bad rows are skipped and
 * counted; a film already stored gets the dataset's facts filled in, so running the import again adds
 * nothing and changes nothing. A film listed twice is taken from its first row.
 */
export async function importMovies(
  rows: readonly unknown[],
  { catalogue, batchSize = 1000, onProgress }: ImportOptions,
): Promise<ImportSummary> {
  const started = performance.now();
  const summary = { read: rows.length, imported: 0, skipped: 0, alreadyPresent: 0, filledIn: 0, skippedBy: {} as Record<string, number> };
  const seen = new Set<string>();
  for (let start = 0; start < rows.length; start += batchSize) {
    const films: ImportedMovie[] = [];
    for (const row of rows.slice(start, start + batchSize)) {
      const parsed = parseDatasetRow(row);
      if (parsed.ok && seen.has(parsed.movie.import_key)) {
        summary.alreadyPresent += 1;
      } else if (parsed.ok) {
        seen.add(parsed.movie.import_key);
        films.push(parsed.movie);
      } else {
        summary.skipped += 1;
        summary.skippedBy[parsed.reason] = (summary.skippedBy[parsed.reason] ?? 0) + 1;
      }
    }
    const { added, filledIn } = await catalogue.importFilms(films);
    summary.imported += added;
    summary.filledIn += filledIn;
    summary.alreadyPresent += films.length - added;
    onProgress?.({ done: Math.min(start + batchSize, rows.length), total: rows.length, imported: summary.imported });
  }
  return { ...summary, durationMs: Math.round(performance.now() - started) };
}

/** The rows of a dataset file: a JSON array of objects. */
export function readDataset(file: string): unknown[] {
  const rows: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(rows)) throw new Error(`${file} does not hold a JSON array`);
  return rows;
}

/**
 * vega-datasets' movies.json (3,201 films), found in node_modules from here upwards as Node would: the
 * package's exports map hides data/ from require.resolve, and a bundled script has moved away from it.
 */
export function bundledMoviesDataset(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'vega-datasets', 'data', 'movies.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error('vega-datasets is not installed: run npm ci');
  }
}
