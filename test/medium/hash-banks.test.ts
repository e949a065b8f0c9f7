/**
 * Known-image matching (issue #8; G5.1, G6.1, G6.3.6) through the HTTP API on a real database:
 * hash banks kept by the WCPD (a bad row refuses the whole import, disable and enable audited),
 * uploads and captures hashed at ingest (a capture's screenshot and every image inside its WARC),
 * a rotated copy matched by PDQ and an exact copy by MD5, matches across cases with need-to-know
 * (another unit learns only that a match exists; the WCPD sees which case), and the hashing job
 * resumed after a restart. Every picture is generated here: smooth seeded noise, never real images.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildWarcGz, type WarcRecordInput } from '../../src/capture/warc.ts';
import type { Role } from '../../src/core/access/roles.ts';
import { JobQueue } from '../../src/core/queue/job-queue.ts';
import { captureJob, type CaptureRuntime } from '../../src/modules/captures/captures.service.ts';
import { evidenceRepository } from '../../src/modules/evidence/evidence.repository.ts';
import { imageHashJob, queueUnhashedEvidence } from '../../src/modules/hash-banks/image-hash.job.ts';
import { hashEvidenceImages, type ImageHashDeps } from '../../src/modules/hash-banks/image-hash.service.ts';
import { KnownImageIndex } from '../../src/modules/hash-banks/known-image-index.ts';
import { hammingDistance, pdqHashFileWithDihedrals } from '../../src/pdq/index.ts';
import { transformImage, type RgbImage } from '../../src/pdq/test-support.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { startFixtureSite, syntheticPhoto, TAKEDOWN_PHOTO_PATH, type FixtureSite } from '../fixtures/capture/site.ts';
import { makeUser, seedDepartment, type TestUser } from '../helpers/factories.ts';
import { buildTestApp, multipartBody, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

const silentLogger = { error: () => undefined, info: () => undefined };
const unique = () => `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
const pttUrl = () => `https://www.ptt.cc/bbs/Gossiping/M.${unique()}.A.T01.html`;
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * A made-up picture: a seeded 8×6 grid of random colours smoothly enlarged (no symmetry, PDQ
 * quality 100). 800×600 gives PDQ's blur odd windows (7 and 5), so a lossless rotation's dihedral
 * hash is exact; the JPEG copies below bring the realistic few bits of difference.
 */
async function smoothPicture(seed: number, width = 800, height = 600): Promise<RgbImage> {
  let state = seed >>> 0;
  const grid = Buffer.alloc(8 * 6 * 3);
  for (let i = 0; i < grid.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    grid[i] = state >>> 24;
  }
  const { data, info } = await sharp(grid, { raw: { width: 8, height: 6, channels: 3 } }).resize(width, height, { kernel: 'cubic' }).raw().toBuffer({ resolveWithObject: true });
  return { rgb: new Uint8Array(data), width: info.width, height: info.height };
}

const png = (image: RgbImage) => sharp(Buffer.from(image.rgb), { raw: { width: image.width, height: image.height, channels: 3 } }).png().toBuffer();

type MatchesBody = {
  hashedImages: number;
  pendingItems: number;
  matches: {
    kind: string;
    method: string;
    distance: number;
    dihedral: string | null;
    image: { id: number; source: string; targetUri: string | null; previewable: boolean };
    bank: { name: string; label: string | null; enabled: boolean } | null;
    evidence: { evidenceItemId: string; caseNumber: string | null; owningUnitCode: string } | null;
  }[];
  hidden: { image: { id: number }; count: number }[];
  hiddenTotal: number;
};

