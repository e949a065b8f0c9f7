/**
 * Victims of a case (G5.3, G6.3.6; issue #7). Who a victim is stays sealed under the victim key,
 * field by field; every list and page shows masked forms (王O明, A12****789) and the facts the case
 * acts on: the incident date, the age on it and so minor or adult (民法第 124 條, victim-age.ts).
 *
 * Need-to-know:
 * - a victim follows its case: whoever may not read the case gets 404, the same answer as for a
 *   victim that does not exist, so another unit never learns a record exists (only department-wide
 *   counts, `victimFigures`);
 * - the clear identity is for the case's assignees, the WCPD coordinators and holders of the
 *   `victim_protection` grant — each only on cases they may read — every time with a typed reason
 *   and an audit row (`victim.reveal`), never for anyone else;
 * - the protection work on a victim (authorisation, SIPC complaint, referral, services, changes)
 *   is done by those same people on cases they may update.
 * No identity value ever goes into an audit detail, a log line, an error message or a document
 * that was not explicitly asked to carry it.
 */
import { randomUUID } from 'node:crypto';
import { canAccessCase, canPerform, canSeeVictimIdentity, type CaseAccessFacts, type CaseAction } from '../../core/access/policy.ts';
import type { Database, DbOrTx } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { VictimKey } from '../../core/identity/victim-key.ts';
import type { Actor, ServiceContext } from '../../core/request-context.ts';
import { taipeiParts } from '../../core/time.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { casesRepository, type CaseWithUnit } from '../cases/cases.repository.ts';
import { caseAccessFacts, loadCaseFor } from '../cases/cases.service.ts';
import { requireEvidenceRole } from '../evidence/evidence.service.ts';
import { applyCaseEvent } from '../playbook/playbook-engine.ts';
import { isValidNationalId, normaliseNationalId } from './national-id.ts';
import { CivilDateError, formatCivilDate, isMinorOnDate, parseCivilDate } from './victim-age.ts';
import { carriesIdentity, openVictimField, openVictimIdentity, sealVictimFields, type VictimIdentity } from './victim-identity.ts';
import { victimsRepository, type VictimPatch, type VictimRevealRow, type VictimWithCreator } from './victims.repository.ts';
import type { VictimSex } from './victims.tables.ts';

export const MAX_NAME_LENGTH = 100;
export const MAX_CONTACT_LENGTH = 200;
export const MAX_NOTES_LENGTH = 2000;
export const MIN_REASON_LENGTH = 5;
export const MAX_REASON_LENGTH = 500;

/** What an officer records about a victim: the identity (sealed) and the facts (clear). */
export type VictimInput = {
  name: string;
  nationalId?: string | null;
  dateOfBirth: string;
  contact?: string | null;
  guardianName?: string | null;
  guardianContact?: string | null;
  incidentDate: string;
  sex?: VictimSex | null;
  notes?: string | null;
};

export type VictimUpdate = Partial<VictimInput>;

/** What the actor may do with the victims of a case (the web mirrors it; the services enforce it). */
export type VictimRights = { create: boolean; seeIdentity: boolean; protect: boolean; hold: boolean };

// ── Access rules ────────────────────────────────────────────────────────────

/** Who may see a victim's identity lives with the other access rules (the evidence module asks it too). */
export { canSeeVictimIdentity };

/** May the actor do the protection work on the case's victims: identity rights on a case they may update. */
export function canProtectVictims(actor: Actor | null, facts: CaseAccessFacts): boolean {
  return canSeeVictimIdentity(actor, facts) && canAccessCase(actor, facts, 'update');
}

/** May the actor set or clear a legal hold on the case's victims: the WCPD, or a supervisor over the case's unit. */
export function canHoldVictims(actor: Actor | null, facts: CaseAccessFacts): boolean {
  if (!actor || !canAccessCase(actor, facts, 'read')) return false;
  return actor.roles.includes('wcpd_coordinator') || canAccessCase(actor, facts, 'assign');
}

