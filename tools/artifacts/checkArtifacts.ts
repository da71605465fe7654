// `npm run check:artifacts`, after `serverless package` (.ci/run runs both): every function's zip, unzipped into an
// empty folder and run by a fresh Node 22 process that sees nothing else, answers per its contract, against a
// real libSQL server, sqld on loopback wanting a signed token as Turso does (the remote-database path a deployed
// function takes) and, for getMovie, a loopback OpenAI server. A module left out of a zip, a wrong handler path or a
// broken bundle fails here, not in AWS.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RouteContract } from '../../lib/schemas/routes/contract';
import { ProblemDetails } from '../../lib/schemas/common';
import { allRoutes, allSchedules } from '../../lib/schemas/routes';
import { unmatchedRoute } from '../../lib/schemas/unmatchedRoute';
import { httpEvent } from '../../harness/events';
import { startFakeOpenAiServer } from '../../harness/fakeOpenAiServer';
import { findProjectRoot } from '../../harness/offlineApi';
import { sqldAuthToken, startSqld } from '../../harness/sqld';
import { startLambdaProcess, type LambdaProcess } from './lambdaProcess';
import { runScenario, type ArtifactAnswer, type ArtifactRequest, type Expectation } from './scenario';
import { extractZip } from './zip';

interface PackagedFunction {
  handler: string;
  timeout?: number;
  memorySize?: number;
  environment?: Record<string, string>;
  package: { artifact: string };
}

interface ServerlessState {
  service: {
    provider: { environment?: Record<string, string>; timeout?: number; memorySize?: number; region?: string };
    functions: Record<string, PackagedFunction>;
  };
}

interface FunctionReport {
  name: string;
  zipBytes: number;
  starts: number[];
  calls: { status: number; ms: number; roundTrips: number; cold: boolean }[];
  problems: string[];
  /** Run without a scenario: only its contract's statuses were checked. */
  smoke?: boolean;
}

/** Processes kept warm at once; one called again after being stopped starts cold, as a new container would. */
const WARM_CONTAINERS = 6;

const contracts = new Map<string, RouteContract>([...allRoutes, unmatchedRoute].map((route) => [route.functionName, route]));

function headersOf(result: APIGatewayProxyStructuredResultV2): Record<string, string> {
  return Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

/** What is wrong with an answer, judged by the function's contract: its status, its content type, its body's shape. */
export function contractProblems(route: RouteContract, expected: number, answer: ArtifactAnswer): string[] {
  const excerpt = JSON.stringify(answer.body)?.slice(0, 300);
  if (answer.status !== expected) return [`answered ${answer.status}, expected ${expected}: ${excerpt}`];
  const type = answer.headers['content-type'] ?? '';
  if (answer.status >= 400) {
    if (!type.startsWith('application/problem+json')) return [`a ${answer.status} with content-type ${type}`];
    return ProblemDetails.safeParse(answer.body).success ? [] : [`a problem that is not RFC 9457: ${excerpt}`];
  }
  if (answer.status === 204) return answer.body === '' ? [] : [`a 204 with a body: ${excerpt}`];
  const contentType = route.response.contentType ?? 'application/json';
  if (contentType !== '*/*' && !type.startsWith(contentType)) return [`content-type ${type}, expected ${contentType}`];
  if (contentType === 'application/json' && route.response.schema) {
    const parsed = route.response.schema.safeParse(answer.body);
    if (!parsed.success) return [`a body that breaks the contract: ${parsed.error.message.slice(0, 300)}`];
  } else if (answer.body === '') {
    return ['an empty body'];
  }
  return [];
}

function eventFor(request: ArtifactRequest): APIGatewayProxyEventV2 {
  const path = request.route.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(request.pathParameters?.[name] ?? ''));
  // A binary body (a ZIP) travels in base64, as API Gateway sends it.
  const binary = request.body instanceof Uint8Array;
  const event = httpEvent({
    method: request.method,
    path,
    pathParameters: request.pathParameters,
    query: request.query,
    body: binary ? Buffer.from(request.body as Uint8Array).toString('base64') : request.body,
    isBase64Encoded: binary,
    headers: {
      host: 'api.example.com',
      'user-agent': 'artifact-check',
      ...(request.contentType ? { 'content-type': request.contentType } : {}),
      ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
    },
  });
  // API Gateway's own ids look like this; the route key names the route, or $default for the catch-all.
  const requestId = randomBytes(12).toString('base64url');
  const routeKey =
    contracts.get('unmatchedRoute')?.path === request.route || !request.route.startsWith('/')
      ? '$default'
      : `${request.method} ${request.route}`;
  return { ...event, routeKey: routeKey, requestContext: { ...event.requestContext, requestId, routeKey } };
}

