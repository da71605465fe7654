import type { Client } from '@libsql/client';
import { column } from './rows';

export function createRequestCounterRepository(db: Client) {
  return {
    /** One statement, atomic on its own: the shard's row is created on its first use. */
    async increment(shard: number): Promise<void> {
      await db.execute({
        sql: 'INSERT INTO request_counter_shards (shard, count) VALUES (?, 1) ON CONFLICT (shard) DO UPDATE SET count = count + 1',
        args: [shard],
      });
    },

    async reset(): Promise<void> {
      await db.execute('UPDATE request_counter_shards SET count = 0');
    },

    async total(): Promise<number> {
      const result = await db.execute('SELECT coalesce(sum(count), 0) AS total FROM request_counter_shards');
      return column<number>(result.rows[0]!, 'total');
    },
  };
}

export type RequestCounterRepository = ReturnType<typeof createRequestCounterRepository>;
