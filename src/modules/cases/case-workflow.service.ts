/**
 * The case register's workflow (issue #5): assignment, the Art. 40 check and its sign-off
 * (G6.3.1), status changes, the serious flag with its cloud registration and CIB assistance
 * (G4.1.3, G6.3.5), evidence preservation (G6.3.2), notices (G4.2.2, Act Art. 7), transfer and
 * follow-ups (G4.2.3). Every change checks access first, writes its audit row in its transaction
 * and applies its case event to the playbook's tasks in that same transaction.
 */
import { canAccessCase, hasRole } from '../../core/access/policy.ts';
import type { Database, DbOrTx } from '../../core/db/client.ts';
import { refuseFutureTime } from '../../core/validation.ts';
import { AppError } from '../../core/errors.ts';
import type { Actor, ServiceContext } from '../../core/request-context.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { applyCaseEvent } from '../playbook/playbook-engine.ts';
import type { CaseEvent } from '../playbook/playbook-114-07-08.ts';
import { usersRepository } from '../users/users.repository.ts';
import { caseWorkflowRepository } from './case-workflow.repository.ts';
import { casesRepository, type CaseWithUnit } from './cases.repository.ts';
import { assertCaseWritable, loadCaseFor } from './cases.service.ts';
import type { Art40Element, Art40Elements, Art40Outcome, CaseStatus, NOTICE_CHANNELS, NoticeKind, PROSECUTOR_OFFICES } from './cases.tables.ts';

const MAX_REASONS = 5000;

type Office = (typeof PROSECUTOR_OFFICES)[number];
type Channel = (typeof NOTICE_CHANNELS)[number];

function actorOf(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', '請先登入 (sign in first)');
  return ctx.actor;
}

async function withEvent(db: Database, ctx: ServiceContext, found: CaseWithUnit, at: Date, work: (tx: DbOrTx) => Promise<CaseEvent | null>): Promise<CaseWithUnit> {
  await db.transaction(async (tx) => {
    const event = await work(tx);
    if (event) await applyCaseEvent(tx, ctx, found.case, event, at);
  });
  return (await casesRepository.findById(db, found.case.id))!;
}

function requiredText(value: string | undefined | null, field: string, max: number, min = 1): string {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length < min) throw new AppError('VALIDATION_FAILED', `${field} 必須填寫${min > 1 ? `（至少 ${min} 字）` : ''} (${field} is required${min > 1 ? `, at least ${min} characters` : ''})`, { field });
  if (trimmed.length > max) throw new AppError('VALIDATION_FAILED', `${field} 過長，上限 ${max} 字 (${field} longer than ${max} characters)`, { field });
  return trimmed;
}

// ── Assignment ─────────────────────────────────────────────────────────────

/** Sets the officers assigned to a case (supervisors of the owning unit): case-role users of that unit's subtree. */
export async function assignCase(db: Database, ctx: ServiceContext, caseId: string, userIds: readonly string[]): Promise<CaseWithUnit> {
  const found = await loadCaseFor(db, ctx, caseId, 'assign');
  assertCaseWritable(found);
  const unique = [...new Set(userIds)];
  if (unique.length > 20) throw new AppError('VALIDATION_FAILED', '承辦人最多 20 位 (at most 20 assignees)');
  for (const userId of unique) {
    const candidate = await usersRepository.findById(db, userId);
    const eligible = candidate?.user.active && candidate.unit.path.startsWith(found.unit.path) && candidate.user.roles.some((r) => r === 'officer' || r === 'supervisor');
    if (!eligible) throw new AppError('VALIDATION_FAILED', `承辦人須為本案單位之員警 (an assignee must be an active officer of the owning unit): ${userId}`, { field: 'userIds', userId });
  }
  const actor = actorOf(ctx);
  return withEvent(db, ctx, found, new Date(), async (tx) => {
    await caseWorkflowRepository.replaceAssignees(tx, caseId, unique, actor.userId);
    await recordAudit(tx, ctx, { action: 'case.assign', objectType: 'case', objectId: caseId, details: { userIds: unique } });
    return null;
  });
}

