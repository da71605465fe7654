import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { InstancePlan } from './lambdaInstance';
import { findProjectRoot } from './offlineApi';

export type { InstancePlan };
export type PlanStep = InstancePlan['steps'][number];

export interface InstanceAnswer {
  fn: string;
  status: number;
  /** Milliseconds from the invocation to its answer, inside the instance. */
  ms: number;
  /** Bodies of up to 2,000 characters. */
  body?: string;
}

export interface InstancesRun {
  /** Each instance's answers, in its plan's order. */
  answers: InstanceAnswer[][];
  /** Milliseconds from "go" to the last instance's last answer. */
  wallMs: number;
}

// From the project's root: the bench runs this module bundled into .build/scripts.
const INSTANCE_SCRIPT = join(findProjectRoot(__dirname), 'harness', 'lambdaInstance.ts');

/** A step of a plan: the function's name, its event (from harness/events' httpEvent) and whose token it sends. */
export function step(fn: string, event: APIGatewayProxyEventV2, options: Pick<PlanStep, 'as' | 'signInAs'> = {}): PlanStep {
  return { fn, event: event as unknown as PlanStep['event'], ...options };
}

/** The same event as if it came from another address: the write limit counts anonymous clients by it. */
export function fromAddress(event: APIGatewayProxyEventV2, sourceIp: string): APIGatewayProxyEventV2 {
  return { ...event, requestContext: { ...event.requestContext, http: { ...event.requestContext.http, sourceIp } } };
}

/** The next line the instance writes; `stderr` says what it printed meanwhile, should it end first. */
function lineOf(child: ChildProcess, what: string, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const end = output.indexOf('\n');
      if (end < 0) return;
      child.stdout!.off('data', onData);
      child.off('close', onExit);
      resolve(output.slice(0, end));
    };
    const onExit = (code: number | null) => reject(new Error(`instance exited (${code}) before ${what}: ${stderr().slice(-2000)}`));
    child.stdout!.on('data', onData);
    // 'close', not 'exit': a process may exit before the parent has read all it wrote.
    child.once('close', onExit);
  });
}

/**
 * Runs each plan in a Node process of its own (harness/lambdaInstance.ts), as many Lambda instances at once:
 * every process loads its bundles and opens its own database client first, then all are told to go together.
 */
export async function runInstances(plans: InstancePlan[], env: Record<string, string>, { timeoutMs = 45_000 } = {}): Promise<InstancesRun> {
  const folder = mkdtempSync(join(tmpdir(), 'instances-'));
  const children: ChildProcess[] = [];
  const stderr: string[] = [];
  const stderrTails = () => stderr.map((text, i) => `instance ${i}: …${text.slice(-300).replace(/\n/g, ' | ')}`);
  try {
    const ready = plans.map((plan, i) => {
      const file = join(folder, `plan-${i}.json`);
      writeFileSync(file, JSON.stringify(plan));
      const child = spawn(
        process.execPath,
        [
          '--experimental-strip-types',
          '--disable-warning=ExperimentalWarning',
          '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON',
          INSTANCE_SCRIPT,
          file,
        ],
        {
          env: { ...process.env, ...env },
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      children.push(child);
      stderr.push('');
      child.stderr!.on('data', (chunk: Buffer) => (stderr[i] += chunk.toString()));
      return lineOf(child, 'ready', () => stderr[i]!);
    });
    await Promise.all(ready);
    const done = children.map((child, i) => lineOf(child, 'its answers', () => stderr[i]!));
    const started = performance.now();
    children.forEach((child) => child.stdin!.write('go\n'));
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`instances still running after ${timeoutMs} ms:\n${stderrTails().join('\n')}`)), timeoutMs);
    });
    const lines = await Promise.race([Promise.all(done), stuck]).finally(() => clearTimeout(timer));
    const wallMs = performance.now() - started;
    return { answers: lines.map((line) => JSON.parse(line) as InstanceAnswer[]), wallMs };
  } finally {
    children.forEach((child) => child.exitCode === null && child.kill());
    rmSync(folder, { recursive: true, force: true });
  }
}
