/**
 * One tree's side of `npm run bench compare`, in a child process of its own (so the two trees' bundles never share a
 * module, an environment or a database): it loads the tree's bundles, signs its users in, then times the blocks the
 * parent asks for, one at a time, and answers each block's samples. Its environment (the tree's database copy
 * among it) is set by the parent before it starts, as a Lambda container's.
 */
import { performance } from 'node:perf_hooks';
import { httpEvent, lambdaContext } from '../../../harness/events';
import type { BundledHandler } from '../types';
import { COMPARED_ROUTES, type RouteContext } from './routes';

export interface Credentials {
  email: string;
  password: string;
}

export type ToRunner =
  | { kind: 'setup'; bundles: Record<string, string>; movieIds: number[]; user: Credentials; admin: Credentials }
  | { kind: 'block'; route: string; from: number; count: number };

export type FromRunner =
  { kind: 'listening' } | { kind: 'ready' } | { kind: 'samples'; samples: number[] } | { kind: 'failed'; message: string };

let handlers: Record<string, BundledHandler> = {};
let context: RouteContext | undefined;

async function invoke(name: string, event: ReturnType<typeof httpEvent>, statuses: readonly number[]) {
  const result = await handlers[name]!(event, lambdaContext(), { signal: new AbortController().signal });
  if (!statuses.includes(result.statusCode))
    throw new Error(`${name}: expected ${statuses.join(' or ')}, got ${result.statusCode}: ${result.body}`);
  return result;
}

async function signIn(credentials: Credentials): Promise<Record<string, string>> {
  const answer = await invoke('issueToken', httpEvent({ method: 'POST', path: '/auth/token/', body: credentials }), [200]);
  return { authorization: `Bearer ${(JSON.parse(answer.body!) as { access_token: string }).access_token}` };
}

type Setup = Extract<ToRunner, { kind: 'setup' }>;

async function setUp({ bundles, movieIds, user, admin }: Setup): Promise<void> {
  handlers = Object.fromEntries(
    Object.entries(bundles).map(([name, file]) => [name, (require(file) as { handler: BundledHandler }).handler]),
  );
  const userHeaders = await signIn(user);
  const adminHeaders = await signIn(admin);
  // The user's own rating, which changeRating and getRating read and change.
  const rated = await invoke(
    'createRating',
    httpEvent({ method: 'POST', path: '/ratings/', body: { movie: movieIds[0], value: 3 }, headers: userHeaders }),
    [200, 201],
  );
  context = { movieIds, userHeaders, adminHeaders, ratingId: (JSON.parse(rated.body!) as { id: number }).id };
}

async function block({ route, from, count }: Extract<ToRunner, { kind: 'block' }>): Promise<number[]> {
  const compared = COMPARED_ROUTES.find((r) => r.route === route);
  if (compared === undefined || context === undefined) throw new Error(`no route ${route}, or not set up`);
  const samples: number[] = [];
  for (let i = from; i < from + count; i++) {
    const event = compared.event(i, context);
    const started = performance.now();
    await invoke(compared.functionName, event, compared.statuses);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Answers the parent's messages until it disconnects. Run by scripts/run.mjs in the child the parent forks. */
export function main(): Promise<void> {
  const send = (message: FromRunner) => process.send!(message);
  process.on('message', (message: ToRunner) => {
    const work =
      message.kind === 'setup'
        ? setUp(message).then(() => send({ kind: 'ready' }))
        : block(message).then((samples) => send({ kind: 'samples', samples }));
    work.catch((error: unknown) => send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }));
  });
  process.on('disconnect', () => process.exit(0));
  send({ kind: 'listening' });
  return Promise.resolve();
}
