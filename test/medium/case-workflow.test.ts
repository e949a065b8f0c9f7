/**
 * The guideline's steps as a playbook (issue #5), walked step by step at the service level with a
 * controllable clock: every task is created by its event, due by its rule, overdue after it, and
 * closed by the event that completes it. Also the gates: the three-element rule, four-eyes review,
 * notices only for a confirmed case, read-only after transfer, CIB access only while asked.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/client.ts';
import type { ServiceContext } from '../../src/core/request-context.ts';
import {
  addFollowUp,
  answerCibRequest,
  assignCase,
  changeStatus,
  closeCibAssistance,
  flagSerious,
  recordCloudRegistration,
  recordNotice,
  recordPreservationOutcome,
  requestCibAssistance,
  requestPreservation,
  reviewAssessment,
  submitAssessment,
  transferCase,
  type AssessmentInput,
} from '../../src/modules/cases/case-workflow.service.ts';
import { caseWorkflowRepository } from '../../src/modules/cases/case-workflow.repository.ts';
import { getCase, getCaseDetail } from '../../src/modules/cases/cases.service.ts';
import { promoteFinding, recordFinding } from '../../src/modules/findings/findings.service.ts';
import { PLAYBOOK } from '../../src/modules/playbook/playbook-114-07-08.ts';
import { tasksRepository } from '../../src/modules/tasks/tasks.repository.ts';
import { myTasks } from '../../src/modules/tasks/tasks.service.ts';
import { contextFor, makeUser, seedDepartment } from '../helpers/factories.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

const HOUR = 3_600_000;

describeEachDatabase('case workflow and playbook', (use) => {
  let db: Database;
  let officer: ServiceContext;
  let colleague: ServiceContext;
  let supervisor: ServiceContext;
  let otherSupervisor: ServiceContext;
  let wcpd: ServiceContext;
  let cib: ServiceContext;
  let outsider: ServiceContext;
  let colleagueId: string;
  let evidenceId: string;

  beforeAll(async () => {
    db = use().db;
    await seedDepartment(db);
    const officerUser = await makeUser(db, { unitCode: 'DA-S1' });
    officer = contextFor(officerUser);
    const colleagueUser = await makeUser(db, { unitCode: 'DA-S1' });
    colleague = contextFor(colleagueUser);
    colleagueId = colleagueUser.user.id;
    supervisor = contextFor(await makeUser(db, { unitCode: 'DA', roles: ['supervisor'] }));
    otherSupervisor = contextFor(await makeUser(db, { unitCode: 'DA', roles: ['supervisor'] }));
    wcpd = contextFor(await makeUser(db, { unitCode: 'WCPD', roles: ['wcpd_coordinator'] }));
    cib = contextFor(await makeUser(db, { unitCode: 'CIB-TECH', roles: ['cib_investigator'] }));
    outsider = contextFor(await makeUser(db, { unitCode: 'XY-S1' }));
  });

  // Starts at the real time: opening a case (by promoting a finding) stamps the real clock.
  let clock = new Date();
  const advance = (hours: number) => {
    clock = new Date(clock.getTime() + hours * HOUR);
    return clock;
  };

  async function openCase(title: string): Promise<string> {
    const { found } = await recordFinding(db, officer, { url: `https://www.ptt.cc/bbs/Sex/M.${Date.now()}${Math.random()}.A.WF1.html`, contentText: '援交 私訊' }, clock);
    const promoted = await promoteFinding(db, officer, found.finding.id, { title });
    // Evidence the check can point at: an upload row for the case, inserted as the vault would.
    const [item] = (await use().db.execute(
      `insert into evidence_items (kind, owning_unit_id, case_id, captured_by, captured_at, sha256, size_bytes, media_type)
       values ('upload', '${officer.actor!.unitId}', '${promoted.case!.id}', '${officer.actor!.userId}', now(), '${'a'.repeat(64)}', 1, 'image/png') returning id` as never,
    ).then((r) => (r as unknown as { rows: { id: string }[] }).rows)) as { id: string }[];
    evidenceId = item!.id;
    return promoted.case!.id;
  }

  const tasksOf = async (caseId: string) => Object.fromEntries((await tasksRepository.forCase(db, caseId)).map((t) => [t.stepCode, t]));

  const allHeld = (): AssessmentInput => ({
    publicDissemination: { held: true, reasons: '公開看板貼文，任何人可見', evidenceIds: [evidenceId] },
    inducement: { held: true, reasons: '以暗語招攬並留聯絡方式', evidenceIds: [evidenceId] },
    childAtRisk: { held: true, reasons: '自稱高中生並標示價格', evidenceIds: [evidenceId], subparagraphs: [1] },
  });

  it('walks every playbook step from opening to the FPO notice, with deadlines from events', async () => {
    const caseId = await openCase('工作流程測試');
    // Opening creates the Art. 40 check for the owning unit's officers, due in 72 h (practice).
    let tasks = await tasksOf(caseId);
    expect(Object.keys(tasks)).toEqual(['art40_check']);
    expect(tasks.art40_check!.assigneeRole).toBe('officer');
    expect((await myTasks(db, colleague)).map((t) => t.task.stepCode)).toContain('art40_check');
    expect((await myTasks(db, outsider)).map((t) => t.caseId)).not.toContain(caseId);

    // Overdue after 72 h, not before.
    expect((await tasksRepository.overdue(db, advance(71), new Date(0), 100)).map((t) => t.caseId)).not.toContain(caseId);
    expect((await tasksRepository.overdue(db, advance(2), new Date(0), 100)).map((t) => t.caseId)).toContain(caseId);

    await assignCase(db, supervisor, caseId, [colleagueId]);
    await submitAssessment(db, officer, caseId, allHeld(), advance(1));
    tasks = await tasksOf(caseId);
    expect(tasks.art40_check!.status).toBe('done');
    expect(tasks.art40_review!.status).toBe('open');
    expect(tasks.art40_review!.dueAt!.getTime()).toBe(clock.getTime() + 24 * HOUR);
    expect((await myTasks(db, supervisor)).map((t) => t.task.stepCode)).toContain('art40_review');

    // Returned: the check reopens with a fresh deadline; resubmitted: the review reopens.
    const pending = (await caseWorkflowRepository.pendingAssessment(db, caseId))!;
    await reviewAssessment(db, supervisor, caseId, { assessmentId: pending.id, decision: 'returned', note: '請補充年齡證據' }, advance(2));
    tasks = await tasksOf(caseId);
    expect(tasks.art40_check!.status).toBe('open');
    expect(tasks.art40_check!.dueAt!.getTime()).toBe(clock.getTime() + 72 * HOUR);
    expect(tasks.art40_review!.status).toBe('done');
    await submitAssessment(db, colleague, caseId, allHeld(), advance(1));
    expect((await tasksOf(caseId)).art40_review!.status).toBe('open');

    // Approved: an Art. 40 case; social affairs at once (1 h), child protection within 24 h, transfer tracked.
    const second = (await caseWorkflowRepository.pendingAssessment(db, caseId))!;
    const confirmedAt = advance(3);
    await reviewAssessment(db, supervisor, caseId, { assessmentId: second.id, decision: 'approved' }, confirmedAt);
    const confirmed = await getCase(db, wcpd, caseId);
    expect(confirmed.case.art40Outcome).toBe('art40');
    expect(confirmed.case.status).toBe('assessed');
    tasks = await tasksOf(caseId);
    expect(tasks.social_affairs_notice!.dueAt!.getTime()).toBe(confirmedAt.getTime() + 1 * HOUR);
    expect(tasks.child_protection_report!.dueAt!.getTime()).toBe(confirmedAt.getTime() + 24 * HOUR);
    expect(tasks.transfer!.dueAt).toBeNull();
    expect((await tasksRepository.overdue(db, advance(2), new Date(0), 100)).map((t) => t.task.stepCode)).toContain('social_affairs_notice');

    await recordNotice(db, officer, caseId, { kind: 'social_affairs', recipient: '臺北市政府社會局', channel: 'email', sentAt: clock }, clock);
    await recordNotice(db, officer, caseId, { kind: 'child_protection', recipient: '關懷 e 起來', channel: 'online_system', sentAt: advance(1), reference: 'CP-1140001' }, clock);
    tasks = await tasksOf(caseId);
    expect(tasks.social_affairs_notice!.status).toBe('done');
    expect(tasks.child_protection_report!.status).toBe('done');

    // Serious: cloud registration and the CIB request, each due in 24 h; the CIB answers.
    await flagSerious(db, officer, caseId, { reason: '疑似集團經營' }, advance(1));
    tasks = await tasksOf(caseId);
    expect(tasks.cloud_registration!.status).toBe('open');
    expect(tasks.cib_request!.status).toBe('open');
    await recordCloudRegistration(db, supervisor, caseId, { number: 'CLOUD-114-000123', registeredAt: advance(1) }, clock);
    await expect(getCase(db, cib, caseId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await requestCibAssistance(db, supervisor, caseId, { reason: '需要科技偵查協助' }, advance(1));
    expect((await getCase(db, cib, caseId)).case.cibAssistance).toBe('requested');
    expect((await myTasks(db, cib)).map((t) => t.task.stepCode)).toContain('cib_response');
    await answerCibRequest(db, cib, caseId, { decision: 'accepted' }, advance(1));
    tasks = await tasksOf(caseId);
    expect(tasks.cloud_registration!.status).toBe('done');
    expect(tasks.cib_request!.status).toBe('done');
    expect(tasks.cib_response!.status).toBe('done');

    // Preservation (G6.3.2) with its follow-up, 48 h.
    await changeStatus(db, officer, caseId, { to: 'investigating' }, advance(1));
    await requestPreservation(db, officer, caseId, { prosecutorOffice: 'taipei', requestedAt: clock, subject: '保全平台帳號資料' }, clock);
    expect((await tasksOf(caseId)).preservation_outcome!.dueAt!.getTime()).toBe(clock.getTime() + 48 * HOUR);
    const preservation = (await caseWorkflowRepository.preservations(db, caseId))[0]!;
    await recordPreservationOutcome(db, officer, caseId, preservation.id, { outcome: 'granted', outcomeAt: advance(5) }, clock);
    expect((await tasksOf(caseId)).preservation_outcome!.status).toBe('done');

    // Transfer: only the supervisor; then read-only but for follow-ups; the FPO notice within 24 h.
    await expect(transferCase(db, officer, caseId, { prosecutorOffice: 'taipei', transferredOn: '2026-03-10', documentNumber: '北市警大刑字第1140000001號' }, advance(24))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await transferCase(db, supervisor, caseId, { prosecutorOffice: 'taipei', transferredOn: '2026-03-06', documentNumber: '北市警大刑字第1140000001號' }, clock);
    tasks = await tasksOf(caseId);
    expect(tasks.transfer!.status).toBe('done');
    expect(tasks.fpo_notice!.dueAt!.getTime()).toBe(clock.getTime() + 24 * HOUR);
    await expect(flagSerious(db, officer, caseId, { reason: 'x' }, clock)).rejects.toMatchObject({ code: 'CASE_READ_ONLY' });
    await expect(submitAssessment(db, officer, caseId, allHeld(), clock)).rejects.toMatchObject({ code: 'CASE_READ_ONLY' });
    await addFollowUp(db, officer, caseId, { note: '地檢署來函補正' }, advance(1));
    await recordNotice(db, officer, caseId, { kind: 'fpo', recipient: '大安分局家防官', channel: 'email', sentAt: clock }, clock);
    tasks = await tasksOf(caseId);
    expect(tasks.fpo_notice!.status).toBe('done');

    // Every step of the playbook was met in this walk.
    // Every step of the case itself; the takedown steps are walked per target in takedowns.test.ts and takedowns-api.test.ts,
    // the victims' steps per victim in victims.test.ts.
    expect(Object.keys(tasks).sort()).toEqual(PLAYBOOK.filter((s) => !s.trigger.startsWith('takedown_') && !s.trigger.startsWith('victim_')).map((s) => s.code).sort());
    expect(Object.values(tasks).every((t) => t.status === 'done')).toBe(true);
    const detail = await getCaseDetail(db, wcpd, caseId);
    expect(detail.notices.map((n) => n.kind).sort()).toEqual(['child_protection', 'fpo', 'social_affairs']);
    expect(detail.followUps).toHaveLength(1);
    expect(detail.transfer?.documentNumber).toBe('北市警大刑字第1140000001號');
  });

  it('enforces the gates: three elements, evidence of the case, four eyes, notices after sign-off', async () => {
    const caseId = await openCase('閘門測試');
    await expect(recordNotice(db, officer, caseId, { kind: 'social_affairs', recipient: '社會局', channel: 'email', sentAt: clock }, clock)).rejects.toMatchObject({ code: 'WORKFLOW_STEP_REFUSED' });
    const notAll = allHeld();
    notAll.inducement = { held: false, reasons: '未見引誘字眼' };
    await expect(submitAssessment(db, officer, caseId, notAll, clock)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'otherOutcome' } });
    await expect(submitAssessment(db, officer, caseId, { ...allHeld(), otherOutcome: 'harmful' }, clock)).rejects.toMatchObject({ details: { field: 'otherOutcome' } });
    const noSub = allHeld();
    noSub.childAtRisk = { ...noSub.childAtRisk, subparagraphs: [] };
    await expect(submitAssessment(db, officer, caseId, noSub, clock)).rejects.toMatchObject({ details: { field: 'childAtRisk.subparagraphs' } });
    const foreign = allHeld();
    foreign.inducement = { ...foreign.inducement, evidenceIds: ['00000000-0000-4000-8000-000000000000'] };
    await expect(submitAssessment(db, officer, caseId, foreign, clock)).rejects.toMatchObject({ details: { field: 'inducement.evidenceIds' } });
    await expect(submitAssessment(db, officer, caseId, { ...allHeld(), publicDissemination: { held: true, reasons: '   ', evidenceIds: [evidenceId] } }, clock)).rejects.toMatchObject({
      details: { field: 'publicDissemination.reasons' },
    });

    // Harmful but not Art. 40: signed off, no social-affairs step, no transfer.
    await submitAssessment(db, supervisor, caseId, { ...notAll, otherOutcome: 'harmful' }, clock);
    const pending = (await caseWorkflowRepository.pendingAssessment(db, caseId))!;
    await expect(reviewAssessment(db, supervisor, caseId, { assessmentId: pending.id, decision: 'approved' }, clock)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(reviewAssessment(db, officer, caseId, { assessmentId: pending.id, decision: 'approved' }, clock)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(reviewAssessment(db, otherSupervisor, caseId, { assessmentId: pending.id, decision: 'returned' }, clock)).rejects.toMatchObject({ details: { field: 'note' } });
    await reviewAssessment(db, otherSupervisor, caseId, { assessmentId: pending.id, decision: 'approved' }, clock);
    await expect(reviewAssessment(db, otherSupervisor, caseId, { assessmentId: pending.id, decision: 'approved' }, clock)).rejects.toMatchObject({ code: 'CONFLICT' });
    const tasks = await tasksOf(caseId);
    expect(tasks.social_affairs_notice).toBeUndefined();
    expect((await getCase(db, wcpd, caseId)).case.art40Outcome).toBe('harmful');
    await expect(transferCase(db, supervisor, caseId, { prosecutorOffice: 'shilin', transferredOn: '2026-03-01', documentNumber: 'X' }, clock)).rejects.toMatchObject({ code: 'WORKFLOW_STEP_REFUSED' });

    // Status: investigating from assessed; closing needs a supervisor and a reason, and cancels open tasks.
    await expect(changeStatus(db, officer, caseId, { to: 'transferred' }, clock)).rejects.toMatchObject({ code: 'WORKFLOW_STEP_REFUSED' });
    await expect(changeStatus(db, officer, caseId, { to: 'closed', reason: '結案' }, clock)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(changeStatus(db, supervisor, caseId, { to: 'closed' }, clock)).rejects.toMatchObject({ details: { field: 'reason' } });
    await flagSerious(db, officer, caseId, { reason: '測試' }, clock);
    await changeStatus(db, supervisor, caseId, { to: 'closed', reason: '非第 40 條，已函請下架' }, clock);
    const closed = await tasksOf(caseId);
    expect(closed.cloud_registration!.status).toBe('cancelled');
    await expect(addFollowUp(db, officer, caseId, { note: 'x' }, clock)).rejects.toMatchObject({ code: 'CASE_READ_ONLY' });
    await changeStatus(db, supervisor, caseId, { to: 'open', reason: '發現新事證' }, clock);
    expect((await getCase(db, officer, caseId)).case.status).toBe('open');

    // CIB: declines need a note; closing ends its access.
    await requestCibAssistance(db, officer, caseId, { reason: '協助' }, clock);
    await expect(answerCibRequest(db, officer, caseId, { decision: 'accepted' }, clock)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(answerCibRequest(db, cib, caseId, { decision: 'declined' }, clock)).rejects.toMatchObject({ details: { field: 'note' } });
    await answerCibRequest(db, cib, caseId, { decision: 'accepted' }, clock);
    await closeCibAssistance(db, officer, caseId, clock);
    await expect(getCase(db, cib, caseId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Another precinct never learns of the case.
    await expect(getCase(db, outsider, caseId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
