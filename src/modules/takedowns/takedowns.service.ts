/**
 * Takedown tracking per URL (G5.2, G6.2): a target is opened from a finding of a case; it is
 * reported only once its evidence is sealed (G6.2.2); the authority's order starts the 24-hour
 * clock (T) and the 180-day retention window; past T + 24 h and still online it is overdue and
 * goes to TWNIC's DNS RPZ. Every transition checks access to the case, is timed, attributed and
 * audited in its transaction.
 */
import type { AppConfig } from '../../core/config.ts';
import type { Database, DbOrTx } from '../../core/db/client.ts';
import { refuseFutureTime } from '../../core/validation.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { JobQueue } from '../../core/queue/job-queue.ts';
import { systemContext, type ServiceContext } from '../../core/request-context.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { casesRepository } from '../cases/cases.repository.ts';
import { assertCaseWritable, loadCaseFor } from '../cases/cases.service.ts';
import { findingsRepository } from '../findings/findings.repository.ts';
import { liaisonRepository } from '../liaison/liaison.repository.ts';
import { enqueueMailDelivery, queueMail } from '../mail/mail.service.ts';
import type { CaseEvent } from '../playbook/playbook-114-07-08.ts';
import { applyCaseEvent } from '../playbook/playbook-engine.ts';
import { rpzRequestText, takedownReportText } from './takedown-report.ts';
import { takedownsRepository } from './takedowns.repository.ts';
import type { ReportChannel, TakedownState, TakedownTargetRow } from './takedowns.tables.ts';

const HOUR = 3_600_000;
export const ORDER_WINDOW_HOURS = 24;
export const RETENTION_DAYS = 180;
const OPEN_STATES: readonly TakedownState[] = ['identified', 'evidence_sealed', 'reported', 'order_issued', 'overdue', 'rpz_requested', 'rpz_applied'];

export type TakedownDeps = { db: Database; config: AppConfig; queue: JobQueue | null };

/** A target the actor may read or update through its case; anything else is an audited 404. */
export async function loadTarget(db: Database, ctx: ServiceContext, id: string, action: 'read' | 'update'): Promise<TakedownTargetRow> {
  const target = await takedownsRepository.findById(db, id);
  if (!target) {
    await recordAuditNow(db, ctx, { action: `takedown.${action}`, objectType: 'takedown', objectId: id, outcome: 'denied' });
    throw notFound('takedown target');
  }
  // Access follows the case (404 and an audited denial otherwise).
  const found = await loadCaseFor(db, ctx, target.caseId, action);
  if (action === 'update' && found.case.status === 'closed') assertCaseWritable(found);
  return target;
}

async function move(
  db: Database,
  ctx: ServiceContext,
  target: TakedownTargetRow,
  from: readonly TakedownState[],
  to: TakedownState,
  patch: Parameters<typeof takedownsRepository.transition>[3],
  details: Record<string, unknown> = {},
  caseEvent?: { event: CaseEvent; at: Date },
): Promise<TakedownTargetRow> {
  if (!from.includes(target.state)) {
    throw new AppError('WORKFLOW_STEP_REFUSED', `下架目標狀態為「${target.state}」，不能改為「${to}」 (a target in state ${target.state} cannot become ${to})`, { from: target.state, to });
  }
  await db.transaction(async (tx) => {
    const moved = await takedownsRepository.transition(tx, target.id, from, { ...patch, state: to });
    if (!moved) throw new AppError('CONFLICT', '下架目標已被他人更新，請重新整理 (the target changed meanwhile; reload)');
    await recordAudit(tx, ctx, { action: `takedown.${to}`, objectType: 'takedown', objectId: target.id, details: { caseId: target.caseId, url: target.url, from: target.state, ...details } });
    if (caseEvent) await applyTakedownCaseEvent(tx, ctx, target.caseId, caseEvent.event, caseEvent.at);
  });
  return (await takedownsRepository.findById(db, target.id))!;
}

/** Opens or closes the case's playbook tasks for a takedown event, inside the caller's transaction. */
export async function applyTakedownCaseEvent(tx: DbOrTx, ctx: ServiceContext, caseId: string, event: CaseEvent, at: Date): Promise<void> {
  const found = await casesRepository.findById(tx, caseId);
  if (found) await applyCaseEvent(tx, ctx, { id: found.case.id, owningUnitId: found.case.owningUnitId }, event, at);
}

