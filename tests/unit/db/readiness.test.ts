import { openMigratedDatabase } from '../../../lib/db/client';
import { databaseAnswers } from '../../../lib/db/readiness';
import { DatabaseUnavailable } from '../../../lib/errors';
import { startSqld } from '../../../harness/sqld';

describe('databaseAnswers (readiness)', () => {
  it('resolves while the database answers, and fails with DatabaseUnavailable once it is gone', async () => {
    const sqld = await startSqld();
    const db = await openMigratedDatabase({ url: sqld.url });
    try {
      await expect(databaseAnswers(db)).resolves.toBeUndefined();
      await sqld.kill();

      await expect(databaseAnswers(db)).rejects.toBeInstanceOf(DatabaseUnavailable);
    } finally {
      db.close();
      await sqld.close();
    }
  });

  it('gives up at its own bound on a server that takes the connection and never answers, whatever the client would wait', async () => {
    const sqld = await startSqld();
    const db = await openMigratedDatabase({ url: sqld.url, timeoutMs: 30_000 });
    process.kill(sqld.pid!, 'SIGSTOP');
    try {
      await expect(databaseAnswers(db, 200)).rejects.toBeInstanceOf(DatabaseUnavailable);
    } finally {
      process.kill(sqld.pid!, 'SIGCONT');
      db.close();
      await sqld.close();
    }
  });

  it('fails with DatabaseUnavailable on a database that answers with an error', async () => {
    const db = await openMigratedDatabase({ url: ':memory:' });
    db.close();

    await expect(databaseAnswers(db)).rejects.toBeInstanceOf(DatabaseUnavailable);
  });
});
