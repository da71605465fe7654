import * as z from 'zod';

/**
 * A field's message when it is missing, else the rule it breaks. Every field uses this so a client
 * reads "is required" or "must be …", never zod's internal wording.
 */
export const rule = (message: string) => (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : message);

export const integerBetween = (min: number, max: number) => {
  const message = rule(`must be an integer from ${min} to ${max}`);
  return z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
};

const CONTROL_MESSAGE = 'must not contain control characters';
/* eslint-disable no-control-regex -- these patterns exist to find control characters */
/** C0 controls and DEL: the contract refuses them in text (a NUL would cut the stored text short). */
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
/** The same, but a text of several lines keeps its tabs and line breaks. */
const NO_CONTROL_BUT_LINES = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
/* eslint-enable no-control-regex */
/** Half of a UTF-16 surrogate pair: not a character, and stored as U+FFFD, so refused rather than altered. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const boundedText = (min: number, max: number, allowed: RegExp) => {
  const message = rule(min > 0 ? `must be a string of ${min} to ${max} characters` : `must be a string of at most ${max} characters`);
  // Checked before trimming, so that no control character is ever dropped silently, wherever it is.
  return z
    .string({ error: message })
    .regex(allowed, { error: CONTROL_MESSAGE })
    .refine((text) => !LONE_SURROGATE.test(text), { error: 'must be valid Unicode text' })
    .trim()
    .min(min, { error: message })
    .max(max, { error: message });
};

/** A one-line text field (a title, a name): trimmed, of a bounded length, without control characters. */
export const trimmedText = (min: number, max: number) => boundedText(min, max, NO_CONTROL);

/** A text field of several lines (a description): the same, but tabs and line breaks are kept. */
export const multilineText = (min: number, max: number) => boundedText(min, max, NO_CONTROL_BUT_LINES);

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

export const ProblemDetails = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** Only on 5xx: the id to quote when reporting the fault. */
    request_id: z.string().optional(),
  })
  .meta({ id: 'ProblemDetails', description: 'An RFC 9457 problem' });
export type ProblemDetails = z.infer<typeof ProblemDetails>;
