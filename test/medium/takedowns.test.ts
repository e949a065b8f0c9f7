/**
 * Takedown targets (groundwork for issue #6; G5.2, G6.2): one per URL, never reported before the
 * evidence is sealed (G6.2.2), the order's 24-hour clock and 180-day window, overdue → RPZ, with a
 * controllable clock at the service level.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/client.ts';
import type { ServiceContext } from '../../src/core/request-context.ts';
import { auditEvents } from '../../src/modules/audit/audit.tables.ts';
import { promoteFinding, recordFinding } from '../../src/modules/findings/findings.service.ts';
import { liaisonContacts } from '../../src/modules/liaison/liaison.tables.ts';
import { mailMessages } from '../../src/modules/mail/mail.tables.ts';
import {
  markOverdueTargets,
  openTarget,
  recordDataRequest,
  recordOrder,
  recordRemoval,
  recordRpzApplied,
  reportTarget,
  requestRpz,
  retentionDaysLeft,
  withdrawTarget,
  type TakedownDeps,
} from '../../src/modules/takedowns/takedowns.service.ts';
import { takedownsRepository } from '../../src/modules/takedowns/takedowns.repository.ts';
import { tasksRepository } from '../../src/modules/tasks/tasks.repository.ts';
import { testConfig } from '../helpers/test-app.ts';
import { contextFor, makeUser, seedDepartment } from '../helpers/factories.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

describeEachDatabase('takedown targets', (use) => {
  let db: Database;
  let deps: TakedownDeps;
  let officer: ServiceContext;
  let outsider: ServiceContext;
  let iwinId: string;
  let sabId: string;

  beforeAll(async () => {
    db = use().db;
    await seedDepartment(db);
    deps = { db, config: testConfig(), queue: null };
    officer = contextFor(await makeUser(db, { unitCode: 'DA-S1' }));
    outsider = contextFor(await makeUser(db, { unitCode: 'XY-S1' }));
    const [iwin] = await db.update(liaisonContacts).set({ email: 'report@iwin.example.tw' }).where(eq(liaisonContacts.body, 'iwin')).returning();
    iwinId = iwin!.id;
    const [sab] = await db.update(liaisonContacts).set({ email: 'rpz@sab.example.tw' }).where(eq(liaisonContacts.body, 'sab')).returning();
    sabId = sab!.id;
  });

  async function caseWithFinding() {
    const url = `https://www.ptt.cc/bbs/Sex/M.${Date.now()}${Math.floor(Math.random() * 1e6)}.A.TD1.html`;
    const { found } = await recordFinding(db, officer, { url, accountId: 'td_account', posterIp: '203.0.113.9' });
    const promoted = await promoteFinding(db, officer, found.finding.id, { title: '下架測試' });
    return { caseId: promoted.case!.id, findingId: found.finding.id, url };
  }

  async function sealCapture(findingId: string): Promise<string> {
    const result = (await db.execute(
      `insert into evidence_items (kind, owning_unit_id, finding_id, captured_by, captured_at, sha256, size_bytes, media_type)
       values ('web_capture', '${officer.actor!.unitId}', '${findingId}', '${officer.actor!.userId}', now(), '${'c'.repeat(64)}', 10, 'application/json') returning id` as never,
    )) as unknown as { rows: { id: string }[] };
    return result.rows[0]!.id;
  }

  it('refuses the report until the capture is sealed, then runs the 24-hour clock to RPZ and removal', async () => {
    const { caseId, findingId, url } = await caseWithFinding();
    const target = await openTarget(db, officer, caseId, findingId);
    expect(target.state).toBe('identified');
    await expect(openTarget(db, officer, caseId, findingId)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(openTarget(db, outsider, caseId, findingId)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const report = { channel: 'email' as const, contactId: iwinId, reason: '疑似兒少性交易訊息' };
    const refused = reportTarget(deps, officer, target.id, report);
    await expect(refused).rejects.toMatchObject({ code: 'EVIDENCE_NOT_SEALED' });
    await expect(reportTarget(deps, officer, target.id, report)).rejects.toThrow(url);

    const evidenceId = await sealCapture(findingId);
    const reported = await reportTarget(deps, officer, target.id, report);
    expect(reported).toMatchObject({ state: 'reported', sealedEvidenceId: evidenceId, reportChannel: 'email', reportContactId: iwinId });
    const mail = (await db.select().from(mailMessages).where(eq(mailMessages.id, reported.reportMailId!)))[0]!;
    expect(mail.recipients).toEqual(['report@iwin.example.tw']);
    const raw = Buffer.from(mail.rawBase64, 'base64').toString('utf8');
    expect(raw).not.toMatch(/Content-Type: image\//);
    expect(raw).not.toMatch(/Content-Disposition: attachment/);
    await expect(reportTarget(deps, officer, target.id, report)).rejects.toMatchObject({ code: 'WORKFLOW_STEP_REFUSED' });

    const t = new Date(Date.now() - 30 * HOUR);
    const ordered = await recordOrder(db, officer, target.id, { documentNumber: '北市社字第1140000001號', issuedAt: new Date(Math.max(t.getTime(), reported.reportedAt!.getTime())) });
    const orderAt = ordered.orderIssuedAt!.getTime();
    expect(ordered.dueAt!.getTime()).toBe(orderAt + 24 * HOUR);
    expect(ordered.retentionEndsAt!.getTime()).toBe(orderAt + 180 * 24 * HOUR);
    expect(retentionDaysLeft(ordered, new Date(orderAt))).toBe(180);

    expect(await markOverdueTargets(db, new Date(orderAt + 23 * HOUR))).toBe(0);
    await expect(requestRpz(deps, officer, target.id, { requestedAt: new Date(orderAt + 23 * HOUR) }, new Date(orderAt + 23 * HOUR))).rejects.toMatchObject({ code: 'WORKFLOW_STEP_REFUSED' });
    // The deadline check (test/medium/takedown-checks.test.ts) has an hour to decide; after it, an
    // order without a finished deadline check is overdue anyway (the clock's safety net).
    expect(await markOverdueTargets(db, new Date(orderAt + 24 * HOUR + 30 * MINUTE))).toBe(0);
    expect((await takedownsRepository.findById(db, target.id))!.state).toBe('order_issued');
    expect(await markOverdueTargets(db, new Date(orderAt + 25 * HOUR + MINUTE))).toBeGreaterThanOrEqual(1);
    expect((await takedownsRepository.findById(db, target.id))!.state).toBe('overdue');
    const overdueAudit = await db.select().from(auditEvents).where(and(eq(auditEvents.objectId, target.id), eq(auditEvents.action, 'takedown.overdue')));
    expect(overdueAudit.map((a) => a.details)).toEqual([expect.objectContaining({ reason: 'no_deadline_check_result', dueAt: ordered.dueAt!.toISOString() })]);
    expect(await markOverdueTargets(db, new Date(orderAt + 26 * HOUR))).toBe(0);

    // Overdue opens the playbook's RPZ step for the case's officers, due 24 h later; the request closes it.
    const rpzTask = await tasksRepository.find(db, caseId, 'takedown_rpz');
    expect(rpzTask).toMatchObject({ status: 'open', assigneeRole: 'officer' });
    expect(rpzTask!.dueAt!.getTime()).toBe(orderAt + 25 * HOUR + MINUTE + 24 * HOUR);
    const rpz = await requestRpz(deps, officer, target.id, { requestedAt: new Date(orderAt + 26 * HOUR), contactId: sabId }, new Date(orderAt + 26 * HOUR));
    expect((await tasksRepository.find(db, caseId, 'takedown_rpz'))!.status).toBe('done');
    expect(rpz).toMatchObject({ state: 'rpz_requested', rpzDomain: 'www.ptt.cc', rpzContactId: sabId });
    // The letter to the SAB is generated and mailed: the domain, the URL and the order's number.
    const letter = (await db.select().from(mailMessages).where(eq(mailMessages.id, rpz.rpzMailId!)))[0]!;
    expect(letter.recipients).toEqual(['rpz@sab.example.tw']);
    expect(letter.subject).toContain('www.ptt.cc');
    const letterText = Buffer.from(letter.rawBase64, 'base64').toString('utf8');
    expect(letterText).not.toMatch(/Content-Type: image\//);
    await recordRpzApplied(db, officer, target.id, { appliedAt: new Date(orderAt + 28 * HOUR) }, new Date(orderAt + 28 * HOUR));
    const removed = await recordRemoval(db, officer, target.id, { removedAt: new Date(orderAt + 29 * HOUR) }, new Date(orderAt + 29 * HOUR));
    expect(removed.state).toBe('removed');
    await expect(withdrawTarget(db, officer, target.id, { reason: 'x' })).rejects.toMatchObject({ code: 'WORKFLOW_STEP_REFUSED' });

    // The 180-day window: data requests inside it, refused after it.
    await recordDataRequest(db, officer, target.id, { recipient: 'PTT 站方', sentAt: new Date(orderAt + 150 * 24 * HOUR) }, new Date(orderAt + 150 * 24 * HOUR));
    await expect(recordDataRequest(db, officer, target.id, { recipient: 'PTT 站方', sentAt: new Date(orderAt + 181 * 24 * HOUR) }, new Date(orderAt + 181 * 24 * HOUR))).rejects.toMatchObject({
      code: 'WORKFLOW_STEP_REFUSED',
    });
  });

  it('checks inputs and withdraws with a reason', async () => {
    const { caseId, findingId } = await caseWithFinding();
    await sealCapture(findingId);
    const target = await openTarget(db, officer, caseId, findingId);
    expect(target.state).toBe('evidence_sealed');
    await expect(reportTarget(deps, officer, target.id, { channel: 'email', contactId: iwinId, reason: '   ' })).rejects.toMatchObject({ details: { field: 'reason' } });
    await expect(reportTarget(deps, officer, target.id, { channel: 'phone', contactId: '00000000-0000-4000-8000-000000000000', reason: '通報' })).rejects.toMatchObject({ details: { field: 'contactId' } });
    await expect(recordOrder(db, officer, target.id, { documentNumber: 'X', issuedAt: new Date() })).rejects.toMatchObject({ code: 'WORKFLOW_STEP_REFUSED' });
    await expect(withdrawTarget(db, officer, target.id, { reason: ' ' })).rejects.toMatchObject({ details: { field: 'reason' } });
    expect((await withdrawTarget(db, officer, target.id, { reason: '內容經查非兒少' })).state).toBe('withdrawn');
    await expect(withdrawTarget(db, outsider, target.id, { reason: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
