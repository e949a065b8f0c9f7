/**
 * The same behaviour for every blob store: the local folder always, and an S3-compatible service
 * when one is reachable (set S3_TEST_ENDPOINT, S3_TEST_BUCKET, S3_TEST_ACCESS_KEY, S3_TEST_SECRET_KEY;
 * none runs on this machine, so the S3 run is skipped here and says so).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { BlobStore } from './blob-store.ts';
import { LocalBlobStore } from './local-blob-store.ts';
import { S3BlobStore } from './s3-blob-store.ts';
import { Vault } from './vault.ts';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csep-blob-contract-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const s3 = process.env.S3_TEST_ENDPOINT
  ? {
      endpoint: process.env.S3_TEST_ENDPOINT,
      bucket: process.env.S3_TEST_BUCKET ?? 'csep-test',
      accessKeyId: process.env.S3_TEST_ACCESS_KEY ?? '',
      secretAccessKey: process.env.S3_TEST_SECRET_KEY ?? '',
    }
  : null;

const stores: [string, (() => BlobStore) | null][] = [
  ['local folder', () => new LocalBlobStore(tempDir())],
  [
    's3-compatible',
    s3
      ? () =>
          new S3BlobStore({
            bucket: s3.bucket,
            endpoint: s3.endpoint,
            prefix: `test-${randomBytes(4).toString('hex')}/`,
            credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
            tempDir: tempDir(),
          })
      : null,
  ],
];

for (const [name, makeStore] of stores) {
  describe.skipIf(makeStore === null)(`blob store contract: ${name}`, () => {
    it('stores once per hash, reads back ranges, lists keys', async () => {
      const store = makeStore!();
      const vault = new Vault(store, randomBytes(32));
      const content = randomBytes(300_000);
      const first = await vault.ingest(Readable.from([content]));
      const again = await vault.ingest(Readable.from([content]));
      expect(first.newlyStored).toBe(true);
      expect(again.newlyStored).toBe(false);
      expect(await vault.readAll(first.sha256)).toEqual(content);
      expect(await store.size('0'.repeat(64))).toBeNull();
      const keys: string[] = [];
      for await (const key of store.keys()) keys.push(key);
      expect(keys).toEqual([first.sha256]);
      expect((await vault.verify(first.sha256)).ok).toBe(true);
    });
  });
}
