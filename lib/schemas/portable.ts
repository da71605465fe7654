import * as z from 'zod';

/** The file to import: IMDb's ratings export or Letterboxd's format, as text (the stack has checked its type and size). */
export const RatingsCsvBody = z
  .string({ error: 'a CSV file is required' })
  .min(1, { error: 'a CSV file is required' })
  .meta({
    description:
      "IMDb's ratings export (Const, Your Rating, Title, Year, …) or Letterboxd's format (Title, Year, Rating, …), " +
      'recognised by its header row; UTF-8, optional BOM, RFC 4180 quoting, up to 1 MiB',
    example: 'Title,Year,Rating\nHeat,1995,4.5\n"Crouching Tiger, Hidden Dragon",2000,4\n',
  });

const booleanQueryParam = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .optional()
  .transform((value) => value === 'true')
  .meta({ type: 'boolean', default: false });

export const ImportQuery = z.object({
  dry_run: booleanQueryParam.describe('answer the same report and store nothing'),
});

const row = z.number().int().min(2).describe('the row of the file, the header being row 1');

/**
 * How many unmatched and invalid rows a report lists: the first ones, and the totals beside them, so that a report
 * stays a few tens of kilobytes whatever the upload (a list of every row of 1 MiB of bad rows would pass Lambda's
 * 6 MB response limit).
 */
export const REPORT_LISTS_AT_MOST = 100;

export const ImportReport = z
  .object({
    format: z.enum(['imdb', 'letterboxd']),
    rows: z.number().int().nonnegative().describe('data rows read (the header and empty lines not counted)'),
    imported: z.number().int().nonnegative().describe('films you had not rated, now rated'),
    updated: z.number().int().nonnegative().describe('films you had rated otherwise, now rated as in the file'),
    unchanged: z.number().int().nonnegative().describe('films you had already rated so'),
    skipped: z.number().int().nonnegative().describe('rows without a rating (Letterboxd)'),
    unmatched: z
      .array(
        z.object({
          row,
          title: z.string(),
          year: z.number().int().nullable(),
          reason: z.enum(['no film with this title and year', 'several films with this title and year']),
        }),
      )
      .max(REPORT_LISTS_AT_MOST)
      .describe(`the first ${REPORT_LISTS_AT_MOST} rows that name no film of the catalogue, or several`),
    invalid: z
      .array(z.object({ row, message: z.string() }))
      .max(REPORT_LISTS_AT_MOST)
      .describe(`the first ${REPORT_LISTS_AT_MOST} rows that cannot be read as a rating`),
    unmatched_count: z.number().int().nonnegative().describe('every unmatched row, listed or not'),
    invalid_count: z.number().int().nonnegative().describe('every invalid row, listed or not'),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof ImportReport>;