export function victimRights(actor: Actor | null, found: CaseWithUnit): VictimRights {
  const facts = caseAccessFacts(found);
  return {
    create: canAccessCase(actor, facts, 'update') && found.case.status !== 'closed',
    seeIdentity: canSeeVictimIdentity(actor, facts),
    protect: canProtectVictims(actor, facts) && found.case.status !== 'closed',
    hold: canHoldVictims(actor, facts),
  };
}

/** A closed case takes no victim work until reopened; a transferred one still does (protection outlives the transfer). */
export function assertCaseOpenForVictims(found: Pick<CaseWithUnit, 'case'>): void {
  if (found.case.status === 'closed') throw new AppError('CASE_READ_ONLY', `案件 ${found.case.number} 已結案，請先重新開啟 (the case is closed; reopen it first)`);
}

export type LoadedVictim = { victim: VictimWithCreator; found: CaseWithUnit };

/**
 * Loads a victim the actor may act on through its case; a victim of a case the actor may not
 * reach is "not found", exactly like one that does not exist, and the attempt is audited.
 */
export async function loadVictimFor(db: Database, ctx: ServiceContext, victimId: string, action: CaseAction): Promise<LoadedVictim> {
  requireEvidenceRole(ctx);
  const victim = await victimsRepository.findById(db, victimId);
  const found = victim ? await casesRepository.findById(db, victim.victim.caseId) : null;
  if (victim && found && canAccessCase(ctx.actor, caseAccessFacts(found), action)) return { victim, found };
  await recordAuditNow(db, ctx, { action: `victim.${action}`, objectType: 'victim', objectId: victimId, outcome: 'denied' });
  throw notFound('victim');
}

/** Loads a victim for protection work: the case must be updatable, the actor must hold identity rights, the case not closed. */
export async function loadVictimForProtection(db: Database, ctx: ServiceContext, victimId: string, action: string): Promise<LoadedVictim> {
  const loaded = await loadVictimFor(db, ctx, victimId, 'update');
  if (!canProtectVictims(ctx.actor, caseAccessFacts(loaded.found))) {
    await recordAuditNow(db, ctx, { action, objectType: 'victim', objectId: victimId, outcome: 'denied', details: { caseId: loaded.found.case.id } });
    throw forbiddenIdentity();
  }
  assertCaseOpenForVictims(loaded.found);
  return loaded;
}

function forbiddenIdentity(): AppError {
  return new AppError('FORBIDDEN', '僅案件承辦人、婦幼隊與被害人保護權限人員可處理被害人身分與保護事項 (only the case’s assignees, the WCPD and victim-protection staff handle a victim’s identity and protection)');
}

// ── Input checks (messages name the field, never the value: G6.3.6) ─────────

function lengthOf(text: string): number {
  return Array.from(text).length;
}

function cleanText(value: string | null | undefined, field: string, max: number): string | null {
  const cleaned = (value ?? '').normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (cleaned.length === 0) return null;
  if (lengthOf(cleaned) > max) throw new AppError('VALIDATION_FAILED', `${field} 過長，上限 ${max} 字 (${field} longer than ${max} characters)`, { field });
  return cleaned;
}

/** Multi-line clear text (notes): line breaks kept, each line trimmed. */
function cleanNotes(value: string | null | undefined, field: string, max: number): string | null {
  const cleaned = (value ?? '').normalize('NFC').split(/\r?\n/u).map((line) => line.trim()).join('\n').trim();
  if (cleaned.length === 0) return null;
  if (lengthOf(cleaned) > max) throw new AppError('VALIDATION_FAILED', `${field} 過長，上限 ${max} 字 (${field} longer than ${max} characters)`, { field });
  return cleaned;
}

export function cleanReason(value: string): string {
  const reason = value.trim();
  const length = lengthOf(reason);
  if (length < MIN_REASON_LENGTH || length > MAX_REASON_LENGTH) {
    throw new AppError('VALIDATION_FAILED', `請填寫事由，${MIN_REASON_LENGTH} 至 ${MAX_REASON_LENGTH} 字 (reason must be ${MIN_REASON_LENGTH}–${MAX_REASON_LENGTH} characters)`, { field: 'reason' });
  }
  return reason;
}