// ── The Art. 40 check (G6.3.1) ─────────────────────────────────────────────

export type AssessmentInput = {
  publicDissemination: { held: boolean; reasons: string; evidenceIds?: string[] };
  inducement: { held: boolean; reasons: string; evidenceIds?: string[] };
  childAtRisk: { held: boolean; reasons: string; evidenceIds?: string[]; subparagraphs?: number[] };
  /** When not all three hold: harmful to minors (still taken down) or not a target. */
  otherOutcome?: 'harmful' | 'not_target';
};

async function cleanElement(element: AssessmentInput['inducement'], field: string, caseEvidence: ReadonlySet<string>): Promise<Art40Element> {
  const reasons = requiredText(element.reasons, `${field}.reasons`, MAX_REASONS);
  const evidenceIds = [...new Set(element.evidenceIds ?? [])];
  const foreign = evidenceIds.find((id) => !caseEvidence.has(id));
  if (foreign) throw new AppError('VALIDATION_FAILED', `證據不屬於本案 (evidence is not part of this case): ${foreign}`, { field: `${field}.evidenceIds`, evidenceId: foreign });
  if (element.held && evidenceIds.length === 0) {
    throw new AppError('VALIDATION_FAILED', `${field} 成立時須指明佐證證據 (name the evidence that shows ${field})`, { field: `${field}.evidenceIds` });
  }
  return { held: element.held, reasons, evidenceIds };
}

/**
 * Submits the three-element check. The proposed outcome is "Art. 40" exactly when all three
 * elements hold (G6.3.1); otherwise the officer says harmful-to-minors or not a target. A newer
 * submission supersedes one still awaiting review.
 */
export async function submitAssessment(db: Database, ctx: ServiceContext, caseId: string, input: AssessmentInput, now = new Date()): Promise<CaseWithUnit> {
  const found = await loadCaseFor(db, ctx, caseId, 'update');
  assertCaseWritable(found);
  const actor = actorOf(ctx);
  const caseEvidence = new Set(await casesRepository.evidenceIdsOf(db, caseId));
  const publicDissemination = await cleanElement(input.publicDissemination, 'publicDissemination', caseEvidence);
  const inducement = await cleanElement(input.inducement, 'inducement', caseEvidence);
  const child = await cleanElement(input.childAtRisk, 'childAtRisk', caseEvidence);
  const subparagraphs = [...new Set(input.childAtRisk.subparagraphs ?? [])].sort();
  if (subparagraphs.some((n) => n !== 1 && n !== 2 && n !== 3)) throw new AppError('VALIDATION_FAILED', '款次僅限第 1、2、3 款 (subparagraphs are 1, 2 or 3)', { field: 'childAtRisk.subparagraphs' });
  if (child.held && subparagraphs.length === 0) throw new AppError('VALIDATION_FAILED', '請勾選第二條第一項第幾款 (choose which of Art. 2 ¶1 subparagraphs 1–3)', { field: 'childAtRisk.subparagraphs' });
  const allHeld = publicDissemination.held && inducement.held && child.held;
  let proposedOutcome: Art40Outcome;
  if (allHeld) {
    if (input.otherOutcome) throw new AppError('VALIDATION_FAILED', '三要件均成立時即為第 40 條案件 (all three elements hold: the outcome is Art. 40)', { field: 'otherOutcome' });
    proposedOutcome = 'art40';
  } else {
    if (!input.otherOutcome) throw new AppError('VALIDATION_FAILED', '要件未全部成立，請選擇「有害兒少但非第 40 條」或「非查處對象」 (not all elements hold: choose harmful or not a target)', { field: 'otherOutcome' });
    proposedOutcome = input.otherOutcome;
  }
  const elements: Art40Elements = { publicDissemination, inducement, childAtRisk: { ...child, subparagraphs: subparagraphs as (1 | 2 | 3)[] } };
  return withEvent(db, ctx, found, now, async (tx) => {
    await caseWorkflowRepository.supersedePending(tx, caseId, actor.userId, now);
    const row = await caseWorkflowRepository.insertAssessment(tx, { caseId, elements, proposedOutcome, submittedBy: actor.userId, submittedAt: now });
    await recordAudit(tx, ctx, { action: 'case.assessment_submit', objectType: 'case', objectId: caseId, details: { assessmentId: row.id, proposedOutcome } });
    return 'assessment_submitted';
  });
}

