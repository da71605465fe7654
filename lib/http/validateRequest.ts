import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
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
/** A route's query parameters by name, when its query is an object of known keys; any parameter otherwise. */
function knownQueryParameters(route: RouteContract): ReadonlySet<string> | undefined {
  if (!route.query) return new Set();
  return route.query instanceof z.ZodObject ? new Set(Object.keys(route.query.shape)) : undefined;
}

/** Every query parameter the route does not take, each named: a misspelt or unsupported one is never silently ignored. */
function unknownQueryParameters(route: RouteContract, event: APIGatewayProxyEventV2, errors: FieldError[]): void {
  const known = knownQueryParameters(route);
  if (!known) return;
  for (const name of Object.keys(event.queryStringParameters ?? {})) {
    if (!known.has(name)) errors.push({ path: name, message: 'is not a query parameter of this route' });
  }
}

export function validateRequest<R extends RouteContract>(
  route: R,
  event: APIGatewayProxyEventV2,
  body: unknown,
): Omit<RouteInput<R>, 'requestId' | 'headers'> {
  const json = route.body && !route.bodyMediaTypes;
  if (json && !isPlainObject(body)) throw new BadRequest('request body must be a JSON object');
  const errors: FieldError[] = [];
  const params = parsePart(route.params, event.pathParameters ?? {}, errors);
  unknownQueryParameters(route, event, errors);
  const query = parsePart(route.query, event.queryStringParameters ?? {}, errors);
  const parsedBody = parsePart(route.body, body, errors);
  if (errors.length > 0) throw new BadRequest(describe(errors), errors);
  return { params, query, body: parsedBody } as Omit<RouteInput<R>, 'requestId' | 'headers'>;
}
