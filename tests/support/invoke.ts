import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Context } from 'aws-lambda';
import { lambdaContext } from '../../harness/events';

type Handler = (event: APIGatewayProxyEventV2, context: Context, options: { signal: AbortSignal }) => Promise<unknown>;

export interface InvokeResult {
  statusCode: number;
  headers: Record<string, string>;
  /** Parsed when the response is JSON; the text otherwise (base64 bodies decoded to text). */
  body: unknown;
  /** The body's bytes, decoded from base64 when the Lambda encoded them. */
  raw: Buffer;
  isBase64Encoded: boolean;
}

/** Invokes a Lambda handler and parses its JSON body, so tests read like HTTP calls. */
export async function invoke(handler: Handler, event: APIGatewayProxyEventV2): Promise<InvokeResult> {
  const result = (await handler(event, lambdaContext(), { signal: new AbortController().signal })) as APIGatewayProxyStructuredResultV2;
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const isBase64Encoded = result.isBase64Encoded === true;
  const raw = Buffer.from(result.body ?? '', isBase64Encoded ? 'base64' : 'utf8');
  const isJson = /json/.test(headers['content-type'] ?? '');
  const body = raw.byteLength === 0 ? undefined : isJson ? JSON.parse(raw.toString('utf8')) : raw.toString('utf8');
  return { statusCode: result.statusCode ?? 200, headers, body, raw, isBase64Encoded };
}