const OUTCOME_EVENT: Record<Art40Outcome, CaseEvent> = { art40: 'art40_confirmed', harmful: 'harmful_confirmed', not_target: 'not_target_confirmed' };

/**
 * A supervisor of the owning unit signs off or returns the pending check; never their own
 * (four eyes). Approval sets the case's outcome: only then is it an "Art. 40 case".
 */
export async function reviewAssessment(
  db: Database,
  ctx: ServiceContext,
  caseId: string,
  input: { assessmentId: string; decision: 'approved' | 'returned'; note?: string | null },
  now = new Date(),
): Promise<CaseWithUnit> {
  const found = await loadCaseFor(db, ctx, caseId, 'review');
  assertCaseWritable(found);
  const actor = actorOf(ctx);
  const pending = await caseWorkflowRepository.pendingAssessment(db, caseId);
  if (!pending || pending.id !== input.assessmentId) throw new AppError('CONFLICT', '此檢核已覆核或已被新的檢核取代 (this check was already reviewed or superseded)');
  if (pending.submittedBy === actor.userId) {
    await recordAuditNow(db, ctx, { action: 'case.assessment_review', objectType: 'case', objectId: caseId, outcome: 'denied', details: { reason: 'own submission' } });
    throw new AppError('FORBIDDEN', '不可覆核自己提出的檢核 (you cannot review your own check)');
  }
  const note = input.decision === 'returned' ? requiredText(input.note, 'note', MAX_REASONS) : (input.note?.trim() || null);
  return withEvent(db, ctx, found, now, async (tx) => {
    const decided = await caseWorkflowRepository.decideAssessment(tx, pending.id, { decision: input.decision, reviewNote: note, reviewedBy: actor.userId, reviewedAt: now });
    if (!decided) throw new AppError('CONFLICT', '此檢核已覆核 (this check was already reviewed)');
    await recordAudit(tx, ctx, { action: 'case.assessment_review', objectType: 'case', objectId: caseId, details: { assessmentId: pending.id, decision: input.decision, outcome: pending.proposedOutcome } });
    if (input.decision === 'returned') return 'assessment_returned';
    await caseWorkflowRepository.updateCase(tx, caseId, {
      art40Outcome: pending.proposedOutcome,
      art40ConfirmedAt: now,
      status: found.case.status === 'open' ? 'assessed' : found.case.status,
    });
    return OUTCOME_EVENT[pending.proposedOutcome];
  });
}

// ── Status ─────────────────────────────────────────────────────────────────

/**
 * open → assessed (by the sign-off) → investigating → transferred (by the transfer) → closed;
 * a closed case reopens with a reason. Closing and reopening are supervisors' acts.
 */
