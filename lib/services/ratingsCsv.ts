import type { CsvError } from 'csv-parse/sync';
import { BadRequest } from '../errors';
import type { ExportedRating } from '../repositories/portableRatingsRepository';
import { matchingTitle } from '../schemas/matchingTitle';
import { NEUTRALISED_CELL, neutralisedCell, restoredCell } from './spreadsheetCells';

/*
 * csv-parse (the import's) and csv-stringify (the export's) travel beside those two functions' bundles, not inside any
 * (serverless.yml leaves them out; the contracts' package patterns copy them in): each is required on its first use,
 * so each of the two zips needs only its own, and no other function carries either.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- required on first use, on purpose: see above */
const csvParse = () => require('csv-parse/sync') as typeof import('csv-parse/sync');
const csvStringify = () => require('csv-stringify/sync') as typeof import('csv-stringify/sync');
/* eslint-enable @typescript-eslint/no-require-imports */

export type RatingsCsvFormat = 'imdb' | 'letterboxd';

/** One data row of an imported file, numbered as a record with the header as row 1. */
export type RatingsCsvRow =
  | { kind: 'rating'; row: number; title: string; year: number | null; value: number; directors?: string; movieId?: number }
  | { kind: 'skipped'; row: number }
  | { kind: 'invalid'; row: number; message: string };

/** How a format names its columns and writes its ratings. */
interface FormatRules {
  format: RatingsCsvFormat;
  /** The columns it must have, as documented (matched case-insensitively). */
  needs: readonly string[];
  ratingColumn: string;
  /** What the format says a row without a rating is: skipped (Letterboxd) or invalid (IMDb always rates). */
  emptyRatingSkips: boolean;
  /** A rating as the format writes it, made into the API's 1-5; undefined when it is not one. */
  toValue(rating: string): number | undefined;
  invalidRating: string;
}

const IMDB: FormatRules = {
  format: 'imdb',
  needs: ['Const', 'Your Rating', 'Title', 'Year'],
  ratingColumn: 'Your Rating',
  emptyRatingSkips: false,
  // 1-10 becomes ceil(x / 2): 9 and 10 are 5 stars, 1 and 2 one star.
  toValue: (rating) => (/^(10|[1-9])$/.test(rating) ? Math.ceil(Number(rating) / 2) : undefined),
  invalidRating: 'Your Rating must be an integer from 1 to 10',
};

const LETTERBOXD: FormatRules = {
  format: 'letterboxd',
  needs: ['Title', 'Year', 'Rating'],
  ratingColumn: 'Rating',
  emptyRatingSkips: true,
  // Half stars from 0.5 to 5 become ceil(x): 4.5 is 5 stars, 0.5 one star.
  toValue: (rating) => (/^([0-4](\.[05])?|5(\.0)?)$/.test(rating) && Number(rating) >= 0.5 ? Math.ceil(Number(rating)) : undefined),
  invalidRating: 'Rating must be a number of half stars from 0.5 to 5',
};

/**
 * The film on this API, written by the export beside Letterboxd's columns (which Letterboxd's import ignores): what
 * tells apart films of one title and year that no director does.
 */
const MOVIE_ID_COLUMN = 'MovieID';

/** Longer than any real row; a longer one (one enormous field) is refused at once rather than buffered. */
export const MAX_ROW_CHARACTERS = 10_000;
const MIN_YEAR = 1870;
const MAX_YEAR = 2100;

/** Letterboxd's export names the film's column Name, its import format Title: either is the title. */
const TITLE_COLUMNS = ['Title', 'Name'];

/** Whether a header row has a column, the title being either of its names. */
const hasColumn = (columns: ReadonlyMap<string, number>, name: string) =>
  (name === 'Title' ? TITLE_COLUMNS : [name]).some((candidate) => columns.has(candidate.toLowerCase()));

const describeFormat = ({ format, needs }: FormatRules) =>
  `${format === 'imdb' ? "IMDb's ratings export" : "Letterboxd's format"} (${needs.join(', ')})`;

