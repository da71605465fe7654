import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpMiddleware } from './context';

const everyResponse: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
};

/** Data answers load nothing and may not be framed. */
const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Pages load only from this origin. Swagger UI sets inline style attributes and draws icons from
 * data: URLs, hence those two allowances; scripts stay strictly 'self'.
 */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function addHeaders(response: APIGatewayProxyStructuredResultV2 | undefined): void {
  if (!response) return;
  const headers = (response.headers ??= {});
  Object.assign(headers, everyResponse);
  // A 304 has no content to guard, and browsers copy its headers onto the copy they keep: a data CSP
  // there would lock down a cached page. The stored answer keeps the CSP it came with.
  if (response.statusCode === 304) return;
  const contentType = String(headers['content-type'] ?? '');
  headers['content-security-policy'] = contentType.startsWith('text/html') ? PAGE_CSP : DATA_CSP;
}

/** Security headers on every answer, errors included: the one place they are set. */
export function securityHeaders(): HttpMiddleware {
  return {
    after: (request) => addHeaders(request.response ?? undefined),
    onError: (request) => addHeaders(request.response ?? undefined),
  };
}
