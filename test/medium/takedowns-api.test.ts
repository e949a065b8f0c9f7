/**
 * Takedown tracking through the HTTP API (issue #6; G5.2, G6.2, G4.1.2): a target opened from a
 * case's finding, refused before its capture is sealed, reported by e-mail to the iWIN window —
 * received by a real SMTP peer on loopback — ordered, followed by the data requests of the 180-day
 * window with the 150/170-day reminders on a controllable clock, and the speed figures per platform
 * and unit with known answers, exported as CSV and XLSX. Another unit sees none of it.
 */
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JobQueue } from '../../src/core/queue/job-queue.ts';
import type { ServiceContext } from '../../src/core/request-context.ts';
import { promoteFinding, recordFinding } from '../../src/modules/findings/findings.service.ts';
import { liaisonContacts } from '../../src/modules/liaison/liaison.tables.ts';
import { mailDeliveryJob } from '../../src/modules/mail/mail.service.ts';
import { mailMessages } from '../../src/modules/mail/mail.tables.ts';
import { platformsRepository } from '../../src/modules/platforms/platforms.repository.ts';
import { tasksRepository } from '../../src/modules/tasks/tasks.repository.ts';
import { sendRetentionReminders } from '../../src/modules/takedowns/takedown-retention.service.ts';
import { takedownTargets } from '../../src/modules/takedowns/takedowns.tables.ts';
import { users } from '../../src/modules/users/users.tables.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { contextFor, makeUnit, makeUser, seedDepartment, type TestUser } from '../helpers/factories.ts';
import { plainTextOf } from '../helpers/mime-text.ts';
import { buildTestApp, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const silentLogger = { error: () => undefined, info: () => undefined };

describeEachDatabase('takedown tracking API', (use) => {
  let app: AppInstance;
  let queue: JobQueue;
  let smtp: SMTPServer;
  const received: { to: string[]; raw: Buffer }[] = [];
  let officer: TestUser;
  let officerCtx: ServiceContext;
  let client: TestClient;
  let outsider: TestClient;
  let wcpd: TestClient;
  let iwinId: string;
  let unitCode: string;

  beforeAll(async () => {
    const db = use().db;
    await seedDepartment(db);
    smtp = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    app = await buildTestApp(use(), { SMTP_URL: smtpUrl, MAIL_FROM: 'csep-noreply@police.gov.taipei' });
    queue = new JobQueue(use(), silentLogger, { schedule: false });
    await queue.start();
    await queue.register(mailDeliveryJob(db, app.deps.config.mail, { maxAttempts: 2, retryDelaySeconds: 1 }), true);
    app.deps.queue = queue;

    // A unit of its own, so the speed figures hold only this file's targets.
    const unit = await makeUnit(db);
    unitCode = unit.code;
    officer = await makeUser(db, { unitCode, displayName: '下架測試員警' });
    // Reminders reach the officers of the case's unit who have an e-mail address.
    await db.update(users).set({ email: 'td.officer@police.example.tw' }).where(eq(users.id, officer.user.id));
    officerCtx = contextFor(officer);
    client = new TestClient(app);
    await client.login(use(), officer);
    outsider = new TestClient(app);
    await outsider.login(use(), await makeUser(db, { unitCode: 'XY-S1' }));
    wcpd = new TestClient(app);
    await wcpd.login(use(), await makeUser(db, { unitCode: 'WCPD', roles: ['wcpd_coordinator'] }));
    const [iwin] = await db.update(liaisonContacts).set({ email: 'report@iwin.example.tw', windowName: '通報窗口' }).where(eq(liaisonContacts.body, 'iwin')).returning();
    iwinId = iwin!.id;
  });

  afterAll(async () => {
    await queue?.stop();
    await app?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  async function caseWithFinding(platformCode: 'ptt' | 'dcard', seenAt: Date) {
    const stamp = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    const url = platformCode === 'ptt' ? `https://www.ptt.cc/bbs/Sex/M.${stamp}.A.API.html` : `https://www.dcard.tw/f/talk/p/${stamp}`;
    const { found } = await recordFinding(use().db, officerCtx, { url, accountId: 'api_account', posterIp: '203.0.113.10', contentText: '合成測試文字：外約價碼私訊', seenAt });
    const promoted = await promoteFinding(use().db, officerCtx, found.finding.id, { title: '下架 API 測試' });
    return { caseId: promoted.case!.id, findingId: found.finding.id, url };
  }

  async function sealCapture(findingId: string, sha: string): Promise<string> {
    const result = (await use().db.execute(
      `insert into evidence_items (kind, owning_unit_id, finding_id, captured_by, captured_at, sha256, size_bytes, media_type)
       values ('web_capture', '${officer.unit.id}', '${findingId}', '${officer.user.id}', now(), '${sha}', 10, 'application/json') returning id` as never,
    )) as unknown as { rows: { id: string }[] };
    return result.rows[0]!.id;
  }

  const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

  async function waitForMail(count: number) {
    const deadline = Date.now() + 30_000;
    while (received.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${received.length} mails received`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('opens, refuses before the seal, reports to iWIN by e-mail (received by SMTP), orders, and keeps other units out', async () => {
    const { caseId, findingId, url } = await caseWithFinding('ptt', new Date(Date.now() - 5 * HOUR));
    const opened = await client.request('POST', `/api/cases/${caseId}/takedowns`, { findingId });
    expect(opened.statusCode, opened.body).toBe(201);
    const target = opened.json();
    expect(target).toMatchObject({ state: 'identified', url, caseId, can: { update: true }, checks: [], dataRequests: [] });
    expect((await client.request('POST', `/api/cases/${caseId}/takedowns`, { findingId })).statusCode).toBe(409);

    const report = { channel: 'email', contactId: iwinId, reason: '疑似媒介兒少性交易之訊息（合成測試）', sentAt: at(-2 * HOUR) };
    const refused = await client.request('POST', `/api/takedowns/${target.id}/report`, report);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'EVIDENCE_NOT_SEALED' });
    expect(refused.json().error.message).toContain(url);

    const sha = 'a1'.repeat(32);
    const evidenceId = await sealCapture(findingId, sha);
    const reported = await client.request('POST', `/api/takedowns/${target.id}/report`, report);
    expect(reported.statusCode, reported.body).toBe(200);
    expect(reported.json()).toMatchObject({ state: 'reported', sealedEvidenceId: evidenceId, reportChannel: 'email', reportContact: { id: iwinId, body: 'iwin', windowName: '通報窗口' } });

    // The real SMTP peer receives the report: reason, full URL, the evidence's hash, no image.
    await waitForMail(1);
    const mail = received.find((m) => plainTextOf(m.raw).includes(url))!;
    expect(mail.to).toEqual(['report@iwin.example.tw']);
    const body = plainTextOf(mail.raw);
    expect(body).toContain('事由：疑似媒介兒少性交易之訊息（合成測試）');
    expect(body).toContain(`內容網址：${url}`);
    expect(body).toContain(`SHA-256 ${sha}`);
    expect(body).toContain('張貼者 IP：203.0.113.10');
    expect(mail.raw.toString('latin1')).not.toMatch(/Content-Type: image\//i);

    const order = await client.request('POST', `/api/takedowns/${target.id}/order`, { documentNumber: '北市社兒字第1140000099號', issuedAt: at(-HOUR) });
    expect(order.statusCode, order.body).toBe(200);
    const ordered = order.json();
    expect(new Date(ordered.dueAt).getTime() - new Date(ordered.orderIssuedAt).getTime()).toBe(24 * HOUR);
    expect(new Date(ordered.retentionEndsAt).getTime() - new Date(ordered.orderIssuedAt).getTime()).toBe(180 * DAY);
    expect((await client.request('POST', `/api/takedowns/${target.id}/order`, { documentNumber: 'X', issuedAt: at(-HOUR) })).statusCode).toBe(409);
    expect((await client.request('POST', `/api/takedowns/${target.id}/rpz`, { requestedAt: at(-HOUR) })).json().error).toMatchObject({ code: 'WORKFLOW_STEP_REFUSED' });
    const future = await client.request('POST', `/api/takedowns/${target.id}/removal`, { removedAt: at(HOUR) });
    expect(future.statusCode).toBe(400);

    // Data requests of the window, answered.
    const requested = await client.request('POST', `/api/takedowns/${target.id}/data-requests`, { recipient: 'PTT 站務', sentAt: at(-1000) });
    expect(requested.statusCode, requested.body).toBe(200);
    const requestId = requested.json().dataRequests[0].id as string;
    const answered = await client.request('POST', `/api/takedowns/${target.id}/data-requests/${requestId}/answer`, { answeredAt: at(-500), result: '已提供登入 IP 紀錄' });
    expect(answered.json().dataRequests[0]).toMatchObject({ recipient: 'PTT 站務', result: '已提供登入 IP 紀錄' });
    expect((await client.request('POST', `/api/takedowns/${target.id}/data-requests/${requestId}/answer`, { answeredAt: at(-500), result: ' ' })).statusCode).toBe(400);

    // Lists and the case timeline carry it; another unit sees nothing and cannot act.
    const listed = (await client.request('GET', `/api/takedowns?caseId=${caseId}`)).json().items;
    expect(listed.map((t: { id: string }) => t.id)).toEqual([target.id]);
    expect((await client.request('GET', '/api/takedowns?state=order_issued,overdue')).json().items.map((t: { id: string }) => t.id)).toContain(target.id);
    expect((await client.request('GET', '/api/takedowns?state=bogus')).statusCode).toBe(400);
    const timeline = (await client.request('GET', `/api/cases/${caseId}/timeline`)).json().items as { action: string }[];
    expect(timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['takedown.open', 'takedown.reported', 'takedown.order_issued', 'takedown.data_request']));
    expect((await outsider.request('GET', `/api/takedowns/${target.id}`)).statusCode).toBe(404);
    expect((await outsider.request('POST', `/api/takedowns/${target.id}/withdraw`, { reason: '越權測試' })).statusCode).toBe(404);
    expect((await outsider.request('GET', '/api/takedowns')).json().items.map((t: { id: string }) => t.id)).not.toContain(target.id);
    expect((await wcpd.request('GET', `/api/takedowns/${target.id}`)).statusCode).toBe(200);
  });

  it('reminds at 150 and 170 days once each, opens the data-request task, and skips targets already requested', async () => {
    const db = use().db;
    const { caseId, findingId } = await caseWithFinding('ptt', new Date(Date.now() - 2 * HOUR));
    await sealCapture(findingId, 'b2'.repeat(32));
    const opened = (await client.request('POST', `/api/cases/${caseId}/takedowns`, { findingId })).json();
    const sentAt = new Date(Date.now() - 2 * HOUR).toISOString();
    expect((await client.request('POST', `/api/takedowns/${opened.id}/report`, { channel: 'phone', contactId: iwinId, reason: '電話通報（合成）', sentAt })).statusCode).toBe(200);
    const t = new Date(Date.now() - HOUR);
    expect((await client.request('POST', `/api/takedowns/${opened.id}/order`, { documentNumber: '北市社兒字第1140000100號', issuedAt: t.toISOString() })).statusCode).toBe(200);
    const reminders = () => db.select().from(mailMessages).where(and(eq(mailMessages.kind, 'takedown.retention_reminder'), eq(mailMessages.caseId, caseId)));

    const config = app.deps.config;
    const day = (n: number) => new Date(t.getTime() + n * DAY);
    expect(await sendRetentionReminders(db, config, null, day(149))).toBe(0);
    expect(await sendRetentionReminders(db, config, null, day(150))).toBeGreaterThanOrEqual(1);
    const first = await reminders();
    expect(first).toHaveLength(1);
    expect(first[0]!.recipients).toEqual(['td.officer@police.example.tw']);
    expect(first[0]!.subject).toContain('第 150 日');
    const task = await tasksRepository.find(db, caseId, 'takedown_data_request');
    expect(task).toMatchObject({ status: 'open' });
    expect(task!.dueAt!.getTime()).toBe(day(150).getTime() + 20 * DAY);
    const [row150] = await db.select().from(takedownTargets).where(eq(takedownTargets.id, opened.id));
    expect(row150!.retentionReminder150At).not.toBeNull();
    expect(row150!.retentionReminder170At).toBeNull();
    // Once only.
    await sendRetentionReminders(db, config, null, day(151));
    const [again] = await db.select().from(takedownTargets).where(eq(takedownTargets.id, opened.id));
    expect(again!.retentionReminder150At!.getTime()).toBe(row150!.retentionReminder150At!.getTime());
    await sendRetentionReminders(db, config, null, day(170));
    const [row170] = await db.select().from(takedownTargets).where(eq(takedownTargets.id, opened.id));
    expect(row170!.retentionReminder170At).not.toBeNull();
    const both = await reminders();
    expect(both).toHaveLength(2);
    expect(both.map((m) => m.subject).join()).toContain('第 170 日');
    await sendRetentionReminders(db, config, null, day(175));
    expect(await reminders()).toHaveLength(2);

    // A target whose data was already requested is marked without a task or mail.
    const second = await caseWithFinding('ptt', new Date(Date.now() - 2 * HOUR));
    await sealCapture(second.findingId, 'b3'.repeat(32));
    const other = (await client.request('POST', `/api/cases/${second.caseId}/takedowns`, { findingId: second.findingId })).json();
    expect((await client.request('POST', `/api/takedowns/${other.id}/report`, { channel: 'letter', contactId: iwinId, reason: '函文通報（合成）', sentAt })).statusCode).toBe(200);
    expect((await client.request('POST', `/api/takedowns/${other.id}/order`, { documentNumber: '北市社兒字第1140000101號', issuedAt: t.toISOString() })).statusCode).toBe(200);
    expect((await client.request('POST', `/api/takedowns/${other.id}/data-requests`, { recipient: 'PTT 站務', sentAt: new Date().toISOString() })).statusCode).toBe(200);
    await sendRetentionReminders(db, config, null, day(150));
    expect(await tasksRepository.find(db, second.caseId, 'takedown_data_request')).toBeNull();
    // The first target's data request closes its reminder task.
    expect((await client.request('POST', `/api/takedowns/${opened.id}/data-requests`, { recipient: 'PTT 站務', sentAt: new Date().toISOString() })).statusCode).toBe(200);
    expect((await tasksRepository.find(db, caseId, 'takedown_data_request'))!.status).toBe('done');
    const [marked] = await db.select().from(takedownTargets).where(eq(takedownTargets.id, other.id));
    expect(marked!.retentionReminder150At).not.toBeNull();
  });

  it('computes the speed figures per platform and per unit with known answers, exports them, and scopes them', async () => {
    const now = Date.now();
    const ago = (hours: number) => new Date(now - hours * HOUR).toISOString();
    async function target(platform: 'ptt' | 'dcard', seenHoursAgo: number, steps: { reported: number; ordered?: number; removed?: number }) {
      const { caseId, findingId } = await caseWithFinding(platform, new Date(now - seenHoursAgo * HOUR));
      await sealCapture(findingId, 'c3'.repeat(32));
      const opened = (await client.request('POST', `/api/cases/${caseId}/takedowns`, { findingId })).json();
      expect((await client.request('POST', `/api/takedowns/${opened.id}/report`, { channel: 'phone', contactId: iwinId, reason: '速度統計（合成）', sentAt: ago(steps.reported) })).statusCode).toBe(200);
      if (steps.ordered !== undefined) expect((await client.request('POST', `/api/takedowns/${opened.id}/order`, { documentNumber: `DOC-${opened.id.slice(0, 6)}`, issuedAt: ago(steps.ordered) })).statusCode).toBe(200);
      if (steps.removed !== undefined) expect((await client.request('POST', `/api/takedowns/${opened.id}/removal`, { removedAt: ago(steps.removed) })).statusCode).toBe(200);
    }
    const speedUnit = await makeUnit(use().db);
    const speedOfficer = await makeUser(use().db, { unitCode: speedUnit.code });
    const previous = { officer, officerCtx, client };
    officer = speedOfficer;
    officerCtx = contextFor(speedOfficer);
    client = new TestClient(app);
    await client.login(use(), speedOfficer);
    try {
      // PTT: finding→report 4 h and 8 h; report→order 6 h and 12 h; order→removal 10 h (in time) and 30 h (late).
      await target('ptt', 100, { reported: 96, ordered: 90, removed: 80 });
      await target('ptt', 100, { reported: 92, ordered: 80, removed: 50 });
      // Dcard: reported after 2 h, no order yet: still online.
      await target('dcard', 10, { reported: 8 });

      const speed = await client.request('GET', '/api/takedowns/speed?groupBy=platform');
      expect(speed.statusCode, speed.body).toBe(200);
      const report = speed.json();
      const ptt = (await platformsRepository.findByCode(use().db, 'ptt'))!;
      const pttRow = report.groups.find((g: { key: string }) => g.key === ptt.id);
      const close = (seconds: number, hours: number) => expect(seconds / 3600).toBeCloseTo(hours, 3);
      expect(pttRow).toMatchObject({ targets: 2, reported: 2, ordered: 2, removed: 2, removedWithin24h: 1, removedWithin24hShare: 50, rpzEscalated: 0, stillOnline: 0 });
      close(pttRow.findingToReportMedian, 6);
      close(pttRow.findingToReportP90, 7.6);
      close(pttRow.reportToOrderMedian, 9);
      close(pttRow.reportToOrderP90, 11.4);
      close(pttRow.orderToRemovalMedian, 20);
      close(pttRow.orderToRemovalP90, 28);
      expect(report.overall).toMatchObject({ targets: 3, reported: 3, ordered: 2, removed: 2, stillOnline: 1, removedWithin24hShare: 50 });
      close(report.overall.findingToReportMedian, 4);
      close(report.overall.findingToReportP90, 7.2);

      const byUnit = (await client.request('GET', '/api/takedowns/speed?groupBy=unit')).json();
      expect(byUnit.groups).toHaveLength(1);
      expect(byUnit.groups[0]).toMatchObject({ code: speedUnit.code, targets: 3 });

      // Other units see none of these figures; the WCPD sees them department-wide.
      const outside = (await outsider.request('GET', '/api/takedowns/speed?groupBy=unit')).json();
      expect(outside.groups.map((g: { code: string }) => g.code)).not.toContain(speedUnit.code);
      const department = (await wcpd.request('GET', '/api/takedowns/speed?groupBy=unit')).json();
      expect(department.groups.map((g: { code: string }) => g.code)).toEqual(expect.arrayContaining([speedUnit.code, unitCode]));

      const csv = await client.request('GET', '/api/takedowns/speed/export?format=csv&groupBy=platform');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toContain('24 小時內移除比率（%）');
      expect(lines.find((l) => l.startsWith('ptt,'))).toContain(',50,');
      expect(lines.at(-1)).toMatch(/^合計,合計,3,3,2,2,/);
      const xlsx = await client.request('GET', '/api/takedowns/speed/export?format=xlsx&groupBy=unit');
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

      expect((await client.request('GET', '/api/takedowns/speed?from=2025-02-30')).statusCode).toBe(400);
      expect((await client.request('GET', '/api/takedowns/speed?from=2025-07-08&to=2025-07-01')).statusCode).toBe(400);
      expect((await client.request('GET', '/api/takedowns/speed?groupBy=city')).statusCode).toBe(400);
    } finally {
      ({ officer, officerCtx, client } = previous);
    }
  });
});
