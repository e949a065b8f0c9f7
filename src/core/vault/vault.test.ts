import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalBlobStore } from './local-blob-store.ts';
import { loadOrCreateMasterKey } from './master-key.ts';
import { Vault, VaultSizeLimitError } from './vault.ts';

describe('vault', () => {
  let dir: string;
  let store: LocalBlobStore;
  let vault: Vault;
  const key = randomBytes(32);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csep-vault-'));
    store = new LocalBlobStore(dir);
    vault = new Vault(store, key);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function objectFile(sha256: string) {
    return path.join(dir, 'objects', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  it('stores content under its SHA-256, encrypted, once', async () => {
    const content = Buffer.from('合成測試證據 synthetic evidence '.repeat(1000));
    const first = await vault.ingest(Readable.from([content.subarray(0, 100), content.subarray(100)]), { wantMd5: () => true });
    expect(first.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(first.md5).toBe(createHash('md5').update(content).digest('hex'));
    expect(first.size).toBe(content.length);
    expect(first.newlyStored).toBe(true);
    const onDisk = fs.readFileSync(objectFile(first.sha256));
    expect(onDisk.includes(Buffer.from('synthetic evidence'))).toBe(false);
    expect(fs.statSync(objectFile(first.sha256)).mode & 0o777).toBe(0o400);
    const second = await vault.ingest(Readable.from([content]));
    expect(second.newlyStored).toBe(false);
    expect(second.md5).toBeNull();
    expect(await vault.readAll(first.sha256)).toEqual(content);
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
  });

  it('detects a flipped byte and a deleted object', async () => {
    const a = await vault.ingest(Readable.from([randomBytes(50_000)]));
    const b = await vault.ingest(Readable.from([randomBytes(50_000)]));
    const file = objectFile(a.sha256);
    fs.chmodSync(file, 0o600);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 1000]! ^= 0x01;
    fs.writeFileSync(file, bytes);
    expect(await vault.verify(a.sha256)).toEqual({ sha256: a.sha256, ok: false, problem: 'unreadable' });
    fs.rmSync(objectFile(b.sha256));
    expect(await vault.verify(b.sha256)).toEqual({ sha256: b.sha256, ok: false, problem: 'missing' });
  });

  it('refuses to open objects with another master key', async () => {
    const stored = await vault.ingest(Readable.from([Buffer.from('x')]));
    const other = new Vault(store, randomBytes(32));
    await expect(other.readAll(stored.sha256)).rejects.toThrow(/master key/);
  });

  it('stores nothing when the size limit is exceeded or the source fails', async () => {
    await expect(vault.ingest(Readable.from([randomBytes(10_000)]), { maxBytes: 5000 })).rejects.toBeInstanceOf(VaultSizeLimitError);
    const failing = (async function* () {
      yield Buffer.from('partial');
      throw new Error('connection lost');
    })();
    await expect(vault.ingest(failing)).rejects.toThrow('connection lost');
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
    const keys: string[] = [];
    for await (const k of vault.keys()) keys.push(k);
    expect(keys).toEqual([]);
  });

  it('handles empty content', async () => {
    const empty = await vault.ingest(Readable.from([]));
    expect(empty.size).toBe(0);
    expect((await vault.readAll(empty.sha256)).length).toBe(0);
  });

  it('creates the master key file once with mode 0600 and reuses it', () => {
    const first = loadOrCreateMasterKey(dir, undefined);
    expect(first.created).toBe(true);
    expect(fs.statSync(path.join(dir, 'keys/master.key')).mode & 0o777).toBe(0o600);
    const again = loadOrCreateMasterKey(dir, undefined);
    expect(again.created).toBe(false);
    expect(again.key.equals(first.key)).toBe(true);
    const fromEnv = randomBytes(32);
    expect(loadOrCreateMasterKey(dir, fromEnv).key).toBe(fromEnv);
  });
});
