import { createPasswordHasher, DEFAULT_PASSWORD_COST } from '../../../lib/services/passwords';

describe('password hashing', () => {
  // A small cost keeps these tests fast; the default cost is asserted separately.
  const hasher = createPasswordHasher({ log2N: 10 });

  it('It should default to scrypt at OWASP cost: N=2^17, r=8, p=1', () => {
    expect(DEFAULT_PASSWORD_COST).toEqual({ log2N: 17, r: 8, p: 1 });
    expect(createPasswordHasher().cost).toEqual({ log2N: 17, r: 8, p: 1 });
  });

  it('It should store the parameters and a random salt inside the hash string', async () => {
    const first = await hasher.hash('correct horse battery');
    const second = await hasher.hash('correct horse battery');

    expect(first).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(second).not.toBe(first);
    expect(first).not.toContain('correct horse battery');
  });

  it('It should verify the right password and refuse a wrong one', async () => {
    const stored = await hasher.hash('correct horse battery');

    await expect(hasher.verify('correct horse battery', stored)).resolves.toBe(true);
    await expect(hasher.verify('correct horse batterY', stored)).resolves.toBe(false);
    await expect(hasher.verify('', stored)).resolves.toBe(false);
  });

  it('It should verify with the parameters read from the stored hash, not its own', async () => {
    const stored = await createPasswordHasher({ log2N: 11 }).hash('s3cret-enough');

    await expect(hasher.verify('s3cret-enough', stored)).resolves.toBe(true);
  });

  it('It should answer false, never throw, for a malformed stored hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$x$8$1$a$b', 'bcrypt$10$8$1$AAAA$AAAA', 'scrypt$40$8$1$AAAA$AAAA']) {
      await expect(hasher.verify('anything', stored)).resolves.toBe(false);
    }
  });

  it('It should spend one hash on a dummy when there is no stored hash, and answer false', async () => {
    await expect(hasher.verify('anything', undefined)).resolves.toBe(false);
  });
});
