import path from 'node:path';
import type { AppConfig } from '../config.ts';
import { LocalBlobStore } from './local-blob-store.ts';
import { loadOrCreateMasterKey } from './master-key.ts';
import { Vault } from './vault.ts';

/**
 * Opens the evidence vault under DATA_DIR/vault with the configured master key (creating the key
 * file on the first start), and clears temporaries left by a process that died mid-write.
 */
export async function openConfiguredVault(config: AppConfig): Promise<{ vault: Vault; keyCreated: boolean; keySource: string }> {
  const { key, created, source } = loadOrCreateMasterKey(config.dataDir, config.masterKey);
  const store = new LocalBlobStore(path.join(config.dataDir, 'vault'));
  await store.removeAbandonedTemporaries();
  return { vault: new Vault(store, key), keyCreated: created, keySource: source };
}
