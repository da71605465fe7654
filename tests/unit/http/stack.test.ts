import { allRoutes } from '../../../lib/schemas/routes';
import { stackOf } from '../../../lib/http/stack';
import type { StackServices } from '../../../lib/http/context';

const provide = async (): Promise<StackServices> => {
  throw new Error('not called: the stack is only built here');
};

describe('the HTTP stack, declared once as data (lib/http/stack.ts)', () => {
  it('puts every layer after the layers that give the stages it needs, on every route', () => {
    for (const route of allRoutes) {
      const given = new Set<string>();
      for (const layer of stackOf(route, provide)) {
        const missing = layer.needs.filter((stage) => !given.has(stage));
        expect({ route: route.functionName, layer: layer.name, missing }).toEqual({
          route: route.functionName,
          layer: layer.name,
          missing: [],
        });
        layer.gives.forEach((stage) => given.add(stage));
      }
    }
  });

  it('gives each stage in exactly one layer, and says why each layer sits where it does', () => {
    const layers = stackOf(allRoutes[0]!, provide);
    const gives = layers.flatMap((layer) => layer.gives);

    expect(new Set(gives).size).toBe(gives.length);
    for (const layer of layers) expect(layer.why.length).toBeGreaterThan(20);
  });

  it('logs outermost, maps errors innermost and confirms the sign-in inside the error mapping', () => {
    const names = stackOf(allRoutes[0]!, provide).map((layer) => layer.name);

    expect(names[0]).toBe('requestLog');
    expect(names.indexOf('securityHeaders')).toBeLessThan(names.indexOf('entityTags'));
    expect(names.indexOf('countRequests')).toBeLessThan(names.indexOf('authenticate'));
    expect(names.indexOf('limitClients')).toBeLessThan(names.indexOf('authenticate'));
    expect(names.indexOf('authenticate')).toBeLessThan(names.indexOf('readBody'));
    expect(names.indexOf('requestInput')).toBeLessThan(names.indexOf('idempotency'));
    expect(names.slice(-2)).toEqual(['problemJsonErrors', 'confirmSignIn']);
  });
});
