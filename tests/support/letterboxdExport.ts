import { strToU8, zipSync, type Zippable } from 'fflate';

/** The headers of the five CSV files of Letterboxd's data export, as Letterboxd writes them. */
export const LETTERBOXD_HEADERS = {
  'ratings.csv': 'Date,Name,Year,Letterboxd URI,Rating',
  'diary.csv': 'Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date',
  'watched.csv': 'Date,Name,Year,Letterboxd URI',
  'reviews.csv': 'Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date',
  'watchlist.csv': 'Date,Name,Year,Letterboxd URI',
} as const;

export type LetterboxdFile = keyof typeof LETTERBOXD_HEADERS;

/** One of the export's files: its header row and the given rows, CRLF-terminated as Letterboxd writes them. */
export const letterboxdCsv = (file: LetterboxdFile, rows: readonly string[]) => [LETTERBOXD_HEADERS[file], ...rows].join('\r\n') + '\r\n';

/** Letterboxd's data export as downloaded: a ZIP of its CSV files, deflated. */
export function letterboxdZip(files: Partial<Record<LetterboxdFile, readonly string[]>>, extra: Zippable = {}): Uint8Array {
  const zippable: Zippable = { ...extra };
  for (const [name, rows] of Object.entries(files)) zippable[name] = strToU8(letterboxdCsv(name as LetterboxdFile, rows));
  return zipSync(zippable, { level: 6 });
}
