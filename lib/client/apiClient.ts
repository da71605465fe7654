import type * as z from 'zod';
import type { ProblemDetails } from '../schemas/common';
import type { routeModules } from '../schemas/routes';
import type { HttpMethod, ResponseContract, RouteContract } from '../schemas/routes/contract';
import routeTable from './routes.json';

/**
 * A typed client of the API, for the e2e tests, the web page and the bench. Its calls are named after the routes'
 * functions; their parameters, bodies and answers are inferred from the route contracts, so a change of the API that
 * breaks a caller fails the type-check. Only the contracts' types are imported: at run time the client is fetch()
 * and routes.json (each route's method and path, generated from the contracts), so a browser bundle holds no zod.
 */

/** Each route's contract, by its function's name. */
type Contracts = {
  [C in Extract<ModuleExports, RouteContract> as C['functionName']]: C;
};
type ModuleExports = {
  [M in keyof typeof routeModules]: (typeof routeModules)[M][keyof (typeof routeModules)[M]];
}[keyof typeof routeModules];

export type RouteName = keyof Contracts;

/** What the client knows of a route at run time (lib/client/routes.json). */
export interface ClientRoute {
  method: HttpMethod;
  path: string;
  /** The media types its body may be, for a route that takes a file (the first is sent unless a call names another). */
  fileMediaTypes?: readonly string[];
}

// Path and query parameters travel as text: a number, or a boolean for a true/false parameter, is written as the
// API spells it. A parameter read through a preprocess accepts `unknown`: it is typed by what it yields instead.
type PathParams<T> = { [K in keyof T]: T[K] extends string ? string | number : T[K] };
type QueryValue<In, Out> = unknown extends In ? Out : In extends 'true' | 'false' ? In | boolean : In extends string ? In | number : In;
type QueryParams<In, Out> = { [K in keyof In]: QueryValue<In[K], K extends keyof Out ? Out[K] : never> };

type ParamsOf<C> = C extends { params: infer P extends z.ZodType } ? { params: PathParams<z.input<P>> } : { params?: never };
type QueryOf<C> = C extends { query: infer Q extends z.ZodType }
  ? object extends z.input<Q>
    ? { query?: QueryParams<z.input<Q>, z.output<Q>> }
    : { query: QueryParams<z.input<Q>, z.output<Q>> }
  : { query?: never };
// A file (the ratings import) is sent as it is, text or bytes, as one of the media types its contract takes.
type BodyOf<C> = C extends { bodyMediaTypes: infer M }
  ? { body: string | Uint8Array<ArrayBuffer> | Blob; contentType?: keyof M & string }
  : C extends { body: infer B extends z.ZodType }
    ? { body: z.input<B> }
    : { body?: never };

/** The headers a call may add: the token (null sends none), a retry's key, a cached answer's tag, or any other. */
export interface CallOptions {
  token?: string | null;
  idempotencyKey?: string;
  ifNoneMatch?: string;
  headers?: Record<string, string>;
}

export type RequestOf<C> = ParamsOf<C> & QueryOf<C> & BodyOf<C> & CallOptions;

/** The statuses the API answers with an application/problem+json body. */
type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 406 | 409 | 412 | 413 | 415 | 422 | 429 | 500 | 502 | 503 | 504;

type Answer<S, B> = { status: S; body: B; headers: Headers };
// One member per status, so that Extract<ResponseOf<C>, { status: 404 }> finds it as narrowing does.
type Problem<S> = S extends number ? Answer<S, ProblemDetails> : never;
type SuccessOf<R> = R extends ResponseContract
  ? Answer<R['status'], R extends { schema: infer S extends z.ZodType } ? z.output<S> : undefined>
  : never;
type Responses<C> = (C extends { response: infer R } ? R : never) | (C extends { alsoResponds: readonly (infer A)[] } ? A : never);
type Successes<C> = SuccessOf<Responses<C>>;
type NotModified<C> = C extends { method: 'GET' } ? Answer<304, undefined> : never;

/** A route's answers, told apart by status: each success with its body, a 304 for a GET, else a problem. */
export type ResponseOf<C> = Successes<C> | NotModified<C> | Problem<Exclude<ProblemStatus, Successes<C>['status']>>;

type Call<C> =
  object extends RequestOf<C> ? (request?: RequestOf<C>) => Promise<ResponseOf<C>> : (request: RequestOf<C>) => Promise<ResponseOf<C>>;

export type ApiClient = { [N in RouteName]: Call<Contracts[N]> };

export interface ApiClientOptions {
  /** The API's origin (and stage prefix, if any), e.g. http://localhost:3000. */
  baseUrl: string;
  /** The fetch to send with: the global one by default; tests hand in their own. */
  fetch?: typeof fetch;
  /** An access token sent as a Bearer on every call, unless a call says otherwise. */
  token?: string;
}

interface UntypedRequest extends CallOptions {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  contentType?: string;
}

const pathOf = (route: ClientRoute, params: Record<string, unknown> = {}) =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));

const queryStringOf = (query: Record<string, unknown> = {}) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.append(name, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
};

const headersOf = (route: ClientRoute, request: UntypedRequest, defaultToken: string | undefined) => {
  const headers: Record<string, string> = {};
  if (request.body !== undefined) headers['content-type'] = request.contentType ?? route.fileMediaTypes?.[0] ?? 'application/json';
  const token = request.token === undefined ? defaultToken : request.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (request.idempotencyKey !== undefined) headers['idempotency-key'] = request.idempotencyKey;
  if (request.ifNoneMatch !== undefined) headers['if-none-match'] = request.ifNoneMatch;
  return { ...headers, ...request.headers };
};

const bodyOf = (route: ClientRoute, body: unknown): RequestInit['body'] =>
  body === undefined ? undefined : route.fileMediaTypes ? (body as RequestInit['body']) : JSON.stringify(body);

async function answerOf(response: Response) {
  const text = await response.text();
  const isJson = /json/.test(response.headers.get('content-type') ?? '');
  return { status: response.status, body: text === '' ? undefined : isJson ? JSON.parse(text) : text, headers: response.headers };
}

export function createApiClient({ baseUrl, fetch: send = fetch, token }: ApiClientOptions): ApiClient {
  const origin = baseUrl.replace(/\/+$/, '');
  const routes = routeTable as Record<string, ClientRoute>;
  const call =
    (route: ClientRoute) =>
    async (request: UntypedRequest = {}) =>
      answerOf(
        await send(`${origin}${pathOf(route, request.params)}${queryStringOf(request.query)}`, {
          method: route.method,
          headers: headersOf(route, request, token),
          body: bodyOf(route, request.body),
        }),
      );
  return Object.fromEntries(Object.entries(routes).map(([name, route]) => [name, call(route)])) as unknown as ApiClient;
}
