import type { Client, InStatement } from '@libsql/client';
import { column } from './rows';

/** One statement, atomic on its own: the shard's row is created on its first use. */
const incrementStatement = (shard: number): InStatement => ({
  sql: 'INSERT INTO request_counter_shards (shard, count) VALUES (?, 1) ON CONFLICT (shard) DO UPDATE SET count = count + 1',
  args: [shard],
});

export function createRequestCountRepository(db: Client) {
  return {
    incrementStatement,

    async increment(shard: number): Promise<void> {
      await db.batch([incrementStatement(shard)], 'write');
    },

    async reset(): Promise<void> {
      await db.batch(['UPDATE request_counter_shards SET count = 0'], 'write');
    },

    async total(): Promise<number> {
      const result = await db.execute('SELECT coalesce(sum(count), 0) AS total FROM request_counter_shards');
      return column<number>(result.rows[0]!, 'total');
    },
  };
}

export type RequestCountRepository = ReturnType<typeof createRequestCountRepository>;
