import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod';
import { createHttpHandler } from '../../../lib/http/createHttpHandler';
import { defineRoute } from '../../../lib/schemas/routes/contract';
import { createLogger } from '../../../lib/logger';
import { httpEvent, lambdaContext } from '../../../harness/events';
import { createTestServices, type TestServices } from '../../support/services';
import { captureLogLines } from '../../support/logLines';
import { getMovieRoute } from '../../../lib/schemas/routes/movies';
import { getMovie } from '../../../functions/movies/getMovie';

const faultyRoute = defineRoute({
  functionName: 'faulty',
  method: 'GET',
  path: '/faulty/',
  summary: 'A route that logs on its way, then fails',
  tags: ['test'],
  access: 'public',
  response: { status: 200, description: 'never', schema: z.unknown() },
});

/** serverless-offline gives every HTTP API event this one id; each invocation has its own awsRequestId. */
const OFFLINE_CONSTANT_ID = 'offlineContext_resourceId';

describe('the request id in logs and 5xx bodies', () => {
  let services: TestServices;
  let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;
  beforeEach(async () => {
    services = await createTestServices({ logger: createLogger('INFO') });
    handler = createHttpHandler(
      faultyRoute,
      async (_input: unknown, { logger }: Pick<TestServices, 'logger'>) => {
        logger.warn('about to fail', { step: 'inside the handler' });
        throw new Error('the disk is full');
      },
      async () => services,
    ) as unknown as typeof handler;
  });

  const eventWithId = (requestId: string | undefined) => {
    const event = httpEvent({ path: '/faulty/' });
    return { ...event, requestContext: { ...event.requestContext, requestId: requestId as string } };
  };
  const call = async (event: APIGatewayProxyEventV2, context: Context) => {
    const result = (await handler(event, context)) as APIGatewayProxyStructuredResultV2;
    return JSON.parse(result.body ?? '{}') as { status: number; request_id?: string };
  };

  it("quotes the invocation's own id, and puts it on every log line, when API Gateway's id is serverless-offline's constant", async () => {
    const [first, second] = [lambdaContext(), lambdaContext()];
    let bodies: { request_id?: string }[] = [];

    const lines = await captureLogLines(async () => {
      bodies = [await call(eventWithId(OFFLINE_CONSTANT_ID), first), await call(eventWithId(OFFLINE_CONSTANT_ID), second)];
    });

    expect(bodies.map((body) => body.request_id)).toEqual([first.awsRequestId, second.awsRequestId]);
    const firstLines = lines.filter((line) => line.request_id === first.awsRequestId);
    expect(firstLines.map((line) => line.message)).toEqual(['about to fail', 'request failed', 'request']);
    expect(lines.filter((line) => line.request_id === second.awsRequestId)).toHaveLength(3);
    expect(lines).toHaveLength(6);
    expect(JSON.stringify(lines)).not.toContain(OFFLINE_CONSTANT_ID);
  });

  it("quotes the invocation's own id when the event carries none", async () => {
    const context = lambdaContext();

    const lines = await captureLogLines(async () => {
      expect((await call(eventWithId(undefined), context)).request_id).toBe(context.awsRequestId);
    });

    expect(lines.map((line) => line.request_id)).toEqual([context.awsRequestId, context.awsRequestId, context.awsRequestId]);
  });

  it("keeps API Gateway's own id when it gives a real one, on the body and every line", async () => {
    const event = eventWithId('Xb3kPhDXliAEMkw=');

    const lines = await captureLogLines(async () => {
      expect((await call(event, lambdaContext())).request_id).toBe('Xb3kPhDXliAEMkw=');
    });

    expect(lines.map((line) => line.request_id)).toEqual(['Xb3kPhDXliAEMkw=', 'Xb3kPhDXliAEMkw=', 'Xb3kPhDXliAEMkw=']);
  });

  it('tells apart concurrent requests served by one process, as serverless-offline serves them', async () => {
    const contexts = [lambdaContext(), lambdaContext(), lambdaContext()];
    let bodies: { request_id?: string }[] = [];

    const lines = await captureLogLines(async () => {
      bodies = await Promise.all(contexts.map((context) => call(eventWithId(OFFLINE_CONSTANT_ID), context)));
    });

    expect(bodies.map((body) => body.request_id)).toEqual(contexts.map((context) => context.awsRequestId));
    for (const context of contexts) {
      expect(lines.filter((line) => line.request_id === context.awsRequestId).map((line) => line.message)).toEqual([
        'about to fail',
        'request failed',
        'request',
      ]);
    }
  });
});

describe("the request id on the lines a request's services log", () => {
  it("puts it on a summary failure logged while the request reads a film, as on the request's own line", async () => {
    const failing = { generate: jest.fn(async () => Promise.reject(new Error('the LLM is away'))) };
    const services = await createTestServices({ logger: createLogger('INFO'), generator: failing });
    const movieId = (await services.movies.create({ title: 'Unsummarised', genres: [] })).id;
    const handler = createHttpHandler(getMovieRoute, getMovie as never, async () => services) as unknown as (
      event: APIGatewayProxyEventV2,
      context: Context,
    ) => Promise<APIGatewayProxyStructuredResultV2>;
    const event = httpEvent({ path: `/movies/${movieId}/`, pathParameters: { id: String(movieId) } });

    const lines = await captureLogLines(() => handler(event, lambdaContext()));

    const failure = lines.find((line) => String(line.message).startsWith('summary generation failed'));
    expect(failure).toMatchObject({ request_id: event.requestContext.requestId });
    expect(lines.find((line) => line.message === 'request')).toMatchObject({ request_id: event.requestContext.requestId });
  });
});