/** The format a header row names, by the column only it has: IMDb's `Your Rating`, else Letterboxd's `Rating`. */
function formatOf(header: readonly string[], columns: ReadonlyMap<string, number>): FormatRules {
  const rules = columns.has('your rating') ? IMDB : columns.has('rating') ? LETTERBOXD : undefined;
  if (!rules) {
    throw new BadRequest(
      `the header row must name the columns of ${describeFormat(IMDB)} or of ${describeFormat(LETTERBOXD)}; it names: ${header.join(', ')}`,
    );
  }
  const lacking = rules.needs.filter((name) => !hasColumn(columns, name));
  if (lacking.length > 0) throw new BadRequest(`the header row looks like ${describeFormat(rules)} but lacks: ${lacking.join(', ')}`);
  return rules;
}

type Cell = (name: string) => string;
type Invalid = Extract<RatingsCsvRow, { kind: 'invalid' }>;

/** A row's film: its title (the Title or Name column) and year, or why the row names none. */
function readFilm(cell: Cell, row: number): { title: string; year: number | null } | Invalid {
  const title = (TITLE_COLUMNS.map(cell).find((text) => text !== '') ?? '').trim();
  if (title === '') return { kind: 'invalid', row, message: 'Title is required' };
  const yearText = cell('Year').trim();
  if (yearText !== '' && !(/^[0-9]{4}$/.test(yearText) && Number(yearText) >= MIN_YEAR && Number(yearText) <= MAX_YEAR)) {
    return { kind: 'invalid', row, message: `Year must be an integer from ${MIN_YEAR} to ${MAX_YEAR}` };
  }
  return { title, year: yearText === '' ? null : Number(yearText) };
}

function readRow(rules: FormatRules, cell: Cell, row: number): RatingsCsvRow {
  const film = readFilm(cell, row);
  if ('kind' in film) return film;
  const { title, year } = film;
  const rating = cell(rules.ratingColumn).trim();
  if (rating === '' && rules.emptyRatingSkips) return { kind: 'skipped', row };
  const value = rules.toValue(rating);
  if (value === undefined) return { kind: 'invalid', row, message: rules.invalidRating };
  const movieIdText = cell(MOVIE_ID_COLUMN).trim();
  if (movieIdText !== '' && !/^[1-9][0-9]{0,15}$/.test(movieIdText)) {
    return { kind: 'invalid', row, message: `${MOVIE_ID_COLUMN} must be a positive integer` };
  }
  const rated: RatingsCsvRow = { kind: 'rating' as const, row, title, year, value };
  // Both formats may name the directors: what tells two films of one title and year apart.
  const directors = cell('Directors').trim();
  if (directors !== '') rated.directors = directors;
  // Our own export names the film itself.
  if (movieIdText !== '') rated.movieId = Number(movieIdText);
  return rated;
}

/** csv-parse's refusals in the words of the API; the record that failed comes after the `records` it finished. */
function unreadable(error: CsvError & { records?: number }): BadRequest {
  const row = (error.records ?? 0) + 1;
  const why: Record<string, string> = {
    CSV_MAX_RECORD_SIZE: `row ${row} is over ${MAX_ROW_CHARACTERS} characters`,
    CSV_QUOTE_NOT_CLOSED: `a quoted field is never closed (row ${row})`,
  };
  return new BadRequest(`the CSV cannot be read: ${why[error.code] ?? error.message}`);
}

/**
 * A CSV file's header row and its data rows (RFC 4180: quoted fields with commas, doubled quotes and line breaks; a
 * BOM; CRLF, LF or both), each data row a function from a column's name (any case) to its cell. A file that is not
 * CSV, or has no header row, is a 400.
 */
function readCsv(text: string): { header: string[]; columns: Map<string, number>; rows: Cell[] } {
  let records: string[][];
  try {
    records = csvParse().parse(text, {
      bom: true,
      // Either ending on any line: csv-parse would otherwise keep the first it meets, and a file edited on two systems
      // would have rows merged.
      record_delimiter: ['\r\n', '\n'],
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_ROW_CHARACTERS,
    });
  } catch (error) {
    if (error instanceof csvParse().CsvError) throw unreadable(error);
    throw error;
  }
  const [header, ...data] = records;
  if (!header) throw new BadRequest('the CSV has no header row');
  const columns = new Map(header.map((name, index) => [name.trim().toLowerCase(), index] as const));
  const rows = data.map((record) => (name: string) => {
    const index = columns.get(name.toLowerCase());
    // Every cell as it was before an export of ours neutralised it (a no-op on any other file's cells).
    return index === undefined ? '' : restoredCell(record[index] ?? '');
  });
  return { header, columns, rows };
}

