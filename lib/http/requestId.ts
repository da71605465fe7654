import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** serverless-offline fills every HTTP API event's ids with placeholders such as offlineContext_resourceId. */
const PLACEHOLDER = /^offlineContext_/;

/**
 * The id a request is known by in its logs and its 5xx body: API Gateway's own (what a client sees in its
 * apigw-requestid header) when the event carries a real one, else the invocation's awsRequestId, which is
 * unique where API Gateway's is missing or serverless-offline's constant.
 */
export function requestIdOf(event: Pick<APIGatewayProxyEventV2, 'requestContext'>, context: Pick<Context, 'awsRequestId'>): string {
  const fromGateway = event.requestContext?.requestId;
  return fromGateway && !PLACEHOLDER.test(fromGateway) ? fromGateway : context.awsRequestId;
}
