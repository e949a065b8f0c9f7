/**
 * Every database test runs on PGlite and, when TEST_DATABASE_URL (or DATABASE_URL) names a
 * PostgreSQL server, again on PostgreSQL — each test file in its own freshly created database,
 * dropped afterwards, because the machine's server is shared between runs.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/core/db/client.ts';
import { migrateDatabase } from '../../src/core/db/migrate.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

function postgresBaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

/** The backends this run tests against. */
export function databaseKindsUnderTest(): TestDatabaseKind[] {
  return postgresBaseUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

export type TestDatabase = DatabaseHandle & {
  /** A URL other processes (the CLI) can open, or null for in-memory PGlite. */
  url: string | null;
  /** Runs SQL as the database owner, for tests that tamper with rows behind the application's back. */
  superuserSql(text: string): Promise<void>;
  drop(): Promise<void>;
};

/** Creates, migrates and returns a private database of the given kind. */
export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrateDatabase(handle);
    return {
      ...handle,
      url: null,
      superuserSql: async (text) => {
        await handle.executeSql(text);
      },
      drop: () => handle.close(),
    };
  }
  const baseUrl = postgresBaseUrl();
  if (!baseUrl) throw new Error('no PostgreSQL URL configured for tests');
  const name = `csep_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
  await migrateDatabase(handle);
  return {
    ...handle,
    url: url.toString(),
    superuserSql: async (text) => {
      await handle.executeSql(text);
    },
    drop: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: baseUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/**
 * `describe` once per backend under test, with a fresh migrated database for the block.
 * `use()` returns the current block's database inside tests and hooks.
 */
export function describeEachDatabase(name: string, body: (use: () => TestDatabase, kind: TestDatabaseKind) => void): void {
  for (const kind of databaseKindsUnderTest()) {
    describe(`${name} [${kind}]`, () => {
      let database: TestDatabase | null = null;
      beforeAll(async () => {
        database = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await database?.drop();
      });
      body(() => {
        if (!database) throw new Error('test database not ready');
        return database;
      }, kind);
    });
  }
}