/**
 * Of the rated entries of Letterboxd's diary (one per viewing) for one film, the latest watched counts, as the rating
 * the film has now; the earlier ones are skipped. Rows of a file without a `Watched Date` column are left as they are.
 */
function latestDiaryEntries(rows: RatingsCsvRow[], cells: readonly Cell[]): RatingsCsvRow[] {
  const watched = (row: RatingsCsvRow) => cells[row.row - 2]!('Watched Date').trim();
  const latest = new Map<string, RatingsCsvRow>();
  for (const row of rows) {
    if (row.kind !== 'rating') continue;
    const film = `${row.year ?? ''}:${matchingTitle(row.title)}`;
    const known = latest.get(film);
    if (!known || watched(row) >= watched(known)) latest.set(film, row);
  }
  const kept = new Set(latest.values());
  return rows.map((row) => (row.kind === 'rating' && !kept.has(row) ? { kind: 'skipped', row: row.row } : row));
}

/**
 * Reads an exported file of ratings: its format, recognised by the header row, and each row made into a 1-5 rating, a
 * skipped row or an invalid one. A header row of neither format, or a file that is not CSV, is a 400.
 */
export function readRatingsCsv(text: string): { format: RatingsCsvFormat; rows: RatingsCsvRow[] } {
  const { header, columns, rows: cells } = readCsv(text);
  const rules = formatOf(header, columns);
  const rows = cells.map((cell, index) => readRow(rules, cell, index + 2));
  return { format: rules.format, rows: columns.has('watched date') ? latestDiaryEntries(rows, cells) : rows };
}

/** One data row of a file of films (Letterboxd's watchlist.csv): a film by its title and year, or an invalid row. */
export type FilmsCsvRow = { kind: 'film'; row: number; title: string; year: number | null } | Invalid;

/** Reads a file of films without ratings (Letterboxd's watchlist.csv: Date, Name, Year, Letterboxd URI). */
export function readFilmsCsv(text: string): FilmsCsvRow[] {
  const { header, columns, rows } = readCsv(text);
  const lacking = ['Title', 'Year'].filter((name) => !hasColumn(columns, name));
  if (lacking.length > 0) throw new BadRequest(`the list of films names: ${header.join(', ')}; it lacks: ${lacking.join(', ')}`);
  return rows.map((cell, index) => {
    const film = readFilm(cell, index + 2);
    return 'kind' in film ? film : { kind: 'film', row: index + 2, ...film };
  });
}

/** What a row of the export says of a rating. */
type ExportedRow = Omit<ExportedRating, 'ratingId'>;

export const EXPORT_COLUMNS = ['Title', 'Year', 'Directors', 'Rating', 'WatchedDate', MOVIE_ID_COLUMN] as const;

/**
 * The export: Letterboxd's import format (WatchedDate the date of the rating, YYYY-MM-DD), so the file goes back in
 * here or into Letterboxd as it is. Anyone may name a film, so no cell may run as a formula where the file is opened.
 */
export function writeRatingsCsv(ratings: readonly ExportedRow[]): string {
  return ratingsCsvHeader() + ratings.map(ratingsCsvLine).join('');
}

const csvLine = (cells: readonly (string | number)[]) =>
  csvStringify().stringify([cells], { record_delimiter: '\r\n', quoted_match: NEUTRALISED_CELL });

let header: string | undefined;

/** The export's header row, CRLF-terminated: written on first use, so that the import, which never writes, needs no csv-stringify. */
export const ratingsCsvHeader = (): string => (header ??= csvLine(EXPORT_COLUMNS));

/** One rating as a row of the export, CRLF-terminated. */
export function ratingsCsvLine({ movieId, title, year, director, value, ratedAt }: ExportedRow): string {
  return csvLine([neutralisedCell(title), year ?? '', neutralisedCell(director ?? ''), value, ratedAt.slice(0, 10), movieId]);
}
