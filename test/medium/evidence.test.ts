/**
 * Evidence uploads and custody (issue #3 in part; G6.1, G6.3.6): hashed on arrival, encrypted,
 * never altered; type sniffed from the bytes; hostile files refused with nothing kept; every view
 * audited; other units see nothing.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import { auditEvents } from '../../src/modules/audit/audit.tables.ts';
import { pdqHashFile } from '../../src/pdq/index.ts';
import { evidenceItems } from '../../src/modules/evidence/evidence.tables.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { makeUser, seedDepartment, type TestUser } from '../helpers/factories.ts';
import { buildTestApp, multipartBody, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

/** CRC-32 (PNG chunks), so a crafted header is valid apart from what it declares. */
function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A PNG whose header declares 100 000 × 100 000 pixels: a pixel flood. */
function pixelFloodPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr.writeUInt8(8, 8);
  ihdr.writeUInt8(2, 9);
  const type = Buffer.from('IHDR');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, ihdr])));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(13);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), length, type, ihdr, crc, Buffer.alloc(64)]);
}

/** Prints every entry of a zip as base64 JSON (used to read export packages independently). */
const READ_ZIP = 'import base64,json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({n: base64.b64encode(z.read(n)).decode() for n in z.namelist()}))';

describeEachDatabase('evidence uploads and custody', (use) => {
  let app: AppInstance;
  let vaultDir: string;
  const people: Record<string, TestUser> = {};
  const clients: Record<string, TestClient> = {};
  let screenshot: Buffer;

  beforeAll(async () => {
    await seedDepartment(use().db);
    vaultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csep-evidence-test-'));
    app = await buildTestApp(use(), {}, { vaultDir });
    const cast = {
      officerDa: { unitCode: 'DA-S1', roles: ['officer'] },
      officerXy: { unitCode: 'XY-S1', roles: ['officer'] },
      wcpd: { unitCode: 'WCPD', roles: ['wcpd_coordinator'] },
      auditor: { unitCode: 'INSP', roles: ['auditor'] },
      admin: { unitCode: 'IT', roles: ['admin'] },
    } as const;
    for (const [name, spec] of Object.entries(cast)) {
      people[name] = await makeUser(use().db, { unitCode: spec.unitCode, roles: [...spec.roles] });
      clients[name] = new TestClient(app);
      await clients[name].login(use(), people[name]);
    }
    // A generated "phone screenshot" with EXIF camera data — synthetic pixels only.
    screenshot = await sharp({ create: { width: 390, height: 844, channels: 3, background: '#e8eef5' } })
      .composite([{ input: Buffer.from('<svg width="300" height="60"><text x="10" y="40" font-size="30">合成測試</text></svg>'), top: 100, left: 40 }])
      .jpeg({ quality: 80 })
      .withExif({ IFD0: { Make: 'SynthPhone', Model: 'T-1000' }, IFD2: { DateTimeOriginal: '2025:11:20 21:15:00' } })
      .toBuffer();
    return () => app.close();
  });

  async function upload(client: TestClient, fields: Record<string, string>, files: Parameters<typeof multipartBody>[1]) {
    const { payload, contentType } = multipartBody(fields, files);
    return client.request('POST', '/api/evidence/uploads', undefined, { rawBody: payload, headers: { 'content-type': contentType } });
  }

  async function countItems() {
    return (await use().db.select({ n: sql<number>`count(*)::int` }).from(evidenceItems))[0]!.n;
  }

  it('seals an upload: SHA-256 of the bytes, type sniffed from them, EXIF kept, path tricks removed', async () => {
    const response = await upload(
      clients.officerDa!,
      { ephemeral: 'true', notes: '限時動態截圖', platform: 'Instagram', sourceUrl: 'https://www.instagram.com/stories/example/1' },
      [{ filename: '../../etc/限時動態.txt', contentType: 'text/plain', content: screenshot }],
    );
    expect(response.statusCode, response.body).toBe(200);
    const [item] = response.json().items;
    expect(item.sha256).toBe(createHash('sha256').update(screenshot).digest('hex'));
    expect(item.md5).toBe(createHash('md5').update(screenshot).digest('hex'));
    expect(item.mediaType).toBe('image/jpeg');
    expect(item.originalFilename).toBe('限時動態.txt');
    expect(item.ephemeral).toBe(true);
    expect(item.owningUnitCode).toBe('DA-S1');
    expect(item.metadata).toMatchObject({ width: 390, height: 844, exif: { make: 'SynthPhone', model: 'T-1000' } });
    // The PDQ perceptual hash of exactly the sealed bytes (issue #8's matching builds on it).
    const expectedPdq = await pdqHashFile(screenshot);
    expect(item.metadata.pdq).toEqual({ hash: expectedPdq.hash, quality: expectedPdq.quality });
    // The vault holds ciphertext only.
    const stored = fs.readFileSync(path.join(vaultDir, 'objects', item.sha256.slice(0, 2), item.sha256.slice(2, 4), item.sha256));
    expect(stored.includes(screenshot.subarray(200, 400))).toBe(false);
    const audit = await use()
      .db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'evidence.upload'), eq(auditEvents.objectId, item.id)));
    expect(audit).toHaveLength(1);
  });

  it('refuses archives, pixel floods and oversized requests, and keeps nothing of the request', async () => {
    const before = await countItems();
    const zip = await upload(clients.officerDa!, {}, [{ filename: 'evidence.png', contentType: 'image/png', content: Buffer.from('PK\u0003\u0004 fake zip bomb') }]);
    expect(zip.statusCode).toBe(415);
    expect(zip.json().error.code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
    const flood = await upload(clients.officerDa!, {}, [{ filename: 'flood.png', content: pixelFloodPng() }]);
    expect(flood.statusCode).toBe(422);
    expect(flood.json().error.message).toMatch(/100000×100000/);
    // A good file followed by a bad one: all or nothing.
    const mixed = await upload(clients.officerDa!, {}, [
      { filename: 'good.jpg', content: screenshot },
      { filename: 'bad.bin', content: Buffer.from([0, 1, 2, 3, 4, 5]) },
    ]);
    expect(mixed.statusCode).toBe(415);
    const empty = await upload(clients.officerDa!, { notes: 'no file' }, []);
    expect(empty.json().error.code).toBe('VALIDATION_FAILED');
    const badUrl = await upload(clients.officerDa!, { sourceUrl: 'javascript:alert(1)' }, [{ filename: 'a.jpg', content: screenshot }]);
    expect(badUrl.json().error.code).toBe('VALIDATION_FAILED');
    const tooMany = await upload(
      clients.officerDa!,
      {},
      Array.from({ length: 21 }, (_, i) => ({ filename: `shot-${i}.jpg`, content: screenshot })),
    );
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().error.code).toBe('UPLOAD_TOO_LARGE');
    expect(await countItems()).toBe(before);
    expect(fs.readdirSync(path.join(vaultDir, 'tmp'))).toEqual([]);
  });

  it('shows another unit nothing, the WCPD everything, administrators and auditors no content', async () => {
    const mine = (await clients.officerDa!.request('GET', '/api/evidence')).json().items as { id: string }[];
    expect(mine.length).toBeGreaterThan(0);
    const id = mine[0]!.id;
    expect((await clients.officerXy!.request('GET', '/api/evidence')).json().items).toEqual([]);
    const foreign = await clients.officerXy!.request('GET', `/api/evidence/${id}`);
    expect(foreign.statusCode).toBe(404);
    const denied = await use()
      .db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, people.officerXy!.user.id), eq(auditEvents.objectId, id), eq(auditEvents.outcome, 'denied')));
    expect(denied).toHaveLength(1);
    expect((await clients.wcpd!.request('GET', `/api/evidence/${id}`)).statusCode).toBe(200);
    expect((await clients.admin!.request('GET', '/api/evidence')).statusCode).toBe(403);
    expect((await clients.auditor!.request('GET', `/api/evidence/${id}`)).statusCode).toBe(404);
  });

  it('blurs images by default; revealing needs a reason and is audited with it', async () => {
    const [item] = (await clients.officerDa!.request('GET', '/api/evidence')).json().items as { id: string; originalFilename: string }[];
    const detail = (await clients.officerDa!.request('GET', `/api/evidence/${item!.id}`)).json();
    const name = encodeURIComponent(detail.files[0].name);
    const preview = await clients.officerDa!.request('GET', `/api/evidence/${item!.id}/files/${name}/content`);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('image/jpeg');
    expect(preview.headers['content-security-policy']).toContain('sandbox');
    expect(preview.rawPayload.equals(screenshot)).toBe(false);
    const previewMeta = await sharp(preview.rawPayload).metadata();
    expect(previewMeta.width).toBeLessThanOrEqual(480);

    const noReason = await clients.officerDa!.request('GET', `/api/evidence/${item!.id}/files/${name}/content?mode=reveal`);
    expect(noReason.statusCode).toBe(400);
    const reveal = await clients.officerDa!.request('GET', `/api/evidence/${item!.id}/files/${name}/content?mode=reveal&reason=${encodeURIComponent('比對帳號名稱')}`);
    expect(reveal.statusCode).toBe(200);
    expect(reveal.rawPayload.equals(screenshot)).toBe(true);
    const reveals = await use()
      .db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'evidence.reveal'), eq(auditEvents.objectId, item!.id)));
    expect(reveals).toHaveLength(1);
    expect(reveals[0]!.reason).toBe('比對帳號名稱');
    const download = await clients.officerDa!.request('GET', `/api/evidence/${item!.id}/files/${name}/content?mode=download&reason=${encodeURIComponent('移送卷證')}`);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('records a correction as a new item naming the one it supersedes', async () => {
    const [original] = (await clients.officerDa!.request('GET', '/api/evidence')).json().items as { id: string }[];
    const corrected = await upload(clients.officerDa!, { supersedesId: original!.id, notes: '更正：補正確截圖' }, [{ filename: 'fixed.jpg', content: screenshot }]);
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json().items[0].supersedesId).toBe(original!.id);
    const foreign = await upload(clients.officerXy!, { supersedesId: original!.id }, [{ filename: 'x.jpg', content: screenshot }]);
    expect(foreign.statusCode).toBe(404);
  });

  it('exports a signed package: files, manifest hashes, custody events and a watermarked list', async () => {
    const items = (await clients.officerDa!.request('GET', '/api/evidence')).json().items as { id: string }[];
    const ids = items.map((i) => i.id);
    const response = await clients.officerDa!.request('POST', '/api/evidence/exports', { itemIds: ids, reason: '移送地檢署' });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    const zipPath = path.join(vaultDir, '..', `export-${Date.now()}.zip`);
    fs.writeFileSync(zipPath, response.rawPayload);
    // Read the package with an independent zip implementation (Python's), as a recipient would.
    const listing = JSON.parse(
      execFileSync('python3', ['-c', READ_ZIP, zipPath], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
    ) as Record<string, string>;
    fs.rmSync(zipPath);
    const manifestText = Buffer.from(listing['manifest.json']!, 'base64');
    const manifest = JSON.parse(manifestText.toString('utf8'));
    const signature = JSON.parse(Buffer.from(listing['manifest.sig.json']!, 'base64').toString('utf8'));
    const publicKey = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(signature.public_key, 'base64')]), format: 'der', type: 'spki' });
    expect(verify(null, manifestText, publicKey, Buffer.from(signature.signature, 'base64'))).toBe(true);
    expect(response.headers['x-manifest-sha256']).toBe(createHash('sha256').update(manifestText).digest('hex'));
    expect(manifest.items.map((i: { id: string }) => i.id).sort()).toEqual([...ids].sort());
    for (const file of manifest.files as { path: string; sha256: string; bytes: number }[]) {
      const bytes = Buffer.from(listing[file.path]!, 'base64');
      expect(bytes.length).toBe(file.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    }
    const custody = JSON.parse(Buffer.from(listing['custody-events.json']!, 'base64').toString('utf8')) as { action: string }[];
    expect(custody.map((e) => e.action)).toContain('evidence.upload');
    expect(Buffer.from(listing['evidence-list.pdf']!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const audit = await use().db.select().from(auditEvents).where(eq(auditEvents.action, 'evidence.export'));
    expect(audit.at(-1)?.reason).toBe('移送地檢署');

    // One item of another unit in the list: the whole export is refused and audited as denied.
    const foreign = await clients.officerXy!.request('POST', '/api/evidence/exports', { itemIds: ids, reason: '越權測試' });
    expect(foreign.statusCode).toBe(404);
    const noReason = await clients.officerDa!.request('POST', '/api/evidence/exports', { itemIds: ids, reason: '' });
    expect(noReason.statusCode).toBe(400);
  });

  it('never alters an item, and the auditor\'s verification finds a flipped byte', async () => {
    const db = use().db;
    await expect(db.execute(sql`update evidence_items set notes = 'changed'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from evidence_items`)).rejects.toThrow();
    const clean = await clients.auditor!.request('POST', '/api/evidence/verify', {});
    expect(clean.json()).toMatchObject({ ok: true, failures: [] });
    expect((await clients.officerDa!.request('POST', '/api/evidence/verify', {})).statusCode).toBe(403);

    const [item] = (await clients.officerDa!.request('GET', '/api/evidence')).json().items as { id: string; sha256: string }[];
    const file = path.join(vaultDir, 'objects', item!.sha256.slice(0, 2), item!.sha256.slice(2, 4), item!.sha256);
    fs.chmodSync(file, 0o600);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 50]! ^= 0xff;
    fs.writeFileSync(file, bytes);
    const broken = (await clients.auditor!.request('POST', '/api/evidence/verify', {})).json();
    expect(broken.ok).toBe(false);
    expect(broken.failures).toContainEqual(expect.objectContaining({ itemId: item!.id, problem: 'unreadable' }));
  });
});
