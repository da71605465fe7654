import { scryptSync } from 'node:crypto';
import { createConcurrencyGate, type ConcurrencyGate } from '../../../lib/services/concurrencyGate';
import { createPasswordHasher, DEFAULT_PASSWORD_COST } from '../../../lib/services/passwords';

describe('password hashing', () => {
  // A small cost keeps these tests fast; the default cost is asserted separately.
  const hasher = createPasswordHasher({ log2N: 10 });

  it('defaults to scrypt at OWASP cost: N=2^17, r=8, p=1', () => {
    expect(DEFAULT_PASSWORD_COST).toEqual({ log2N: 17, r: 8, p: 1 });
    expect(createPasswordHasher().cost).toEqual({ log2N: 17, r: 8, p: 1 });
  });

  it('stores the parameters and a random salt inside the hash string', async () => {
    const first = await hasher.hash('correct horse battery');
    const second = await hasher.hash('correct horse battery');

    expect(first).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(second).not.toBe(first);
    expect(first).not.toContain('correct horse battery');
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hasher.hash('correct horse battery');

    await expect(hasher.verify('correct horse battery', stored)).resolves.toBe(true);
    await expect(hasher.verify('correct horse batterY', stored)).resolves.toBe(false);
    await expect(hasher.verify('', stored)).resolves.toBe(false);
  });

  it('verifies with the parameters read from the stored hash, not its own', async () => {
    const stored = await createPasswordHasher({ log2N: 11 }).hash('s3cret-enough');

    await expect(hasher.verify('s3cret-enough', stored)).resolves.toBe(true);
  });

  it('answers false, never throws, for a malformed stored hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$x$8$1$a$b', 'bcrypt$10$8$1$AAAA$AAAA', 'scrypt$40$8$1$AAAA$AAAA']) {
      await expect(hasher.verify('anything', stored)).resolves.toBe(false);
    }
  });

  it('spends one hash on a dummy when there is no stored hash, and answers false', async () => {
    await expect(hasher.verify('anything', undefined)).resolves.toBe(false);
  });

  it('derives the key with the stored parameters, as scrypt itself does', async () => {
    const stored = await createPasswordHasher({ log2N: 4, r: 2, p: 3 }).hash('pässword');
    const [, , , , salt, key] = stored.split('$');

    const expected = scryptSync('pässword'.normalize('NFC'), Buffer.from(salt!, 'base64url'), 32, { N: 16, r: 2, p: 3 });

    expect(Buffer.from(key!, 'base64url').equals(expected)).toBe(true);
  });

  describe('a stored hash that is not well formed', () => {
    /** A gate that counts the hashes spent, so a refusal can be told from a hash that merely does not match. */
    const counting = () => {
      const gate = createConcurrencyGate();
      const spent = { hashes: 0 };
      const counted = { ...gate, run: (work: () => Promise<Buffer>, signal?: AbortSignal) => (spent.hashes++, gate.run(work, signal)) };
      return { hasher: createPasswordHasher({ log2N: 1, r: 1, p: 1 }, counted as unknown as ConcurrencyGate), spent };
    };
    const wellFormed = async () => (await createPasswordHasher({ log2N: 1, r: 1, p: 1 }).hash('pw')).split('$');
    const withPart = async (index: number, value: string) => {
      const parts = await wellFormed();
      parts[index] = value;
      return parts.join('$');
    };

    it.each([
      ['another scheme', () => withPart(0, 'bcrypt')],
      ['a seventh part', async () => `${(await wellFormed()).join('$')}$more`],
      ['N as 2^0', () => withPart(1, '0')],
      ['N as 2^1.5', () => withPart(1, '1.5')],
      ['N over 2^20', () => withPart(1, '21')],
      ['r of 0', () => withPart(2, '0')],
      ['r over 32', () => withPart(2, '33')],
      ['p of 0', () => withPart(3, '0')],
      ['p over 16', () => withPart(3, '17')],
      ['no salt', () => withPart(4, '')],
      ['a key of 31 bytes', async () => withPart(5, Buffer.alloc(31).toString('base64url'))],
    ])('refuses %s without spending a hash', async (_case, stored) => {
      const { hasher, spent } = counting();

      await expect(hasher.verify('pw', await stored())).resolves.toBe(false);

      expect(spent.hashes).toBe(0);
    });

    it('takes r up to 32 and p up to 16 as well formed, and hashes to compare', async () => {
      const { hasher, spent } = counting();
      const stored = await withPart(2, '32')
        .then((text) => text.split('$'))
        .then((parts) => ((parts[3] = '16'), parts.join('$')));

      await expect(hasher.verify('pw', stored)).resolves.toBe(false); // its key was made with r=1, p=1

      expect(spent.hashes).toBe(1);
    });
  });
});
