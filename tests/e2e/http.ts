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
 * fetch() to the API, its response validated against the API's OpenAPI document before the caller sees it (see
 * ./responseValidation): every e2e request goes through here or through api().
 */
export async function fetchApi(path: string, init: RequestInit = {}, base = baseUrl()): Promise<Response> {
  const response = await fetch(`${base}${path}`, init);
  const text = await response.clone().text();
  await validateResponse({ method: init.method ?? 'GET', path, status: response.status, headers: response.headers, text });
  return response;
}

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

export const createMovie = async (fields: Record<string, unknown> = {}) => {
  const response = await api('/movies/', { method: 'POST', body: { title: 'E2E movie', ...fields } });
  if (response.status !== 201) throw new Error(`could not create a movie: ${response.status}`);
  return response.body as { id: number; title: string };
};

/** How many completions the loopback OpenAI fake has been asked for about one title. */
export async function llmCallsAbout(title: string): Promise<number> {
  const url = process.env.E2E_FAKE_OPENAI_URL;
  if (!url) throw new Error('E2E_FAKE_OPENAI_URL is not set: the e2e globalSetup did not run');
  const response = await fetch(new URL(`/__calls?title=${encodeURIComponent(title)}`, url));
  return ((await response.json()) as { calls: number }).calls;
}
