import * as z from 'zod';
import { createHttpHandler } from '../../../lib/http/createHttpHandler';
import { defineRoute } from '../../../lib/schemas/routes/contract';
import { signUp } from '../../support/auth';
import { httpEvent, lambdaContext } from '../../../harness/events';
import { createTestServices, type TestServices } from '../../support/services';

const whoRoute = defineRoute({
  functionName: 'who',
  method: 'GET',
  path: '/who/',
  summary: 'Who the stack says is calling',
  tags: ['test'],
  access: 'public',
  response: { status: 200, description: 'the caller', schema: z.unknown() },
});

/**
 * serverless-offline (and a test harness) may hand one Lambda context object to more than one invocation: whatever a
 * request learns about its caller must live with that request, never on an object another request is given.
 */
describe('the caller belongs to its own request', () => {
  let services: TestServices;
  beforeEach(async () => {
    services = await createTestServices();
  });

  const who = () =>
    createHttpHandler(
      whoRoute,
      async (input) => ({ user: input.user?.id ?? null }),
      async () => services,
    );
  const call = async (handler: ReturnType<typeof who>, context: ReturnType<typeof lambdaContext>, headers = {}) => {
    const result = await handler(httpEvent({ method: 'GET', path: '/who/', headers }), context);
    return JSON.parse(result.body ?? 'null') as { user: number | null };
  };

  it('answers an anonymous request as anonymous when the context object it gets served a signed-in one before', async () => {
    const account = await signUp(services);
    const handler = who();
    const shared = lambdaContext();

    expect(await call(handler, shared, account.headers)).toEqual({ user: account.id });
    expect(await call(handler, shared)).toEqual({ user: null });
  });

  it('keeps two requests in flight together on one context object to their own callers', async () => {
    const account = await signUp(services);
    let reached!: () => void;
    const signedInInHandler = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // The signed-in request waits inside its handler while the anonymous one is served from start to end.
    const handler = createHttpHandler(
      whoRoute,
      async (input) => {
        if (input.headers.authorization) {
          reached();
          await released;
        }
        return { user: input.user?.id ?? null };
      },
      async () => services,
    );
    const shared = lambdaContext();

    const signedIn = call(handler, shared, account.headers);
    await signedInInHandler;
    const anonymous = await call(handler, shared);
    release();

    expect(anonymous).toEqual({ user: null });
    expect(await signedIn).toEqual({ user: account.id });
  });
});
