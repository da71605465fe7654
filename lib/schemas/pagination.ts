import * as z from 'zod';
import { DEFAULT_PAGE, DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE } from './pages';

// What other modules take from here besides the schemas, so their imports stay as they were.
export { DEFAULT_PAGE, DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, pageOf, pageWindow, toPage, withPageDefaults, type Page } from './pages';

/**
 * A whole number in a query string, written plainly (no sign, decimals or exponent), within bounds.
 * Query values arrive as text, so the digits are checked before they become a number.
 */
export const integerQueryParam = (min: number, max: number) => {
  const message = `must be an integer from ${min} to ${max}`;
  return (
    z
      .string({ error: message })
      .regex(/^[0-9]{1,15}$/, { error: message })
      .transform(Number)
      .pipe(z.number().int().min(min, { error: message }).max(max, { error: message }))
      // The document shows what a client sends: an integer in range, not the digits checked on the way.
      .meta({ type: 'integer', minimum: min, maximum: max })
  );
};

const pageDescription = 'the page to answer; a page past the end has no results';

/** `page` from 1 and `page_size` from 1 to 100, by default the first 20. */
export const PaginationQuery = z.object({
  page: integerQueryParam(1, MAX_PAGE).default(DEFAULT_PAGE).meta({ default: DEFAULT_PAGE, description: pageDescription }),
  page_size: integerQueryParam(1, MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .meta({ default: DEFAULT_PAGE_SIZE, description: 'results per page' }),
});
export type PaginationQuery = z.output<typeof PaginationQuery>;

/**
 * `page` and `page_size` left undefined when not sent, for a query that must know whether they were (a lookup by ids
 * refuses them); withPageDefaults gives them their defaults afterwards.
 */
export const OptionalPaginationQuery = z.object({
  page: integerQueryParam(1, MAX_PAGE).optional().meta({ default: DEFAULT_PAGE, description: pageDescription }),
  page_size: integerQueryParam(1, MAX_PAGE_SIZE).optional().meta({ default: DEFAULT_PAGE_SIZE, description: 'results per page' }),
});
