import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  generateSigningKey,
  keyId,
  loadOrCreateSigningKey,
  privateKeyPem,
  publicKeyBase64,
  publicKeyFromBase64,
  publicKeyPem,
  signBytes,
  signingKeyFromPem,
  verifyBytes,
} from './signing-key.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'csep-key-'));
  dirs.push(dir);
  return dir;
}

describe('signing keys', () => {
  it('creates a missing key file with mode 0600 in a 0700 directory, then loads the same key', async () => {
    const path = join(await tempDir(), 'keys', 'capture-ed25519.pem');
    const created = await loadOrCreateSigningKey(path);
    expect(created.created).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(path, '..'))).mode & 0o777).toBe(0o700);
    expect(await readFile(path, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const loaded = await loadOrCreateSigningKey(path);
    expect(loaded.created).toBe(false);
    expect(loaded.insecurePermissions).toBe(false);
    expect(publicKeyBase64(loaded)).toBe(publicKeyBase64(created));
  });

  it('flags a key file readable by others', async () => {
    const path = join(await tempDir(), 'k.pem');
    await writeFile(path, privateKeyPem(generateSigningKey()));
    await chmod(path, 0o644);
    expect((await loadOrCreateSigningKey(path)).insecurePermissions).toBe(true);
  });

  it('exports the raw public key as 32 bytes base64 and as SPKI PEM', () => {
    const key = generateSigningKey();
    const b64 = publicKeyBase64(key);
    expect(Buffer.from(b64, 'base64')).toHaveLength(32);
    expect(publicKeyPem(key)).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(publicKeyBase64(publicKeyFromBase64(b64))).toBe(b64);
    expect(keyId(key)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs and verifies, and rejects tampering or the wrong key', () => {
    const key = generateSigningKey();
    const data = Buffer.from('{"a":1}');
    const signature = signBytes(key, data);
    expect(verifyBytes(publicKeyBase64(key), data, signature)).toBe(true);
    expect(verifyBytes(publicKeyBase64(key), Buffer.from('{"a":2}'), signature)).toBe(false);
    expect(verifyBytes(publicKeyBase64(generateSigningKey()), data, signature)).toBe(false);
    expect(verifyBytes('not-a-key', data, signature)).toBe(false);
    expect(verifyBytes(publicKeyBase64(key), data, 'AAAA')).toBe(false);
  });

  it('refuses a non-Ed25519 PEM', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => signingKeyFromPem(privateKey.export({ format: 'pem', type: 'pkcs8' }))).toThrow(/Ed25519/);
  });
});
