import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { createConcurrencyGate, type ConcurrencyGate } from './concurrencyGate';

export interface PasswordCost {
  /** scrypt's N as a power of two. */
  log2N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt parameters (Password Storage Cheat Sheet): N=2^17, r=8, p=1. */
export const DEFAULT_PASSWORD_COST: PasswordCost = { log2N: 17, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PREFIX = 'scrypt';
/** Bounds for parameters read back from a stored hash, so a corrupt row cannot ask for gigabytes. */
const MAX_LOG2N = 20;

const derive = (password: string, salt: Buffer, { log2N, r, p }: PasswordCost) =>
  new Promise<Buffer>((resolve, reject) => {
    const N = 2 ** log2N;
    // OpenSSL's scrypt needs 128·r·(N + p + 2) bytes (its V and B buffers), and refuses more than maxmem; node's
    // default maxmem (32 MiB) is below OWASP's 128 MiB, and a fixed multiple of N·r is too little at small N.
    const options: ScryptOptions = { N, r, p, maxmem: 128 * r * (N + p + 2) };
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });

function parse(stored: string): { cost: PasswordCost; salt: Buffer; key: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return undefined;
  const [log2N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![log2N, r, p].every((n) => Number.isInteger(n) && n >= 1) || log2N > MAX_LOG2N || r > 32 || p > 16) return undefined;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length === 0 || key.length !== KEY_BYTES) return undefined;
  return { cost: { log2N, r, p }, salt, key };
}

/**
 * Hashes and verifies passwords with scrypt. The parameters travel inside each hash
 * (`scrypt$17$8$1$<salt>$<key>`), so raising the cost later leaves older hashes verifiable. The cost
 * is injectable so tests can hash fast; everything else uses the OWASP default. Every hash passes the
 * instance's gate (as many at once as cores, a second's queue, then 503), and one whose request was
 * answered while it waited (`signal` aborted) never starts.
 */
export function createPasswordHasher({ log2N, r, p }: Partial<PasswordCost> = {}, gate: ConcurrencyGate = createConcurrencyGate()) {
  const cost: PasswordCost = {
    log2N: log2N ?? DEFAULT_PASSWORD_COST.log2N,
    r: r ?? DEFAULT_PASSWORD_COST.r,
    p: p ?? DEFAULT_PASSWORD_COST.p,
  };
  const encode = (salt: Buffer, key: Buffer) =>
    [PREFIX, cost.log2N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
  let dummy: Promise<string> | undefined;
  // Made once, outside the gate (a request must not be shed for it), and forgotten if it fails.
  const dummyHash = () => {
    const salt = randomBytes(SALT_BYTES);
    return derive(randomBytes(16).toString('hex'), salt, cost)
      .then((key) => encode(salt, key))
      .catch((error: unknown) => {
        dummy = undefined;
        throw error;
      });
  };

  const hash = async (password: string, signal?: AbortSignal): Promise<string> => {
    const salt = randomBytes(SALT_BYTES);
    return encode(salt, await gate.run(() => derive(password, salt, cost), signal));
  };

  return {
    cost,
    hash,
    /**
     * True when the password matches. Without a stored hash (an unknown email) it still spends one hash
     * on a dummy, so the answer takes as long whether or not the account exists.
     */
    async verify(password: string, stored: string | undefined, signal?: AbortSignal): Promise<boolean> {
      const parsed = parse(stored ?? (await (dummy ??= dummyHash())));
      if (!parsed) return false;
      const key = await gate.run(() => derive(password, parsed.salt, parsed.cost), signal);
      return timingSafeEqual(key, parsed.key) && stored !== undefined;
    },
  };
}

export type PasswordHasher = ReturnType<typeof createPasswordHasher>;