/** The newest sealed capture of the target's URL, or null. */
async function sealedCapture(db: Database, target: Pick<TakedownTargetRow, 'urlId' | 'caseId'>) {
  return (await takedownsRepository.sealedCaptures(db, target.urlId, target.caseId))[0] ?? null;
}

/** Opens the takedown target of a case's finding (one per URL department-wide). */
export async function openTarget(db: Database, ctx: ServiceContext, caseId: string, findingId: string): Promise<TakedownTargetRow> {
  const found = await loadCaseFor(db, ctx, caseId, 'update');
  assertCaseWritable(found);
  const finding = await findingsRepository.findById(db, findingId);
  if (!finding || finding.finding.caseId !== caseId) throw new AppError('VALIDATION_FAILED', '此發現不屬於本案 (the finding is not part of this case)', { field: 'findingId' });
  const existing = await takedownsRepository.findByUrl(db, finding.knownUrl.id);
  if (existing) {
    throw new AppError('CONFLICT', existing.caseId === caseId ? '此網址已有下架目標 (this URL already has a takedown target)' : '此網址已由其他案件追蹤下架 (another case tracks this URL)', {
      targetId: existing.caseId === caseId ? existing.id : undefined,
    });
  }
  const sealed = await sealedCapture(db, { urlId: finding.knownUrl.id, caseId });
  const id = await db.transaction(async (tx) => {
    const row = await takedownsRepository.insertIfAbsent(tx, {
      caseId,
      urlId: finding.knownUrl.id,
      findingId,
      url: finding.finding.url,
      platformId: finding.platform.id,
      state: sealed ? 'evidence_sealed' : 'identified',
      sealedEvidenceId: sealed?.id ?? null,
      createdBy: ctx.actor!.userId,
    });
    if (!row) throw new AppError('CONFLICT', '此網址已有下架目標 (this URL already has a takedown target)');
    await recordAudit(tx, ctx, { action: 'takedown.open', objectType: 'takedown', objectId: row.id, details: { caseId, url: row.url, state: row.state } });
    return row.id;
  });
  return (await takedownsRepository.findById(db, id))!;
}

/** Re-checks the seal (after a capture finished): identified → evidence_sealed. */
export async function refreshSeal(db: Database, ctx: ServiceContext, id: string): Promise<TakedownTargetRow> {
  const target = await loadTarget(db, ctx, id, 'update');
  if (target.state !== 'identified') return target;
  const sealed = await sealedCapture(db, target);
  if (!sealed) return target;
  return move(db, ctx, target, ['identified'], 'evidence_sealed', { sealedEvidenceId: sealed.id }, { evidenceId: sealed.id });
}

/**
 * Reports the URL to iWIN through the WCPD (G6.2.1). Refused while the URL has no sealed capture
 * (G6.2.2). By e-mail the report is generated and mailed to the liaison window; by phone, letter
 * or online form it is recorded with the recipient window and time.
 */
