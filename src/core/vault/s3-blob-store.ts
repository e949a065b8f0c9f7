/**
 * The S3-compatible blob store (DESIGN.md "scale beyond one machine"): objects under
 * `<prefix><key>`, written once with a conditional put (`If-None-Match: *`) so an existing hash is
 * never replaced, optionally under object lock (COMPLIANCE retention) for write-once storage.
 * In-progress writes stay in a local temporary folder until they are complete.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { BlobStore } from './blob-store.ts';

export type S3BlobStoreOptions = {
  bucket: string;
  prefix?: string;
  endpoint?: string;
  region?: string;
  forcePathStyle?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Days of COMPLIANCE retention on each object (the bucket must have object lock enabled). */
  retentionDays?: number;
  /** Local folder for writes in progress. */
  tempDir: string;
};

function isStatus(error: unknown, ...codes: number[]): boolean {
  return error instanceof S3ServiceException && codes.includes(error.$metadata.httpStatusCode ?? 0);
}

export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly prefix: string;

  constructor(private readonly options: S3BlobStoreOptions) {
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region ?? 'us-east-1',
      forcePathStyle: options.forcePathStyle ?? true,
      credentials: options.credentials,
    });
    this.prefix = options.prefix ?? 'evidence/';
    fs.mkdirSync(options.tempDir, { recursive: true, mode: 0o700 });
  }

  private objectKey(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`invalid object key: ${key}`);
    return `${this.prefix}${key}`;
  }

  async tempPath(): Promise<string> {
    return path.join(this.options.tempDir, `${randomUUID()}.part`);
  }

  async commit(tempFile: string, key: string): Promise<boolean> {
    try {
      const size = (await fsp.stat(tempFile)).size;
      const retainUntil = this.options.retentionDays ? new Date(Date.now() + this.options.retentionDays * 86_400_000) : undefined;
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: this.objectKey(key),
          Body: fs.createReadStream(tempFile),
          ContentLength: size,
          IfNoneMatch: '*',
          ...(retainUntil && { ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: retainUntil }),
        }),
      );
      return true;
    } catch (error) {
      // 412: the object exists already (same content, same hash); the first copy stays.
      if (isStatus(error, 412, 409)) return false;
      throw error;
    } finally {
      await fsp.rm(tempFile, { force: true });
    }
  }

  async size(key: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
      return head.ContentLength ?? null;
    } catch (error) {
      if (isStatus(error, 404)) return null;
      throw error;
    }
  }

  async readRange(key: string, offset: number, length: number): Promise<Buffer> {
    const stream = await this.stream(key, offset, offset + length);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    if (bytes.length !== length) throw new Error(`object ${key} is shorter than expected`);
    return bytes;
  }

  async stream(key: string, start: number, endExclusive: number): Promise<Readable> {
    if (endExclusive <= start) return Readable.from([]);
    const response = await this.client.send(
      new GetObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key), Range: `bytes=${start}-${endExclusive - 1}` }),
    );
    return response.Body as Readable;
  }

  async *keys(): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: this.prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        const name = object.Key?.slice(this.prefix.length) ?? '';
        if (/^[0-9a-f]{64}$/.test(name)) yield name;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
