import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { BadRequest, PayloadTooLarge } from '../errors';

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The request body parsed as JSON; undefined when there is none. The size is checked on the raw bytes
 * first, so an oversized body is refused without being parsed.
 */
export function parseJsonBody(event: APIGatewayProxyEventV2, maxBytes = MAX_BODY_BYTES): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (raw.byteLength > maxBytes) {
    throw new PayloadTooLarge(`request body is ${raw.byteLength} bytes; the limit is ${maxBytes}`);
  }
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new BadRequest('request body is not valid JSON');
  }
}