export async function reportTarget(
  deps: TakedownDeps,
  ctx: ServiceContext,
  id: string,
  input: { channel: ReportChannel; contactId: string; reason: string; reference?: string | null; sentAt?: Date },
  now = new Date(),
): Promise<TakedownTargetRow> {
  const { db } = deps;
  let target = await loadTarget(db, ctx, id, 'update');
  const sealed = await sealedCapture(db, target);
  if (!sealed) {
    await recordAuditNow(db, ctx, { action: 'takedown.report', objectType: 'takedown', objectId: id, outcome: 'denied', details: { reason: 'evidence not sealed' } });
    throw new AppError('EVIDENCE_NOT_SEALED', `網址尚無封存之擷取證據，不得通報下架：${target.url} (no sealed capture of this URL yet; capture it first)`, { url: target.url });
  }
  if (target.state === 'identified') target = await move(db, ctx, target, ['identified'], 'evidence_sealed', { sealedEvidenceId: sealed.id });
  const contact = await liaisonRepository.findById(db, input.contactId);
  if (!contact || !contact.active) throw new AppError('VALIDATION_FAILED', '聯繫窗口不存在或已停用 (no such active liaison contact)', { field: 'contactId' });
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > 2000) throw new AppError('VALIDATION_FAILED', '事由必填，上限 2000 字 (reason is required, at most 2000 characters)', { field: 'reason' });
  const sentAt = input.sentAt ?? now;
  refuseFutureTime(sentAt, 'sentAt', now);
  if (input.channel === 'email' && !contact.email) throw new AppError('VALIDATION_FAILED', '此聯繫窗口沒有電子郵件 (the contact has no e-mail address)', { field: 'contactId' });
  if (target.state !== 'evidence_sealed') {
    throw new AppError('WORKFLOW_STEP_REFUSED', `下架目標狀態為「${target.state}」，不能再通報 (a target in state ${target.state} cannot be reported)`);
  }
  const found = await loadCaseFor(db, ctx, target.caseId, 'update');
  const finding = target.findingId ? await findingsRepository.findById(db, target.findingId) : null;
  const evidence = await takedownsRepository.sealedCaptures(db, target.urlId, target.caseId);
  let mailId: string | null = null;
  await db.transaction(async (tx) => {
    if (input.channel === 'email') {
      const text = takedownReportText({
        caseNumber: found.case.number,
        reason,
        siteName: finding?.platform.nameZh ?? new URL(target.url).hostname,
        url: target.url,
        imageUrls: [],
        posterAccount: finding ? [finding.finding.accountName, finding.finding.accountId].filter(Boolean).join(' / ') || null : null,
        posterIp: finding?.finding.posterIp ?? null,
        evidence: evidence.map((e) => ({ id: e.id, sha256: e.sha256, capturedAt: e.capturedAt })),
        agency: `臺北市政府警察局${found.unit.nameZh === '臺北市政府警察局' ? '' : found.unit.nameZh}`,
        agencyContact: `${found.unit.nameZh}（案號 ${found.case.number}）`,
      });
      const mail = await queueMail(tx, { kind: 'takedown.report', from: deps.config.mail.from, to: [contact.email!], subject: `網路有害內容下架通報（案號 ${found.case.number}）`, text, caseId: target.caseId, ctx });
      mailId = mail.id;
    }
    const moved = await takedownsRepository.transition(tx, target.id, ['evidence_sealed'], {
      state: 'reported',
      sealedEvidenceId: sealed.id,
      reportedAt: sentAt,
      reportChannel: input.channel,
      reportContactId: contact.id,
      reportReference: input.reference?.trim() || null,
      reportMailId: mailId,
    });
    if (!moved) throw new AppError('CONFLICT', '下架目標已被他人更新，請重新整理 (the target changed meanwhile; reload)');
    await recordAudit(tx, ctx, { action: 'takedown.reported', objectType: 'takedown', objectId: target.id, details: { caseId: target.caseId, url: target.url, channel: input.channel, contactId: contact.id, body: contact.body, evidenceId: sealed.id } });
  });
  if (mailId) await enqueueMailDelivery(deps.queue, mailId);
  return (await takedownsRepository.findById(db, id))!;
}

/** The authority's written order (G5.2): T, due T + 24 h, retention T … T + 180 days. */
export async function recordOrder(db: Database, ctx: ServiceContext, id: string, input: { documentNumber: string; issuedAt: Date }, now = new Date()): Promise<TakedownTargetRow> {
  const target = await loadTarget(db, ctx, id, 'update');
  const documentNumber = input.documentNumber.trim();
  if (!documentNumber) throw new AppError('VALIDATION_FAILED', '文號必填 (documentNumber is required)', { field: 'documentNumber' });
  refuseFutureTime(input.issuedAt, 'issuedAt', now);
  if (target.reportedAt && input.issuedAt < target.reportedAt) throw new AppError('VALIDATION_FAILED', '處分時間不可早於通報時間 (the order cannot precede the report)', { field: 'issuedAt' });
  const t = input.issuedAt.getTime();
  return move(db, ctx, target, ['reported'], 'order_issued', {
    orderDocumentNumber: documentNumber,
    orderIssuedAt: input.issuedAt,
    dueAt: new Date(t + ORDER_WINDOW_HOURS * HOUR),
    retentionEndsAt: new Date(t + RETENTION_DAYS * 24 * HOUR),
  }, { documentNumber });
}

/** Removal verified at R (by a check's capture, or by the officer with the evidence of it). */
export async function recordRemoval(db: Database, ctx: ServiceContext, id: string, input: { removedAt: Date; evidenceId?: string | null }, now = new Date()): Promise<TakedownTargetRow> {
  const target = await loadTarget(db, ctx, id, 'update');
  refuseFutureTime(input.removedAt, 'removedAt', now);
  return move(db, ctx, target, ['reported', 'order_issued', 'overdue', 'rpz_requested', 'rpz_applied'], 'removed', { removedAt: input.removedAt, removalEvidenceId: input.evidenceId ?? null });
}