/** What EventBridge sends a function on its schedule. */
function scheduledEvent(schedule: string, region = 'eu-west-1') {
  return {
    version: '0',
    id: randomBytes(16).toString('hex'),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: new Date().toISOString(),
    region,
    resources: [`arn:aws:events:${region}:000000000000:rule/${schedule}`],
    detail: {},
  };
}

function parseAnswer(result: unknown): ArtifactAnswer {
  const structured = result as APIGatewayProxyStructuredResultV2;
  const headers = headersOf(structured);
  const raw = structured.isBase64Encoded ? Buffer.from(structured.body ?? '', 'base64').toString('utf8') : (structured.body ?? '');
  let body: unknown = raw;
  if (/json/.test(headers['content-type'] ?? '')) {
    try {
      body = JSON.parse(raw);
    } catch {
      body = raw;
    }
  }
  return { status: structured.statusCode ?? 200, headers, body };
}

const pad = (text: string, width: number) => text.padEnd(width);

function printReport(reports: FunctionReport[]): void {
  console.log(`\n${pad('function', 18)} ${pad('zip', 9)} ${pad('init ms', 12)} ${pad('answers (status ms round trips)', 70)} result`);
  for (const report of reports) {
    const calls = report.calls
      .map(
        (call) =>
          `${call.status || 'ran'} ${Math.round(call.ms)}${call.cold ? ' cold' : ''} ${call.roundTrips}rt${report.smoke ? ' (no scenario)' : ''}`,
      )
      .join(', ');
    console.log(
      `${pad(report.name, 18)} ${pad(`${Math.round(report.zipBytes / 1024)} KiB`, 9)} ${pad(report.starts.map(Math.round).join(', '), 12)} ` +
        `${pad(calls, 70)} ${report.problems.length ? `FAIL: ${report.problems.join('; ')}` : 'ok'}`,
    );
  }
}