function cleanNationalId(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const normalised = normaliseNationalId(value);
  // G6.3.6: the message never repeats what was typed.
  if (!isValidNationalId(normalised)) throw new AppError('VALIDATION_FAILED', '身分證字號格式錯誤 (the national ID number is not valid)', { field: 'nationalId' });
  return normalised;
}

/** Today's civil date in Taipei, as `YYYY-MM-DD` (what "not in the future" means for a date). */
export function taipeiToday(now: Date): string {
  const p = taipeiParts(now);
  return formatCivilDate({ year: p.year, month: p.month, day: p.day });
}

/** A civil date that exists and is not after today in Taipei; the value is never echoed (it may be a date of birth). */
export function cleanCivilDate(value: string, field: string, labelZh: string, now: Date): string {
  let date: string;
  try {
    date = formatCivilDate(parseCivilDate(value.trim()));
  } catch {
    throw new AppError('VALIDATION_FAILED', `${labelZh}格式錯誤，請以 YYYY-MM-DD 填寫 (${field} is not a date)`, { field });
  }
  if (date > taipeiToday(now)) throw new AppError('VALIDATION_FAILED', `${labelZh}不可晚於今日 (${field} is in the future)`, { field });
  return date;
}

function ageVerdict(dateOfBirth: string, incidentDate: string) {
  try {
    return isMinorOnDate(dateOfBirth, incidentDate);
  } catch (error) {
    if (error instanceof CivilDateError) throw new AppError('VALIDATION_FAILED', '事件日期不可早於出生日期 (the incident date is before the date of birth)', { field: 'incidentDate' });
    throw error;
  }
}

/** Refuses clear text (notes, a reason) that carries one of the victim's identifying values; the message names the field only. */
export function refuseIdentityIn(text: string | null, field: string, identity: Partial<VictimIdentity>): void {
  if (text !== null && carriesIdentity(text, identity)) {
    throw new AppError('VALIDATION_FAILED', `${field} 不可含被害人身分資料，請改用遮罩或代稱 (${field} must not carry the victim’s identity)`, { field });
  }
}

function cleanIdentity(input: VictimInput, now: Date): VictimIdentity {
  const name = cleanText(input.name, 'name', MAX_NAME_LENGTH);
  if (!name) throw new AppError('VALIDATION_FAILED', '請填寫被害人姓名 (name is empty)', { field: 'name' });
  return {
    name,
    nationalId: cleanNationalId(input.nationalId),
    dateOfBirth: cleanCivilDate(input.dateOfBirth, 'dateOfBirth', '出生日期', now),
    contact: cleanText(input.contact, 'contact', MAX_CONTACT_LENGTH),
    guardianName: cleanText(input.guardianName, 'guardianName', MAX_NAME_LENGTH),
    guardianContact: cleanText(input.guardianContact, 'guardianContact', MAX_CONTACT_LENGTH),
  };
}

// ── Victims ─────────────────────────────────────────────────────────────────

/** Applies the playbook event a new or re-judged victim brings (G5.3.2): a minor's social worker, or an adult's question. */
async function applyVictimEvent(tx: DbOrTx, ctx: ServiceContext, found: CaseWithUnit, isMinor: boolean, at: Date): Promise<void> {
  await applyCaseEvent(tx, ctx, found.case, isMinor ? 'victim_minor_recorded' : 'victim_adult_recorded', at);
}

/** Closes the case's G5.3.2 tasks that no victim is waiting on any more (both are per case, see the playbook). */
export async function settleReferralTasks(tx: DbOrTx, ctx: ServiceContext, found: CaseWithUnit, at: Date): Promise<void> {
  if ((await victimsRepository.minorsAwaitingSocialWorker(tx, found.case.id)) === 0) await applyCaseEvent(tx, ctx, found.case, 'victim_social_worker_recorded', at);
  if ((await victimsRepository.adultsAwaitingReferralAnswer(tx, found.case.id)) === 0) await applyCaseEvent(tx, ctx, found.case, 'victim_referral_answered', at);
}