/**
 * How long after T + 24 h an order may stay without a finished deadline check. The deadline check
 * (removal-check.service.ts) decides removed or overdue from a capture; this is only the safety net
 * for a check that could not run (worker down, capture stuck), so no target sits past its deadline
 * unnoticed (G5.2).
 */
export const DEADLINE_CHECK_GRACE_HOURS = 1;

/**
 * The safety net of the 24-hour clock (the clock job runs it; idempotent): an order still open
 * {@link DEADLINE_CHECK_GRACE_HOURS} h after its deadline with no finished deadline check becomes
 * overdue, audited with that reason.
 */
export async function markOverdueTargets(db: Database, now = new Date()): Promise<number> {
  const ctx = systemContext('worker:takedown-clock');
  let count = 0;
  for (const target of await takedownsRepository.pastDue(db, new Date(now.getTime() - DEADLINE_CHECK_GRACE_HOURS * HOUR), 500)) {
    await db.transaction(async (tx) => {
      if (await takedownsRepository.transition(tx, target.id, ['order_issued'], { state: 'overdue' })) {
        await recordAudit(tx, ctx, {
          action: 'takedown.overdue',
          objectType: 'takedown',
          objectId: target.id,
          details: { caseId: target.caseId, url: target.url, dueAt: target.dueAt?.toISOString(), reason: 'no_deadline_check_result', graceHours: DEADLINE_CHECK_GRACE_HOURS },
        });
        await applyTakedownCaseEvent(tx, ctx, target.caseId, 'takedown_overdue', now);
        count += 1;
      }
    });
  }
  return count;
}

const CHECK_FINDINGS: Record<string, string> = {
  content_present: '仍可連線，內容仍在',
  no_reference: '仍可連線',
  http_error: '無法確認（伺服器錯誤）',
  redirected: '無法確認（轉址）',
  empty_page: '無法確認（空白頁面）',
  capture_failed: '無法確認（擷取失敗）',
  dns_error: '無法確認（網域解析錯誤）',
};

/**
 * The TWNIC DNS RPZ request for the domain (through the SAB, G5.2), once the target is overdue.
 * With an SAB window that has an e-mail address the letter is generated and mailed to it; with one
 * without, the request is recorded as sent by the window's other channel. Either way the target
 * names its recipient (G4.1.2).
 */
export async function requestRpz(
  deps: TakedownDeps,
  ctx: ServiceContext,
  id: string,
  input: { domain?: string | null; requestedAt: Date; contactId?: string | null },
  now = new Date(),
): Promise<TakedownTargetRow> {
  const { db } = deps;
  const target = await loadTarget(db, ctx, id, 'update');
  refuseFutureTime(input.requestedAt, 'requestedAt', now);
  const domain = (input.domain?.trim() || new URL(target.url).hostname).toLowerCase();
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) throw new AppError('VALIDATION_FAILED', `網域格式錯誤 (invalid domain): ${domain}`, { field: 'domain' });
  if (target.state !== 'overdue') {
    throw new AppError('WORKFLOW_STEP_REFUSED', `下架目標狀態為「${target.state}」，不能改為「rpz_requested」 (a target in state ${target.state} cannot become rpz_requested)`, { from: target.state, to: 'rpz_requested' });
  }
  const contact = input.contactId ? await liaisonRepository.findById(db, input.contactId) : null;
  if (input.contactId && (!contact || !contact.active)) throw new AppError('VALIDATION_FAILED', '聯繫窗口不存在或已停用 (no such active liaison contact)', { field: 'contactId' });
  const found = await loadCaseFor(db, ctx, target.caseId, 'update');
  const lastCheck = (await takedownsRepository.checksFor(db, target.id)).find((c) => c.status !== 'queued' && c.status !== 'running' && c.checkedAt);
  let mailId: string | null = null;
  await db.transaction(async (tx) => {
    if (contact?.email) {
      const text = rpzRequestText({
        caseNumber: found.case.number,
        domain,
        url: target.url,
        orderDocumentNumber: target.orderDocumentNumber,
        orderIssuedAt: target.orderIssuedAt,
        dueAt: target.dueAt,
        lastCheck: lastCheck?.checkedAt ? { checkedAt: lastCheck.checkedAt, finding: CHECK_FINDINGS[lastCheck.reason ?? ''] ?? lastCheck.reason ?? '仍可連線' } : null,
        agency: `臺北市政府警察局${found.unit.nameZh === '臺北市政府警察局' ? '' : found.unit.nameZh}`,
        agencyContact: `${found.unit.nameZh}（案號 ${found.case.number}）`,
      });
      const mail = await queueMail(tx, { kind: 'takedown.rpz_request', from: deps.config.mail.from, to: [contact.email], subject: `請轉請 TWNIC 停止解析網域 ${domain}（案號 ${found.case.number}）`, text, caseId: target.caseId, ctx });
      mailId = mail.id;
    }
    const moved = await takedownsRepository.transition(tx, target.id, ['overdue'], { state: 'rpz_requested', rpzDomain: domain, rpzRequestedAt: input.requestedAt, rpzContactId: contact?.id ?? null, rpzMailId: mailId });
    if (!moved) throw new AppError('CONFLICT', '下架目標已被他人更新，請重新整理 (the target changed meanwhile; reload)');
    await recordAudit(tx, ctx, { action: 'takedown.rpz_requested', objectType: 'takedown', objectId: target.id, details: { caseId: target.caseId, url: target.url, from: target.state, domain, contactId: contact?.id, body: contact?.body, mailed: mailId !== null } });
    await applyTakedownCaseEvent(tx, ctx, target.caseId, 'takedown_rpz_requested', input.requestedAt);
  });
  if (mailId) await enqueueMailDelivery(deps.queue, mailId);
  return (await takedownsRepository.findById(db, id))!;
}

