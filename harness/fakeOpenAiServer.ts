import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopbackServer';

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: {
    model?: string;
    messages?: { role: string; content: string }[];
    [key: string]: unknown;
  };
}

/** How the fake answers one call. */
export type FakeBehaviour =
  | { kind: 'reply'; content?: string | ((request: RecordedRequest) => string); delayMs?: number }
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  /** 200 with this JSON as the whole answer: a completion of an unusual shape (no choices, null content). */
  | { kind: 'completion'; body: unknown };

export interface FakeOpenAiServer {
  /** The base URL to give the openai client, ending in /v1. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Behaviours for the next calls, in order; after them the default answers. */
  queue(...behaviours: FakeBehaviour[]): void;
  setDefault(behaviour: FakeBehaviour): void;
  reset(): void;
  close(): Promise<void>;
}

/** The title in a request's user message, when it carries the movie as JSON. */
export const titleAskedAbout = (request: RecordedRequest): unknown => {
  const user = request.body.messages?.find((m) => m.role === 'user')?.content ?? '';
  try {
    return (JSON.parse(user) as { title?: unknown }).title;
  } catch {
    return undefined;
  }
};

/** The default answer names the movie it was asked about, so tests can tell summaries apart. */
const describeTitle = (request: RecordedRequest) =>
  `A film called ${JSON.stringify(titleAskedAbout(request) ?? 'unknown')}, told with care.`;

function completion(model: string | undefined, content: string) {
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: model ?? 'gpt-4o-mini',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/**
 * A real HTTP server on loopback that speaks the OpenAI Chat Completions protocol, for the openai-backed
 * generator and the end-to-end tests. GET /__calls[?title=…] answers how many completions it was asked
 * for (about one title), for tests that run in another process.
 */
export async function startFakeOpenAiServer(initial: FakeBehaviour = { kind: 'reply' }): Promise<FakeOpenAiServer> {
  let fallback = initial;
  const pending: FakeBehaviour[] = [];
  const requests: RecordedRequest[] = [];

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url?.startsWith('/__calls')) {
      const title = new URL(req.url, 'http://fake').searchParams.get('title');
      const calls = title === null ? requests.length : requests.filter((r) => titleAskedAbout(r) === title).length;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ calls }));
      return;
    }
    const raw = await readBody(req);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      return;
    }
    const recorded: RecordedRequest = { path: req.url, headers: req.headers, body: JSON.parse(raw) as RecordedRequest['body'] };
    requests.push(recorded);
    const behaviour = pending.shift() ?? fallback;
    switch (behaviour.kind) {
      case 'hang':
        return; // never answer; close() destroys the socket
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices": [ this is not json');
        return;
      case 'completion':
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(behaviour.body));
        return;
      case 'status':
        res
          .writeHead(behaviour.status, { 'content-type': 'application/json', ...behaviour.headers })
          .end(JSON.stringify({ error: { message: `fake ${behaviour.status}`, type: 'server_error' } }));
        return;
      case 'reply': {
        if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
        const content =
          typeof behaviour.content === 'function' ? behaviour.content(recorded) : (behaviour.content ?? describeTitle(recorded));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(recorded.body.model, content)));
      }
    }
  };

  const server = createServer((req, res) => {
    answer(req, res).catch(() => res.writeHead(500).end());
  });
  const listening = await listenOnLoopback(server);

  return {
    baseUrl: `${listening.origin}/v1`,
    requests,
    queue: (...behaviours) => pending.push(...behaviours),
    setDefault: (behaviour) => {
      fallback = behaviour;
    },
    reset: () => {
      pending.length = 0;
      requests.length = 0;
      fallback = initial;
    },
    close: () => listening.close(),
  };
}
