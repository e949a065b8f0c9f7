import type { AppConfig } from '../config.ts';
import { openDatabase, type DatabaseHandle } from './client.ts';
import { acquireEmbeddedDatabaseLock } from './embedded-lock.ts';

/**
 * Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, else PGlite
 * under DATA_DIR, guarded so only one process opens the embedded files.
 */
export async function openConfiguredDatabase(config: AppConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) return openDatabase({ kind: 'postgres', url: config.databaseUrl });
  const release = acquireEmbeddedDatabaseLock(config.dataDir);
  try {
    const handle = await openDatabase({ kind: 'pglite', dataDir: config.dataDir });
    return {
      ...handle,
      close: async () => {
        try {
          await handle.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
