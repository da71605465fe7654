import * as errors from '../../../lib/errors';
import { problemMappingOf, problemResponse } from '../../../lib/http/problemDetails';
import type { RateLimitDecision } from '../../../lib/schemas/rateLimits';

/**
 * Every error class lib/errors exports but their common base: the domain's errors, which say what happened and never
 * how HTTP answers it.
 */
const domainErrorClasses = Object.entries(errors as Record<string, unknown>).filter(
  (entry): entry is [string, abstract new (...args: never[]) => Error] =>
    typeof entry[1] === 'function' && entry[1].prototype instanceof Error && entry[0] !== 'DomainError',
);

const refused: RateLimitDecision = {
  allowed: false,
  policy: { name: 'write', limit: 2, windowSeconds: 60 },
  remaining: 0,
  resetSeconds: 42,
  retryAfterSeconds: 42,
};

interface Answer {
  status: number;
  title: string;
  /** The problem's detail: the error's message when it is shown, else the text the edge writes instead. */
  detail: string;
  headers?: Record<string, string>;
}

const HIDDEN = 'the server could not answer this request; quote the request id when reporting it';

/**
 * Each domain error, with the answer the HTTP edge gives it. A class added to lib/errors without a line here fails the
 * first test; a class without a row in the mapping table fails the second.
 */
const examples: Record<string, [error: Error, answer: Answer]> = {
  BadRequest: [new errors.BadRequest('invalid body'), { status: 400, title: 'Bad Request', detail: 'invalid body' }],
  Unauthorized: [
    new errors.Unauthorized('expired'),
    { status: 401, title: 'Unauthorized', detail: 'expired', headers: { 'www-authenticate': 'Bearer' } },
  ],
  Forbidden: [new errors.Forbidden('admins only'), { status: 403, title: 'Forbidden', detail: 'admins only' }],
  NotFound: [new errors.NotFound('movie 7 does not exist'), { status: 404, title: 'Not Found', detail: 'movie 7 does not exist' }],
  MethodNotAllowed: [
    new errors.MethodNotAllowed('use GET or POST', ['GET', 'POST']),
    { status: 405, title: 'Method Not Allowed', detail: 'use GET or POST', headers: { allow: 'GET, POST' } },
  ],
  Conflict: [new errors.Conflict('taken'), { status: 409, title: 'Conflict', detail: 'taken' }],
  PayloadTooLarge: [new errors.PayloadTooLarge('too big'), { status: 413, title: 'Content Too Large', detail: 'too big' }],
  UnsupportedMediaType: [
    new errors.UnsupportedMediaType('JSON only'),
    { status: 415, title: 'Unsupported Media Type', detail: 'JSON only' },
  ],
  UnprocessableContent: [
    new errors.UnprocessableContent('key reused'),
    { status: 422, title: 'Unprocessable Content', detail: 'key reused' },
  ],
  Throttled: [
    new errors.Throttled('too many failed sign-ins', 30),
    { status: 429, title: 'Too Many Requests', detail: 'too many failed sign-ins', headers: { 'retry-after': '30' } },
  ],
  'Throttled by a rate limit': [
    new errors.Throttled('too many writes', 42, refused),
    {
      status: 429,
      title: 'Too Many Requests',
      detail: 'too many writes',
      headers: { 'retry-after': '42', 'ratelimit-policy': '"write";q=2;w=60', ratelimit: '"write";r=0;t=42' },
    },
  ],
  UpstreamFailed: [
    new errors.UpstreamFailed('the summary writer did not answer'),
    { status: 502, title: 'Bad Gateway', detail: 'the summary writer did not answer' },
  ],
  ServiceBusy: [
    new errors.ServiceBusy('busy; try again', 3),
    { status: 503, title: 'Service Unavailable', detail: 'busy; try again', headers: { 'retry-after': '3' } },
  ],
  DatabaseUnavailable: [
    new errors.DatabaseUnavailable('connect ECONNREFUSED 10.0.0.7:8080'),
    {
      status: 503,
      title: 'Service Unavailable',
      detail: 'the database does not answer; try again shortly',
      headers: { 'retry-after': '1' },
    },
  ],
};

describe('the one table that maps domain errors to problem+json', () => {
  it('has an example here for every domain error class lib/errors exports', () => {
    const exemplified = new Set(Object.values(examples).map(([error]) => error.constructor));

    expect(domainErrorClasses.filter(([, type]) => !exemplified.has(type)).map(([name]) => name)).toEqual([]);
    expect(domainErrorClasses.length).toBeGreaterThan(0);
  });

  it.each(domainErrorClasses)('has a row for %s', (_name, type) => {
    expect(problemMappingOf(type)).toEqual(expect.objectContaining({ status: expect.any(Number), title: expect.any(String) }));
  });

  it.each(Object.entries(examples))('answers %s with its status, title, detail and headers', (_name, [error, answer]) => {
    const response = problemResponse(error, 'req-1');

    expect(response.statusCode).toBe(answer.status);
    expect(response.headers).toEqual({ ...answer.headers, 'content-type': 'application/problem+json' });
    expect(JSON.parse(String(response.body))).toMatchObject({ title: answer.title, status: answer.status, detail: answer.detail });
  });

  it.each(Object.entries(examples))('finds no HTTP in %s: no status, title, headers or expose flag', (_name, [error]) => {
    for (const http of ['statusCode', 'status', 'title', 'headers', 'expose']) expect(error).not.toHaveProperty(http);
  });

  it("hides the message of a 5xx it was not told to show, whoever's error it is", () => {
    const fault = new Error('SELECT * FROM secrets');

    expect(JSON.parse(String(problemResponse(fault, 'req-2').body))).toMatchObject({ status: 500, detail: HIDDEN, request_id: 'req-2' });
  });
});

describe('a domain error thrown by another copy of lib/errors (modules loaded apart in one process)', () => {
  let copy: typeof errors;
  beforeAll(() => {
    jest.isolateModules(() => {
      copy = require('../../../lib/errors') as typeof errors;
    });
  });

  it('is answered from its row all the same', () => {
    expect(copy.NotFound).not.toBe(errors.NotFound);

    expect(problemResponse(new copy.NotFound('movie 7 does not exist'), 'req-1').statusCode).toBe(404);
  });

  it('is told a request to retry, not a fault, all the same', () => {
    expect(errors.asksToRetry(new copy.ServiceBusy('busy; try again', 1))).toBe(true);
    expect(errors.asksToRetry(new copy.DatabaseUnavailable('connect ECONNREFUSED'))).toBe(true);
    expect(errors.asksToRetry(new copy.UpstreamFailed('the summary writer failed'))).toBe(false);
  });
});
