import { BadRequest } from '../errors';
import type { ImportedRating, MatchedFilm, PortableRatingsRepository } from '../repositories/portableRatingsRepository';
import { matchingTitle } from '../schemas/matchingTitle';
import { exportCursorText, REPORT_LISTS_AT_MOST, type ExportCursor, type ImportReport } from '../schemas/portableRatings';
import { IMPORT_MAX_BODY_BYTES } from '../schemas/routes/portableRatings';
import type { UploadedFile } from '../schemas/uploadedFile';
import { ratingsCsvHeader, ratingsCsvLine, readFilmsCsv, readRatingsCsv, type FilmsCsvRow, type RatingsCsvRow } from './ratingsCsv';
import { fileText } from './fileText';
import { readZipArchive } from './zipArchive';

type RatingRow = Extract<RatingsCsvRow, { kind: 'rating' }>;
type FilmRow = Extract<FilmsCsvRow, { kind: 'film' }>;
type WatchlistReport = NonNullable<ImportReport['watchlist']>;

/**
 * The most a part of the export holds: what the import takes, so that every part goes back in as it is (and, JSON-
 * escaped in Lambda's answer, at most about twice that: far from its 6 MB limit).
 */
export const EXPORT_PART_MAX_BYTES = IMPORT_MAX_BODY_BYTES;
/** Ratings read at a time while a part fills. */
const EXPORT_READ = 1000;

const NO_FILM = 'no film with this title and year';
const SEVERAL_FILMS = 'several films with this title and year';

/** The files of Letterboxd's export that the import reads, at the root of the archive as Letterboxd writes it. */
const RATINGS_FILE = 'ratings.csv';
const WATCHLIST_FILE = 'watchlist.csv';

/** Adds the entry numbered `index` (from 0) to a report's list while it holds fewer than it lists at most. */
function listed<T>(list: T[], entry: T, index: number): void {
  if (index < REPORT_LISTS_AT_MOST) list.push(entry);
}

const keyOf = (title: string, year: number | null) => `${year ?? ''}:${matchingTitle(title)}`;

/**
 * The film a row names: the film of its MovieID when that film has the row's title and year (an id from another
 * catalogue names something else), else the one film of its title and year, or, of several, the one whose director
 * the row's Directors names (compared as titles are: case, accents and surrounding spaces ignored). Undefined when
 * that is not exactly one.
 */
function filmOf(films: readonly MatchedFilm[], { directors, movieId }: { directors?: string; movieId?: number }): MatchedFilm | undefined {
  const named = films.find((film) => film.movieId === movieId);
  if (named) return named;
  if (films.length === 1) return films[0];
  if (directors === undefined) return undefined;
  const directed = films.filter((film) => film.director !== null && matchingTitle(film.director) === matchingTitle(directors));
  return directed.length === 1 ? directed[0] : undefined;
}

const unmatchedOf = (row: { row: number; title: string; year: number | null }, films: readonly MatchedFilm[]) => ({
  row: row.row,
  title: row.title,
  year: row.year,
  reason: films.length === 0 ? NO_FILM : SEVERAL_FILMS,
});

/** What an import reads before it matches anything: the rows of its ratings and, from a ZIP, of its watchlist. */
interface ReadImport {
  format: ImportReport['format'];
  encoding: ImportReport['encoding'];
  ratings: RatingsCsvRow[];
  watchlist?: FilmsCsvRow[];
  files?: ImportReport['files'];
}

/** Letterboxd's export as downloaded: ratings.csv gives the ratings, watchlist.csv (if any) the watchlist. */
async function readArchive(bytes: Uint8Array): Promise<ReadImport> {
  const wanted = new Set([RATINGS_FILE, WATCHLIST_FILE]);
  const { names, files } = await readZipArchive(bytes, (name) => wanted.has(name));
  const ratingsFile = files.get(RATINGS_FILE);
  if (!ratingsFile) {
    throw new BadRequest(`the ZIP archive holds no ${RATINGS_FILE}: send Letterboxd's export as downloaded, or one CSV file`);
  }
  const { text, encoding } = fileText(ratingsFile);
  const { format, rows } = readRatingsCsv(text);
  const watchlistFile = files.get(WATCHLIST_FILE);
  const gave = (name: string) => (name === RATINGS_FILE ? 'ratings' : name === WATCHLIST_FILE ? 'watchlist' : 'nothing');
  return {
    format,
    encoding,
    ratings: rows,
    ...(watchlistFile ? { watchlist: readFilmsCsv(fileText(watchlistFile).text) } : {}),
    files: names.map((name) => ({ name, gave: gave(name) })),
  };
}

async function readImport({ mediaType, bytes }: UploadedFile): Promise<ReadImport> {
  if (mediaType === 'application/zip') return readArchive(bytes);
  const { text, encoding } = fileText(bytes);
  const { format, rows } = readRatingsCsv(text);
  return { format, encoding, ratings: rows };
}

