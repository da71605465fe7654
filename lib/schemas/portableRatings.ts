import * as z from 'zod';

/** The CSV file to import, as the OpenAPI document shows it (the handler receives it as an UploadedFile). */
export const RatingsCsvBody = z.string().meta({
  description:
    "IMDb's ratings export (Const, Your Rating, Title, Year, …), Letterboxd's import format (Title, Year, Rating, …) or " +
    "a file of Letterboxd's export (ratings.csv or diary.csv: Date, Name, Year, Letterboxd URI, Rating, …), recognised " +
    'by its header row; UTF-8, optional BOM, RFC 4180 quoting, CRLF or LF line endings, up to 1 MiB',
  example: 'Title,Year,Rating\nHeat,1995,4.5\n"Crouching Tiger, Hidden Dragon",2000,4\n',
});

/** Letterboxd's data export as downloaded, as the OpenAPI document shows it. */
export const LetterboxdZipBody = z.string().meta({
  format: 'binary',
  description:
    "Letterboxd's data export as downloaded (a ZIP archive, up to 1 MiB): its ratings.csv gives the ratings and its " +
    'watchlist.csv adds to your watchlist; the other files are left. At most 1,000 entries, inflating to at most 16 MiB.',
});

const booleanQueryParam = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .optional()
  .transform((value) => value === 'true')
  .meta({ type: 'boolean', default: false });

/** Where a part of the export begins: after this rating, in the export's order (oldest first). */
export interface ExportCursor {
  updatedAt: string;
  ratingId: number;
}

/** The cursor as the Link header of an export's part writes it: opaque to a client. */
export const exportCursorText = ({ updatedAt, ratingId }: ExportCursor) =>
  Buffer.from(JSON.stringify([updatedAt, ratingId])).toString('base64url');

const CURSOR_MESSAGE = 'must be the cursor of a Link header of this export';

const exportCursor = z
  .string()
  .max(200, { error: CURSOR_MESSAGE })
  .transform((text, context): ExportCursor => {
    try {
      const [updatedAt, ratingId] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
      if (typeof updatedAt === 'string' && Number.isSafeInteger(ratingId)) return { updatedAt, ratingId: ratingId as number };
    } catch {
      // not JSON: refused below, as anything else that is not a cursor
    }
    context.addIssue({ code: 'custom', message: CURSOR_MESSAGE });
    return z.NEVER;
  })
  .meta({ type: 'string', description: "where the next part begins, as the previous part's Link header gives it" });

export const ExportQuery = z.object({ after: exportCursor.optional() });

export const ImportQuery = z.object({
  dry_run: booleanQueryParam.describe('answer the same report and store nothing'),
});

const row = z.number().int().min(2).describe('the row of the file, the header being row 1');

const UnmatchedRow = z.object({
  row,
  title: z.string(),
  year: z.number().int().nullable(),
  reason: z.enum(['no film with this title and year', 'several films with this title and year']),
});

/**
 * How many unmatched and invalid rows a report lists: the first ones, and the totals beside them, so that a report
 * stays a few tens of kilobytes whatever the upload (a list of every row of 1 MiB of bad rows would pass Lambda's
 * 6 MB response limit).
 */
export const REPORT_LISTS_AT_MOST = 100;

export const ImportReport = z
  .object({
    format: z.enum(['imdb', 'letterboxd']),
    encoding: z
      .enum(['utf-8', 'windows-1252'])
      .describe('how the file was read: UTF-8 when its bytes are, else Windows-1252 (what Excel saves a CSV in)'),
    rows: z.number().int().nonnegative().describe('data rows read (the header and empty lines not counted)'),
    imported: z.number().int().nonnegative().describe('films you had not rated, now rated'),
    updated: z.number().int().nonnegative().describe('films you had rated otherwise, now rated as in the file'),
    unchanged: z.number().int().nonnegative().describe('films you had already rated so'),
    skipped: z.number().int().nonnegative().describe('rows without a rating (Letterboxd)'),
    unmatched: z
      .array(UnmatchedRow)
      .max(REPORT_LISTS_AT_MOST)
      .describe(`the first ${REPORT_LISTS_AT_MOST} rows that name no film of the catalogue, or several`),
    invalid: z
      .array(z.object({ row, message: z.string() }))
      .max(REPORT_LISTS_AT_MOST)
      .describe(`the first ${REPORT_LISTS_AT_MOST} rows that cannot be read as a rating`),
    unmatched_count: z.number().int().nonnegative().describe('every unmatched row, listed or not'),
    invalid_count: z.number().int().nonnegative().describe('every invalid row, listed or not'),
    files: z
      .array(
        z.object({
          name: z.string(),
          gave: z.enum(['ratings', 'watchlist', 'nothing']),
        }),
      )
      .optional()
      .describe("a ZIP's files, in its order, and what each gave"),
    watchlist: z
      .object({
        rows: z.number().int().nonnegative().describe("data rows of the archive's watchlist.csv"),
        added: z.number().int().nonnegative().describe('films added to your watchlist'),
        unchanged: z.number().int().nonnegative().describe('films already on it'),
        unmatched: z.array(UnmatchedRow).max(REPORT_LISTS_AT_MOST),
        unmatched_count: z.number().int().nonnegative(),
        invalid: z.array(z.object({ row, message: z.string() })).max(REPORT_LISTS_AT_MOST),
        invalid_count: z.number().int().nonnegative(),
      })
      .optional()
      .describe("what a ZIP's watchlist.csv gave, when it holds one"),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof ImportReport>;
