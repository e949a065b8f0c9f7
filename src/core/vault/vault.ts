/**
 * The evidence vault (G6.1 ⑤, G6.3.6): content-addressed by the SHA-256 of the plaintext, computed
 * while the bytes stream in (never the whole file in memory); stored once per hash; encrypted at
 * rest under a per-object data key; never changed after it is written.
 */
import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import type { BlobStore } from './blob-store.ts';
import { beginDecryption, beginEncryption, HEADER_BYTES, TAG_BYTES } from './envelope.ts';

/** How many leading bytes of every ingest are kept for media-type sniffing. */
export const SNIFF_BYTES = 4096;

export type IngestResult = {
  sha256: string;
  /** MD5 of the content when the caller asked for it (partners' hash lists use MD5 for images). */
  md5: string | null;
  size: number;
  /** False when the same content was already stored (deduplicated). */
  newlyStored: boolean;
  /** The first bytes of the content, for sniffing its type. */
  head: Buffer;
};

/** Raised when an ingest exceeds its byte limit; nothing is stored. */
export class VaultSizeLimitError extends Error {
  constructor(readonly limit: number) {
    super(`content exceeds the limit of ${limit} bytes`);
    this.name = 'VaultSizeLimitError';
  }
}

export type BlobCheck = { sha256: string; ok: true } | { sha256: string; ok: false; problem: 'missing' | 'unreadable' | 'hash_mismatch' };

export class Vault {
  constructor(
    private readonly store: BlobStore,
    private readonly masterKey: Buffer,
  ) {}

  /**
   * Streams content in: hashes (SHA-256, MD5) and encrypts each chunk as it arrives, writes to a
   * temporary file, fsyncs, then commits under the plaintext hash. A failure or a crash before the
   * commit leaves no object.
   */
  async ingest(
    source: AsyncIterable<Buffer | Uint8Array | string>,
    options: {
      maxBytes?: number;
      wantMd5?: (head: Buffer) => boolean;
      /** How many leading bytes to collect for `onHead` and the result's `head` (default 4 KiB). */
      headBytes?: number;
      /** Inspects the leading bytes before anything is committed; throwing aborts the ingest. */
      onHead?: (head: Buffer) => Promise<void> | void;
    } = {},
  ): Promise<IngestResult> {
    const headLimit = options.headBytes ?? SNIFF_BYTES;
    let headInspected = false;
    const temp = await this.store.tempPath();
    const file = await fsp.open(temp, 'wx', 0o600);
    const sha256 = createHash('sha256');
    let md5: ReturnType<typeof createHash> | null = null;
    let firstChunk = true;
    const headChunks: Buffer[] = [];
    let headBytes = 0;
    let size = 0;
    let committed = false;
    // Up to a few writes stay in flight, at explicit offsets, so hashing and encrypting the next
    // chunk overlaps the disk writing the previous one.
    let offset = 0;
    const inFlight = new Set<Promise<unknown>>();
    const write = async (bytes: Buffer) => {
      const pending = file.write(bytes, 0, bytes.length, offset);
      offset += bytes.length;
      inFlight.add(pending);
      void pending.then(
        () => inFlight.delete(pending),
        () => inFlight.delete(pending),
      );
      if (inFlight.size >= 4) await Promise.race(inFlight);
    };
    try {
      const { header, cipher } = beginEncryption(this.masterKey);
      await write(header);
      for await (const piece of source) {
        const chunk = typeof piece === 'string' ? Buffer.from(piece) : Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
        size += chunk.length;
        if (options.maxBytes !== undefined && size > options.maxBytes) throw new VaultSizeLimitError(options.maxBytes);
        if (firstChunk && chunk.length > 0) {
          // MD5 costs more than the other steps together; take it only where the caller needs it.
          if (options.wantMd5?.(chunk)) md5 = createHash('md5');
          firstChunk = false;
        }
        sha256.update(chunk);
        md5?.update(chunk);
        if (headBytes < headLimit) {
          const take = chunk.subarray(0, headLimit - headBytes);
          headChunks.push(Buffer.from(take));
          headBytes += take.length;
          if (headBytes >= headLimit && options.onHead) {
            headInspected = true;
            await options.onHead(Buffer.concat(headChunks));
          }
        }
        const encrypted = cipher.update(chunk);
        if (encrypted.length > 0) await write(encrypted);
      }
      if (!headInspected && options.onHead) await options.onHead(Buffer.concat(headChunks));
      const rest = cipher.final();
      if (rest.length > 0) await write(rest);
      await write(cipher.getAuthTag());
      await Promise.all(inFlight);
      await file.sync();
      await file.close();
      const digest = sha256.digest('hex');
      const newlyStored = await this.store.commit(temp, digest);
      committed = true;
      return { sha256: digest, md5: md5?.digest('hex') ?? null, size, newlyStored, head: Buffer.concat(headChunks) };
    } finally {
      if (!committed) {
        await Promise.allSettled(inFlight);
        await file.close().catch(() => undefined);
        await fsp.rm(temp, { force: true });
      }
    }
  }

  /** True when an object with this hash is stored. */
  async has(sha256: string): Promise<boolean> {
    return (await this.store.size(sha256)) !== null;
  }

  /**
   * The plaintext as a stream. GCM authenticates at the end: a tampered object makes the stream
   * fail with an error after its last chunk, so callers that must not pass on unverified bytes
   * use `verify` first (downloads of evidence do).
   */
  async open(sha256: string): Promise<Readable> {
    const size = await this.store.size(sha256);
    if (size === null) throw new Error(`no vault object ${sha256}`);
    if (size < HEADER_BYTES + TAG_BYTES) throw new Error(`vault object ${sha256} is truncated`);
    const header = await this.store.readRange(sha256, 0, HEADER_BYTES);
    const tag = await this.store.readRange(sha256, size - TAG_BYTES, TAG_BYTES);
    const decipher = beginDecryption(this.masterKey, header, tag);
    const ciphertext = await this.store.stream(sha256, HEADER_BYTES, size - TAG_BYTES);
    const out = new PassThrough({ highWaterMark: 1 << 20 });
    ciphertext.on('error', (error) => out.destroy(error));
    decipher.on('error', (error) => out.destroy(error));
    ciphertext.pipe(decipher).pipe(out);
    return out;
  }

  /** Reads a whole (small) object into memory, verified. */
  async readAll(sha256: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.open(sha256)) chunks.push(chunk as Buffer);
    const content = Buffer.concat(chunks);
    if (createHash('sha256').update(content).digest('hex') !== sha256) throw new Error(`vault object ${sha256} does not match its hash`);
    return content;
  }

  /** Decrypts and re-hashes one object: missing, unreadable (tampered ciphertext) or hash mismatch. */
  async verify(sha256: string): Promise<BlobCheck> {
    if (!(await this.has(sha256))) return { sha256, ok: false, problem: 'missing' };
    const hash = createHash('sha256');
    try {
      for await (const chunk of await this.open(sha256)) hash.update(chunk as Buffer);
    } catch {
      return { sha256, ok: false, problem: 'unreadable' };
    }
    return hash.digest('hex') === sha256 ? { sha256, ok: true } : { sha256, ok: false, problem: 'hash_mismatch' };
  }

  /** Every stored key, for a full verification pass. */
  keys(): AsyncIterable<string> {
    return this.store.keys();
  }
}
