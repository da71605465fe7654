import type * as z from 'zod';
import { createApiClient } from '../../lib/client/apiClient';
import type { CreateMovieBody } from '../../lib/schemas/movies';
import { validateResponse } from './responseValidation';

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export const baseUrl = () => {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: the e2e globalSetup did not run');
  return url;
};

export interface RequestOptions {
  method?: string;
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * fetch(), its response validated against the API's OpenAPI document before the caller sees it (see
 * ./responseValidation): every e2e request goes through here, through fetchApi(), api() or client().
 */
export const validatingFetch: typeof fetch = async (input, init = {}) => {
  const response = await fetch(input, init);
  const url = new URL(input instanceof Request ? input.url : input);
  const text = await response.clone().text();
  await validateResponse({
    method: init.method ?? 'GET',
    path: `${url.pathname}${url.search}`,
    status: response.status,
    headers: response.headers,
    text,
  });
  return response;
};

/** fetch() to a path of the API, validated as validatingFetch() does. */
export const fetchApi = (path: string, init: RequestInit = {}, base = baseUrl()): Promise<Response> =>
  validatingFetch(`${base}${path}`, init);

/**
 * The typed client (lib/client) on the API under serverless-offline, its answers validated: the way to call a route as
 * its contract has it. api() stays for what a well-behaved client cannot send (malformed paths, ids and bodies).
 */
export const client = (token?: string) => createApiClient({ baseUrl: baseUrl(), fetch: validatingFetch, token });

/** One HTTP call to the API under serverless-offline, with its JSON body parsed when there is one. */
export async function api(path: string, { method = 'GET', body, headers = {} }: RequestOptions = {}): Promise<ApiResponse> {
  const response = await fetchApi(path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

export const createMovie = async (fields: Partial<z.input<typeof CreateMovieBody>> = {}) => {
  const response = await client().createMovie({ body: { title: 'E2E movie', ...fields } });
  if (response.status !== 201) throw new Error(`could not create a movie: ${response.status}`);
  return response.body;
};

/** The access token of the admin globalSetup created from E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD. */
export const adminToken = async () => {
  const response = await client().issueToken({
    body: { email: process.env.E2E_ADMIN_EMAIL ?? '', password: process.env.E2E_ADMIN_PASSWORD ?? '' },
  });
  if (response.status !== 200) throw new Error(`the admin could not sign in: ${response.status}`);
  return response.body.access_token;
};

/** How many completions the loopback OpenAI fake has been asked for about one title. */
export async function llmCallsAbout(title: string): Promise<number> {
  const url = process.env.E2E_FAKE_OPENAI_URL;
  if (!url) throw new Error('E2E_FAKE_OPENAI_URL is not set: the e2e globalSetup did not run');
  const response = await fetch(new URL(`/__calls?title=${encodeURIComponent(title)}`, url));
  return ((await response.json()) as { calls: number }).calls;
}
