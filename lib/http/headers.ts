import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * A request header by name, whatever the case it came in: API Gateway lower-cases header names, but events built
 * elsewhere (serverless-offline's, a test's) may not.
 */
export function requestHeader(event: Pick<APIGatewayProxyEventV2, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === wanted)?.[1];
}
