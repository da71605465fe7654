import * as z from 'zod';

export const MAX_PAGE = 1_000_000;
export const MAX_PAGE_SIZE = 100;

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

export const DEFAULT_PAGE = 1;
export const DEFAULT_PAGE_SIZE = 20;
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

export const withPageDefaults = ({ page, page_size }: { page?: number; page_size?: number }): PaginationQuery => ({
  page: page ?? DEFAULT_PAGE,
  page_size: page_size ?? DEFAULT_PAGE_SIZE,
});

/** The Page shape of the API: one page of results and where it stands among them. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    count: z.number().int().nonnegative().describe('results on every page together'),
    page: z.number().int().positive(),
    page_size: z.number().int().positive(),
    total_pages: z.number().int().nonnegative(),
    results: z.array(item),
  });

export interface Page<T> {
  count: number;
  page: number;
  page_size: number;
  total_pages: number;
  results: T[];
}

/** LIMIT and OFFSET for a page. */
export const pageWindow = ({ page, page_size }: PaginationQuery) => ({ limit: page_size, offset: (page - 1) * page_size });

/** Shapes one page of results with its totals. */
export const toPage = <T>(results: T[], count: number, { page, page_size }: PaginationQuery): Page<T> => ({
  count,
  page,
  page_size,
  total_pages: Math.ceil(count / page_size),
  results,
});
