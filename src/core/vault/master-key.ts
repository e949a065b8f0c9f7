/**
 * The vault's master key: from CSEP_MASTER_KEY, or a key file created at the first start with
 * mode 0600. Losing it makes every evidence object unreadable — back it up (README, "Back up the key").
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decodeKey } from '../config.ts';

export const MASTER_KEY_FILE = 'keys/master.key';

/** Returns the master key, creating the key file on the first start when none is configured. */
export function loadOrCreateMasterKey(dataDir: string, fromEnvironment: Buffer | undefined): { key: Buffer; source: string; created: boolean } {
  if (fromEnvironment) return { key: fromEnvironment, source: 'CSEP_MASTER_KEY', created: false };
  const file = path.join(dataDir, MASTER_KEY_FILE);
  if (fs.existsSync(file)) {
    const key = decodeKey(fs.readFileSync(file, 'utf8'));
    if (!key) throw new Error(`the master key file ${file} is damaged (expected 32 bytes as hex)`);
    return { key, source: file, created: false };
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  // 'wx': never overwrite a key another process just created.
  fs.writeFileSync(file, `${key.toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  return { key, source: file, created: true };
}
