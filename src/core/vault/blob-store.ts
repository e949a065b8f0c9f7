/**
 * Where encrypted objects live. The local folder is the default; an S3-compatible store with
 * object lock is the scale-out option (DESIGN.md). Objects are written once and never changed.
 */
import type { Readable } from 'node:stream';

export interface BlobStore {
  /** Moves a finished temporary file into place under `key`; false when `key` already existed (kept as is). */
  commit(tempFile: string, key: string): Promise<boolean>;
  /** A fresh temporary path on the same device as the store, for a write in progress. */
  tempPath(): Promise<string>;
  /** Total stored size in bytes, or null when there is no such object. */
  size(key: string): Promise<number | null>;
  /** Reads `length` bytes from `offset`. */
  readRange(key: string, offset: number, length: number): Promise<Buffer>;
  /** Streams bytes [start, endExclusive). */
  stream(key: string, start: number, endExclusive: number): Promise<Readable>;
  /** Every key in the store. */
  keys(): AsyncIterable<string>;
}
