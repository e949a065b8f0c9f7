/**
 * The local-folder blob store: `objects/ab/cd/<key>` under the vault folder. A write lands in
 * `tmp/` first and is fsynced, then renamed into place and the folder fsynced, so a crash leaves
 * either no object or a whole one — never a partial object under a real key.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStore } from './blob-store.ts';

const KEY_PATTERN = /^[0-9a-f]{64}$/;

export class LocalBlobStore implements BlobStore {
  private readonly objectsDir: string;
  private readonly tmpDir: string;

  constructor(readonly rootDir: string) {
    this.objectsDir = path.join(rootDir, 'objects');
    this.tmpDir = path.join(rootDir, 'tmp');
    fs.mkdirSync(this.objectsDir, { recursive: true, mode: 0o700 });
    fs.mkdirSync(this.tmpDir, { recursive: true, mode: 0o700 });
  }

  /** Removes temporary files left by a process that died mid-write (run at start-up). */
  async removeAbandonedTemporaries(olderThanMs = 0): Promise<number> {
    let removed = 0;
    for (const name of await fsp.readdir(this.tmpDir)) {
      const file = path.join(this.tmpDir, name);
      const stat = await fsp.stat(file).catch(() => null);
      if (stat && Date.now() - stat.mtimeMs >= olderThanMs) {
        await fsp.rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  private objectPath(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error(`invalid object key: ${key}`);
    return path.join(this.objectsDir, key.slice(0, 2), key.slice(2, 4), key);
  }

  async tempPath(): Promise<string> {
    return path.join(this.tmpDir, `${randomUUID()}.part`);
  }

  async commit(tempFile: string, key: string): Promise<boolean> {
    const target = this.objectPath(key);
    const dir = path.dirname(target);
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    try {
      // link() fails if the target exists: the first copy of a hash wins and is never replaced.
      await fsp.link(tempFile, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        await fsp.rm(tempFile, { force: true });
        return false;
      }
      throw error;
    }
    await fsp.rm(tempFile, { force: true });
    const handle = await fsp.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.chmod(target, 0o400);
    return true;
  }

  async size(key: string): Promise<number | null> {
    const stat = await fsp.stat(this.objectPath(key)).catch(() => null);
    return stat ? stat.size : null;
  }

  async readRange(key: string, offset: number, length: number): Promise<Buffer> {
    const handle = await fsp.open(this.objectPath(key), 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      if (bytesRead !== length) throw new Error(`object ${key} is shorter than expected`);
      return buffer;
    } finally {
      await handle.close();
    }
  }

  async stream(key: string, start: number, endExclusive: number): Promise<Readable> {
    if (endExclusive <= start) return (await import('node:stream')).Readable.from([]);
    return fs.createReadStream(this.objectPath(key), { start, end: endExclusive - 1, highWaterMark: 1 << 20 });
  }

  async *keys(): AsyncIterable<string> {
    for (const a of await fsp.readdir(this.objectsDir).catch(() => [])) {
      for (const b of await fsp.readdir(path.join(this.objectsDir, a)).catch(() => [])) {
        for (const name of await fsp.readdir(path.join(this.objectsDir, a, b)).catch(() => [])) {
          if (KEY_PATTERN.test(name)) yield name;
        }
      }
    }
  }
}
