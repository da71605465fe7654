import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { BadRequest, PayloadTooLarge } from '../errors';
import { takesBody, type RouteContract } from '../schemas/routes/contract';
import type { HttpMiddleware } from './context';
import type { FileMediaType, UploadedFile } from '../schemas/uploadedFile';
import { fileMediaTypeOf, hasBody, requireContentType } from './requireContentType';

export const MAX_BODY_BYTES = 64 * 1024;

const bodyBytes = (event: APIGatewayProxyEventV2) =>
  event.isBase64Encoded ? Buffer.byteLength(event.body ?? '', 'base64') : Buffer.byteLength(event.body ?? '', 'utf8');

/** 413 for a body over the limit, counted on its raw bytes before anything parses it. */
export function limitBodySize(maxBytes = MAX_BODY_BYTES): HttpMiddleware {
  return {
    before: (request) => {
      const bytes = bodyBytes(request.event);
      if (bytes > maxBytes) throw new PayloadTooLarge(`request body is ${bytes} bytes; the limit is ${maxBytes}`);
    },
  };
}

const PARSER_PACKAGE = '@middy/http-json-body-parser';

const NOT_UTF8 = 'the body is not valid UTF-8';

/**
 * A JSON body's text, which must be UTF-8 (RFC 8259): bytes that are not are a 400, never text with U+FFFD in their
 * place. API Gateway sends a body it does not take for text in base64, whose bytes are checked here; one it decoded
 * already (serverless-offline decodes every JSON body) holds U+FFFD where its bytes were not UTF-8, the only trace left.
 */
function utf8TextOf({ body, isBase64Encoded }: APIGatewayProxyEventV2): string {
  if (isBase64Encoded) {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(Buffer.from(body!, 'base64'));
    } catch {
      throw new BadRequest(NOT_UTF8);
    }
  }
  if (body!.includes('\ufffd')) throw new BadRequest(NOT_UTF8);
  return body!;
}

/** @middy/http-json-body-parser's error for a body that is not JSON, which it answers 415 and the contract 400. */
export const isMalformedJsonError = (error: unknown) =>
  (error as { cause?: { package?: string } } | null)?.cause?.package === PARSER_PACKAGE &&
  (error as { statusCode?: number }).statusCode === 415;

/**
 * The request body parsed by @middy/http-json-body-parser, for the validator to read. Its Content-Type check is off
 * (requireContentType's, stricter and case-insensitive, ran first), and it runs only when a body came: it would
 * refuse a missing body with 415, where the contract wants the route's validation to say what is missing (400).
 * Its 415 for malformed JSON becomes our 400 in the error mapping (isMalformedJsonError).
 */
export function jsonBodyParser(): HttpMiddleware {
  // disableContentTypeCheck is an option of the parser that its type declarations leave out.
  const parser = httpJsonBodyParser({ disableContentTypeCheck: true } as Parameters<
    typeof httpJsonBodyParser
  >[0]) as unknown as HttpMiddleware;
  return {
    before: async (request) => {
      if (!hasBody(request.event)) return;
      request.event.body = utf8TextOf(request.event);
      request.event.isBase64Encoded = false;
      await parser.before?.(request);
      request.context.body = request.event.body as unknown;
    },
  };
}

/**
 * A body that is a file (a CSV, a ZIP archive): its bytes, decoded from base64 when API Gateway sent it so, and the
 * media type it came as (requireContentType has checked it is one of the route's). The bytes are left undecoded: a
 * file's text encoding, or its being an archive, is for the route to read.
 */
export function fileBodyReader(accepted: readonly FileMediaType[]): HttpMiddleware {
  return {
    before: (request) => {
      const { body, isBase64Encoded } = request.event;
      if (!hasBody(request.event)) return;
      const file: UploadedFile = {
        mediaType: fileMediaTypeOf(request.event.headers?.['content-type'], accepted)!,
        bytes: Buffer.from(body!, isBase64Encoded ? 'base64' : 'utf8'),
      };
      request.context.body = file;
    },
  };
}

/**
 * Only a route that takes a body reads one; any other ignores what came, as HTTP lets it. Its size is checked
 * first, on the raw bytes, against the route's own limit (64 KiB unless its contract says otherwise).
 */
export const readBody = (route: RouteContract): HttpMiddleware[] => {
  if (!takesBody(route)) return [];
  const limit = limitBodySize(route.maxBodyBytes ?? MAX_BODY_BYTES);
  const fileTypes = route.bodyMediaTypes && (Object.keys(route.bodyMediaTypes) as FileMediaType[]);
  return [limit, requireContentType(route), fileTypes ? fileBodyReader(fileTypes) : jsonBodyParser()];
};
