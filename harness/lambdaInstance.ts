/**
 * One Lambda instance in a process of its own, for harness/manyInstances.ts: it loads the functions' bundles
 * (each with its container and its own database client, from DATABASE_URL), says "ready", waits for "go" on stdin,
 * then invokes its plan's steps one after another, as a Lambda container takes one request at a time, and prints
 * what each answered as one JSON line. Run by node itself (its types stripped), so it imports nothing of the project.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';

interface Step {
  fn: string;
  event: { headers: Record<string, string>; [key: string]: unknown };
  /** Keep the access token this step answers (a sign-in) under this name. */
  signInAs?: string;
  /** Send the access token kept under this name. */
  as?: string;
}

export interface InstancePlan {
  bundles: Record<string, string>;
  steps: Step[];
}

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body?: string }>;

const plan = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as InstancePlan;
const load = createRequire(import.meta.url);
const handlers = Object.fromEntries(
  Object.entries(plan.bundles).map(([name, file]) => [name, (load(file) as { handler: Handler }).handler]),
);
/** A context of its own for each invocation, as Lambda's runtime gives: the middleware keeps the caller on it. */
const contextOf = (n: number) => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'instance',
  awsRequestId: `instance-${process.pid}-${n}`,
  getRemainingTimeInMillis: () => 30_000,
});

async function run(): Promise<void> {
  const tokens: Record<string, string> = {};
  const answers: { fn: string; status: number; ms: number; body?: string }[] = [];
  for (const step of plan.steps) {
    const event = step.as ? { ...step.event, headers: { ...step.event.headers, authorization: `Bearer ${tokens[step.as]}` } } : step.event;
    // Where an instance that never answers was waiting, for the runner's report.
    process.stderr.write(`step ${answers.length}: ${step.fn}\n`);
    const started = performance.now();
    let status: number;
    let body: string | undefined;
    try {
      ({ statusCode: status, body } = await handlers[step.fn]!(event, contextOf(answers.length)));
    } catch (error) {
      // A handler that throws is what Lambda answers 502 for: counted as a 5xx, never lost.
      status = 502;
      body = String(error);
    }
    const ms = performance.now() - started;
    if (step.signInAs && status === 200) tokens[step.signInAs] = (JSON.parse(body!) as { access_token: string }).access_token;
    // Short bodies only (answers, problems, reports, counts): a listing's page would only weigh on the pipe.
    answers.push({ fn: step.fn, status, ms, ...(body !== undefined && body.length <= 2000 ? { body } : {}) });
  }
  // Exit only once the line has left: a pipe takes a long write in several turns.
  await new Promise<void>((resolve) => process.stdout.write(`${JSON.stringify(answers)}\n`, () => resolve()));
}

process.stdout.write('ready\n');
createInterface({ input: process.stdin }).once('line', () => {
  run().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
});
