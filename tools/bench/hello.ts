// The cold-start yardstick: a handler that does nothing, bundled like the real ones.
export const handler = async () => ({ statusCode: 200, body: '{"hello":"world"}' });
