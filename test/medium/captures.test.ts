/**
 * One-step capture through the API and the durable job (issue #3 in part; G6.1): a loopback PTT
 * fixture page is captured in Chromium, sealed in the vault and recorded as one evidence item with
 * its signed manifest and the poster's IP; hostile targets are refused by the SSRF guard.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { manifestSignatureValid, type CaptureManifest } from '../../src/capture/index.ts';
import { JobQueue } from '../../src/core/queue/job-queue.ts';
import { captureJob, type CaptureRuntime } from '../../src/modules/captures/captures.service.ts';
import { verifyAllEvidence } from '../../src/modules/evidence/evidence.service.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { startFixtureSite, PATROL_POST_PATH, PTT_PATH, type FixtureSite } from '../fixtures/capture/site.ts';
import { makeUser, seedDepartment, type TestUser } from '../helpers/factories.ts';
import { buildTestApp, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

const silentLogger = { error: () => undefined, info: () => undefined };

describeEachDatabase('web capture', (use) => {
  let app: AppInstance;
  let site: FixtureSite;
  let queue: JobQueue;
  let workDir: string;
  let officer: TestUser;
  let client: TestClient;
  let other: TestClient;

  beforeAll(async () => {
    await seedDepartment(use().db);
    site = await startFixtureSite();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csep-capture-work-'));
    app = await buildTestApp(use());
    const runtime: CaptureRuntime = {
      signingKey: app.deps.signingKey,
      allowList: ['127.0.0.1'],
      chromiumPath: '/usr/bin/chromium',
      workDir,
      maxAttempts: 2,
    };
    const job = captureJob(use().db, app.deps.vault, runtime);
    queue = new JobQueue(use(), silentLogger, { schedule: false });
    await queue.start();
    await queue.register(job, true);
    app.deps.queue = queue;
    app.deps.capture = { job };
    officer = await makeUser(use().db, { unitCode: 'DA-S1' });
    client = new TestClient(app);
    await client.login(use(), officer);
    other = new TestClient(app);
    await other.login(use(), await makeUser(use().db, { unitCode: 'XY-S1' }));
  });

  afterAll(async () => {
    await queue?.stop();
    await app?.close();
    await site?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function waitForCapture(id: string) {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const state = (await client.request('GET', `/api/captures/${id}`)).json();
      if (state.status === 'sealed' || state.status === 'failed') return state;
      if (Date.now() > deadline) throw new Error(`capture still ${state.status}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  it('captures a PTT page, seals four files and records the poster IP from the page', async () => {
    const created = await client.request('POST', '/api/captures', { url: `${site.origin}${PTT_PATH}`, platform: 'PTT', notes: '巡查發現' });
    expect(created.statusCode, created.body).toBe(202);
    expect(created.json().status).toBe('queued');
    const done = await waitForCapture(created.json().id);
    expect(done.status, done.error).toBe('sealed');

    const detail = (await client.request('GET', `/api/evidence/${done.evidenceItemId}`)).json();
    expect(detail.item.kind).toBe('web_capture');
    expect(detail.files.map((f: { name: string }) => f.name).sort()).toEqual(['capture.warc.gz', 'manifest.json', 'page.html', 'screenshot.png']);
    const manifestFile = detail.files.find((f: { name: string }) => f.name === 'manifest.json');
    expect(detail.item.sha256).toBe(manifestFile.sha256);
    expect(detail.item.metadata.extracted.poster_ip?.value ?? detail.item.metadata.extracted.poster_ip).toBeTruthy();

    // The sealed manifest verifies with the server's key and lists every sealed file's hash.
    const manifestResponse = await client.request(
      'GET',
      `/api/evidence/${done.evidenceItemId}/files/manifest.json/content?mode=download&reason=${encodeURIComponent('驗證簽章')}`,
    );
    const manifest = JSON.parse(manifestResponse.body) as CaptureManifest;
    expect(manifestSignatureValid(manifest)).toBe(true);
    for (const file of manifest.files) {
      expect(detail.files.find((f: { name: string }) => f.name === file.name).sha256).toBe(file.sha256);
    }
    const key = (await client.request('GET', '/api/keys/capture')).json();
    expect(key.publicKeyBase64).toBe(manifest.public_key);

    // The screenshot is shown blurred by default, like any image.
    const preview = await client.request('GET', `/api/evidence/${done.evidenceItemId}/files/screenshot.png/content`);
    expect(preview.headers['content-type']).toBe('image/jpeg');
    // The archived page is hostile: never rendered, only ever an attachment with a sandbox CSP.
    const page = await client.request('GET', `/api/evidence/${done.evidenceItemId}/files/page.html/content?mode=reveal&reason=${encodeURIComponent('檢視原始碼')}`);
    expect(page.headers['content-disposition']).toMatch(/^attachment;/);
    expect(page.headers['content-security-policy']).toContain('sandbox');
    // Another unit does not learn that the capture exists.
    expect((await other.request('GET', `/api/captures/${done.id}`)).statusCode).toBe(404);
    expect(fs.readdirSync(workDir)).toEqual([]);

    // The seal holds: signature by the server's key, files as listed. A swapped file list or an
    // untrusted key is named by the full verification.
    const trusted = [key.publicKeyBase64];
    expect(await verifyAllEvidence(use().db, app.deps.vault, { trustedPublicKeys: trusted })).toMatchObject({ ok: true });
    const untrusted = await verifyAllEvidence(use().db, app.deps.vault, { trustedPublicKeys: ['someone-else'] });
    expect(untrusted.failures).toContainEqual(expect.objectContaining({ itemId: done.evidenceItemId, problem: 'manifest_key_untrusted' }));
    const screenshotFile = detail.files.find((f: { name: string }) => f.name === 'screenshot.png');
    await use().superuserSql(
      `ALTER TABLE evidence_files DISABLE TRIGGER USER; UPDATE evidence_files SET sha256 = '${screenshotFile.sha256}' WHERE item_id = '${done.evidenceItemId}' AND name = 'capture.warc.gz'; ALTER TABLE evidence_files ENABLE TRIGGER USER;`,
    );
    const swapped = await verifyAllEvidence(use().db, app.deps.vault, { trustedPublicKeys: trusted });
    expect(swapped.failures).toContainEqual(expect.objectContaining({ itemId: done.evidenceItemId, problem: 'manifest_files_mismatch' }));
  });

  it('captures a finding: the page fills its empty account fields and its text is triaged (G6.1)', async () => {
    const platforms = (await client.request('GET', '/api/platforms')).json();
    const dcard = (platforms.items ?? platforms).find((p: { code: string }) => p.code === 'dcard');
    const recorded = await client.request('POST', '/api/findings', { url: `${site.origin}${PATROL_POST_PATH}`, platformId: dcard.id, contentText: '見附件' });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const findingId = recorded.json().finding.id;
    expect(recorded.json().finding.accountName).toBeNull();

    const requested = await client.request('POST', `/api/findings/${findingId}/capture`);
    expect(requested.statusCode, requested.body).toBe(202);
    const done = await waitForCapture(requested.json().id);
    expect(done.status, done.error).toBe('sealed');

    const detail = (await client.request('GET', `/api/findings/${findingId}`)).json();
    expect(detail.finding.accountName).toBe('fixture_poster_01');
    expect(detail.finding.identitySource).toBe(`capture:${done.evidenceItemId}`);
    expect(detail.evidence.map((e: { id: string }) => e.id)).toEqual([done.evidenceItemId]);
    // The page's visible text is scored (the disguised term); the script's text is not.
    const terms = detail.finding.pageTriage.matches.map((m: { term: string }) => m.term);
    expect(terms).toContain('援交');
    expect(terms).not.toContain('約砲');
    expect(detail.finding.pageTriage.evidenceItemId).toBe(done.evidenceItemId);
    expect(detail.finding.triageScore).toBeGreaterThanOrEqual(detail.finding.pageTriage.score);
    const item = (await client.request('GET', `/api/evidence/${done.evidenceItemId}`)).json().item;
    expect(item.sourceUrl).toBe(`${site.origin}${PATROL_POST_PATH}`);
    // Another unit cannot capture (or learn of) the finding.
    expect((await other.request('POST', `/api/findings/${findingId}/capture`)).statusCode).toBe(404);
  });

  it('refuses hostile targets: not http(s), credentials in the URL, private addresses', async () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'http://user:secret@example.test/']) {
      const refused = await client.request('POST', '/api/captures', { url });
      expect(refused.statusCode, url).toBe(400);
      expect(refused.json().error.code).toBe('VALIDATION_FAILED');
    }
    const privateTarget = await client.request('POST', '/api/captures', { url: 'http://10.1.2.3/secret' });
    expect(privateTarget.statusCode).toBe(202);
    const done = await waitForCapture(privateTarget.json().id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/SSRF/);
    expect(done.evidenceItemId).toBeNull();
  });
});
