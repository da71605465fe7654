import { createClient, type Client } from '@libsql/client/web';
import { startCountingProxy, type CountingProxy } from '../../../harness/countingProxy';
import { startSqld, type Sqld } from '../../../harness/sqld';

/** A gate the test opens: requests it holds are the proxy's added latency, without timing anything. */
function gate() {
  const waiting: (() => void)[] = [];
  return {
    wait: () => new Promise<void>((resolve) => waiting.push(resolve)),
    get held() {
      return waiting.length;
    },
    openAll: () => waiting.splice(0).forEach((release) => release()),
  };
}

const settled = async <T>(promise: Promise<T>) => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  // Long enough for a loopback answer to arrive had the proxy let the request through.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return done;
};

/**
 * The bench and the many-instances test put this proxy between the functions and a real sqld: it counts the HTTP
 * requests sqld receives (each a round trip a deployed function waits for) and can hold each one back, standing for
 * the network between a Lambda and its database.
 */
describe('the counting proxy in front of sqld', () => {
  let sqld: Sqld;
  let proxy: CountingProxy;
  let client: Client | undefined;
  beforeAll(async () => {
    sqld = await startSqld();
  });
  afterAll(async () => {
    await sqld.close();
  });
  afterEach(async () => {
    client?.close();
    client = undefined;
    await proxy.close();
  });

  it("forwards each HTTP request to sqld, answers sqld's answer and counts one request per round trip", async () => {
    proxy = await startCountingProxy({ target: sqld.url });
    client = createClient({ url: proxy.url, intMode: 'number' });

    await client.execute('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT)');
    const afterFirst = proxy.requests;
    await client.batch(["INSERT INTO notes (text) VALUES ('one')", "INSERT INTO notes (text) VALUES ('two')"], 'write');
    const afterBatch = proxy.requests;
    const rows = await client.execute('SELECT count(*) AS n FROM notes');

    expect(afterFirst).toBeGreaterThanOrEqual(1);
    expect(afterBatch - afterFirst).toBe(1);
    expect(proxy.requests - afterBatch).toBe(1);
    expect(rows.rows[0]).toMatchObject({ n: 2 });
    expect((await fetch(`${proxy.url}/health`)).status).toBe(200);
    expect(proxy.requests - afterBatch).toBe(2);
  });

  it('holds each HTTP request until its wait is over', async () => {
    const latency = gate();
    proxy = await startCountingProxy({ target: sqld.url, wait: latency.wait });
    client = createClient({ url: proxy.url, intMode: 'number' });

    const answer = client.execute('SELECT 41 + 1 AS n');

    expect(await settled(answer)).toBe(false);
    expect(latency.held).toBe(1);
    latency.openAll();
    expect((await answer).rows[0]).toMatchObject({ n: 42 });
  });

  it('tunnels WebSocket connections to sqld, counting each, and holds what the client sends until its wait is over', async () => {
    const latency = gate();
    proxy = await startCountingProxy({ target: sqld.url, wait: latency.wait });
    client = createClient({ url: proxy.url.replace(/^http/, 'ws'), intMode: 'number' });

    const answer = client.execute('SELECT 6 * 7 AS n');
    // The upgrade, then the client's hello and request, each wait at the proxy until released.
    let releases = 0;
    while (!(await settled(answer))) {
      expect(latency.held).toBeGreaterThan(0);
      latency.openAll();
      releases++;
    }

    expect(releases).toBeGreaterThanOrEqual(2);
    expect((await answer).rows[0]).toMatchObject({ n: 42 });
    expect(proxy.webSockets).toBe(1);
    expect(proxy.requests).toBe(0);
  });
});
