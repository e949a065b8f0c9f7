/**
 * Reporters and informants of a case (G6.3.6, Act Art. 7: their identity is confidential). The
 * name and contact are sealed with the identity key — not the evidence master key — bound to the
 * row id; only the masked name (王O明) is stored in clear and shown. The clear identity is revealed
 * only to the people who run the case (the owning unit's supervisors, its assignees) and to the
 * WCPD, each time with a typed reason and an audit row; never to anyone else, never in a log line,
 * an audit detail, a notice, an export or a report.
 */
import { randomUUID } from 'node:crypto';
import { canAccessCase, type CaseAccessFacts } from '../../core/access/policy.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { openIdentity, sealIdentity, type IdentityKey } from '../../core/identity/identity-key.ts';
import type { Actor, ServiceContext } from '../../core/request-context.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { casesRepository } from '../cases/cases.repository.ts';
import { assertCaseWritable, caseAccessFacts, loadCaseFor } from '../cases/cases.service.ts';
import { requireEvidenceRole } from '../evidence/evidence.service.ts';
import { maskName } from './mask-name.ts';
import { reportersRepository, type ReporterWithCreator } from './reporters.repository.ts';
import type { CaseReporterRow } from './reporters.tables.ts';

export const MAX_NAME_LENGTH = 100;
export const MAX_CONTACT_LENGTH = 200;
export const MAX_RELATION_LENGTH = 100;
export const MIN_REASON_LENGTH = 5;
export const MAX_REASON_LENGTH = 500;

/** What an officer records about a reporter. `relation` (母親, 老師 …) is kept in clear; name and contact are sealed. */
export type ReporterInput = { name: string; contact?: string | null; relation?: string | null };

/** The sealed part of a reporter: what a reveal returns. */
export type ReporterIdentity = { name: string; contact: string | null };

/**
 * May the actor see a reporter's identity on this case (G6.3.6)? Only those who run the case: a
 * supervisor over the owning unit (who may assign it), an officer assigned to it, and the WCPD
 * coordinators who track every case. A colleague of the unit who merely may read the case, CIB,
 * administrators and auditors may not.
 */
export function canRevealReporterIdentity(actor: Actor | null, facts: CaseAccessFacts): boolean {
  if (!actor) return false;
  if (actor.roles.includes('wcpd_coordinator')) return true;
  if (facts.assigneeUserIds.includes(actor.userId)) return true;
  return canAccessCase(actor, facts, 'assign');
}

/** Unicode-aware length (what the schema's maxLength counts too). */
function lengthOf(text: string): number {
  return Array.from(text).length;
}

function cleanText(value: string | null | undefined, field: string, max: number): string | null {
  const cleaned = (value ?? '').normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (cleaned.length === 0) return null;
  if (lengthOf(cleaned) > max) throw new AppError('VALIDATION_FAILED', `${field} 過長，上限 ${max} 字 (${field} longer than ${max} characters)`, { field });
  return cleaned;
}

function cleanReason(value: string): string {
  const reason = value.trim();
  const length = lengthOf(reason);
  if (length < MIN_REASON_LENGTH || length > MAX_REASON_LENGTH) {
    throw new AppError('VALIDATION_FAILED', `請填寫檢視事由，${MIN_REASON_LENGTH} 至 ${MAX_REASON_LENGTH} 字 (reason must be ${MIN_REASON_LENGTH}–${MAX_REASON_LENGTH} characters)`, { field: 'reason' });
  }
  return reason;
}

/** The error for a sealed identity that does not open; its message and details never carry the identity. */
function unreadable(row: Pick<CaseReporterRow, 'id'>, problem: 'identity_key_mismatch' | 'identity_unreadable', detail: string): AppError {
  return new AppError('INTERNAL', `檢舉人身分資料無法解密，請通知系統管理員 (the reporter's sealed identity cannot be opened: ${detail})`, { reporterId: row.id, problem });
}

/**
 * Opens a reporter's sealed identity. A ciphertext that was altered, copied onto another row (the
 * row id is its associated data) or sealed under another identity key fails with INTERNAL: the
 * stored data or the server's key is wrong, nothing the user can correct.
 */
