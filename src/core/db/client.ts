/**
 * The database: PostgreSQL SQL everywhere — the embedded PGlite by default (files under
 * DATA_DIR), a real PostgreSQL server when DATABASE_URL is set. One dialect, one set of migrations.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repository methods accept either the database or an open transaction. */
export type DbOrTx = Database | Transaction;

/** Raw SQL access for pg-boss and for the few places that need plain statements. */
export type SqlResult = { rows: Record<string, unknown>[] };
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<SqlResult>;

export type DatabaseHandle = {
  kind: 'pglite' | 'postgres';
  db: Database;
  executeSql: ExecuteSql;
  close(): Promise<void>;
};

export type OpenDatabaseOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string | null /* null: in memory */ };

/** Opens the database named by the options; the caller owns the handle and closes it. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    await pool.query('select 1');
    const db = drizzleNodePg(pool, { schema }) as unknown as Database;
    return {
      kind: 'postgres',
      db,
      executeSql: async (text, values) => {
        const result = await pool.query(text, values as unknown[] | undefined);
        return { rows: result.rows as Record<string, unknown>[] };
      },
      close: () => pool.end(),
    };
  }
  let client: PGlite;
  if (options.dataDir === null) {
    client = new PGlite();
  } else {
    const pgdata = path.join(options.dataDir, 'pgdata');
    fs.mkdirSync(pgdata, { recursive: true, mode: 0o700 });
    client = new PGlite(pgdata);
  }
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    kind: 'pglite',
    db,
    // pg-boss sends its schema script as one multi-statement text without parameters: PGlite's
    // `query` takes one statement, so parameter-less SQL goes through `exec` (DESIGN.md, jobs).
    executeSql: async (text, values) => {
      if (values === undefined || values.length === 0) {
        const results = await client.exec(text);
        const last = results.at(-1);
        return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
      }
      const result = await client.query(text, values);
      return { rows: result.rows as Record<string, unknown>[] };
    },
    close: () => client.close(),
  };
}
