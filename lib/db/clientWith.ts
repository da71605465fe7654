import type { Client } from '@libsql/client';

/**
 * The client with some of its methods replaced (a write charge or a sign-in check riding on each call, a counter),
 * every other method and property passed through, bound to the client itself so its private state still works.
 */
export function clientWith(client: Client, replaced: Partial<Pick<Client, 'batch' | 'execute'>>): Client {
  return new Proxy(client, {
    get(target, property) {
      if (Object.hasOwn(replaced, property)) return replaced[property as keyof typeof replaced];
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