export async function changeStatus(db: Database, ctx: ServiceContext, caseId: string, input: { to: CaseStatus; reason?: string | null }, now = new Date()): Promise<CaseWithUnit> {
  const current = (await loadCaseFor(db, ctx, caseId, 'read')).case.status;
  const needsSupervisor = input.to === 'closed' || (current === 'closed' && input.to === 'open');
  const found = await loadCaseFor(db, ctx, caseId, needsSupervisor ? 'assign' : 'update');
  const from = found.case.status;
  const allowed =
    (from === 'assessed' && input.to === 'investigating') ||
    (input.to === 'closed' && from !== 'closed') ||
    (from === 'closed' && input.to === 'open');
  if (!allowed) {
    throw new AppError('WORKFLOW_STEP_REFUSED', `案件狀態不可由「${from}」改為「${input.to}」 (a case cannot go from ${from} to ${input.to})`, { from, to: input.to });
  }
  const reason = input.to === 'investigating' ? (input.reason?.trim() || null) : requiredText(input.reason, 'reason', 1000);
  const event: CaseEvent | null = input.to === 'closed' ? 'case_closed' : input.to === 'open' ? 'case_reopened' : null;
  return withEvent(db, ctx, found, now, async (tx) => {
    await caseWorkflowRepository.updateCase(tx, caseId, { status: input.to, closedAt: input.to === 'closed' ? now : null });
    await recordAudit(tx, ctx, { action: input.to === 'open' ? 'case.reopen' : 'case.status', objectType: 'case', objectId: caseId, details: { from, to: input.to, reason } });
    return event;
  });
}

// ── Serious or special case, CIB assistance (G4.1.3, G6.3.5) ───────────────

export async function flagSerious(db: Database, ctx: ServiceContext, caseId: string, input: { reason: string }, now = new Date()): Promise<CaseWithUnit> {
  const found = await loadCaseFor(db, ctx, caseId, 'update');
  assertCaseWritable(found);
  if (found.case.serious) throw new AppError('CONFLICT', '本案已列為重大（特殊）案件 (already flagged serious)');
  const reason = requiredText(input.reason, 'reason', 1000);
  return withEvent(db, ctx, found, now, async (tx) => {
    await caseWorkflowRepository.updateCase(tx, caseId, { serious: true, seriousReason: reason });
    await recordAudit(tx, ctx, { action: 'case.serious_flag', objectType: 'case', objectId: caseId, details: { reason } });
    return 'serious_flagged';
  });
}

export async function recordCloudRegistration(db: Database, ctx: ServiceContext, caseId: string, input: { number: string; registeredAt: Date }, now = new Date()): Promise<CaseWithUnit> {
  const found = await loadCaseFor(db, ctx, caseId, 'update');
  assertCaseWritable(found);
  if (!found.case.serious) throw new AppError('WORKFLOW_STEP_REFUSED', '僅重大（特殊）案件需登錄雲端治安管制系統 (only a serious case is registered)');
  const number = requiredText(input.number, 'number', 100);
  refuseFutureTime(input.registeredAt, 'registeredAt', now);
  return withEvent(db, ctx, found, input.registeredAt, async (tx) => {
    await caseWorkflowRepository.updateCase(tx, caseId, { cloudRegistrationNumber: number, cloudRegisteredAt: input.registeredAt });
    await recordAudit(tx, ctx, { action: 'case.cloud_registration', objectType: 'case', objectId: caseId, details: { number } });
    return 'cloud_registered';
  });
}

/** Asks the CIB for assistance: from then on CIB may read this case (and only this one). */
export async function requestCibAssistance(db: Database, ctx: ServiceContext, caseId: string, input: { reason: string }, now = new Date()): Promise<CaseWithUnit> {
  const found = await loadCaseFor(db, ctx, caseId, 'update');
  assertCaseWritable(found);
  if (found.case.cibAssistance === 'requested' || found.case.cibAssistance === 'accepted') throw new AppError('CONFLICT', '已有進行中的協助請求 (an assistance request is already open)');
  const reason = requiredText(input.reason, 'reason', 2000);
  const actor = actorOf(ctx);
  return withEvent(db, ctx, found, now, async (tx) => {
    const request = await caseWorkflowRepository.insertCibRequest(tx, { caseId, reason, requestedBy: actor.userId, requestedAt: now });
    await caseWorkflowRepository.updateCase(tx, caseId, { cibAssistance: 'requested' });
    await recordAudit(tx, ctx, { action: 'case.cib_request', objectType: 'case', objectId: caseId, details: { requestId: request.id } });
    return 'cib_requested';
  });
}

