/**
 * WARC 1.1 writer and reader (ISO 28500:2017). Each record is its own gzip member, so standard
 * tools (warcio, pywb, ReplayWeb.page) can seek to and replay any record. Digests are
 * `sha256:<lowercase hex>`; Content-Length is the block length in bytes, not characters.
 */
import { createHash, randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync, inflateRawSync } from 'node:zlib';
import { warcDate } from './time.ts';

/** A WARC record before serialisation. */
export interface WarcRecordInput {
  type: 'warcinfo' | 'request' | 'response' | 'resource' | 'metadata';
  date: Date;
  /** Omitted for warcinfo (WARC 1.1 §6.2 attaches no target to it). */
  targetUri?: string;
  contentType: string;
  block: Buffer;
  /** Payload (entity body) for http records, so WARC-Payload-Digest can be computed. */
  payload?: Buffer;
  recordId?: string;
  extraHeaders?: Array<[string, string]>;
}

/** A parsed record from {@link readWarc}. */
export interface WarcRecord {
  headers: Map<string, string>;
  block: Buffer;
}

/** sha256 of `data` in WARC labelled-digest form. */
export function warcDigest(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** A fresh `<urn:uuid:…>` record id. */
export function newRecordId(): string {
  return `<urn:uuid:${randomUUID()}>`;
}

function headerValue(value: string): string {
  // Header values must be single-line; a hostile URL must not inject extra WARC headers.
  return value.replace(/[\r\n]+/g, ' ');
}

/** Serialises one record (uncompressed). */
export function serializeRecord(input: WarcRecordInput): Buffer {
  const lines: string[] = ['WARC/1.1', `WARC-Type: ${input.type}`, `WARC-Record-ID: ${input.recordId ?? newRecordId()}`, `WARC-Date: ${warcDate(input.date)}`];
  if (input.targetUri !== undefined) lines.push(`WARC-Target-URI: ${headerValue(input.targetUri)}`);
  for (const [name, value] of input.extraHeaders ?? []) lines.push(`${name}: ${headerValue(value)}`);
  lines.push(`Content-Type: ${input.contentType}`);
  if (input.payload !== undefined) lines.push(`WARC-Payload-Digest: ${warcDigest(input.payload)}`);
  lines.push(`WARC-Block-Digest: ${warcDigest(input.block)}`);
  lines.push(`Content-Length: ${input.block.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8');
  return Buffer.concat([head, input.block, Buffer.from('\r\n\r\n')]);
}

/** Gzips records one member each; returns the file bytes and each member's [start, end) offsets. */
export function buildWarcGz(records: readonly WarcRecordInput[]): { data: Buffer; offsets: Array<[number, number]> } {
  const members: Buffer[] = [];
  const offsets: Array<[number, number]> = [];
  let position = 0;
  for (const record of records) {
    const member = gzipSync(serializeRecord(record));
    members.push(member);
    offsets.push([position, position + member.length]);
    position += member.length;
  }
  return { data: Buffer.concat(members), offsets };
}

/** Builds the `application/warc-fields` block of a warcinfo record. */
export function warcFields(fields: ReadonlyArray<[string, string]>): Buffer {
  return Buffer.from(fields.map(([k, v]) => `${k}: ${headerValue(v)}\r\n`).join(''), 'utf8');
}

/** Parses an uncompressed or gzip (multi-member) WARC into records; throws on malformed framing. */
export function readWarc(data: Buffer): WarcRecord[] {
  const raw = data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data) : data;
  const records: WarcRecord[] = [];
  let pos = 0;
  while (pos < raw.length) {
    const headEnd = raw.indexOf('\r\n\r\n', pos);
    if (headEnd < 0) throw new Error(`WARC: unterminated header at byte ${pos}`);
    const headText = raw.subarray(pos, headEnd).toString('utf8');
    const [version, ...headerLines] = headText.split('\r\n');
    if (version !== 'WARC/1.1' && version !== 'WARC/1.0') throw new Error(`WARC: bad version line at byte ${pos}`);
    const headers = new Map<string, string>();
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      if (colon < 0) throw new Error(`WARC: bad header line "${line}"`);
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const length = Number(headers.get('content-length'));
    if (!Number.isInteger(length) || length < 0) throw new Error('WARC: missing or bad Content-Length');
    const blockStart = headEnd + 4;
    const blockEnd = blockStart + length;
    if (blockEnd + 4 > raw.length || raw.subarray(blockEnd, blockEnd + 4).toString('latin1') !== '\r\n\r\n') {
      throw new Error(`WARC: Content-Length ${length} does not match the record framing`);
    }
    records.push({ headers, block: raw.subarray(blockStart, blockEnd) });
    pos = blockEnd + 4;
  }
  return records;
}

/** The entity body of an `application/http` block (bytes after the first blank line). */
export function httpPayload(block: Buffer): Buffer {
  const end = block.indexOf('\r\n\r\n');
  return end < 0 ? Buffer.alloc(0) : block.subarray(end + 4);
}

/** Checks every record's block digest and (when present) payload digest; returns problems found. */
export function checkWarcDigests(records: readonly WarcRecord[]): string[] {
  const problems: string[] = [];
  records.forEach((record, index) => {
    const id = record.headers.get('warc-record-id') ?? `#${index}`;
    const block = record.headers.get('warc-block-digest');
    if (block === undefined) problems.push(`record ${id}: no WARC-Block-Digest`);
    else if (block !== warcDigest(record.block)) problems.push(`record ${id}: block digest mismatch`);
    const payload = record.headers.get('warc-payload-digest');
    if (payload !== undefined && payload !== warcDigest(httpPayload(record.block))) {
      problems.push(`record ${id}: payload digest mismatch`);
    }
  });
  return problems;
}

/**
 * Splits a multi-member gzip file into its members' decompressed contents, so a checker can
 * confirm there is exactly one WARC record per member (what makes random access possible).
 * Supports the header layout gzip writers use (FEXTRA/FNAME/FCOMMENT/FHCRC are skipped).
 */
export function gzipMembers(data: Buffer): Buffer[] {
  const members: Buffer[] = [];
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] !== 0x1f || data[pos + 1] !== 0x8b || data[pos + 2] !== 8) throw new Error(`gzip: no member header at byte ${pos}`);
    const flags = data[pos + 3] ?? 0;
    let p = pos + 10;
    if (flags & 4) p += 2 + data.readUInt16LE(p);
    if (flags & 8) p = data.indexOf(0, p) + 1;
    if (flags & 16) p = data.indexOf(0, p) + 1;
    if (flags & 2) p += 2;
    const { buffer, engine } = inflateRawSync(data.subarray(p), { info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    members.push(buffer);
    pos = p + engine.bytesWritten + 8;
  }
  return members;
}
