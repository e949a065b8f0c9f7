/**
 * Notices and reminders of the case register (issue #5; G4.2.2, G4.2.3, G6.3.6): the social-affairs
 * notice and the FPO case file are printed from case facts (never a reporter's identity, never an
 * officer's name), mailed with the PDF and recorded, closing their playbook tasks; overdue tasks
 * reach their owners by e-mail once a day.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/client.ts';
import type { ServiceContext } from '../../src/core/request-context.ts';
import { reviewAssessment, submitAssessment, transferCase } from '../../src/modules/cases/case-workflow.service.ts';
import { caseWorkflowRepository } from '../../src/modules/cases/case-workflow.repository.ts';
import { printCaseDocument, sendCaseNotice, type NoticeDeps } from '../../src/modules/cases/case-notices.service.ts';
import { promoteFinding, recordFinding } from '../../src/modules/findings/findings.service.ts';
import { mailMessages } from '../../src/modules/mail/mail.tables.ts';
import { tasksRepository } from '../../src/modules/tasks/tasks.repository.ts';
import { remindOverdueTasks } from '../../src/modules/tasks/task-reminders.job.ts';
import { users } from '../../src/modules/users/users.tables.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { contextFor, makeUser, seedDepartment } from '../helpers/factories.ts';
import { buildTestApp, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

const hasPdfToText = spawnSync('pdftotext', ['-v']).status === 0;
const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });

describeEachDatabase('case notices and reminders', (use) => {
  let app: AppInstance;
  let db: Database;
  let deps: NoticeDeps;
  let officer: ServiceContext;
  let supervisor: ServiceContext;
  let officerName: string;
  let caseId: string;
  let client: TestClient;

  beforeAll(async () => {
    db = use().db;
    await seedDepartment(db);
    app = await buildTestApp(use());
    deps = { db, printer: app.deps.printer, config: app.deps.config, queue: null };
    const officerUser = await makeUser(db, { unitCode: 'DA-S1', displayName: '陳警員測試' });
    officerName = officerUser.user.displayName;
    await db.update(users).set({ email: 'officer.da@police.example.tw' }).where(eq(users.id, officerUser.user.id));
    officer = contextFor(officerUser);
    supervisor = contextFor(await makeUser(db, { unitCode: 'DA', roles: ['supervisor'] }));
    client = new TestClient(app);
    await client.login(use(), officerUser);

    const { found } = await recordFinding(db, officer, { url: `https://www.ptt.cc/bbs/Sex/M.${Date.now()}.A.NT1.html`, accountId: 'notice_acct', contentText: '援交 私訊' });
    caseId = (await promoteFinding(db, officer, found.finding.id, { title: '通報測試' })).case!.id;
    const evidence = (await db.execute(
      `insert into evidence_items (kind, owning_unit_id, case_id, captured_by, captured_at, sha256, size_bytes, media_type)
       values ('upload', '${officerUser.unit.id}', '${caseId}', '${officerUser.user.id}', now(), '${'b'.repeat(64)}', 1, 'image/png') returning id` as never,
    )) as unknown as { rows: { id: string }[] };
    const evidenceIds = [evidence.rows[0]!.id];
    // A reporter on the case: their name must never reach a notice.
    const reporter = await client.request('POST', `/api/cases/${caseId}/reporters`, { name: '林秘密', contact: '0912-000-111', relation: '家長' });
    expect(reporter.statusCode, reporter.body).toBe(201);
    await submitAssessment(db, officer, caseId, {
      publicDissemination: { held: true, reasons: '公開看板', evidenceIds },
      inducement: { held: true, reasons: '暗語招攬', evidenceIds },
      childAtRisk: { held: true, reasons: '自稱國中生', evidenceIds, subparagraphs: [1, 3] },
    });
    const pending = (await caseWorkflowRepository.pendingAssessment(db, caseId))!;
    await reviewAssessment(db, supervisor, caseId, { assessmentId: pending.id, decision: 'approved' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('mails the social-affairs notice with its PDF, records it and closes the task; no identities in it', async () => {
    expect((await tasksRepository.find(db, caseId, 'social_affairs_notice'))!.status).toBe('open');
    await expect(sendCaseNotice(deps, officer, caseId, { kind: 'social_affairs', recipients: ['not an address'] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await caseWorkflowRepository.notices(db, caseId)).length).toBe(0);

    await sendCaseNotice(deps, officer, caseId, { kind: 'social_affairs', recipients: ['sab.notice@gov.example.tw'] });
    const notices = await caseWorkflowRepository.notices(db, caseId);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'social_affairs', channel: 'eml_outbox', recipient: 'sab.notice@gov.example.tw' });
    expect(notices[0]!.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await tasksRepository.find(db, caseId, 'social_affairs_notice'))!.status).toBe('done');
    const mail = (await db.select().from(mailMessages).where(eq(mailMessages.id, notices[0]!.mailMessageId!)))[0]!;
    expect(mail.subject).toContain('案號');
    const raw = Buffer.from(mail.rawBase64, 'base64').toString('utf8');
    expect(raw).toMatch(/Content-Type: application\/pdf/);
    expect(raw).not.toContain('林秘密');

    // The timeline holds the reporter's entry (never the name) beside the case's own steps.
    const timeline = (await client.request('GET', `/api/cases/${caseId}/timeline`)).json().items as { action: string }[];
    expect(timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['case.create', 'reporter.create', 'case.assessment_review', 'case.notice']));
    expect(JSON.stringify(timeline)).not.toContain('林秘密');

    const { pdf } = await printCaseDocument(deps, officer, caseId, 'social_affairs');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (hasPdfToText) {
      const text = pdfText(pdf);
      expect(text).toContain('兒童及少年性剝削案件通報單');
      expect(text).toContain('notice_acct');
      expect(text).not.toContain('林秘密');
      expect(text).not.toContain('0912');
      expect(text).not.toContain(officerName);
    }
  });

  it('sends the FPO the case file only after transfer', async () => {
    await expect(sendCaseNotice(deps, officer, caseId, { kind: 'fpo', recipients: ['fpo@police.example.tw'] })).rejects.toMatchObject({ code: 'WORKFLOW_STEP_REFUSED' });
    await transferCase(db, supervisor, caseId, { prosecutorOffice: 'taipei', transferredOn: '2026-11-20', documentNumber: '北市警刑字第1149999999號' });
    await sendCaseNotice(deps, officer, caseId, { kind: 'fpo', recipients: ['fpo@police.example.tw'] });
    expect((await tasksRepository.find(db, caseId, 'fpo_notice'))!.status).toBe('done');
    const { pdf } = await printCaseDocument(deps, officer, caseId, 'case_file');
    if (hasPdfToText) {
      const text = pdfText(pdf);
      expect(text).toContain('b'.repeat(64).slice(0, 40));
      expect(text).toContain('北市警刑字第1149999999號');
      expect(text).not.toContain('林秘密');
    }
  });

  it('mails overdue tasks to their owners once a day', async () => {
    const later = new Date(Date.now() + 30 * 3_600_000);
    const before = (await db.select().from(mailMessages)).length;
    const reminded = await remindOverdueTasks(db, deps.config, null, later);
    expect(reminded).toBeGreaterThanOrEqual(1); // the child-protection report (24 h) is overdue by then
    const mails = (await db.select().from(mailMessages)).filter((m) => m.kind === 'task.overdue');
    expect(mails.length).toBeGreaterThanOrEqual(1);
    expect(mails.some((m) => m.recipients.includes('officer.da@police.example.tw'))).toBe(true);
    expect(mails.every((m) => !m.subject.includes('林秘密'))).toBe(true);
    // Within a day nothing is sent again.
    expect(await remindOverdueTasks(db, deps.config, null, new Date(later.getTime() + 3_600_000))).toBe(0);
    expect((await db.select().from(mailMessages)).length).toBe(before + mails.length);
  });
});
