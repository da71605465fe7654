import * as z from 'zod';
import { NotFound } from '../../../lib/errors';
import { createHttpHandler } from '../../../lib/http/createHttpHandler';
import { created } from '../../../lib/http/reply';
import { defineRoute } from '../../../lib/schemas/routes/contract';
import { createLogger } from '../../../lib/logger';
import { IdPathParams } from '../../../lib/schemas/common';
import { httpEvent } from '../../../harness/events';
import { invoke } from '../../support/invoke';
import { signUp } from '../../support/auth';
import { createTestServices, type TestServices } from '../../support/services';
import { captureLogLines } from '../../support/logLines';

const signInRoute = defineRoute({
  functionName: 'signIn',
  method: 'POST',
  path: '/sessions/{id}/',
  summary: 'A route that receives secrets',
  tags: ['test'],
  access: 'public',
  params: IdPathParams,
  body: z.object({ email: z.string(), password: z.string() }),
  response: { status: 201, description: 'signed in', schema: z.unknown() },
});

const PASSWORD = 'correct-horse-battery-staple';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.secret-token-payload.signature';

describe('request logs', () => {
  let services: TestServices;
  let token: string;
  let userId: number;
  beforeEach(async () => {
    services = await createTestServices({ logger: createLogger('INFO') });
    // A real token: the stack refuses a bad one, even on a public route.
    ({ access_token: token, id: userId } = await signUp(services));
  });

  const event = () =>
    httpEvent({
      method: 'POST',
      path: '/sessions/7/',
      pathParameters: { id: '7' },
      headers: { authorization: `Bearer ${token}`, 'x-api-key': 'sk-very-secret' },
      body: { email: 'ann@example.com', password: PASSWORD },
    });

  it('writes one JSON line per request with method, route, status, duration, request id and user id', async () => {
    const handler = createHttpHandler(
      signInRoute,
      async () => created({ ok: true }, '/sessions/7/'),
      async () => services,
    );
    const request = event();

    const lines = await captureLogLines(() => invoke(handler, request));

    const requestLines = lines.filter((line) => line.message === 'request');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({
      level: 'INFO',
      method: 'POST',
      route: 'POST /sessions/{id}/',
      path: '/sessions/7/',
      status: 201,
      duration_ms: expect.any(Number),
      request_id: request.requestContext.requestId,
      user_id: userId,
    });
  });

  it("measures the request's duration from its start, in milliseconds", async () => {
    const handler = createHttpHandler(
      signInRoute,
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        return created({ ok: true }, '/sessions/7/');
      },
      async () => services,
    );

    const [line] = (await captureLogLines(() => invoke(handler, event()))).filter((entry) => entry.message === 'request');

    const duration = line?.duration_ms as number;
    expect(duration).toBeGreaterThanOrEqual(25); // a lower bound only: no test asserts speed
    expect(duration).toBeLessThan(60_000);
    expect(Number(duration.toFixed(1))).toBe(duration);
  });

  it('logs a refused request (4xx) without an error line, and a fault once as "request failed" with its request id', async () => {
    const refusing = createHttpHandler(
      signInRoute,
      async () => {
        throw new NotFound('no such session');
      },
      async () => services,
    );
    const failing = createHttpHandler(
      signInRoute,
      async () => {
        throw new Error('database on fire');
      },
      async () => services,
    );
    const faulty = event();

    const refusedLines = await captureLogLines(() => invoke(refusing, event()));
    const faultLines = await captureLogLines(() => invoke(failing, faulty));

    expect(refusedLines.filter((line) => line.message === 'request failed')).toEqual([]);
    expect(faultLines.filter((line) => line.message === 'request failed')).toEqual([
      expect.objectContaining({ level: 'ERROR', request_id: faulty.requestContext.requestId }),
    ]);
  });

  it('never writes the password, the token or an API key, even when the request fails', async () => {
    const failing = createHttpHandler(
      signInRoute,
      async () => {
        throw new Error('database on fire');
      },
      async () => services,
    );
    const refusing = createHttpHandler(
      signInRoute,
      async () => {
        throw new NotFound('no such session');
      },
      async () => services,
    );

    const lines = await captureLogLines(async () => {
      await invoke(failing, event());
      await invoke(refusing, event());
    });

    const text = JSON.stringify(lines);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(token);
    expect(text).not.toContain('sk-very-secret');
    expect(lines.filter((line) => line.message === 'request').map((line) => line.status)).toEqual([500, 404]);
    expect(lines.filter((line) => line.message === 'request')[0]).toMatchObject({ level: 'ERROR' });
    expect(text).toContain('database on fire'); // the fault itself is logged, with its stack
  });

  it('redacts secret-looking fields that some code passes to the logger by mistake', async () => {
    const logger = createLogger('INFO');

    const lines = await captureLogLines(async () =>
      logger.info('oops', {
        password: PASSWORD,
        nested: { Authorization: `Bearer ${TOKEN}`, api_key: 'sk-x', refresh_token: 'r' },
        title: 'kept',
      }),
    );

    expect(JSON.stringify(lines)).not.toMatch(new RegExp(`${PASSWORD}|${TOKEN}|sk-x|"r"`));
    expect(lines[0]).toMatchObject({
      password: '[REDACTED]',
      nested: { Authorization: '[REDACTED]', api_key: '[REDACTED]' },
      title: 'kept',
    });
  });

  it('logs nothing below LOG_LEVEL', async () => {
    const quiet = await createTestServices({ db: services.db, logger: createLogger('ERROR') });
    const handler = createHttpHandler(
      signInRoute,
      async () => created({}, '/'),
      async () => quiet,
    );

    expect(await captureLogLines(() => invoke(handler, event()))).toEqual([]);
  });
});
