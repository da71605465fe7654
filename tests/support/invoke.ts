import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Context } from 'aws-lambda';
import { lambdaContext } from './events';

type Handler = (event: APIGatewayProxyEventV2, context: Context, options: { signal: AbortSignal }) => Promise<unknown>;

export interface InvokeResult {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Invokes a Lambda handler and parses its JSON body, so tests read like HTTP calls. */
export async function invoke(handler: Handler, event: APIGatewayProxyEventV2): Promise<InvokeResult> {
  const result = (await handler(event, lambdaContext(), { signal: new AbortController().signal })) as APIGatewayProxyStructuredResultV2;
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const body = result.body === undefined || result.body === '' ? undefined : JSON.parse(result.body);
  return { statusCode: result.statusCode ?? 200, headers, body };
}
