import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { BadRequest, type FieldError } from '../errors';
import type { RouteContract } from '../schemas/routes/contract';
import type { RouteInput } from './route';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parsePart(schema: z.ZodType | undefined, value: unknown, errors: FieldError[]): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    errors.push({ path: issue.path.map(String).join('.'), message: issue.message });
  }
  return undefined;
}

function describe(errors: FieldError[]): string {
  if (errors.length === 1) {
    const [only] = errors as [FieldError];
    return only.path ? `${only.path} ${only.message}` : only.message;
  }
  return `the request has ${errors.length} invalid fields`;
}

/**
 * Validates path, query and body against the route's zod schemas and answers the parsed values.
 * Every problem is reported at once, each with the field it concerns.
 */
export function validateRequest<R extends RouteContract>(
  route: R,
  event: APIGatewayProxyEventV2,
  body: unknown,
): Omit<RouteInput<R>, 'requestId' | 'headers'> {
  if (route.body && !isPlainObject(body)) throw new BadRequest('request body must be a JSON object');
  const errors: FieldError[] = [];
  const params = parsePart(route.params, event.pathParameters ?? {}, errors);
  const query = parsePart(route.query, event.queryStringParameters ?? {}, errors);
  const parsedBody = parsePart(route.body, body, errors);
  if (errors.length > 0) throw new BadRequest(describe(errors), errors);
  return { params, query, body: parsedBody } as Omit<RouteInput<R>, 'requestId' | 'headers'>;
}