export function openReporterIdentity(identityKey: IdentityKey, row: Pick<CaseReporterRow, 'id' | 'identityCiphertext' | 'keyId'>): ReporterIdentity {
  if (row.keyId !== identityKey.id) throw unreadable(row, 'identity_key_mismatch', `sealed under identity key ${row.keyId}, the server holds ${identityKey.id}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(openIdentity(identityKey, row.identityCiphertext, row.id));
  } catch {
    throw unreadable(row, 'identity_unreadable', 'altered, moved to another record or damaged');
  }
  const { name, contact } = (parsed ?? {}) as { name?: unknown; contact?: unknown };
  if (typeof name !== 'string' || !(typeof contact === 'string' || contact === null)) throw unreadable(row, 'identity_unreadable', 'unexpected content');
  return { name, contact };
}

/** The reporters of a case, masked only (read access to the case suffices). */
export async function listReporters(db: Database, ctx: ServiceContext, caseId: string): Promise<ReporterWithCreator[]> {
  await loadCaseFor(db, ctx, caseId, 'read');
  return reportersRepository.listForCase(db, caseId);
}

/**
 * Records a reporter on a case the actor may update and that is still writable. The row id is
 * chosen first so the ciphertext is bound to it; the audit row names neither the person nor the
 * masked name.
 */
export async function addReporter(db: Database, identityKey: IdentityKey, ctx: ServiceContext, caseId: string, input: ReporterInput): Promise<ReporterWithCreator> {
  const actor = requireEvidenceRole(ctx);
  const found = await loadCaseFor(db, ctx, caseId, 'update');
  assertCaseWritable(found);
  const name = cleanText(input.name, 'name', MAX_NAME_LENGTH);
  if (!name) throw new AppError('VALIDATION_FAILED', '請填寫檢舉人姓名 (name is empty)', { field: 'name' });
  const contact = cleanText(input.contact, 'contact', MAX_CONTACT_LENGTH);
  const relation = cleanText(input.relation, 'relation', MAX_RELATION_LENGTH);

  const id = randomUUID();
  const sealed = sealIdentity(identityKey, JSON.stringify({ name, contact } satisfies ReporterIdentity), id);
  await db.transaction(async (tx) => {
    await reportersRepository.insert(tx, { id, caseId, maskedName: maskName(name), identityCiphertext: sealed, keyId: identityKey.id, relation, createdBy: actor.userId });
    await casesRepository.touch(tx, caseId);
    // G6.3.6: no name, masked or not, in the audit trail.
    await recordAudit(tx, ctx, { action: 'reporter.create', objectType: 'case_reporter', objectId: id, details: { caseId, caseNumber: found.case.number, hasContact: contact !== null } });
  });
  return (await reportersRepository.findInCase(db, caseId, id))!;
}

/**
 * Reveals a reporter's name and contact to those who run the case or the WCPD (G6.3.6), with the
 * typed reason kept in the audit row's reason. Every refused or failed attempt is audited too.
 * Another unit's case is "not found"; a case the actor may read but not reveal on is "forbidden".
 */
export async function revealReporter(db: Database, identityKey: IdentityKey, ctx: ServiceContext, caseId: string, reporterId: string, input: { reason: string }): Promise<ReporterIdentity> {
  const typedReason = input.reason.trim().slice(0, MAX_REASON_LENGTH) || null;
  const audit = (outcome: 'success' | 'denied' | 'failure', details: Record<string, unknown> = {}) =>
    recordAuditNow(db, ctx, { action: 'reporter.reveal', objectType: 'case_reporter', objectId: reporterId, outcome, reason: typedReason, details: { caseId, ...details } });

  let actor: Actor;
  try {
    actor = requireEvidenceRole(ctx);
  } catch (error) {
    await audit('denied');
    throw error;
  }
  const found = await casesRepository.findById(db, caseId);
  if (!found || !canAccessCase(actor, caseAccessFacts(found), 'read')) {
    await audit('denied');
    throw notFound('case');
  }
  const reporter = await reportersRepository.findInCase(db, caseId, reporterId);
  if (!reporter) {
    await audit('failure', { problem: 'not_found' });
    throw notFound('reporter');
  }
  if (!canRevealReporterIdentity(actor, caseAccessFacts(found))) {
    await audit('denied');
    throw new AppError('FORBIDDEN', '僅案件所屬單位主管、承辦人與婦幼隊可檢視檢舉人身分 (only the owning unit’s supervisors, the case’s assignees and the WCPD may reveal a reporter’s identity)');
  }
  const reason = cleanReason(input.reason);

  let identity: ReporterIdentity;
  try {
    identity = openReporterIdentity(identityKey, reporter.reporter);
  } catch (error) {
    await audit('failure', { problem: error instanceof AppError ? error.details?.problem : 'identity_unreadable' });
    throw error;
  }
  // The reveal is answered only once its audit row is committed.
  await recordAuditNow(db, ctx, { action: 'reporter.reveal', objectType: 'case_reporter', objectId: reporterId, reason, details: { caseId, caseNumber: found.case.number } });
  return identity;
}
