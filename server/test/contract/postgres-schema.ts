// A fresh PostgreSQL schema per test on the suite's server (postgres-global-setup.ts): the adapter
// under test connects with search_path set to it, so tests never see each other's rows.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestSchema {
  /** A DATABASE_URL whose connections use this schema. */
  readonly url: string;
  drop(): Promise<void>;
}

export function databaseUrl(): string {
  const url = inject('databaseUrl');
  if (!url)
    throw new Error(
      'no PostgreSQL for the tests: TEST_DATABASE_URL is unset and globalSetup did not start one',
    );
  return url;
}

export async function createTestSchema(): Promise<TestSchema> {
  const base = databaseUrl();
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${name}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP SCHEMA ${name} CASCADE`);
      await client.end();
    },
  };
}
