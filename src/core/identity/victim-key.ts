/**
 * The victim key (G6.3.6, issue #7): victims' names, national ID numbers, dates of birth and
 * contacts are sealed field by field with a key of their own — neither the evidence master key nor
 * the reporters' identity key — so holding one of those opens no victim's identity. From
 * CSEP_VICTIM_KEY or `keys/victim.key`, created at the first start (mode 0600); back it up like the
 * master key: without it the sealed identities cannot be opened again.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { readOrCreateKeyFile, type IdentityKey } from './identity-key.ts';

export const VICTIM_KEY_FILE = 'keys/victim.key';

/**
 * A key for victims' identities. The `purpose` brand keeps the type checker from accepting the
 * reporters' identity key where the victim key is meant (the sealing functions are shared).
 */
export type VictimKey = IdentityKey & { readonly purpose: 'victim' };

/** Wraps 32 bytes as the victim key; its id is derived under a label of its own, so it never equals an identity key's id. */
export function victimKeyFrom(key: Buffer): VictimKey {
  if (key.length !== 32) throw new Error('the victim key must be 32 bytes');
  const id = createHash('sha256').update('csep-victim-key').update(key).digest('hex').slice(0, 16);
  return { id, key, purpose: 'victim' };
}

/** Returns the victim key, creating the key file on the first start when none is configured. */
export function loadOrCreateVictimKey(dataDir: string, fromEnvironment: Buffer | undefined): VictimKey {
  return victimKeyFrom(fromEnvironment ?? readOrCreateKeyFile(path.join(dataDir, VICTIM_KEY_FILE), 'victim key'));
}
