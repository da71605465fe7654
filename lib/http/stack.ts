import type { RouteContract } from '../schemas/routes/contract';
import { authenticate } from './authenticate';
import { confirmSignIn } from './confirmSignIn';
import type { HttpMiddleware, StackServices, StageName } from './context';
import { entityTags } from './entityTag';
import { idempotency } from './idempotency';
import { limitClients } from './limitClients';
import { limitWrites } from './limitWrites';
import { normalizeHeaders } from './normalizeHeaders';
import { problemJsonErrors } from './problemJsonErrors';
import { provideServices } from './provideServices';
import { readBody } from './readBody';
import { countRequests } from './countRequests';
import { requestInput } from './requestInput';
import { requestLog } from './requestLog';
import { securityHeaders } from './securityHeaders';

/** One layer of the stack: what it is, why it sits where it does, the stages it needs and gives. */
export interface Layer {
  name: string;
  /** Why here: its `before` runs after the layers above it, its `after` and `onError` before theirs. */
  why: string;
  needs: readonly StageName[];
  gives: readonly StageName[];
  middlewares: readonly HttpMiddleware<StageName>[];
}

/** A layer whose middlewares are checked against the stages it says it needs. */
function layer<N extends StageName>(spec: {
  name: string;
  why: string;
  needs?: readonly N[];
  gives?: readonly StageName[];
  use: HttpMiddleware<N> | readonly HttpMiddleware<N>[];
}): Layer {
  const middlewares = (Array.isArray(spec.use) ? spec.use : [spec.use]) as readonly HttpMiddleware<StageName>[];
  return { name: spec.name, why: spec.why, needs: spec.needs ?? [], gives: spec.gives ?? [], middlewares };
}

/**
 * The whole HTTP stack of a route, outermost first: every `before` runs in this order, then the handler, then every
 * `after` (or, on a failure, every `onError`) in the reverse order. This list is the one place the order is decided;
 * a unit test checks that each layer comes after the layers giving what it needs.
 */
export function stackOf(route: RouteContract, provide: () => Promise<StackServices>): Layer[] {
  return [
    layer({ name: 'requestLog', use: requestLog(route), why: 'outermost, so it runs last and logs the final answer, errors included' }),
    layer({ name: 'securityHeaders', use: securityHeaders(), why: 'on every answer, errors included' }),
    layer({ name: 'entityTags', use: entityTags(route), why: 'inside securityHeaders, so a 304 it makes still gets them' }),
    layer({ name: 'normalizeHeaders', use: normalizeHeaders(), why: 'every header read below is looked up by its lower-case name' }),
    layer({ name: 'provideServices', gives: ['services'], use: provideServices(provide), why: 'the container, built once per container' }),
    layer({
      name: 'countRequests',
      needs: ['services'],
      use: countRequests(),
      why: 'before authentication, so a refused token is a request served like any other',
    }),
    layer({
      name: 'limitClients',
      needs: ['services'],
      gives: ['clientLimit'],
      use: limitClients(route),
      why: 'before authentication and parsing, so a flood of bad tokens or garbage counts against its sender too',
    }),
    layer({
      name: 'authenticate',
      needs: ['services'],
      gives: ['caller'],
      use: authenticate(route),
      why: 'before the body is read, so an anonymous caller learns nothing of a protected route',
    }),
    layer({
      name: 'limitWrites',
      needs: ['services', 'caller'],
      gives: ['writeLimit'],
      use: limitWrites(route),
      why: 'after authentication, which names the client; the handler`s first write carries its count',
    }),
    layer({ name: 'readBody', gives: ['body'], use: readBody(route), why: 'only a route that takes a body reads one' }),
    layer({
      name: 'requestInput',
      needs: ['caller', 'body'],
      gives: ['input'],
      use: requestInput(route),
      why: 'every part of the request validated at once, after the body is parsed',
    }),
    layer({
      name: 'idempotency',
      needs: ['services', 'caller', 'body', 'input'],
      gives: ['idempotency'],
      use: idempotency(route),
      why: 'after validation, so a request refused as invalid claims no key',
    }),
    layer({
      name: 'problemJsonErrors',
      use: problemJsonErrors(),
      why: 'innermost error mapping: its onError runs first, so every layer above sees the problem+json answer',
    }),
    layer({
      name: 'confirmSignIn',
      needs: ['services'],
      use: confirmSignIn(),
      why: 'inside the error mapping, so it runs before it: nothing leaves a revoked sign-in but its 401',
    }),
  ];
}
