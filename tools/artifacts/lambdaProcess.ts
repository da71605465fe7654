import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface LambdaProcessOptions {
  /** The folder the zip was extracted into: Lambda's /var/task. */
  taskRoot: string;
  /** As in serverless.yml: `functions/movies/getMovie.handler`. */
  handler: string;
  functionName: string;
  /** The function's environment as deployed; the runtime's own variables are added. */
  env: Record<string, string>;
  timeoutSeconds: number;
  memoryMb?: number;
  region?: string;
}

export interface Invocation {
  result: unknown;
  /** What the function wrote to stdout and stderr during this invocation, line by line. */
  logs: string[];
  awsRequestId: string;
  durationMs: number;
}

export interface LambdaProcess {
  /** From spawning the process to the handler's module loaded (Lambda's init phase). */
  initMs: number;
  invoke(event: unknown): Promise<Invocation>;
  stop(): Promise<void>;
}

/**
 * What the Lambda runtime does, in a few lines: load the handler's module from the task root once (init), then
 * call it for each event with a context. It runs as `node -e`, so nothing of this project is on disk beside it.
 */
const RUNTIME = String.raw`
const { join } = require('node:path');
const spec = process.env._HANDLER;
const dot = spec.lastIndexOf('.');
const send = (message) => new Promise((resolve) => process.send(message, resolve));
let handler;
try {
  handler = require(join(process.env.LAMBDA_TASK_ROOT, spec.slice(0, dot)))[spec.slice(dot + 1)];
  if (typeof handler !== 'function') throw new Error(spec + ' is not a function');
} catch (error) {
  handler = undefined;
  send({ type: 'init', error: String((error && error.stack) || error) }).then(() => process.exit(1));
}
if (handler) {
  send({ type: 'init' });
  process.on('message', async ({ id, event, context, timeoutMs }) => {
    const deadline = Date.now() + timeoutMs;
    const fullContext = { ...context, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()), done() {}, fail() {}, succeed() {} };
    let outcome;
    try {
      outcome = { type: 'result', id, result: await handler(event, fullContext) };
    } catch (error) {
      outcome = { type: 'result', id, error: String((error && error.stack) || error) };
    }
    process.stdout.write('\u001eend ' + id + '\n');
    await send(outcome);
  });
}
`;

/** A task root must see no node_modules above it, or a module missing from the zip could still be found there. */
function assertIsolated(taskRoot: string): void {
  for (let folder = dirname(taskRoot); ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'node_modules'))) throw new Error(`${join(folder, 'node_modules')} is within reach of ${taskRoot}`);
    if (dirname(folder) === folder) return;
  }
}

type Message = { type: 'init'; error?: string } | { type: 'result'; id: string; result?: unknown; error?: string };

/** Starts one function the way Lambda starts a container: a fresh Node 22 process, its handler loaded. */
export async function startLambdaProcess(options: LambdaProcessOptions): Promise<LambdaProcess> {
  assertIsolated(options.taskRoot);
  const region = options.region ?? 'eu-west-1';
  const memory = String(options.memoryMb ?? 1024);
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['-e', RUNTIME], {
    cwd: options.taskRoot,
    // Only what Lambda's environment holds: no NODE_PATH, no variable of this machine.
    env: {
      ...options.env,
      _HANDLER: options.handler,
      LAMBDA_TASK_ROOT: options.taskRoot,
      AWS_LAMBDA_FUNCTION_NAME: options.functionName,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: memory,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      TZ: ':UTC',
      LANG: 'en_US.UTF-8',
      PATH: '/usr/local/bin:/usr/bin:/bin',
      HOME: options.taskRoot,
      NODE_PATH: '',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });

  let lines: string[] = [];
  const ended = new Set<string>();
  const results = new Map<string, Message & { type: 'result' }>();
  let onProgress = () => {};
  let exit: string | undefined;
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        if (line.startsWith('\u001eend ')) ended.add(line.slice(5));
        else lines.push(line);
      }
      onProgress();
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  child.on('message', (message: Message) => {
    if (message.type === 'result') results.set(message.id, message);
    onProgress();
  });
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exit = `exited with ${signal ?? code}`;
      onProgress();
      resolve();
    });
  });

  await new Promise<void>((resolve, reject) => {
    child.once('message', (message: Message) => {
      if (message.type === 'init' && !message.error) resolve();
      else reject(new Error(`${options.functionName} failed to start: ${message.type === 'init' ? message.error : 'no init'}`));
    });
    child.once('exit', () => reject(new Error(`${options.functionName} exited before its handler loaded:\n${lines.join('\n')}`)));
  });
  const initMs = performance.now() - started;

  const stop = async () => {
    if (exit === undefined) {
      child.kill('SIGKILL');
      await exited;
    }
  };

  return {
    initMs,
    stop,
    async invoke(event: unknown): Promise<Invocation> {
      const id = randomUUID();
      const awsRequestId = randomUUID();
      const context = {
        awsRequestId,
        functionName: options.functionName,
        functionVersion: '$LATEST',
        invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${options.functionName}`,
        memoryLimitInMB: memory,
        logGroupName: `/aws/lambda/${options.functionName}`,
        logStreamName: `artifact-check/${id}`,
        callbackWaitsForEmptyEventLoop: true,
      };
      lines = [];
      const begun = performance.now();
      const timeoutMs = options.timeoutSeconds * 1000;
      return new Promise<Invocation>((resolve, reject) => {
        const timer = setTimeout(() => {
          onProgress = () => {};
          void stop();
          reject(new Error(`${options.functionName} timed out after ${options.timeoutSeconds} s`));
        }, timeoutMs);
        onProgress = () => {
          const outcome = results.get(id);
          if (outcome && ended.has(id)) {
            clearTimeout(timer);
            onProgress = () => {};
            if (outcome.error !== undefined) reject(new Error(`${options.functionName} threw: ${outcome.error}`));
            else resolve({ result: outcome.result, logs: lines, awsRequestId, durationMs: performance.now() - begun });
          } else if (exit !== undefined) {
            clearTimeout(timer);
            onProgress = () => {};
            reject(new Error(`${options.functionName} ${exit} during an invocation:\n${lines.join('\n')}`));
          }
        };
        child.send({ id, event, context, timeoutMs });
      });
    },
  };
}
