import * as z from 'zod';

/**
 * A field's message when it is missing, else the rule it breaks. Every field uses this so a client
 * reads "is required" or "must be …", never zod's internal wording.
 */
export const rule = (message: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'is required' : message;

export const integerBetween = (min: number, max: number) => {
  const message = rule(`must be an integer from ${min} to ${max}`);
  return z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
};

/** A trimmed string of a bounded length. */
export const trimmedText = (min: number, max: number) => {
  const message = rule(min > 0 ? `must be a string of ${min} to ${max} characters` : `must be a string of at most ${max} characters`);
  return z.string({ error: message }).trim().min(min, { error: message }).max(max, { error: message });
};

/** Ids in paths are positive integers written plainly: no sign, exponent, leading zero or spaces. */
export const idParam = z
  .string({ error: rule('must be a positive integer') })
  .regex(/^[1-9][0-9]{0,14}$/, { error: 'must be a positive integer' })
  .transform(Number);

export const idInBody = z
  .number({ error: rule('must be a positive integer') })
  .int({ error: 'must be a positive integer' })
  .positive({ error: 'must be a positive integer' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'must be a positive integer' });

export const IdPathParams = z.object({ id: idParam });

export const Timestamp = z.string().describe('ISO 8601 UTC timestamp');

export const ProblemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** Only on 5xx: the id to quote when reporting the fault. */
  request_id: z.string().optional(),
}).meta({ id: 'ProblemDetails', description: 'An RFC 9457 problem' });
export type ProblemDetails = z.infer<typeof ProblemDetails>;

/** A positive integer in a query string, written plainly. */
const queryInteger = (min: number, max: number, fallback: number) => {
  const message = `must be an integer from ${min} to ${max}`;
  return z
    .string({ error: message })
    .regex(/^[0-9]{1,15}$/, { error: message })
    .transform(Number)
    .pipe(z.number().min(min, { error: message }).max(max, { error: message }))
    .optional()
    .transform((value) => value ?? fallback);
};

export const MAX_PAGE_SIZE = 100;

/** `?page=1&page_size=20`: page ≥ 1, 1 ≤ page_size ≤ 100; every listing takes these. */
export const PaginationQuery = z.object({
  page: queryInteger(1, Number.MAX_SAFE_INTEGER, 1).describe('page number, from 1'),
  page_size: queryInteger(1, MAX_PAGE_SIZE, 20).describe(`items per page, 1 to ${MAX_PAGE_SIZE}`),
});
export type PaginationQuery = z.output<typeof PaginationQuery>;

/** A page of a listing; a page past the end has empty results. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    count: z.number().int().nonnegative().describe('items in the whole listing'),
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

/** Shapes one page of results with its totals. */
export const toPage = <T>(results: T[], count: number, { page, page_size }: PaginationQuery): Page<T> => ({
  count,
  page,
  page_size,
  total_pages: Math.ceil(count / page_size),
  results,
});

/** LIMIT and OFFSET for a page. */
export const pageWindow = ({ page, page_size }: PaginationQuery) => ({ limit: page_size, offset: (page - 1) * page_size });
