import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { UnsupportedMediaType } from '../errors';
import type { RouteContract } from '../schemas/routes/contract';
import { fileMediaTypesInWords, type FileMediaType } from '../schemas/uploadedFile';
import type { HttpMiddleware } from './context';

/** application/json or application/<something>+json (RFC 6839). */
const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9!#$&^_.-]+\+)?json$/;

/**
 * A Content-Type the API reads as JSON: a JSON media type with no parameter but charset=utf-8 (JSON is UTF-8,
 * RFC 8259; any other charset would be misread, so it is refused rather than guessed).
 */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  const [type = '', ...parameters] = value.split(';').map((part) => part.trim().toLowerCase());
  if (!JSON_MEDIA_TYPE.test(type)) return false;
  return parameters.every((parameter) => parameter === '' || /^charset=("?)utf-8\1$/.test(parameter.replace(/\s*=\s*/, '=')));
}

export const hasBody = (event: Pick<APIGatewayProxyEventV2, 'body'>) =>
  event.body !== undefined && event.body !== null && event.body !== '';

/**
 * Which of a file route's media types a Content-Type says, if any: text/<subtype> with no parameter but
 * charset=utf-8 (a text body is UTF-8, as JSON is), any other type with no parameter at all.
 */
export function fileMediaTypeOf(value: string | undefined, accepted: readonly FileMediaType[]): FileMediaType | undefined {
  if (!value) return undefined;
  const [type = '', ...parameters] = value.split(';').map((part) => part.trim().toLowerCase());
  const mediaType = accepted.find((candidate) => candidate === type);
  if (!mediaType) return undefined;
  const isText = mediaType.startsWith('text/');
  const fits = parameters.every(
    (parameter) => parameter === '' || (isText && /^charset=("?)utf-8\1$/.test(parameter.replace(/\s*=\s*/, '='))),
  );
  return fits ? mediaType : undefined;
}

/**
 * 415 for a body that is not of the route's media type (JSON, unless its contract names another), or that does not
 * say what it is. A request without a body passes: the route's validation says what is missing. Ahead of the JSON
 * parser, whose own check is looser (any charset, any case).
 */
export function requireContentType(route: Pick<RouteContract, 'bodyMediaTypes'> = {}): HttpMiddleware {
  const fileTypes = route.bodyMediaTypes && (Object.keys(route.bodyMediaTypes) as FileMediaType[]);
  const accepts = (contentType: string | undefined) =>
    fileTypes ? fileMediaTypeOf(contentType, fileTypes) !== undefined : isJsonContentType(contentType);
  const refusal = (contentType: string | undefined) => {
    if (!contentType) return `a request body needs Content-Type: ${fileTypes?.join(' or ') ?? 'application/json'}`;
    return fileTypes
      ? `request bodies of this route must be ${fileMediaTypesInWords(route.bodyMediaTypes)}, not ${contentType}`
      : `request bodies must be application/json in UTF-8, not ${contentType}`;
  };
  return {
    before: (request) => {
      if (!hasBody(request.event)) return;
      const contentType = request.event.headers?.['content-type'];
      if (!accepts(contentType)) throw new UnsupportedMediaType(refusal(contentType));
    },
  };
}