/** A CIB investigator accepts or declines the open request. */
export async function answerCibRequest(db: Database, ctx: ServiceContext, caseId: string, input: { decision: 'accepted' | 'declined'; note?: string | null }, now = new Date()): Promise<CaseWithUnit> {
  const actor = actorOf(ctx);
  const found = await loadCaseFor(db, ctx, caseId, 'read');
  if (!hasRole(actor, 'cib_investigator')) {
    await recordAuditNow(db, ctx, { action: 'case.cib_answer', objectType: 'case', objectId: caseId, outcome: 'denied' });
    throw new AppError('FORBIDDEN', '僅刑事警察大隊可回覆協助請求 (only the CIB answers)');
  }
  const open = (await caseWorkflowRepository.cibRequests(db, caseId)).find((r) => r.decision === null);
  if (!open || found.case.cibAssistance !== 'requested') throw new AppError('CONFLICT', '沒有待回覆的協助請求 (no request awaits an answer)');
  const note = input.decision === 'declined' ? requiredText(input.note, 'note', 2000) : (input.note?.trim() || null);
  return withEvent(db, ctx, found, now, async (tx) => {
    await caseWorkflowRepository.updateCibRequest(tx, open.id, { decision: input.decision, decisionNote: note, answeredBy: actor.userId, answeredAt: now });
    await caseWorkflowRepository.updateCase(tx, caseId, { cibAssistance: input.decision });
    await recordAudit(tx, ctx, { action: 'case.cib_answer', objectType: 'case', objectId: caseId, details: { requestId: open.id, decision: input.decision } });
    return 'cib_answered';
  });
}

/** Ends CIB's part (its access ends with it). */
export async function closeCibAssistance(db: Database, ctx: ServiceContext, caseId: string, now = new Date()): Promise<CaseWithUnit> {
  const found = await loadCaseFor(db, ctx, caseId, 'update');
  if (found.case.cibAssistance !== 'accepted' && found.case.cibAssistance !== 'requested') throw new AppError('CONFLICT', '沒有進行中的協助 (no assistance in progress)');
  const open = (await caseWorkflowRepository.cibRequests(db, caseId)).find((r) => r.closedAt === null);
  return withEvent(db, ctx, found, now, async (tx) => {
    if (open) await caseWorkflowRepository.updateCibRequest(tx, open.id, { closedAt: now });
    await caseWorkflowRepository.updateCase(tx, caseId, { cibAssistance: 'closed' });
    await recordAudit(tx, ctx, { action: 'case.cib_close', objectType: 'case', objectId: caseId });
    // Closing before an answer also settles the CIB's response task.
    return found.case.cibAssistance === 'requested' ? 'cib_answered' : null;
  });
}

// ── Evidence preservation (G6.3.2) ─────────────────────────────────────────

export async function requestPreservation(db: Database, ctx: ServiceContext, caseId: string, input: { prosecutorOffice: Office; requestedAt: Date; subject: string }, now = new Date()): Promise<CaseWithUnit> {
  const found = await loadCaseFor(db, ctx, caseId, 'update');
  assertCaseWritable(found);
  refuseFutureTime(input.requestedAt, 'requestedAt', now);
  const subject = requiredText(input.subject, 'subject', 2000);
  const actor = actorOf(ctx);
  return withEvent(db, ctx, found, input.requestedAt, async (tx) => {
    const row = await caseWorkflowRepository.insertPreservation(tx, { caseId, prosecutorOffice: input.prosecutorOffice, requestedAt: input.requestedAt, subject, recordedBy: actor.userId });
    await recordAudit(tx, ctx, { action: 'case.preservation_request', objectType: 'case', objectId: caseId, details: { requestId: row.id, office: input.prosecutorOffice } });
    return 'preservation_requested';
  });
}

