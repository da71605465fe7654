/*
 * A page's arithmetic and its shape, building no schema as it loads: services page their results with it, and a schema
 * module that only describes pages (lib/schemas/ratings.ts) does not build the query schemas of pagination.ts, which a
 * contract builds when it first reads them.
 */
import * as z from 'zod';

export const MAX_PAGE = 1_000_000;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE = 1;
export const DEFAULT_PAGE_SIZE = 20;

/** Which page of how many results: the output of the pagination query. */
export interface PageRequest {
  page: number;
  page_size: number;
}

export const withPageDefaults = ({ page, page_size }: { page?: number; page_size?: number }): PageRequest => ({
  page: page ?? DEFAULT_PAGE,
  page_size: page_size ?? DEFAULT_PAGE_SIZE,
});

/** The Page schema of the API: one page of results and where it stands among them. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    count: z.number().int().nonnegative().describe('results on every page together'),
    page: z.number().int().positive(),
    page_size: z.number().int().positive(),
    total_pages: z.number().int().nonnegative(),
    results: z.array(item),
  });

/** The Page shape of the API: one page of results and where it stands among them. */
export interface Page<T> {
  count: number;
  page: number;
  page_size: number;
  total_pages: number;
  results: T[];
}

/** LIMIT and OFFSET for a page. */
export const pageWindow = ({ page, page_size }: PageRequest) => ({ limit: page_size, offset: (page - 1) * page_size });

/** Shapes one page of results with its totals. */
export const toPage = <T>(results: T[], count: number, { page, page_size }: PageRequest): Page<T> => ({
  count,
  page,
  page_size,
  total_pages: Math.ceil(count / page_size),
  results,
});
