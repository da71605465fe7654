import * as z from 'zod';
import { defineRoute } from './contract';
import type * as portableRatings from '../portableRatings';
import type * as uploadedFile from '../uploadedFile';

// Node's, declared for the web page's type check too (web/tsconfig.json has no Node types): it reads these contracts.
declare const require: (id: string) => unknown;
/** The schema modules these contracts name, each evaluated when a contract's schema is first read. */
const shapes = {
  portableRatings: () => require('../portableRatings') as typeof portableRatings,
  uploadedFile: () => require('../uploadedFile') as typeof uploadedFile,
};

/** The import's own body limit: a 5,000-film IMDb export is about 600 KiB. Every other route keeps 64 KiB. */
export const IMPORT_MAX_BODY_BYTES = 1024 * 1024;

export const importMyRatingsRoute = /* @__PURE__ */ defineRoute({
  functionName: 'importMyRatings',
  method: 'POST',
  path: '/users/me/ratings/import/',
  summary: "Import your ratings from IMDb's or Letterboxd's export (a CSV file, or Letterboxd's ZIP)",
  description:
    "A CSV file (text/csv) is recognised by its header row: IMDb's ratings export, Letterboxd's import format, or the " +
    "ratings.csv or diary.csv of Letterboxd's export (film column Name or Title; of several diary entries for one film " +
    "the latest watched with a rating counts). Letterboxd's whole export as downloaded (application/zip) gives its " +
    'ratings.csv as the ratings and its watchlist.csv to your watchlist. IMDb\'s "Your Rating" 1-10 becomes ' +
    'ceil(x / 2); Letterboxd\'s "Rating" 0.5-5 becomes ceil(x), and a row without one is skipped. A row matches the ' +
    "film its MovieID column names (our export writes it) when that film has the row's title and year; else the film " +
    'of the same title (case, accents and surrounding spaces ignored) and year; of several, the one its Directors ' +
    'column names, if it names exactly one. No film, or several, is reported, never guessed: the first 100 unmatched ' +
    'and invalid rows are listed, and all counted. All matched rows (and watchlist entries) are ' +
    'stored in one atomic write, as POST /ratings/ would store them, and the import counts as one write against the ' +
    'write limit. `dry_run=true` answers the same report and stores nothing.',
  tags: ['users'],
  access: 'user',
  idempotent: true,
  dryRunParam: 'dry_run',
  get query() {
    return shapes.portableRatings().ImportQuery;
  },
  get body() {
    return shapes.uploadedFile().UploadedFile;
  },
  bodyMediaTypes: {
    get 'text/csv'() {
      return shapes.portableRatings().RatingsCsvBody;
    },
    get 'application/zip'() {
      return shapes.portableRatings().LetterboxdZipBody;
    },
  },
  maxBodyBytes: IMPORT_MAX_BODY_BYTES,
  // 1 MiB of the shortest matching rows (about 38,000 ratings in one write) took 3.6 s in the bench on a loaded machine.
  // fflate, which reads a ZIP, and csv-parse travel beside this function's bundle alone (serverless.yml leaves them out
  // of bundles); of csv-parse only what `require('csv-parse/sync')` reads.
  lambda: {
    timeout: 20,
    packagePatterns: ['node_modules/fflate/**', 'node_modules/csv-parse/package.json', 'node_modules/csv-parse/dist/cjs/sync.cjs'],
  },
  response: {
    status: 200,
    description: 'what the import did (or would do, on a dry run), row by row where it matters',
    get schema() {
      return shapes.portableRatings().ImportReport;
    },
  },
});

export const EXPORT_CONTENT_TYPE = 'text/csv; charset=utf-8';

export const exportMyRatingsRoute = /* @__PURE__ */ defineRoute({
  functionName: 'exportMyRatings',
  method: 'GET',
  path: '/users/me/ratings/export/',
  summary: "Your ratings as a CSV file (Letterboxd's import format)",
  description:
    "At most 1 MiB a file, so that each imports here as it is (and no answer nears Lambda's 6 MB limit): a larger " +
    'account comes in parts, each naming the next in a Link header (rel="next"), every rating in exactly one. ' +
    'Columns Title, Year, Directors, Rating, WatchedDate (the date of the rating, YYYY-MM-DD) and MovieID (the film on ' +
    'this API, which the import matches first), one row per rating, oldest first. The file imports as it is into ' +
    'another account here (POST /users/me/ratings/import/) or into Letterboxd. A cell beginning with =, +, -, @, tab ' +
    "or carriage return has a ' put before it and is quoted, so no spreadsheet runs it as a formula; the import takes " +
    'that quote off again.',
  tags: ['users'],
  access: 'user',
  get query() {
    return shapes.portableRatings().ExportQuery;
  },
  response: {
    status: 200,
    description: 'the file, to download as ratings.csv',
    schema: /* @__PURE__ */ z
      .string()
      .meta({ example: 'Title,Year,Directors,Rating,WatchedDate,MovieID\r\nHeat,1995,Michael Mann,4,2024-03-05,42\r\n' }),
    contentType: EXPORT_CONTENT_TYPE,
    headers: ['Content-Disposition'],
    optionalHeaders: ['Link'],
  },
  // csv-stringify travels beside this function's bundle alone (serverless.yml leaves it out of bundles).
  lambda: { packagePatterns: ['node_modules/csv-stringify/package.json', 'node_modules/csv-stringify/dist/cjs/sync.cjs'] },
});