export async function recordPreservationOutcome(
  db: Database,
  ctx: ServiceContext,
  caseId: string,
  requestId: string,
  input: { outcome: 'granted' | 'refused' | 'withdrawn'; outcomeAt: Date; note?: string | null },
  now = new Date(),
): Promise<CaseWithUnit> {
  const found = await loadCaseFor(db, ctx, caseId, 'update');
  assertCaseWritable(found);
  refuseFutureTime(input.outcomeAt, 'outcomeAt', now);
  const request = (await caseWorkflowRepository.preservations(db, caseId)).find((r) => r.id === requestId);
  if (!request) throw new AppError('NOT_FOUND', 'preservation request not found');
  if (request.outcome !== 'pending') throw new AppError('CONFLICT', '此聲請已有結果 (this request already has an outcome)');
  if (input.outcomeAt < request.requestedAt) throw new AppError('VALIDATION_FAILED', '結果時間不可早於聲請時間 (the outcome cannot precede the request)', { field: 'outcomeAt' });
  return withEvent(db, ctx, found, input.outcomeAt, async (tx) => {
    await caseWorkflowRepository.updatePreservation(tx, requestId, caseId, { outcome: input.outcome, outcomeAt: input.outcomeAt, outcomeNote: input.note?.trim() || null });
    await recordAudit(tx, ctx, { action: 'case.preservation_outcome', objectType: 'case', objectId: caseId, details: { requestId, outcome: input.outcome } });
    return 'preservation_answered';
  });
}

// ── Notices (G4.2.2, Act Art. 7, G4.2.3) ────────────────────────────────────

const NOTICE_EVENT: Record<NoticeKind, CaseEvent | null> = {
  social_affairs: 'social_affairs_notified',
  child_protection: 'child_protection_reported',
  fpo: 'fpo_notified',
  cib_request: null,
};

/** The guideline's gates on notices: social affairs and child protection follow a confirmed Art. 40 case; the FPO follows the transfer. */
function checkNoticeGate(found: CaseWithUnit, kind: NoticeKind): void {
  if ((kind === 'social_affairs' || kind === 'child_protection') && found.case.art40Outcome !== 'art40') {
    throw new AppError('WORKFLOW_STEP_REFUSED', '須經主管覆核確認為第 40 條案件後才通報 (notify once the Art. 40 check is signed off)');
  }
  if (kind === 'fpo' && found.case.status !== 'transferred') throw new AppError('WORKFLOW_STEP_REFUSED', '移送後才通知家防官 (the FPO is notified after the transfer)');
}

export type NoticeInput = {
  kind: NoticeKind;
  recipient: string;
  channel: Channel;
  sentAt: Date;
  reference?: string | null;
  documentSha256?: string | null;
  mailMessageId?: string | null;
};

/** Checks a notice against its gate and its fields; returns the cleaned recipient. Reads only. */
export function checkNotice(found: CaseWithUnit, input: NoticeInput, now: Date): string {
  if (found.case.status === 'closed') assertCaseWritable(found);
  checkNoticeGate(found, input.kind);
  refuseFutureTime(input.sentAt, 'sentAt', now);
  return requiredText(input.recipient, 'recipient', 300);
}

/** Writes a checked notice, its audit row and its case event inside the caller's transaction. */
export async function writeNotice(tx: DbOrTx, ctx: ServiceContext, found: CaseWithUnit, input: NoticeInput, recipient: string): Promise<void> {
  const actor = actorOf(ctx);
  const notice = await caseWorkflowRepository.insertNotice(tx, {
    caseId: found.case.id,
    kind: input.kind,
    recipient,
    channel: input.channel,
    sentAt: input.sentAt,
    reference: input.reference?.trim() || null,
    documentSha256: input.documentSha256 ?? null,
    mailMessageId: input.mailMessageId ?? null,
    recordedBy: actor.userId,
  });
  await recordAudit(tx, ctx, { action: 'case.notice', objectType: 'case', objectId: found.case.id, details: { noticeId: notice.id, kind: input.kind, channel: input.channel } });
  const event = NOTICE_EVENT[input.kind];
  if (event) await applyCaseEvent(tx, ctx, found.case, event, input.sentAt);
}