/** The victims of a case, masked (read access to the case suffices), their complaints and holds, and what the actor may do. */
export async function listVictims(db: Database, ctx: ServiceContext, caseId: string) {
  const found = await loadCaseFor(db, ctx, caseId, 'read');
  const [items, complaints, holds] = await Promise.all([victimsRepository.listForCase(db, caseId), victimsRepository.complaintsOfCase(db, caseId), victimsRepository.holdsOfCase(db, caseId)]);
  return { found, items, complaints, holds, rights: victimRights(ctx.actor, found) };
}

/**
 * Records a victim on a case the actor may update (G5.3). The id is chosen first so every sealed
 * field is bound to it; the age on the incident date is computed from the date of birth before
 * it is sealed, and kept in clear with its rule. A minor opens the social-worker task at once, an
 * adult the question task (G5.3.2). The audit row carries no identity, not even masked.
 */
export async function addVictim(db: Database, key: VictimKey, ctx: ServiceContext, caseId: string, input: VictimInput, now = new Date()): Promise<VictimWithCreator> {
  const actor = requireEvidenceRole(ctx);
  const found = await loadCaseFor(db, ctx, caseId, 'update');
  assertCaseOpenForVictims(found);
  const identity = cleanIdentity(input, now);
  const incidentDate = cleanCivilDate(input.incidentDate, 'incidentDate', '事件日期', now);
  const verdict = ageVerdict(identity.dateOfBirth, incidentDate);
  const notes = cleanNotes(input.notes, 'notes', MAX_NOTES_LENGTH);
  refuseIdentityIn(notes, 'notes', identity);

  const id = randomUUID();
  const { sealed, masked } = sealVictimFields(key, id, identity);
  await db.transaction(async (tx) => {
    await victimsRepository.insert(tx, {
      id,
      caseId,
      ...sealed,
      maskedName: masked.maskedName!,
      maskedNationalId: masked.maskedNationalId ?? null,
      maskedGuardianName: masked.maskedGuardianName ?? null,
      hasContact: masked.hasContact ?? false,
      hasGuardianContact: masked.hasGuardianContact ?? false,
      keyId: key.id,
      incidentDate,
      sex: input.sex ?? null,
      notes,
      isMinor: verdict.isMinor,
      ageAtIncident: verdict.age,
      ageRule: verdict.rule,
      createdBy: actor.userId,
    });
    await casesRepository.touch(tx, caseId);
    await recordAudit(tx, ctx, {
      action: 'victim.create',
      objectType: 'victim',
      objectId: id,
      details: { caseId, caseNumber: found.case.number, isMinor: verdict.isMinor, ageAtIncident: verdict.age, ageRule: verdict.rule, fields: givenFields(identity) },
    });
    await applyVictimEvent(tx, ctx, found, verdict.isMinor, now);
  });
  return (await victimsRepository.findById(db, id))!;
}

/** Names of the identity fields that hold a value (for the audit trail: which, never what). */
function givenFields(identity: Partial<VictimIdentity>): string[] {
  return Object.entries(identity)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([field]) => field)
    .sort();
}

export type VictimPage = Awaited<ReturnType<typeof getVictim>>;

/** One victim, masked, with its protection records and what the actor may do. Read access to the case suffices. */
export async function getVictim(db: Database, ctx: ServiceContext, victimId: string) {
  const loaded = await loadVictimFor(db, ctx, victimId, 'read');
  const [authorisations, complaints, services, holds] = await Promise.all([
    victimsRepository.authorisations(db, victimId),
    victimsRepository.complaints(db, victimId),
    victimsRepository.services(db, victimId),
    victimsRepository.holdsOfCase(db, loaded.found.case.id),
  ]);
  return {
    ...loaded,
    authorisations,
    complaints,
    services,
    holds: holds.filter((h) => h.hold.victimId === null || h.hold.victimId === victimId),
    rights: victimRights(ctx.actor, loaded.found),
  };
}

