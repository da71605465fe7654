import type { ImportedRating, MatchedFilm, PortableRatingsRepository } from '../repositories/portableRatingsRepository';
import { matchingTitle } from '../schemas/matchingTitle';
import type { ImportReport } from '../schemas/portable';
import { readRatingsCsv, writeRatingsCsv, type RatingsCsvRow } from './ratingsCsv';

type RatingRow = Extract<RatingsCsvRow, { kind: 'rating' }>;

const NO_FILM = 'no film with this title and year';
const SEVERAL_FILMS = 'several films with this title and year';

const keyOf = (titleKey: string, year: number | null) => `${year ?? ''}:${titleKey}`;

/**
 * The film a row names: the one film of its title and year, or, of several, the one whose director the row's Directors
 * names (compared as titles are: case, accents and surrounding spaces ignored). Undefined when that is not exactly one.
 */
function filmOf(films: readonly MatchedFilm[], directors: string | undefined): MatchedFilm | undefined {
  if (films.length === 1) return films[0];
  if (directors === undefined) return undefined;
  const named = films.filter((film) => film.director !== null && matchingTitle(film.director) === matchingTitle(directors));
  return named.length === 1 ? named[0] : undefined;
}

/** Your ratings, portable (docs/USAGE.md): a file of ratings from IMDb or Letterboxd in, your ratings out as a file. */
export function createPortableRatingsService({ store }: { store: PortableRatingsRepository }) {
  return {
    /**
     * Imports a file as the user's ratings. Its rows are taken in order, as if each were POST /ratings/: a film not
     * rated yet is imported, one rated otherwise updated, one rated so unchanged (a film named twice is rated twice).
     * What they leave is stored in one atomic write, unless `dryRun`; the report says what happened to each row.
     */
    async importCsv(userId: number, text: string, { dryRun }: { dryRun: boolean }): Promise<ImportReport> {
      const { format, rows } = readRatingsCsv(text);
      const report: ImportReport = {
        format,
        rows: rows.length,
        imported: 0,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        unmatched: [],
        invalid: [],
      };
      const ratingRows = rows.filter((row): row is RatingRow => row.kind === 'rating');
      const wanted = new Map<string, { titleKey: string; year: number | null }>();
      for (const { title, year } of ratingRows) wanted.set(keyOf(matchingTitle(title), year), { titleKey: matchingTitle(title), year });
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
        else if (row.kind === 'invalid') report.invalid.push({ row: row.row, message: row.message });
        else {
          const films = filmsOf.get(keyOf(matchingTitle(row.title), row.year))!;
          const film = filmOf(films, row.directors);
          if (!film) {
            report.unmatched.push({ row: row.row, title: row.title, year: row.year, reason: films.length === 0 ? NO_FILM : SEVERAL_FILMS });
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
      if (!dryRun) {
        const ratings: ImportedRating[] = [...changed].map(([movieId, value]) => ({ movieId, value }));
        await store.store(userId, ratings);
      }
      return report;
    },

    /** The user's ratings as a file in Letterboxd's import format, which importCsv reads back exactly. */
    async exportCsv(userId: number): Promise<string> {
      return writeRatingsCsv(await store.exportOf(userId));
    },
  };
}

export type PortableRatingsService = ReturnType<typeof createPortableRatingsService>;
