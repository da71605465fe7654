/*
 * A page's arithmetic, without a schema: services page their results with it, and a module that builds no zod schema
 * costs a cold start nothing to load (the query schemas of pagination.ts are built when a contract first reads them).
 */

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