/**
 * Changes a victim's facts or identity (protection rights). Identity fields given are re-sealed and
 * re-masked; a changed incident date or date of birth re-computes the age under the current rule,
 * and a victim who becomes a minor (or an adult) brings that case event. Audited with the names of
 * the fields changed.
 */
export async function updateVictim(db: Database, key: VictimKey, ctx: ServiceContext, victimId: string, input: VictimUpdate, now = new Date()): Promise<VictimWithCreator> {
  const { victim, found } = await loadVictimForProtection(db, ctx, victimId, 'victim.update');
  const row = victim.victim;
  const identityGiven = (['name', 'nationalId', 'dateOfBirth', 'contact', 'guardianName', 'guardianContact'] as const).filter((f) => input[f] !== undefined);
  if (row.purgedAt && identityGiven.length > 0) throw new AppError('CONFLICT', '被害人身分資料已銷毀，不可再修改 (the victim’s identity was purged and cannot be changed)');

  const identity: Partial<VictimIdentity> = {};
  if (input.name !== undefined) {
    const name = cleanText(input.name, 'name', MAX_NAME_LENGTH);
    if (!name) throw new AppError('VALIDATION_FAILED', '請填寫被害人姓名 (name is empty)', { field: 'name' });
    identity.name = name;
  }
  if (input.nationalId !== undefined) identity.nationalId = cleanNationalId(input.nationalId);
  if (input.dateOfBirth !== undefined) identity.dateOfBirth = cleanCivilDate(input.dateOfBirth, 'dateOfBirth', '出生日期', now);
  if (input.contact !== undefined) identity.contact = cleanText(input.contact, 'contact', MAX_CONTACT_LENGTH);
  if (input.guardianName !== undefined) identity.guardianName = cleanText(input.guardianName, 'guardianName', MAX_NAME_LENGTH);
  if (input.guardianContact !== undefined) identity.guardianContact = cleanText(input.guardianContact, 'guardianContact', MAX_CONTACT_LENGTH);

  const patch: VictimPatch = {};
  const changed: string[] = [...identityGiven];
  if (input.incidentDate !== undefined) {
    patch.incidentDate = cleanCivilDate(input.incidentDate, 'incidentDate', '事件日期', now);
    changed.push('incidentDate');
  }
  if (input.sex !== undefined) {
    patch.sex = input.sex;
    changed.push('sex');
  }
  if (input.notes !== undefined) {
    patch.notes = cleanNotes(input.notes, 'notes', MAX_NOTES_LENGTH);
    changed.push('notes');
  }
  if (changed.length === 0) return victim;

  // The notes are checked against the identity as it will be: the server opens it, nobody sees it.
  const current: Partial<VictimIdentity> = row.purgedAt ? {} : { ...openVictimIdentity(key, row), ...identity };
  refuseIdentityIn(patch.notes ?? null, 'notes', current);

  let reJudged: { isMinor: boolean; age: number; rule: string } | null = null;
  if (!row.purgedAt && (patch.incidentDate !== undefined || identity.dateOfBirth !== undefined)) {
    const dateOfBirth = identity.dateOfBirth ?? openVictimField(key, row, 'dateOfBirth')!;
    reJudged = ageVerdict(dateOfBirth, patch.incidentDate ?? row.incidentDate);
    Object.assign(patch, { isMinor: reJudged.isMinor, ageAtIncident: reJudged.age, ageRule: reJudged.rule });
  }
  if (identityGiven.length > 0) {
    const { sealed, masked } = sealVictimFields(key, row.id, identity);
    for (const [column, value] of Object.entries({ ...sealed, ...masked })) if (value !== undefined) (patch as Record<string, unknown>)[column] = value;
  }

  await db.transaction(async (tx) => {
    await victimsRepository.update(tx, row.id, patch);
    await casesRepository.touch(tx, found.case.id);
    await recordAudit(tx, ctx, {
      action: 'victim.update',
      objectType: 'victim',
      objectId: row.id,
      details: { caseId: found.case.id, caseNumber: found.case.number, fields: changed.sort(), ...(reJudged && { isMinor: reJudged.isMinor, ageAtIncident: reJudged.age, ageRule: reJudged.rule }) },
    });
    if (reJudged && reJudged.isMinor !== row.isMinor) await applyVictimEvent(tx, ctx, found, reJudged.isMinor, now);
    await settleReferralTasks(tx, ctx, found, now);
  });
  return (await victimsRepository.findById(db, row.id))!;
}