/**
 * Records a notice sent outside the system (a phone call, the child-protection online report,
 * a fax): recipient, channel, time, reference. Allowed after transfer (it is the FPO notice).
 */
export async function recordNotice(db: Database, ctx: ServiceContext, caseId: string, input: NoticeInput, now = new Date()): Promise<CaseWithUnit> {
  const found = await loadCaseFor(db, ctx, caseId, 'update');
  const recipient = checkNotice(found, input, now);
  await db.transaction((tx) => writeNotice(tx, ctx, found, input, recipient));
  return (await casesRepository.findById(db, caseId))!;
}

// ── Transfer and follow-ups (G4.2.3) ───────────────────────────────────────

export async function transferCase(
  db: Database,
  ctx: ServiceContext,
  caseId: string,
  input: { prosecutorOffice: Office; transferredOn: string; documentNumber: string },
  now = new Date(),
): Promise<CaseWithUnit> {
  const found = await loadCaseFor(db, ctx, caseId, 'transfer');
  assertCaseWritable(found);
  if (found.case.art40Outcome !== 'art40') throw new AppError('WORKFLOW_STEP_REFUSED', '須先經主管覆核確認為第 40 條案件 (the Art. 40 check must be signed off first)');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.transferredOn) || Number.isNaN(Date.parse(`${input.transferredOn}T00:00:00+08:00`))) {
    throw new AppError('VALIDATION_FAILED', '移送日期格式錯誤 (transferredOn must be YYYY-MM-DD)', { field: 'transferredOn' });
  }
  if (Date.parse(`${input.transferredOn}T00:00:00+08:00`) > now.getTime()) throw new AppError('VALIDATION_FAILED', '移送日期不可晚於今天 (transferredOn is in the future)', { field: 'transferredOn' });
  const documentNumber = requiredText(input.documentNumber, 'documentNumber', 100);
  const actor = actorOf(ctx);
  return withEvent(db, ctx, found, now, async (tx) => {
    await caseWorkflowRepository.insertTransfer(tx, { caseId, prosecutorOffice: input.prosecutorOffice, transferredOn: input.transferredOn, documentNumber, recordedBy: actor.userId, recordedAt: now });
    await caseWorkflowRepository.updateCase(tx, caseId, { status: 'transferred' });
    await recordAudit(tx, ctx, { action: 'case.transfer', objectType: 'case', objectId: caseId, details: { office: input.prosecutorOffice, transferredOn: input.transferredOn, documentNumber } });
    return 'transferred';
  });
}

/** The one write a transferred case still takes. */
export async function addFollowUp(db: Database, ctx: ServiceContext, caseId: string, input: { note: string }, now = new Date()): Promise<CaseWithUnit> {
  const found = await loadCaseFor(db, ctx, caseId, 'update');
  if (found.case.status === 'closed') assertCaseWritable(found);
  const note = requiredText(input.note, 'note', 5000);
  const actor = actorOf(ctx);
  return withEvent(db, ctx, found, now, async (tx) => {
    const row = await caseWorkflowRepository.insertFollowUp(tx, { caseId, note, createdBy: actor.userId, createdAt: now });
    await recordAudit(tx, ctx, { action: 'case.follow_up', objectType: 'case', objectId: caseId, details: { followUpId: row.id } });
    return null;
  });
}

/** Whether the actor may see the reporters' real names (case owner or WCPD) — used by the UI to offer "reveal". */
export function isCaseOwner(actor: Actor | null, found: CaseWithUnit): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'wcpd_coordinator')) return true;
  return canAccessCase(actor, { owningUnitPath: found.unit.path, cibAssistance: found.case.cibAssistance, assigneeUserIds: found.assigneeIds }, 'assign') || found.assigneeIds.includes(actor.userId);
}
