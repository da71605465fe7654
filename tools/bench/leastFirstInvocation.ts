import { createClient } from '@libsql/client/sqlite3';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

// The first-invocation yardstick beside hello-world: the least a function on a file database can do. The native
// driver loaded and the database opened while the module loads (INIT), then one counted request (the counter's
// upsert) and one primary-key read, answered as JSON: no validation, no middleware, no logger, no migration check.
const db = createClient({ url: process.env.DATABASE_URL ?? 'file:.data/movies.db', intMode: 'number' });

export const handler = async (event: APIGatewayProxyEventV2) => {
  await db.execute({
    sql: 'INSERT INTO request_counter_shards (shard, count) VALUES (?, 1) ON CONFLICT (shard) DO UPDATE SET count = count + 1',
    args: [0],
  });
  const { rows } = await db.execute({ sql: 'SELECT * FROM movies WHERE id = ?', args: [Number(event.pathParameters?.id ?? 1)] });
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(rows[0] ?? null) };
};
