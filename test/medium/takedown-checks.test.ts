/**
 * Removal checks (issue #6; G5.2): a target's URL on the loopback fixture site is captured in real
 * Chromium when reported, switched to another page, and checked again — on demand and by the
 * 24-hour clock at controlled times. Synthetic pages only (see test/fixtures/capture/README.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Database } from '../../src/core/db/client.ts';
import { JobQueue } from '../../src/core/queue/job-queue.ts';
import type { ServiceContext } from '../../src/core/request-context.ts';
import { auditEvents } from '../../src/modules/audit/audit.tables.ts';
import { capturesRepository } from '../../src/modules/captures/captures.repository.ts';
import { captureJob, requestCapture, runCapture, type CaptureRuntime } from '../../src/modules/captures/captures.service.ts';
import { evidenceRepository } from '../../src/modules/evidence/evidence.repository.ts';
import { promoteFinding, recordFinding } from '../../src/modules/findings/findings.service.ts';
import { liaisonContacts } from '../../src/modules/liaison/liaison.tables.ts';
import { platformsRepository } from '../../src/modules/platforms/platforms.repository.ts';
import {
  listRemovalChecks,
  removalCheckJob,
  requestRemovalCheck,
  runRemovalCheck,
  runTakedownClock,
  type RemovalCheckDeps,
  type RemovalCheckJob,
  type RemovalCheckRuntime,
  type TakedownClockDeps,
} from '../../src/modules/takedowns/removal-check.service.ts';
import { takedownsRepository } from '../../src/modules/takedowns/takedowns.repository.ts';
import { openTarget, recordOrder, reportTarget } from '../../src/modules/takedowns/takedowns.service.ts';
import { takedownChecks } from '../../src/modules/takedowns/takedowns.tables.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { startFixtureSite, TAKEDOWN_POST_TEXT, TAKEDOWN_UNAVAILABLE_TEXT, type FixtureSite, type TakedownMode } from '../fixtures/capture/site.ts';
import { contextFor, makeUser, seedDepartment } from '../helpers/factories.ts';
import { buildTestApp, testConfig, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

// Every check renders a page in Chromium; a test makes up to three captures.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const HOUR = 3_600_000;
const MINUTE = 60_000;
const silentLogger = { error: () => undefined, info: () => undefined };

describeEachDatabase('takedown removal checks', (use) => {
  let db: Database;
  let app: AppInstance;
  let site: FixtureSite;
  let queue: JobQueue;
  let workDir: string;
  let runtime: RemovalCheckRuntime;
  let capture: ReturnType<typeof captureJob>;
  let checkJob: RemovalCheckJob;
  let checkDeps: RemovalCheckDeps;
  let clockDeps: TakedownClockDeps;
  let officer: ServiceContext;
  let outsider: ServiceContext;
  let iwinId: string;
  let instagramId: string;
  let slugs = 0;

  beforeAll(async () => {
    db = use().db;
    await seedDepartment(db);
    site = await startFixtureSite();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csep-check-work-'));
    app = await buildTestApp(use());
    const captureRuntime: CaptureRuntime = { signingKey: app.deps.signingKey, allowList: ['127.0.0.1'], chromiumPath: '/usr/bin/chromium', workDir, maxAttempts: 2 };
    // A resolver that must never be asked: every fixture URL is an IP literal.
    runtime = { ...captureRuntime, lookup: async (host) => Promise.reject(new Error(`unexpected DNS lookup of ${host}`)) };
    capture = captureJob(db, app.deps.vault, captureRuntime);
    checkJob = removalCheckJob(db, app.deps.vault, runtime);
    // The jobs are queued for real (keys, payloads) but run here, one at a time, by the test.
    queue = new JobQueue(use(), silentLogger, { schedule: false });
    await queue.start();
    await queue.register(capture, false);
    await queue.register(checkJob, false);
    checkDeps = { db, queue, checkJob };
    clockDeps = { queue, checkJob };
    officer = contextFor(await makeUser(db, { unitCode: 'DA-S1' }));
    outsider = contextFor(await makeUser(db, { unitCode: 'XY-S1' }));
    iwinId = (await db.select().from(liaisonContacts).where(eq(liaisonContacts.body, 'iwin')))[0]!.id;
    instagramId = (await platformsRepository.findByCode(db, 'instagram'))!.id;
  });

  afterAll(async () => {
    await queue?.stop();
    await app?.close();
    await site?.close();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  /** A reported target whose URL was captured (sealed) while the fixture page showed the post. */
  async function reportedTarget(options: { sentAt?: Date; capture?: boolean; url?: string } = {}) {
    slugs += 1;
    const pagePath = `/takedown/${slugs}-${Date.now()}`;
    const url = options.url ?? `${site.origin}${pagePath}`;
    site.setTakedownMode(pagePath, 'online');
    const { found } = await recordFinding(db, officer, { url, platformId: instagramId, contentText: `${TAKEDOWN_POST_TEXT}\n承辦人備註：疑似散布，已通報。`, accountId: 'fixture_poster_02' });
    const promoted = await promoteFinding(db, officer, found.finding.id, { title: '下架查核測試' });
    const caseId = promoted.case!.id;
    if (options.capture === false) {
      // A stand-in sealed item without files, for targets whose host is not on the fixture site.
      await db.execute(
        `insert into evidence_items (kind, owning_unit_id, finding_id, captured_by, captured_at, sha256, size_bytes, media_type)
         values ('web_capture', '${officer.actor!.unitId}', '${found.finding.id}', '${officer.actor!.userId}', now(), '${'d'.repeat(64)}', 10, 'application/json')` as never,
      );
    } else {
      const requested = await requestCapture(db, queue, capture, officer, { url }, { findingId: found.finding.id, caseId: null });
      await runCapture(db, app.deps.vault, runtime, requested.request.id);
      const sealed = await capturesRepository.findById(db, requested.request.id);
      expect(sealed?.request.status, sealed?.request.lastError ?? '').toBe('sealed');
    }
    const opened = await openTarget(db, officer, caseId, found.finding.id);
    expect(opened.state).toBe('evidence_sealed');
    const reported = await reportTarget(
      { db, config: testConfig(), queue: null },
      officer,
      opened.id,
      { channel: 'phone', contactId: iwinId, reason: '疑似兒少性剝削內容（測試）', sentAt: options.sentAt },
    );
    return { target: reported, pagePath, url, caseId };
  }

  /** Requests an on-demand check and runs its job. */
  async function checkNow(targetId: string) {
    const check = await requestRemovalCheck(checkDeps, officer, targetId);
    expect(check).toMatchObject({ trigger: 'on_demand', status: 'queued', requestedBy: officer.actor!.userId });
    await checkJob.handler({ checkId: check.id });
    return (await takedownsRepository.findCheck(db, check.id))!;
  }

  async function expectEvidenceOfCase(evidenceId: string | null, caseId: string, url: string, httpStatus: number) {
    expect(evidenceId).not.toBeNull();
    const item = (await evidenceRepository.findById(db, evidenceId!))!.item;
    expect(item).toMatchObject({ kind: 'web_capture', caseId, findingId: null, sourceUrl: url });
    expect(item.metadata.httpStatus).toBe(httpStatus);
    const files = (await evidenceRepository.filesOf(db, evidenceId!)).map((f) => f.name).sort();
    expect(files).toEqual(['capture.warc.gz', 'manifest.json', 'page.html', 'screenshot.png']);
  }

  it('decides each page: still online, 404, the platform unavailable page, the photo without the text', async () => {
    const cases: { mode: TakedownMode; outcome: string; reason: string; status: number; detail?: string }[] = [
      { mode: 'online', outcome: 'online', reason: 'content_present', status: 200, detail: 'key text' },
      { mode: '404', outcome: 'removed', reason: 'http_404', status: 404, detail: 'HTTP 404' },
      { mode: 'unavailable', outcome: 'removed', reason: 'platform_marker', status: 200, detail: TAKEDOWN_UNAVAILABLE_TEXT[0] },
      { mode: 'image_only', outcome: 'online', reason: 'content_present', status: 200, detail: 'original image' },
    ];
    for (const c of cases) {
      const { target, pagePath, url, caseId } = await reportedTarget();
      site.setTakedownMode(pagePath, c.mode);
      const check = await checkNow(target.id);
      expect(check, c.mode).toMatchObject({ status: 'done', outcome: c.outcome, reason: c.reason });
      expect(check.detail, c.mode).toContain(c.detail);
      expect(check.detail).toContain('key text(s) from the finding');
      await expectEvidenceOfCase(check.evidenceId, caseId, url, c.status);
      const after = (await takedownsRepository.findById(db, target.id))!;
      if (c.outcome === 'removed') {
        expect(after).toMatchObject({ state: 'removed', removedAt: check.checkedAt, removalEvidenceId: check.evidenceId });
      } else {
        // An on-demand check that finds the content still up changes nothing (only the deadline does).
        expect(after.state).toBe('reported');
      }
    }
  });

  it('takes a host that no longer resolves as removed, without a capture', async () => {
    const { target } = await reportedTarget({ capture: false, url: `https://removed-host.example/p/${Date.now()}` });
    const check = await requestRemovalCheck(checkDeps, officer, target.id);
    const lookup = vi.fn(async (host: string) => Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })));
    const done = await runRemovalCheck(db, app.deps.vault, { ...runtime, lookup }, check.id);
    expect(lookup).toHaveBeenCalledWith('removed-host.example');
    expect(done).toMatchObject({ status: 'done', outcome: 'removed', reason: 'dns_unresolved', evidenceId: null });
    expect(done!.detail).toContain('ENOTFOUND');
    expect((await takedownsRepository.findById(db, target.id))!).toMatchObject({ state: 'removed', removedAt: done!.checkedAt, removalEvidenceId: null });
    const request = (await capturesRepository.findById(db, check.captureRequestId!))!.request;
    expect(request).toMatchObject({ status: 'failed', evidenceItemId: null });
    expect(request.lastError).toMatch(/DNS ENOTFOUND/);
  });

  it('checks at the deadline: still online at T + 24 h is overdue; an on-demand check later finds it gone', async () => {
    const realNow = Date.now();
    const { target, pagePath, url, caseId } = await reportedTarget({ sentAt: new Date(realNow - 26 * HOUR) });
    const ordered = await recordOrder(db, officer, target.id, { documentNumber: '北市社字第1140000101號', issuedAt: new Date(realNow - 24 * HOUR - 10 * MINUTE) });
    const dueAt = ordered.dueAt!.getTime();

    await runTakedownClock(db, clockDeps, new Date(dueAt - MINUTE));
    expect(await listRemovalChecks(db, officer, target.id)).toEqual([]);
    await runTakedownClock(db, clockDeps, new Date(dueAt + MINUTE));
    await runTakedownClock(db, clockDeps, new Date(dueAt + 2 * MINUTE));
    const checks = await listRemovalChecks(db, officer, target.id);
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ trigger: 'deadline', status: 'queued', requestedBy: null });
    expect((await takedownsRepository.findById(db, target.id))!.state).toBe('order_issued');
    // The job is queued under the check's id: sending it again inserts nothing.
    expect(await queue.enqueue(checkJob, { checkId: checks[0]!.id }, checks[0]!.id)).toBeNull();

    await checkJob.handler({ checkId: checks[0]!.id });
    const deadline = (await takedownsRepository.findCheck(db, checks[0]!.id))!;
    expect(deadline).toMatchObject({ status: 'done', outcome: 'online', reason: 'content_present' });
    await expectEvidenceOfCase(deadline.evidenceId, caseId, url, 200);
    expect((await takedownsRepository.findById(db, target.id))!.state).toBe('overdue');
    const overdueAudit = await db.select().from(auditEvents).where(and(eq(auditEvents.objectId, target.id), eq(auditEvents.action, 'takedown.overdue')));
    expect(overdueAudit).toHaveLength(1);
    expect(overdueAudit[0]!.details).toMatchObject({ checkId: deadline.id, outcome: 'online', reason: 'content_present', evidenceId: deadline.evidenceId });

    // Later the post is gone from an otherwise normal page.
    site.setTakedownMode(pagePath, 'gone');
    const later = await checkNow(target.id);
    expect(later).toMatchObject({ status: 'done', outcome: 'removed', reason: 'content_gone' });
    expect((await takedownsRepository.findById(db, target.id))!).toMatchObject({ state: 'removed', removedAt: later.checkedAt, removalEvidenceId: later.evidenceId });
    expect((await listRemovalChecks(db, officer, target.id)).map((c) => c.id)).toEqual([later.id, deadline.id]);
  });

  it('marks the target removed when the deadline check gets 410, at the check time', async () => {
    const realNow = Date.now();
    const { target, pagePath, caseId, url } = await reportedTarget({ sentAt: new Date(realNow - 26 * HOUR) });
    const ordered = await recordOrder(db, officer, target.id, { documentNumber: '北市社字第1140000102號', issuedAt: new Date(realNow - 24 * HOUR - 5 * MINUTE) });
    site.setTakedownMode(pagePath, '410');
    expect((await runTakedownClock(db, clockDeps, new Date(ordered.dueAt!.getTime() + MINUTE))).checksRequested).toBeGreaterThanOrEqual(1);
    const [check] = await listRemovalChecks(db, officer, target.id);
    const checkTime = new Date(ordered.dueAt!.getTime() + 3 * MINUTE);
    const done = await runRemovalCheck(db, app.deps.vault, { ...runtime, clock: () => checkTime }, check!.id);
    expect(done).toMatchObject({ trigger: 'deadline', status: 'done', outcome: 'removed', reason: 'http_410', checkedAt: checkTime });
    await expectEvidenceOfCase(done!.evidenceId, caseId, url, 410);
    expect((await takedownsRepository.findById(db, target.id))!).toMatchObject({ state: 'removed', removedAt: checkTime, removalEvidenceId: done!.evidenceId });
    // A removed target is not checked again.
    await expect(requestRemovalCheck(checkDeps, officer, target.id)).rejects.toMatchObject({ code: 'WORKFLOW_STEP_REFUSED' });
  });

  it('makes an order overdue an hour after its deadline when its check never finished (safety net)', async () => {
    const realNow = Date.now();
    const { target } = await reportedTarget({ capture: false, url: `https://stuck-check.example/p/${Date.now()}`, sentAt: new Date(realNow - 30 * HOUR) });
    const ordered = await recordOrder(db, officer, target.id, { documentNumber: '北市社字第1140000103號', issuedAt: new Date(realNow - 28 * HOUR) });
    const dueAt = ordered.dueAt!.getTime();
    await runTakedownClock(db, clockDeps, new Date(dueAt + MINUTE));
    expect(await listRemovalChecks(db, officer, target.id)).toMatchObject([{ trigger: 'deadline', status: 'queued' }]);
    await runTakedownClock(db, clockDeps, new Date(dueAt + 59 * MINUTE));
    expect((await takedownsRepository.findById(db, target.id))!.state).toBe('order_issued');
    expect((await runTakedownClock(db, clockDeps, new Date(dueAt + 61 * MINUTE))).overdue).toBeGreaterThanOrEqual(1);
    expect((await takedownsRepository.findById(db, target.id))!.state).toBe('overdue');
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.objectId, target.id), eq(auditEvents.action, 'takedown.overdue')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ reason: 'no_deadline_check_result' });
    expect(audit[0]!.actorUsername).toBe('worker:takedown-clock');
    expect((await runTakedownClock(db, clockDeps, new Date(dueAt + 62 * MINUTE))).checksRequested).toBe(0);
  });

  it('retries a capture that failed, then records the check failed and the order overdue at the deadline', async () => {
    const realNow = Date.now();
    // Nothing listens on port 1: every navigation is refused (a retryable capture failure).
    const { target } = await reportedTarget({ capture: false, url: `http://127.0.0.1:1/takedown/${Date.now()}`, sentAt: new Date(realNow - 26 * HOUR) });
    const ordered = await recordOrder(db, officer, target.id, { documentNumber: '北市社字第1140000104號', issuedAt: new Date(realNow - 24 * HOUR - MINUTE) });
    await runTakedownClock(db, clockDeps, new Date(ordered.dueAt!.getTime() + MINUTE));
    const [check] = await listRemovalChecks(db, officer, target.id);
    // First attempt: thrown, so the queue retries the check; nothing decided yet.
    await expect(checkJob.handler({ checkId: check!.id })).rejects.toThrow(/navigation/);
    expect(await takedownsRepository.findCheck(db, check!.id)).toMatchObject({ status: 'running', outcome: null });
    // Last attempt (maxAttempts 2): the capture gives up and the check says so.
    await checkJob.handler({ checkId: check!.id });
    const failed = (await takedownsRepository.findCheck(db, check!.id))!;
    expect(failed).toMatchObject({ status: 'failed', outcome: 'inconclusive', reason: 'capture_failed', evidenceId: null });
    expect(failed.detail).toMatch(/ERR_CONNECTION_REFUSED|navigation/);
    expect((await takedownsRepository.findById(db, target.id))!.state).toBe('overdue');
  });

  it('answers 404 to another unit, refuses checks before the report and while one is running', async () => {
    const { target } = await reportedTarget({ capture: false, url: `https://access-check.example/p/${Date.now()}` });
    await expect(requestRemovalCheck(checkDeps, outsider, target.id)).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    await expect(listRemovalChecks(db, outsider, target.id)).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    const denied = await db.select().from(auditEvents).where(and(eq(auditEvents.actorUserId, outsider.actor!.userId), eq(auditEvents.outcome, 'denied')));
    expect(denied.length).toBeGreaterThanOrEqual(2);

    await expect(requestRemovalCheck({ db, queue: null, checkJob: null }, officer, target.id)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    const first = await requestRemovalCheck(checkDeps, officer, target.id);
    await expect(requestRemovalCheck(checkDeps, officer, target.id)).rejects.toMatchObject({ code: 'CONFLICT', details: { checkId: first.id } });
    expect(await listRemovalChecks(db, officer, target.id)).toHaveLength(1);

    // Not reported yet: nothing to check.
    const { found } = await recordFinding(db, officer, { url: `https://not-reported.example/p/${Date.now()}`, platformId: instagramId });
    const promoted = await promoteFinding(db, officer, found.finding.id, { title: '未通報' });
    const fresh = await openTarget(db, officer, promoted.case!.id, found.finding.id);
    await expect(requestRemovalCheck(checkDeps, officer, fresh.id)).rejects.toMatchObject({ code: 'WORKFLOW_STEP_REFUSED' });
  });

  it('is idempotent: running a finished check again changes nothing', async () => {
    const { target, pagePath } = await reportedTarget();
    site.setTakedownMode(pagePath, '404');
    const done = await checkNow(target.id);
    expect(done.outcome).toBe('removed');
    const snapshot = async () => ({
      check: await takedownsRepository.findCheck(db, done.id),
      target: await takedownsRepository.findById(db, target.id),
      audit: (await db.select({ seq: auditEvents.seq }).from(auditEvents)).length,
      evidence: (await evidenceRepository.list(db, { unitPathPrefix: null, caseId: target.caseId, limit: 100 })).length,
      checks: (await db.select().from(takedownChecks).where(eq(takedownChecks.targetId, target.id))).length,
      capture: (await capturesRepository.findById(db, done.captureRequestId!))!.request,
    });
    const before = await snapshot();
    const hitsBefore = site.hits.length;
    await checkJob.handler({ checkId: done.id });
    expect(await runRemovalCheck(db, app.deps.vault, runtime, done.id)).toBeNull();
    expect(await snapshot()).toEqual(before);
    expect(site.hits.length).toBe(hitsBefore);
  });

  it('lets administrators keep the platforms’ unavailable markers, within limits', async () => {
    const admin = new TestClient(app);
    await admin.login(use(), await makeUser(db, { unitCode: 'IT', roles: ['admin'] }));
    const officerClient = new TestClient(app);
    await officerClient.login(use(), await makeUser(db, { unitCode: 'DA-S1' }));
    const seeded = ((await admin.request('GET', '/api/platforms')).json().items as { id: string; code: string; unavailableMarkers: string[] }[]).find((p) => p.code === 'instagram')!;
    expect(seeded.unavailableMarkers).toEqual([...TAKEDOWN_UNAVAILABLE_TEXT]);

    const updated = await admin.request('PATCH', `/api/platforms/${seeded.id}`, { unavailableMarkers: ['  此內容  已移除 ', '此內容 已移除', 'Gone for good'] });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().unavailableMarkers).toEqual(['此內容 已移除', 'Gone for good']);
    for (const bad of [['x'], ['y'.repeat(201)], Array.from({ length: 51 }, (_, i) => `marker ${i}`), ['  a  ']]) {
      const refused = await admin.request('PATCH', `/api/platforms/${seeded.id}`, { unavailableMarkers: bad });
      expect(refused.statusCode, JSON.stringify(bad).slice(0, 40)).toBe(400);
    }
    expect((await officerClient.request('PATCH', `/api/platforms/${seeded.id}`, { unavailableMarkers: ['Gone'] })).statusCode).toBe(403);
    const restored = await admin.request('PATCH', `/api/platforms/${seeded.id}`, { unavailableMarkers: [...TAKEDOWN_UNAVAILABLE_TEXT] });
    expect(restored.json().unavailableMarkers).toEqual([...TAKEDOWN_UNAVAILABLE_TEXT]);
  });
});