/**
 * Reveals a victim's identity to the case's assignees, the WCPD or victim-protection staff
 * (G6.3.6), with the typed reason in the audit row. Every refused or failed attempt is audited too.
 * A victim beyond the actor's reach is "not found"; one within it without the right, "forbidden".
 */
export async function revealVictim(db: Database, key: VictimKey, ctx: ServiceContext, victimId: string, input: { reason: string }): Promise<VictimIdentity> {
  const typedReason = input.reason.trim().slice(0, MAX_REASON_LENGTH) || null;
  const audit = (outcome: 'denied' | 'failure', details: Record<string, unknown> = {}) =>
    recordAuditNow(db, ctx, { action: 'victim.reveal', objectType: 'victim', objectId: victimId, outcome, reason: typedReason, details });

  let actor: Actor;
  try {
    actor = requireEvidenceRole(ctx);
  } catch (error) {
    await audit('denied');
    throw error;
  }
  const victim = await victimsRepository.findById(db, victimId);
  const found = victim ? await casesRepository.findById(db, victim.victim.caseId) : null;
  if (!victim || !found || !canAccessCase(actor, caseAccessFacts(found), 'read')) {
    await audit('denied');
    throw notFound('victim');
  }
  if (!canSeeVictimIdentity(actor, caseAccessFacts(found))) {
    await audit('denied', { caseId: found.case.id });
    throw forbiddenIdentity();
  }
  const reason = cleanReason(input.reason);
  let identity: VictimIdentity;
  try {
    identity = openVictimIdentity(key, victim.victim);
  } catch (error) {
    await audit('failure', { caseId: found.case.id, problem: error instanceof AppError ? error.details?.problem : 'identity_unreadable' });
    throw error;
  }
  // The reason goes into the audit trail, which never holds an identity (checked only now, for those who may see it: no oracle).
  refuseIdentityIn(reason, 'reason', identity);
  // The identity is answered only once its audit row is committed.
  await recordAuditNow(db, ctx, { action: 'victim.reveal', objectType: 'victim', objectId: victimId, reason, details: { caseId: found.case.id, caseNumber: found.case.number } });
  return identity;
}

/**
 * Department-wide counts for anyone with a case role: the only trace of victims beyond a case's
 * reach ("never see that a victim record exists beyond a count", issue #7).
 */
export async function victimFigures(db: Database, ctx: ServiceContext): Promise<{ total: number; minors: number; adults: number }> {
  requireEvidenceRole(ctx);
  return victimsRepository.figures(db);
}

export const REVEAL_ACTIONS = ['victim.reveal', 'victim.identity_export'] as const;

/**
 * The auditor's list of who revealed or exported which victim's identity, when and why (G6.3.6).
 * Auditors only; reading it is itself audited, a refused attempt as denied.
 */
export async function listVictimReveals(db: Database, ctx: ServiceContext, filter: { beforeSeq?: number; limit: number }): Promise<VictimRevealRow[]> {
  if (!canPerform(ctx.actor, 'audit.read')) {
    await recordAuditNow(db, ctx, { action: 'audit.victim_reveals', objectType: 'audit', outcome: 'denied' });
    throw new AppError('FORBIDDEN', '僅稽核人員可查閱被害人身分檢視紀錄 (only auditors read the victim identity reveals)');
  }
  const rows = await victimsRepository.reveals(db, { actions: REVEAL_ACTIONS, beforeSeq: filter.beforeSeq, limit: filter.limit });
  await recordAuditNow(db, ctx, { action: 'audit.victim_reveals', objectType: 'audit', details: { returned: rows.length, beforeSeq: filter.beforeSeq ?? null } });
  return rows;
}