export async function main(): Promise<void> {
  const started = Date.now();
  const projectRoot = findProjectRoot(__dirname);
  const stateFile = join(projectRoot, '.serverless', 'serverless-state.json');
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as ServerlessState;
  const { provider, functions } = state.service;
  const folder = mkdtempSync(join(tmpdir(), 'artifact-check-'));
  const databaseToken = sqldAuthToken(join(folder, 'sqld-key.pem'));
  const database = await startSqld({ dbPath: join(folder, 'check.sqld'), authJwtKeyFile: join(folder, 'sqld-key.pem') });
  const llm = await startFakeOpenAiServer({ kind: 'reply' });
  const admin = { email: 'admin@artifact-check.example.com', password: randomBytes(12).toString('base64url') };
  const shared: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    DATABASE_AUTH_TOKEN: databaseToken,
    OPENAI_API_KEY: 'sk-artifact-check',
    OPENAI_BASE_URL: llm.baseUrl,
    LLM_TIMEOUT_MS: '5000',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'INFO',
  };

  const reports = new Map<string, FunctionReport>();
  const running = new Map<string, LambdaProcess>();
  const reportOf = (name: string) => {
    let report = reports.get(name);
    if (!report) {
      const artifact = functions[name]?.package.artifact;
      report = { name, zipBytes: artifact ? statSync(join(projectRoot, artifact)).size : 0, starts: [], calls: [], problems: [] };
      reports.set(name, report);
    }
    return report;
  };

  async function container(name: string): Promise<{ lambda: LambdaProcess; cold: boolean }> {
    const warm = running.get(name);
    if (warm) {
      running.delete(name);
      running.set(name, warm); // most recently used last
      return { lambda: warm, cold: false };
    }
    const fn = functions[name];
    if (!fn) throw new Error(`serverless package made no function ${name}`);
    const taskRoot = join(folder, 'task', `${name}-${reportOf(name).starts.length}`);
    const files = extractZip(join(projectRoot, fn.package.artifact), taskRoot);
    // A deployed stage opens a libSQL server through the web client, never a file: a native driver in the zip (libsql's
    // two Linux builds are 19 MB) would be downloaded and unpacked at every cold start for nothing.
    const natives = files.filter((file) => file.endsWith('.node'));
    if (natives.length && reportOf(name).starts.length === 0)
      reportOf(name).problems.push(`the zip carries native code: ${natives.join(', ')}`);
    const lambda = await startLambdaProcess({
      taskRoot,
      handler: fn.handler,
      functionName: `movie-rating-api-check-${name}`,
      // The admin is ensured by the one container that signs it in, sparing every other cold start a hash.
      env: {
        ...provider.environment,
        ...fn.environment,
        ...shared,
        ...(name === 'issueToken' ? { ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password } : {}),
      },
      timeoutSeconds: fn.timeout ?? provider.timeout ?? 6,
      memoryMb: fn.memorySize ?? provider.memorySize,
      region: provider.region,
    });
    reportOf(name).starts.push(lambda.initMs);
    running.set(name, lambda);
    while (running.size > WARM_CONTAINERS) {
      const [oldest, process] = running.entries().next().value as [string, LambdaProcess];
      running.delete(oldest);
      await process.stop();
    }
    return { lambda, cold: true };
  }

  const call = async (name: string, request: ArtifactRequest, expectation: Expectation = {}): Promise<ArtifactAnswer> => {
    const report = reportOf(name);
    const route = contracts.get(name);
    if (!route) throw new Error(`no route contract names the function ${name}`);
    const { lambda, cold } = await container(name);
    const before = await database.requests();
    const invocation = await lambda.invoke(eventFor(request));
    const answer = parseAnswer(invocation.result);
    report.calls.push({ status: answer.status, ms: invocation.durationMs, roundTrips: (await database.requests()) - before, cold });
    const problems = contractProblems(route, expectation.status ?? route.response.status, answer);
    const unexpected = problems.length ? undefined : expectation.check?.(answer);
    if (unexpected) problems.push(unexpected);
    if (problems.length) {
      report.problems.push(...problems.map((problem) => `${request.method} ${request.route}: ${problem}`));
      throw new Error(`${name} ${problems.join('; ')}\n${invocation.logs.join('\n')}`);
    }
    return answer;
  };

  let failure: unknown;
  try {
    await runScenario(call, admin);
    // Scheduled functions get EventBridge's event, once the scenario has left data for them to work on.
    for (const { functionName, schedule } of allSchedules) {
      const report = reportOf(functionName);
      const { lambda, cold } = await container(functionName);
      const before = await database.requests();
      const invocation = await lambda.invoke(scheduledEvent(schedule, provider.region));
      report.calls.push({ status: 0, ms: invocation.durationMs, roundTrips: (await database.requests()) - before, cold });
    }
    // A function added since the scenario was written is still run: any answer its contract allows but a 5xx.
    for (const [name] of Object.entries(functions).filter(([name]) => !reports.has(name))) {
      const route = contracts.get(name);
      const report = reportOf(name);
      report.smoke = true;
      if (!route) {
        report.problems.push('no route contract names this function');
        continue;
      }
      const { lambda, cold } = await container(name);
      const before = await database.requests();
      const invocation = await lambda.invoke(eventFor({ method: route.method, route: route.path, pathParameters: { id: '1' } }));
      const answer = parseAnswer(invocation.result);
      report.calls.push({ status: answer.status, ms: invocation.durationMs, roundTrips: (await database.requests()) - before, cold });
      if (answer.status >= 500) report.problems.push(`answered ${answer.status} to a request without a scenario`);
      else report.problems.push(...contractProblems(route, answer.status, answer).map((problem) => `(no scenario) ${problem}`));
    }
  } catch (error) {
    failure = error;
  } finally {
    await Promise.all([...running.values()].map((lambda) => lambda.stop()));
    await database.close();
    await llm.close();
    rmSync(folder, { recursive: true, force: true });
  }
  const all = [...reports.values()].sort((a, b) => a.name.localeCompare(b.name));
  printReport(all);
  const missing = Object.keys(functions).filter((name) => !reports.get(name)?.calls.length);
  const failed = all.filter((report) => report.problems.length > 0);
  console.log(
    `\n${Object.keys(functions).length} packaged functions, ${all.reduce((n, r) => n + r.calls.length, 0)} invocations, ` +
      `${failed.length} failed, ${missing.length} not run, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (failure) throw failure;
  if (failed.length || missing.length) throw new Error(`artifact check failed: ${[...failed.map((r) => r.name), ...missing].join(', ')}`);
}
