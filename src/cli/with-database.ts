/**
 * Opens the configured database for one command, migrated and bootstrapped, and closes it after.
 * Refuses clearly when the server holds the embedded database.
 */
import os from 'node:os';
import { loadConfig, type AppConfig } from '../core/config.ts';
import { bootstrapSystem } from '../core/bootstrap.ts';
import type { Database } from '../core/db/client.ts';
import { migrateDatabase } from '../core/db/migrate.ts';
import { openConfiguredDatabase } from '../core/db/open-from-config.ts';
import { CliError } from './cli-error.ts';

export type CommandDatabase = { db: Database; config: AppConfig; adminOneTimePassword: string | null };

/** Runs `work` against the migrated database; `bootstrap` seeds units and the first administrator. */
export async function withDatabase<T>(work: (ctx: CommandDatabase) => Promise<T>, options: { bootstrap?: boolean } = {}): Promise<T> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  let handle;
  try {
    handle = await openConfiguredDatabase(config);
  } catch (error) {
    throw new CliError(`cannot open the database: ${(error as Error).message}`);
  }
  try {
    await migrateDatabase(handle);
    const adminOneTimePassword = options.bootstrap === false ? null : (await bootstrapSystem(handle.db)).adminOneTimePassword;
    return await work({ db: handle.db, config, adminOneTimePassword });
  } finally {
    await handle.close();
  }
}

/** The audit identity of the operator running the command (`cli:<os user>`). */
export function cliSystemName(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}
