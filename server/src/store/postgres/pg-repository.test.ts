// The PostgreSQL adapter: the repository contract suite on a real PostgreSQL server (one schema per
// test), and what only PostgreSQL has: migrations under an advisory lock, BIGINT money, URL errors.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  describeRepositoryContract,
  type AdapterUnderTest,
} from '../../../test/contract/repository-contract.js';
import { describeSharedLedger } from '../../../test/contract/shared-ledger-contract.js';
import { createTestSchema, type TestSchema } from '../../../test/contract/postgres-schema.js';
import { newOrder } from '../../../test/ledger/ledger-fixtures.js';
import { minorUnits } from '../../qiwi/index.js';
import { migrateDatabase, openRepository } from '../open-repository.js';
import { PG_MIGRATIONS } from './pg-migrations.js';
import { openPgRepository } from './pg-repository.js';

function pgAdapter(): AdapterUnderTest {
  let schema: Promise<TestSchema> | undefined;
  return {
    concurrentConnections: true,
    open: async () => openPgRepository((await (schema ??= createTestSchema())).url),
    cleanup: async () => (await schema)?.drop(),
  };
}

describeRepositoryContract('PostgreSQL', pgAdapter);
describeSharedLedger('PostgreSQL', pgAdapter);

describe('PostgreSQL migrations', () => {
  it('run once even when several instances start at once, and refuse a newer database', async () => {
    const schema = await createTestSchema();
    try {
      const results = await Promise.all([1, 2, 3, 4].map(() => migrateDatabase(schema.url)));
      const latest = PG_MIGRATIONS.at(-1)?.version;
      expect(results.flatMap((r) => r.applied).sort()).toEqual(PG_MIGRATIONS.map((m) => m.version));
      expect(results.map((r) => r.version)).toEqual([latest, latest, latest, latest]);
      // The password never appears in what migrate prints.
      const password = new URL(schema.url).password;
      for (const r of results) expect(r.where).not.toContain(password);
      const client = new pg.Client({ connectionString: schema.url });
      await client.connect();
      await client.query("INSERT INTO schema_migrations VALUES (99, 'later')");
      await client.end();
      await expect(openRepository(schema.url)).rejects.toThrow(/schema version 99.*upgrade the server/);
    } finally {
      await schema.drop();
    }
  });

  it('keeps the largest amount exact (BIGINT read back as a number)', async () => {
    const schema = await createTestSchema();
    const repo = await openRepository(schema.url);
    try {
      await repo.transaction((tx) => tx.insertOrder(newOrder({ amount: minorUnits(99_999_999) })));
      expect((await repo.getOrder('order-1001'))?.amount).toBe(99_999_999);
    } finally {
      await repo.close();
      await schema.drop();
    }
  });

  it('says which server it cannot reach without showing the password', async () => {
    const error = await openRepository('postgres://qiwipay:s3cret-pw@127.0.0.1:1/qiwipay').catch(
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).not.toContain('s3cret-pw');
  });
});