export async function recordRpzApplied(db: Database, ctx: ServiceContext, id: string, input: { appliedAt: Date }, now = new Date()): Promise<TakedownTargetRow> {
  const target = await loadTarget(db, ctx, id, 'update');
  refuseFutureTime(input.appliedAt, 'appliedAt', now);
  return move(db, ctx, target, ['rpz_requested'], 'rpz_applied', { rpzAppliedAt: input.appliedAt });
}

export async function withdrawTarget(db: Database, ctx: ServiceContext, id: string, input: { reason: string }): Promise<TakedownTargetRow> {
  const target = await loadTarget(db, ctx, id, 'update');
  const reason = input.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', '撤回須說明理由 (a withdrawal needs a reason)', { field: 'reason' });
  return move(db, ctx, target, OPEN_STATES, 'withdrawn', { withdrawnReason: reason }, { reason });
}

/** Data requests of the 180-day window (Act Art. 8): refused once the window has closed. */
export async function recordDataRequest(db: Database, ctx: ServiceContext, id: string, input: { recipient: string; sentAt: Date }, now = new Date()) {
  const target = await loadTarget(db, ctx, id, 'update');
  if (!target.orderIssuedAt || !target.retentionEndsAt) throw new AppError('WORKFLOW_STEP_REFUSED', '尚無行政處分，保存期間未起算 (no order yet: the retention window has not started)');
  refuseFutureTime(input.sentAt, 'sentAt', now);
  if (input.sentAt > target.retentionEndsAt) throw new AppError('WORKFLOW_STEP_REFUSED', '已逾 180 日保存期限 (the 180-day retention window has ended)');
  const recipient = input.recipient.trim();
  if (!recipient) throw new AppError('VALIDATION_FAILED', '受文者必填 (recipient is required)', { field: 'recipient' });
  return db.transaction(async (tx) => {
    const row = await takedownsRepository.insertDataRequest(tx, { targetId: id, recipient, sentAt: input.sentAt, createdBy: ctx.actor!.userId });
    await recordAudit(tx, ctx, { action: 'takedown.data_request', objectType: 'takedown', objectId: id, details: { caseId: target.caseId, requestId: row.id } });
    await applyTakedownCaseEvent(tx, ctx, target.caseId, 'takedown_data_requested', input.sentAt);
    return row;
  });
}

/** Days of the retention window left at `now` (negative once it has ended); null before the order. */
export function retentionDaysLeft(target: Pick<TakedownTargetRow, 'retentionEndsAt'>, now = new Date()): number | null {
  return target.retentionEndsAt ? Math.floor((target.retentionEndsAt.getTime() - now.getTime()) / (24 * HOUR)) : null;
}

export async function listCaseTargets(db: Database, ctx: ServiceContext, caseId: string): Promise<TakedownTargetRow[]> {
  await loadCaseFor(db, ctx, caseId, 'read');
  return takedownsRepository.forCase(db, caseId);
}
