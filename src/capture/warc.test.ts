import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildWarcGz, checkWarcDigests, gzipMembers, httpPayload, readWarc, serializeRecord, warcDigest, warcFields } from './warc.ts';

const response = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 9\r\n\r\n'), Buffer.from('批踢踢', 'utf8')]);

describe('WARC writer', () => {
  it('writes WARC/1.1 headers with byte-exact Content-Length and sha256 digests', () => {
    const raw = serializeRecord({
      type: 'response',
      date: new Date('2025-11-20T13:10:33.120Z'),
      targetUri: 'http://example.test/a',
      contentType: 'application/http;msgtype=response',
      block: response,
      payload: httpPayload(response),
      recordId: '<urn:uuid:00000000-0000-4000-8000-000000000001>',
    }).toString('utf8');
    expect(raw.startsWith('WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\nWARC-Date: 2025-11-20T13:10:33.120Z\r\n')).toBe(true);
    expect(raw).toContain(`Content-Length: ${response.length}\r\n`);
    expect(response.length).not.toBe(response.toString('utf8').length); // multi-byte body: bytes ≠ chars
    expect(raw).toContain(`WARC-Block-Digest: ${warcDigest(response)}`);
    expect(raw).toContain(`WARC-Payload-Digest: ${warcDigest(Buffer.from('批踢踢', 'utf8'))}`);
    expect(raw.endsWith('\r\n\r\n')).toBe(true);
  });

  it('gzips one member per record and reads them back', () => {
    const { data, offsets } = buildWarcGz([
      { type: 'warcinfo', date: new Date(), contentType: 'application/warc-fields', block: warcFields([['software', 'test']]) },
      { type: 'response', date: new Date(), targetUri: 'http://example.test/', contentType: 'application/http;msgtype=response', block: response, payload: httpPayload(response) },
    ]);
    expect(offsets).toHaveLength(2);
    for (const [start, end] of offsets) {
      const member = gunzipSync(data.subarray(start, end)).toString('utf8');
      expect(member.match(/^WARC\/1\.1\r\n/gm)).toHaveLength(1);
    }
    expect(gzipMembers(data).map((m) => m.toString('utf8').startsWith('WARC/1.1\r\n'))).toEqual([true, true]);
    const records = readWarc(data);
    expect(records.map((r) => r.headers.get('warc-type'))).toEqual(['warcinfo', 'response']);
    expect(checkWarcDigests(records)).toEqual([]);
  });

  it('detects a wrong Content-Length and a wrong digest', () => {
    const good = serializeRecord({ type: 'resource', date: new Date(), targetUri: 'urn:x', contentType: 'text/plain', block: Buffer.from('hello') });
    const badLength = Buffer.from(good.toString('latin1').replace('Content-Length: 5', 'Content-Length: 4'), 'latin1');
    expect(() => readWarc(badLength)).toThrow(/Content-Length/);
    const badBody = Buffer.from(good.toString('latin1').replace('hello', 'jello'), 'latin1');
    expect(checkWarcDigests(readWarc(badBody))[0]).toMatch(/block digest mismatch/);
  });

  it('keeps hostile URLs from injecting WARC headers', () => {
    const raw = serializeRecord({ type: 'request', date: new Date(), targetUri: 'http://x.test/\r\nWARC-Type: evil', contentType: 'text/plain', block: Buffer.alloc(0) }).toString();
    expect(raw.match(/^WARC-Type:/gm)).toHaveLength(1);
  });
});