describeEachDatabase('known-image matching', (use) => {
  let app: AppInstance;
  let deps: ImageHashDeps;
  let index: KnownImageIndex;
  let officerDA: TestUser;
  let da: TestClient; // officer, DA-S1
  let xy: TestClient; // officer, XY-S1
  let wcpd: TestClient;
  let admin: TestClient;
  let bankId: string;
  let caseDA: { findingId: string; caseId: string; caseNumber: string };
  const pictures: Record<'a' | 'b' | 'c' | 'd' | 'e', RgbImage> = {} as never;
  const encoded: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'flat', Buffer> = {} as never;

  async function count(query: string): Promise<number> {
    return Number((await use().executeSql(query)).rows[0]!.n);
  }

  async function upload(client: TestClient, content: Buffer, fields: Record<string, string>, filename = 'photo.png'): Promise<string> {
    const body = multipartBody(fields, [{ filename, contentType: 'image/png', content }]);
    const response = await client.request('POST', '/api/evidence/uploads', undefined, { rawBody: body.payload, headers: { 'content-type': body.contentType } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items[0].id;
  }

  async function findingWithCase(client: TestClient, title: string) {
    const finding = (await client.request('POST', '/api/findings', { url: pttUrl() })).json().finding;
    const promoted = await client.request('POST', `/api/findings/${finding.id}/promote`, { title });
    expect(promoted.statusCode, promoted.body).toBe(200);
    return { findingId: finding.id as string, caseId: promoted.json().case.id as string, caseNumber: promoted.json().case.number as string };
  }

  async function matchesOf(client: TestClient, url: string): Promise<MatchesBody> {
    const response = await client.request('GET', url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  beforeAll(async () => {
    await seedDepartment(use().db);
    app = await buildTestApp(use());
    index = new KnownImageIndex(50);
    deps = { db: use().db, vault: app.deps.vault, index, settings: { pdqMatchDistance: 31, pdqMinQuality: 50 } };
    // Hashing runs inline here, so each upload's answer comes after its matches are recorded.
    app.deps.imageMatching = {
      index,
      settings: deps.settings,
      enqueue: async (ids) => {
        for (const id of ids) await hashEvidenceImages(deps, id);
      },
    };
    const client = async (unitCode: string, roles?: Role[]) => {
      const user = await makeUser(use().db, { unitCode, roles });
      const c = new TestClient(app);
      await c.login(use(), user);
      return { user, c };
    };
    const first = await client('DA-S1');
    officerDA = first.user;
    da = first.c;
    xy = (await client('XY-S1')).c;
    wcpd = (await client('WCPD', ['wcpd_coordinator'])).c;
    admin = (await client('IT', ['admin'])).c;
    for (const [key, seed] of [['a', 11], ['b', 22], ['c', 33], ['d', 44], ['e', 55]] as const) {
      pictures[key] = await smoothPicture(seed);
      encoded[key] = await png(pictures[key]);
    }
    encoded.flat = await sharp({ create: { width: 200, height: 150, channels: 3, background: { r: 128, g: 128, b: 128 } } }).png().toBuffer();
    caseDA = await findingWithCase(da, '疑似散布兒少性影像（測試）');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('keeps banks for the WCPD and administrators; a bad row refuses the whole import and names it', async () => {
    expect((await da.request('GET', '/api/hash-banks')).statusCode).toBe(403);
    expect((await da.request('POST', '/api/hash-banks', { name: 'x' })).statusCode).toBe(403);
    const created = await wcpd.request('POST', '/api/hash-banks', { name: 'iWIN 已知影像（測試）', description: '合作單位雜湊清單' });
    expect(created.statusCode, created.body).toBe(200);
    bankId = created.json().id;
    expect(created.json()).toMatchObject({ enabled: true, counts: { total: 0 }, lastImport: null });
    expect((await admin.request('POST', '/api/hash-banks', { name: 'iWIN 已知影像（測試）' })).statusCode).toBe(409);

    const pdqA = (await pdqHashFileWithDihedrals(encoded.a)).hash;
    const flat = await pdqHashFileWithDihedrals(encoded.flat);
    expect(flat.quality).toBeLessThan(50);
    const bad = ['hash_type,hash,label,source', `pdq,${pdqA},類別A,iWIN`, `md5,${md5(encoded.b)},類別B,SIPC`, `md5,${md5(encoded.b).slice(1)},壞列,SIPC`].join('\n');
    const refused = await wcpd.request('POST', `/api/hash-banks/${bankId}/imports`, { csv: bad });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('(row 4): md5 hash must have 32 hex digits, found 31');
    expect(await count('select count(*)::int as n from hash_bank_entries')).toBe(0);
    expect((await wcpd.request('GET', `/api/hash-banks/${bankId}`)).json()).toMatchObject({ bank: { counts: { total: 0 } }, imports: [] });

    const csv = [
      'hash_type,hash,label,source',
      `pdq,${pdqA},類別A,iWIN`,
      `md5,${md5(encoded.b)},類別B,SIPC`,
      `pdq,${flat.hash},平面影像,iWIN`,
      `sha256,${sha256(encoded.d)},類別D,NCMEC`,
      `sha256,${sha256(syntheticPhoto())},擷取頁面影像,iWIN`,
    ].join('\n');
    const imported = await wcpd.request('POST', `/api/hash-banks/${bankId}/imports`, { csv, note: '114 年第 1 批' });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ rows: 5, added: 5, alreadyInBank: 0, bank: { counts: { pdq: 2, md5: 1, sha256: 2, total: 5 } } });
    // The partner's next list repeats earlier rows: sent as the CSV itself, by an administrator.
    const again = await admin.request('POST', `/api/hash-banks/${bankId}/imports?note=${encodeURIComponent('重送')}`, undefined, { rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ rows: 5, added: 0, alreadyInBank: 5 });
    // Before sign-in nothing is read: the refusal comes before the (large) body is parsed.
    const anonymous = new TestClient(app);
    await anonymous.session();
    expect((await anonymous.request('POST', `/api/hash-banks/${bankId}/imports`, undefined, { rawBody: csv, headers: { 'content-type': 'text/csv' } })).statusCode).toBe(401);
    const detail = (await wcpd.request('GET', `/api/hash-banks/${bankId}`)).json();
    expect(detail.imports).toHaveLength(2);
    expect(detail.imports.map((i: { note: string }) => i.note).sort()).toEqual(['114 年第 1 批', '重送']);
    expect(detail.imports[0].importedByUsername).toBeTruthy();
    expect((await admin.request('GET', '/api/hash-banks')).json().items.map((b: { id: string }) => b.id)).toContain(bankId);
    expect(await count(`select count(*)::int as n from audit_events where action = 'hash_bank.import' and object_id = '${bankId}'`)).toBe(2);
    expect(await count(`select count(*)::int as n from audit_events where action = 'hash_bank.list' and outcome = 'denied'`)).toBeGreaterThanOrEqual(1);
  });

  it('matches a rotated copy by PDQ and an exact copy by MD5 against the bank, with its label', async () => {
    const rotated = await sharp(await png(transformImage(pictures.a, 'rotate90'))).jpeg({ quality: 85 }).toBuffer();
    const rotatedHash = await pdqHashFileWithDihedrals(rotated);
    const original = await pdqHashFileWithDihedrals(encoded.a);
    // The copy's own hash is far from the listed one: only its dihedral hashes can find it.
    expect(hammingDistance(rotatedHash.hash, original.hash)).toBeGreaterThan(31);

    const rotatedId = await upload(da, rotated, { findingId: caseDA.findingId }, 'rotated.jpg');
    const viewRotated = await matchesOf(da, `/api/evidence/${rotatedId}/image-matches`);
    expect(viewRotated).toMatchObject({ hashedImages: 1, pendingItems: 0, hidden: [], hiddenTotal: 0 });
    expect(viewRotated.matches).toHaveLength(1);
    expect(viewRotated.matches[0]).toMatchObject({ kind: 'bank', method: 'pdq', bank: { name: 'iWIN 已知影像（測試）', label: '類別A', enabled: true }, evidence: null, image: { source: 'upload', previewable: true } });
    expect(viewRotated.matches[0]!.distance).toBeLessThanOrEqual(31);
    expect(viewRotated.matches[0]!.dihedral).not.toBe('original');

    const exactId = await upload(da, encoded.b, { findingId: caseDA.findingId }, 'copy.png');
    const viewExact = await matchesOf(da, `/api/evidence/${exactId}/image-matches`);
    expect(viewExact.matches.map((m) => [m.kind, m.method, m.distance, m.bank?.label])).toEqual([['bank', 'md5', 0, '類別B']]);

    // A flat picture is listed by PDQ, but below quality 50 it is never matched perceptually.
    const flatId = await upload(da, encoded.flat, { findingId: caseDA.findingId }, 'flat.png');
    expect((await matchesOf(da, `/api/evidence/${flatId}/image-matches`)).matches).toEqual([]);

    // The finding and its case show every match of their items.
    expect((await matchesOf(da, `/api/findings/${caseDA.findingId}/image-matches`)).matches).toHaveLength(2);
    expect((await matchesOf(da, `/api/cases/${caseDA.caseId}/image-matches`)).matches).toHaveLength(2);
    expect(await count(`select count(*)::int as n from audit_events where action = 'evidence.image_hashed' and object_id = '${rotatedId}'`)).toBe(1);
  });

  it('a disabled bank gives no new matches until enabled again; both are audited and only the WCPD or an administrator may', async () => {
    expect((await da.request('POST', `/api/hash-banks/${bankId}/disable`)).statusCode).toBe(403);
    const disabled = await wcpd.request('POST', `/api/hash-banks/${bankId}/disable`);
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().enabled).toBe(false);
    const whileDisabled = await upload(da, await png(transformImage(pictures.a, 'rotate180')), { findingId: caseDA.findingId });
    expect((await matchesOf(da, `/api/evidence/${whileDisabled}/image-matches`)).matches).toEqual([]);
    // Matches recorded before stay, as history, showing the bank's state now.
    const history = await matchesOf(da, `/api/cases/${caseDA.caseId}/image-matches`);
    expect(history.matches.map((m) => m.bank?.enabled)).toEqual([false, false]);

    expect((await admin.request('POST', `/api/hash-banks/${bankId}/enable`)).json().enabled).toBe(true);
    const afterEnable = await upload(da, await png(transformImage(pictures.a, 'flipx')), { findingId: caseDA.findingId });
    expect((await matchesOf(da, `/api/evidence/${afterEnable}/image-matches`)).matches.map((m) => m.bank?.label)).toEqual(['類別A']);
    for (const action of ['hash_bank.disable', 'hash_bank.enable']) {
      expect(await count(`select count(*)::int as n from audit_events where action = '${action}' and object_id = '${bankId}' and outcome = 'success'`), action).toBe(1);
    }
    expect(await count(`select count(*)::int as n from audit_events where action = 'hash_bank.disable' and outcome = 'denied'`)).toBe(1);
  });

  it('matches across cases: another unit learns only that a match exists; the WCPD sees which case', async () => {
    const ownId = await upload(da, encoded.c, { findingId: caseDA.findingId });
    const caseXY = await findingWithCase(xy, '另一單位的案件（測試）');
    const mirrored = await sharp(await png(transformImage(pictures.c, 'flipy'))).jpeg({ quality: 85 }).toBuffer();
    const otherId = await upload(xy, mirrored, { findingId: caseXY.findingId }, 'mirrored.jpg');

    // The other unit: a count, nothing that names the case, the unit or the item.
    const response = await xy.request('GET', `/api/evidence/${otherId}/image-matches`);
    const seenByXY = response.json() as MatchesBody;
    expect(seenByXY.matches).toEqual([]);
    expect(seenByXY.hiddenTotal).toBe(1);
    expect(seenByXY.hidden).toEqual([expect.objectContaining({ count: 1, image: expect.objectContaining({ evidenceItemId: otherId }) })]);
    for (const secret of [caseDA.caseNumber, caseDA.caseId, caseDA.findingId, ownId, 'DA-S1', officerDA.user.id]) expect(response.body).not.toContain(secret);
    expect((await matchesOf(xy, `/api/cases/${caseXY.caseId}/image-matches`)).hiddenTotal).toBe(1);
    // The holding unit sees the same from its side: XY's case is not its to know.
    expect((await matchesOf(da, `/api/evidence/${ownId}/image-matches`)).hiddenTotal).toBe(1);

    // The WCPD tracks every case (G4.1.1): it sees which case holds the match.
    const seenByWcpd = await matchesOf(wcpd, `/api/evidence/${otherId}/image-matches`);
    expect(seenByWcpd.hidden).toEqual([]);
    expect(seenByWcpd.matches).toEqual([
      expect.objectContaining({ kind: 'evidence', method: 'pdq', evidence: expect.objectContaining({ evidenceItemId: ownId, caseNumber: caseDA.caseNumber, owningUnitCode: 'DA-S1' }) }),
    ]);
    expect(seenByWcpd.matches[0]!.distance).toBeLessThanOrEqual(31);

    // Nobody learns about an item they may not read; administrators see no case content.
    expect((await xy.request('GET', `/api/evidence/${ownId}/image-matches`)).statusCode).toBe(404);
    expect((await xy.request('GET', `/api/cases/${caseDA.caseId}/image-matches`)).statusCode).toBe(404);
    expect((await admin.request('GET', `/api/evidence/${ownId}/image-matches`)).statusCode).toBe(403);
    expect(await count(`select count(*)::int as n from audit_events where action = 'image_match.view' and object_id = '${otherId}'`)).toBe(2);
  });

  it('hashes a capture: its screenshot and each image inside its WARC, matched against the bank', async () => {
    const http = (uri: string, contentType: string, body: Buffer, status = '200 OK'): WarcRecordInput => ({
      type: 'response',
      date: new Date(),
      targetUri: uri,
      contentType: 'application/http;msgtype=response',
      block: Buffer.concat([Buffer.from(`HTTP/1.1 ${status}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`), body]),
      payload: body,
    });
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">${'<rect width="10" height="10"/>'.repeat(100)}</svg>`);
    const warc = buildWarcGz([
      http('https://forum.example/post/1', 'text/html', Buffer.from('<html><img src="/img/d.png"></html>')),
      http('https://forum.example/img/d.png', 'image/png', encoded.d),
      http('https://forum.example/img/d-again.png', 'image/png', encoded.d),
      http('https://forum.example/img/logo.svg', 'image/svg+xml', svg),
      http('https://forum.example/img/gone.png', 'image/png', encoded.e, '404 Not Found'),
    ]).data;
    const vault = app.deps.vault;
    const sealed = async (name: string, content: Buffer, mediaType: string, position: number) => {
      const ingest = await vault.ingest((async function* () {
        yield content;
      })());
      return { name, sha256: ingest.sha256, sizeBytes: ingest.size, mediaType, position };
    };
    const files = [
      await sealed('capture.warc.gz', warc, 'application/warc+gzip', 0),
      await sealed('page.html', Buffer.from('<html></html>'), 'text/html', 1),
      await sealed('screenshot.png', encoded.e, 'image/png', 2),
      await sealed('manifest.json', Buffer.from('{}'), 'application/json', 3),
    ];
    const item = await use().db.transaction((tx) =>
      evidenceRepository.insert(
        tx,
        {
          kind: 'web_capture',
          owningUnitId: officerDA.unit.id,
          caseId: null,
          findingId: caseDA.findingId,
          sourceUrl: 'https://forum.example/post/1',
          platform: null,
          capturedBy: officerDA.user.id,
          capturedAt: new Date(),
          ephemeral: false,
          sha256: files[3]!.sha256,
          md5: null,
          sizeBytes: 2,
          mediaType: 'application/json',
          originalFilename: 'manifest.json',
          notes: null,
          metadata: {},
          supersedesId: null,
        },
        files,
      ),
    );
    await app.deps.imageMatching!.enqueue([item.id]);

    const view = await matchesOf(da, `/api/evidence/${item.id}/image-matches`);
    // The screenshot and the one distinct picture of the page; the SVG is not a raster image, the 404 is no image.
    expect(view.hashedImages).toBe(2);
    expect(view.matches.map((m) => [m.method, m.bank?.label, m.image.source, m.image.targetUri])).toEqual([['sha256', '類別D', 'warc_record', 'https://forum.example/img/d.png']]);
    expect(await count(`select skipped as n from evidence_image_hash_runs where evidence_item_id = '${item.id}'`)).toBe(1);
    const sources = (await use().executeSql(`select source, target_uri from evidence_image_hashes where evidence_item_id = '${item.id}' order by source`)).rows;
    expect(sources).toEqual([
      { source: 'screenshot', target_uri: null },
      { source: 'warc_record', target_uri: 'https://forum.example/img/d.png' },
    ]);

    // The picture inside the WARC has no file of its own: its preview is cut out and blurred, and recorded.
    const imageId = view.matches[0]!.image.id;
    const preview = await da.request('GET', `/api/evidence/${item.id}/images/${imageId}/preview`);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(preview.rawPayload).metadata()).width).toBeLessThanOrEqual(480);
    expect(await count(`select count(*)::int as n from audit_events where action = 'evidence.preview' and object_id = '${item.id}'`)).toBe(1);
    expect((await xy.request('GET', `/api/evidence/${item.id}/images/${imageId}/preview`)).statusCode).toBe(404);
  });

  it('resumes hashing after a restart: a queued job and an item never queued are both done, once', async () => {
    const matching = app.deps.imageMatching;
    app.deps.imageMatching = null; // the process "dies" before queueing or running anything
    const queuedBeforeCrash = await upload(da, await png(transformImage(pictures.a, 'flipminus1')), { findingId: caseDA.findingId });
    const neverQueued = await upload(da, await png(transformImage(pictures.a, 'rotate270')), { findingId: caseDA.findingId });
    app.deps.imageMatching = matching;
    const job = imageHashJob(deps);
    const before = new JobQueue(use(), silentLogger, { schedule: false });
    await before.start();
    await before.register(job, false);
    expect(await before.enqueue(job, { evidenceItemId: queuedBeforeCrash }, queuedBeforeCrash)).toBeTruthy();
    await before.stop();
    expect(await count(`select count(*)::int as n from evidence_image_hash_runs where evidence_item_id in ('${queuedBeforeCrash}', '${neverQueued}')`)).toBe(0);
    expect((await matchesOf(da, `/api/evidence/${neverQueued}/image-matches`)).pendingItems).toBe(1);

    // The next start: the worker takes the queued job, and the start-up sweep queues the lost one.
    const after = new JobQueue(use(), silentLogger, { schedule: false });
    await after.start();
    try {
      await after.register(job, true);
      expect(await queueUnhashedEvidence(use().db, after, job)).toBe(1);
      const deadline = Date.now() + 60_000;
      while ((await count(`select count(*)::int as n from evidence_image_hash_runs where evidence_item_id in ('${queuedBeforeCrash}', '${neverQueued}')`)) < 2) {
        if (Date.now() > deadline) throw new Error('hashing jobs did not finish');
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    } finally {
      await after.stop();
    }
    for (const id of [queuedBeforeCrash, neverQueued]) {
      expect((await matchesOf(da, `/api/evidence/${id}/image-matches`)).matches.map((m) => m.bank?.label)).toEqual(['類別A']);
    }
    // Idempotent: running it again changes nothing.
    const rows = await count('select count(*)::int as n from evidence_image_hashes');
    const matches = await count('select count(*)::int as n from image_matches');
    expect(await hashEvidenceImages(deps, neverQueued)).toMatchObject({ status: 'already_hashed' });
    expect(await count('select count(*)::int as n from evidence_image_hashes')).toBe(rows);
    expect(await count('select count(*)::int as n from image_matches')).toBe(matches);
    // A fresh process's index, loaded from the database, holds every matchable image hashed so far.
    const reloaded = new KnownImageIndex(50);
    await reloaded.catchUp(use().db);
    expect(reloaded.evidence.size).toBe(index.evidence.size);
    expect(reloaded.banks.size).toBe(2);
  });

  it('hashes a real capture of the fixture site: the sealed capture queues its hashing, the page photo matches', async () => {
    let site: FixtureSite | null = null;
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csep-hash-capture-'));
    const queue = new JobQueue(use(), silentLogger, { schedule: false });
    try {
      site = await startFixtureSite();
      const pagePath = `/takedown/${unique()}`;
      site.setTakedownMode(pagePath, 'online');
      const runtime: CaptureRuntime = {
        signingKey: app.deps.signingKey,
        allowList: ['127.0.0.1'],
        chromiumPath: '/usr/bin/chromium',
        workDir,
        maxAttempts: 2,
        onSealed: (id) => app.deps.imageMatching!.enqueue([id]),
      };
      const job = captureJob(use().db, app.deps.vault, runtime);
      await queue.start();
      await queue.register(job, true);
      app.deps.queue = queue;
      app.deps.capture = { job };
      const created = await da.request('POST', '/api/captures', { url: `${site.origin}${pagePath}` });
      expect(created.statusCode, created.body).toBe(202);
      const deadline = Date.now() + 90_000;
      let state = created.json();
      while (state.status !== 'sealed' && state.status !== 'failed') {
        if (Date.now() > deadline) throw new Error(`capture still ${state.status}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
        state = (await da.request('GET', `/api/captures/${state.id}`)).json();
      }
      expect(state.status, state.error).toBe('sealed');
      let view = await matchesOf(da, `/api/evidence/${state.evidenceItemId}/image-matches`);
      while (view.pendingItems > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        view = await matchesOf(da, `/api/evidence/${state.evidenceItemId}/image-matches`);
      }
      expect(view.hashedImages).toBeGreaterThanOrEqual(2); // the screenshot and the post's photo
      expect(view.matches.map((m) => [m.method, m.bank?.label, m.image.source, m.image.targetUri])).toEqual([['sha256', '擷取頁面影像', 'warc_record', `${site.origin}${TAKEDOWN_PHOTO_PATH}`]]);
    } finally {
      await queue.stop();
      app.deps.queue = null;
      app.deps.capture = null;
      await site?.close();
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  });
});
