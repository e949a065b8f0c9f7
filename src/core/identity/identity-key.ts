/**
 * The identity key (G6.3.6, Act Art. 7): reporters' and informants' names and contacts are
 * encrypted with a key of their own — not the evidence master key — so access to the evidence
 * vault does not reveal who reported. From CSEP_IDENTITY_KEY or a key file created at the first
 * start (mode 0600); back it up like the master key.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decodeKey } from '../config.ts';

export const IDENTITY_KEY_FILE = 'keys/identity.key';

export type IdentityKey = { id: string; key: Buffer };

function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('csep-identity-key').update(key).digest('hex').slice(0, 16);
}

export function identityKeyFrom(key: Buffer): IdentityKey {
  if (key.length !== 32) throw new Error('the identity key must be 32 bytes');
  return { id: keyIdOf(key), key };
}

/** Reads a 32-byte key file (hex), creating it (mode 0600) with a random key when it does not exist yet. */
export function readOrCreateKeyFile(file: string, label: string): Buffer {
  if (fs.existsSync(file)) {
    const key = decodeKey(fs.readFileSync(file, 'utf8'));
    if (!key) throw new Error(`the ${label} file ${file} is damaged (expected 32 bytes as hex)`);
    return key;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  fs.writeFileSync(file, `${key.toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  return key;
}

/** Returns the identity key, creating the key file on the first start when none is configured. */
export function loadOrCreateIdentityKey(dataDir: string, fromEnvironment: Buffer | undefined): IdentityKey {
  return identityKeyFrom(fromEnvironment ?? readOrCreateKeyFile(path.join(dataDir, IDENTITY_KEY_FILE), 'identity key'));
}

/** AES-256-GCM; the record id is bound as associated data so a ciphertext cannot be moved to another row. */
export function sealIdentity(identityKey: IdentityKey, plaintext: string, recordId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', identityKey.key, iv);
  cipher.setAAD(Buffer.from(recordId, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function openIdentity(identityKey: IdentityKey, sealed: string, recordId: string): string {
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length < 28) throw new Error('sealed identity is too short');
  const decipher = createDecipheriv('aes-256-gcm', identityKey.key, bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(recordId, 'utf8'));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}
