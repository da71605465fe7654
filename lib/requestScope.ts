import { AsyncLocalStorage } from 'node:async_hooks';

/** A signed-in caller whose sign-in is still to be confirmed live, with the role its token claims. */
export interface SignInToConfirm {
  sessionId: string;
  userId: number;
  role: string;
}

interface RequestScope {
  requestId: string;
  /** Set by authentication; the request's first database call carries the check (lib/repositories/liveSignIn). */
  signIn?: SignInToConfirm & { confirmed: boolean };
}

/**
 * What belongs to the request being served, wherever the code that needs it sits: serverless-offline serves
 * concurrent requests of one function in one process, so this follows each request's own async work, not a global.
 */
const scopes = new AsyncLocalStorage<RequestScope>();

export const withRequestId = <T>(requestId: string, run: () => T): T => scopes.run({ requestId }, run);

export const currentRequestId = (): string | undefined => scopes.getStore()?.requestId;

/** Asks for the caller's sign-in to be confirmed live by the request's next database call. */
export function confirmSignInWithNextQuery(signIn: SignInToConfirm): void {
  const scope = scopes.getStore();
  if (!scope) throw new Error('a sign-in can only be confirmed inside a request');
  scope.signIn = { ...signIn, confirmed: false };
}

/** The sign-in this request has yet to confirm, if any. */
export const unconfirmedSignIn = (): (SignInToConfirm & { confirmed: boolean }) | undefined => {
  const signIn = scopes.getStore()?.signIn;
  return signIn && !signIn.confirmed ? signIn : undefined;
};
