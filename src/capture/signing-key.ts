/**
 * Ed25519 keys that sign capture manifests. The private key is evidence-integrity material and
 * is kept readable by its owner only (mode 0600, directory 0700) per G6.3.6 confidentiality.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A loaded Ed25519 key pair. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** Result of {@link loadOrCreateSigningKey}. */
export interface LoadedSigningKey extends SigningKey {
  path: string;
  created: boolean;
  /** True when the PEM file is readable by group or others (mode & 0o077). */
  insecurePermissions: boolean;
}

/** Generates a fresh Ed25519 key pair in memory. */
export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey };
}

/** Parses a PKCS#8 PEM private key and checks that it is Ed25519. */
export function signingKeyFromPem(pem: string | Buffer): SigningKey {
  const privateKey = createPrivateKey({ key: pem, format: 'pem' });
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`signing key must be Ed25519, got ${privateKey.asymmetricKeyType ?? 'unknown'}`);
  }
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** Exports the private key as PKCS#8 PEM. */
export function privateKeyPem(key: SigningKey): string {
  return key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/**
 * Loads the PEM private key at `path`; if the file does not exist, generates a key and writes it
 * with mode 0600 (parent directories 0700). `wx` makes creation exclusive, so two processes
 * starting together never overwrite each other's key.
 */
export async function loadOrCreateSigningKey(path: string): Promise<LoadedSigningKey> {
  try {
    const pem = await readFile(path);
    const info = await stat(path);
    return { ...signingKeyFromPem(pem), path, created: false, insecurePermissions: (info.mode & 0o077) !== 0 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = generateSigningKey();
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, privateKeyPem(key), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Lost a creation race: use the key the other process wrote.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSigningKey(path);
    throw error;
  }
  return { ...key, path, created: true, insecurePermissions: false };
}

/** The raw 32-byte Ed25519 public key, base64 (standard alphabet, padded) — the manifest `public_key`. */
export function publicKeyBase64(key: SigningKey | KeyObject): string {
  const publicKey = 'publicKey' in key ? key.publicKey : key;
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

/** The public key as SPKI PEM, for handing to a verifier outside this platform. */
export function publicKeyPem(key: SigningKey | KeyObject): string {
  const publicKey = 'publicKey' in key ? key.publicKey : key;
  return publicKey.export({ format: 'pem', type: 'spki' }).toString();
}

/** Rebuilds a public KeyObject from the raw base64 form used in manifests. */
export function publicKeyFromBase64(base64: string): KeyObject {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32) throw new Error(`Ed25519 public key must be 32 bytes, got ${raw.length}`);
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** sha256 (hex) of the raw public key — a short, stable key identifier. */
export function keyId(key: SigningKey | KeyObject): string {
  return createHash('sha256').update(Buffer.from(publicKeyBase64(key), 'base64')).digest('hex');
}

/** Ed25519 signature of `data`, base64. */
export function signBytes(key: SigningKey, data: Buffer): string {
  return sign(null, data, key.privateKey).toString('base64');
}

/** Verifies a base64 Ed25519 signature against a raw base64 public key; false on any malformation. */
export function verifyBytes(publicKeyB64: string, data: Buffer, signatureB64: string): boolean {
  try {
    const signature = Buffer.from(signatureB64, 'base64');
    if (signature.length !== 64) return false;
    return verify(null, data, publicKeyFromBase64(publicKeyB64), signature);
  } catch {
    return false;
  }
}
