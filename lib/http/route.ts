import type * as z from 'zod';
import type { AuthUser } from '../schemas/identity';
import type { RouteContract } from '../schemas/routes/contract';
import type { HttpReply } from './reply';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives: validated, typed input and the request facts it may need. */
export interface RouteInput<R extends RouteContract> {
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
  requestId: string;
  /** The method and path asked for, as they came. */
  method: string;
  path: string;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Aborted once the request has been answered (out of time): work not yet started for it should not start. */
  signal?: AbortSignal;
  /** The caller: always there on user and admin routes, there on public ones when a valid token came. */
  user: 'public' extends R['access'] ? AuthUser | undefined : AuthUser;
}

export type RouteResult<R extends RouteContract> =
  (R['response']['schema'] extends z.ZodType ? z.input<R['response']['schema']> : unknown) | HttpReply;
