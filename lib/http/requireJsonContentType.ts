import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { UnsupportedMediaType } from '../errors';
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
 * 415 for a body that is not JSON, or that does not say what it is. A request without a body passes: the route's
 * validation says what is missing. Ahead of the JSON parser, whose own check is looser (any charset, any case).
 */
export function requireJsonContentType(): HttpMiddleware {
  return {
    before: (request) => {
      if (!hasBody(request.event)) return;
      const contentType = request.event.headers?.['content-type'];
      if (!isJsonContentType(contentType)) {
        throw new UnsupportedMediaType(
          contentType
            ? `request bodies must be application/json in UTF-8, not ${contentType}`
            : 'a request body needs Content-Type: application/json',
        );
      }
    },
  };
}