/** Your ratings, portable (docs/USAGE.md): a file of ratings from IMDb or Letterboxd in, your ratings out as a file. */
export function createPortableRatingsService({ store }: { store: PortableRatingsRepository }) {
  return {
    /**
     * Imports a file as the user's ratings (and, from Letterboxd's ZIP, watchlist). Its rows are taken in order, as if
     * each were POST /ratings/: a film not rated yet is imported, one rated otherwise updated, one rated so unchanged
     * (a film named twice is rated twice). What they leave is stored in one atomic write, unless `dryRun`; the report
     * says what happened to each row.
     */
    async importFile(userId: number, file: UploadedFile, { dryRun }: { dryRun: boolean }): Promise<ImportReport> {
      const read = await readImport(file);
      const { format, encoding, ratings: rows } = read;
      const report: ImportReport = {
        format,
        encoding,
        rows: rows.length,
        imported: 0,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        unmatched: [],
        invalid: [],
        unmatched_count: 0,
        invalid_count: 0,
        ...(read.files ? { files: read.files } : {}),
      };
      const ratingRows = rows.filter((row): row is RatingRow => row.kind === 'rating');
      const watchlistRows = (read.watchlist ?? []).filter((row): row is FilmRow => row.kind === 'film');
      const wanted = new Map<string, { titleKey: string; year: number | null }>();
      for (const { title, year } of [...ratingRows, ...watchlistRows]) {
        wanted.set(keyOf(title, year), { titleKey: matchingTitle(title), year });
      }
      const wantedList = [...wanted.entries()];
      const matches = await store.match(
        userId,
        wantedList.map(([, value]) => value),
      );
      const filmsOf = new Map(wantedList.map(([key], index) => [key, matches[index]!]));
      // What the user's ratings are as the rows are taken in turn: at first as stored.
      const current = new Map<number, number | null>();
      for (const films of matches) for (const { movieId, value } of films) current.set(movieId, value);
      const changed = new Map<number, number>();

      for (const row of rows) {
        if (row.kind === 'skipped') report.skipped++;
        else if (row.kind === 'invalid') listed(report.invalid, { row: row.row, message: row.message }, report.invalid_count++);
        else {
          const films = filmsOf.get(keyOf(row.title, row.year))!;
          const film = filmOf(films, row);
          if (!film) {
            listed(report.unmatched, unmatchedOf(row, films), report.unmatched_count++);
            continue;
          }
          const { movieId } = film;
          const before = current.get(movieId) ?? null;
          if (before === row.value) report.unchanged++;
          else {
            report[before === null ? 'imported' : 'updated']++;
            current.set(movieId, row.value);
            changed.set(movieId, row.value);
          }
        }
      }

      const toList = new Set<number>();
      if (read.watchlist) {
        const watchlist: WatchlistReport = {
          rows: read.watchlist.length,
          added: 0,
          unchanged: 0,
          unmatched: [],
          unmatched_count: 0,
          invalid: [],
          invalid_count: 0,
        };
        for (const row of read.watchlist) {
          if (row.kind === 'invalid') {
            listed(watchlist.invalid, { row: row.row, message: row.message }, watchlist.invalid_count++);
            continue;
          }
          const films = filmsOf.get(keyOf(row.title, row.year))!;
          const film = filmOf(films, {});
          if (!film) listed(watchlist.unmatched, unmatchedOf(row, films), watchlist.unmatched_count++);
          else if (film.listed || toList.has(film.movieId)) watchlist.unchanged++;
          else {
            watchlist.added++;
            toList.add(film.movieId);
          }
        }
        report.watchlist = watchlist;
      }
      if (!dryRun) {
        const ratings: ImportedRating[] = [...changed].map(([movieId, value]) => ({ movieId, value }));
        await store.store(userId, ratings, [...toList]);
      }
      return report;
    },

    /**
     * The user's ratings as a file in Letterboxd's import format, which importFile reads back exactly: those after
     * `after`, oldest first, as many as EXPORT_PART_MAX_BYTES holds (one at least), and the cursor of the next part
     * when some are left.
     */
    async exportCsv(userId: number, after?: ExportCursor): Promise<{ csv: string; next?: string }> {
      const lines = [ratingsCsvHeader()];
      let bytes = Buffer.byteLength(lines[0]!);
      let cursor = after;
      for (;;) {
        const ratings = await store.exportOf(userId, { after: cursor, limit: EXPORT_READ });
        for (const rating of ratings) {
          const line = ratingsCsvLine(rating);
          const lineBytes = Buffer.byteLength(line);
          if (bytes + lineBytes > EXPORT_PART_MAX_BYTES && lines.length > 1) {
            return { csv: lines.join(''), next: exportCursorText(cursor!) };
          }
          lines.push(line);
          bytes += lineBytes;
          cursor = { updatedAt: rating.ratedAt, ratingId: rating.ratingId };
        }
        if (ratings.length < EXPORT_READ) return { csv: lines.join('') };
      }
    },
  };
}

export type PortableRatingsService = ReturnType<typeof createPortableRatingsService>;
