/**
 * A deployed Lambda talks to a libSQL server over HTTP and ships without libSQL's native binary, so
 * opening a server URL must never load the native `libsql` package.
 */
describe('the libSQL client for a server URL', () => {
  beforeEach(() => {
    jest.resetModules();
    jest.doMock('libsql', () => {
      throw new Error('the native libsql driver was loaded');
    });
  });
  afterEach(() => jest.dontMock('libsql'));

  it.each(['http://127.0.0.1:9', 'libsql://movies-acme.turso.io', 'https://db.example.com'])(
    'is created for %s without loading the native driver',
    async (url) => {
      const { createLibsqlClient } = await import('../../../lib/db/client');

      const client = await createLibsqlClient({ url, authToken: 'token' });

      expect(client.closed).toBe(false);
      client.close();
    },
  );

  it('while a file database does need it (so the check above can fail)', async () => {
    const { createLibsqlClient } = await import('../../../lib/db/client');

    await expect(createLibsqlClient({ url: ':memory:' })).rejects.toThrow('the native libsql driver was loaded');
  });
});

/** The mirror image: a local database opens with the native driver alone, leaving the network clients unloaded. */
describe('the libSQL client for a local database', () => {
  beforeEach(() => {
    jest.resetModules();
    jest.doMock('ws', () => {
      throw new Error('the WebSocket client was loaded');
    });
  });
  afterEach(() => jest.dontMock('ws'));

  it.each([':memory:', 'file::memory:'])('is created for %s without loading the WebSocket client', async (url) => {
    const { createLibsqlClient } = await import('../../../lib/db/client');

    const client = await createLibsqlClient({ url });

    expect((await client.execute('SELECT 1 AS one')).rows[0]).toMatchObject({ one: 1 });
    client.close();
  });
});
