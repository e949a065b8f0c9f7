/**
 * Protecting a victim (G5.3): the SIPC takedown complaint whose path follows the victim's age on
 * the incident date (G5.3.1 — a minor's may be filed at once; an adult's only on the victim's own
 * authorisation), its 24/72-hour clock, and the social-service referral (G5.3.2 — a minor's social
 * worker, an adult's answers, the SAB's six services). Every change checks protection rights
 * first (victims.service.ts) and writes its audit row in its transaction.
 */
import type { Database } from '../../core/db/client.ts';
import { AppError } from '../../core/errors.ts';
import type { VictimKey } from '../../core/identity/victim-key.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { refuseFutureTime } from '../../core/validation.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { casesRepository } from '../cases/cases.repository.ts';
import { evidenceRepository } from '../evidence/evidence.repository.ts';
import { takedownsRepository } from '../takedowns/takedowns.repository.ts';
import { openVictimIdentity } from './victim-identity.ts';
import { cleanCivilDate, loadVictimFor, loadVictimForProtection, refuseIdentityIn, settleReferralTasks, taipeiToday, type LoadedVictim } from './victims.service.ts';
import { victimsRepository } from './victims.repository.ts';
import {
  type ReferralAnswer,
  type ServiceResponse,
  type SipcChannel,
  type SipcComplaintContent,
  type SipcOutcome,
  type VictimAuthorisationRow,
  type VictimRow,
  type VictimService,
  type VictimSipcComplaintRow,
} from './victims.tables.ts';

/** The SIPC's targets (DESIGN.md, MOHW 性影像處理中心): 24 hours for a minor's images, 72 for an adult's. */
export const SIPC_TARGET_HOURS = { minor: 24, adult: 72 } as const;
const HOUR_MS = 3_600_000;
const MAX_SCOPE_LENGTH = 1000;
const MAX_GROUNDS_LENGTH = 1000;
const MAX_NOTE_LENGTH = 1000;

/** The default 事由 of a complaint (G6.2.1 asks for the reason, the full URLs and the evidence). */
export function defaultGrounds(isMinor: boolean): string {
  return isMinor
    ? '兒童或少年之性影像遭散布，依兒童及少年性剝削防制條例請求限制瀏覽或移除。'
    : '成年人之性影像未經同意遭散布，經被害人本人授權，請求限制瀏覽或移除。';
}

function cleanLine(value: string | null | undefined, field: string, max: number): string | null {
  const cleaned = (value ?? '').normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (cleaned.length === 0) return null;
  if (Array.from(cleaned).length > max) throw new AppError('VALIDATION_FAILED', `${field} 過長，上限 ${max} 字 (${field} longer than ${max} characters)`, { field });
  return cleaned;
}

/** Clear text must not carry the victim's identity (the server opens it to compare; nobody sees it). */
function refuseSealedIdentityIn(key: VictimKey, row: VictimRow, text: string | null, field: string): void {
  if (text === null || row.purgedAt) return;
  refuseIdentityIn(text, field, openVictimIdentity(key, row));
}

// ── The adult's authorisation (G5.3.1) ──────────────────────────────────────

export type AuthorisationInput = { evidenceId: string; signedOn: string; scope: string };

/**
 * Records an adult victim's own authorisation to complain to the SIPC: the signed form is an
 * evidence item of the same case (uploaded sealed through the evidence API), its date and scope.
 * A minor needs none (G5.3.1: a minor's complaint may be filed directly).
 */
export async function recordAuthorisation(db: Database, key: VictimKey, ctx: ServiceContext, victimId: string, input: AuthorisationInput, now = new Date()): Promise<VictimAuthorisationRow> {
  const { victim, found } = await loadVictimForProtection(db, ctx, victimId, 'victim.authorisation');
  const row = victim.victim;
  if (row.isMinor) throw new AppError('WORKFLOW_STEP_REFUSED', '未成年被害人可逕行向性影像處理中心申訴，無須本人授權 (a minor’s complaint needs no authorisation: G5.3.1)');
  const signedOn = cleanCivilDate(input.signedOn, 'signedOn', '授權書簽署日期', now);
  const scope = cleanLine(input.scope, 'scope', MAX_SCOPE_LENGTH);
  if (!scope) throw new AppError('VALIDATION_FAILED', '請填寫授權範圍 (scope is required)', { field: 'scope' });
  refuseSealedIdentityIn(key, row, scope, 'scope');
  const caseEvidence = new Set(await casesRepository.evidenceIdsOf(db, found.case.id));
  if (!caseEvidence.has(input.evidenceId) || !(await evidenceRepository.findById(db, input.evidenceId))) {
    throw new AppError('VALIDATION_FAILED', '授權書須為本案已上傳封存之證據 (the signed form must be a sealed evidence item of this case)', { field: 'evidenceId' });
  }
  return db.transaction(async (tx) => {
    const created = await victimsRepository.insertAuthorisation(tx, { victimId: row.id, evidenceId: input.evidenceId, signedOn, scope, recordedBy: ctx.actor!.userId, recordedAt: now });
    await casesRepository.touch(tx, found.case.id);
    await recordAudit(tx, ctx, { action: 'victim.authorisation', objectType: 'victim', objectId: row.id, details: { caseId: found.case.id, authorisationId: created.id, evidenceId: input.evidenceId, signedOn } });
    return created;
  });
}

// ── The SIPC complaint (G5.3.1) ─────────────────────────────────────────────

/** Why a complaint cannot be filed yet, if it cannot. */
export type ComplaintBlock = 'authorisation_required' | 'no_sealed_evidence' | null;

export type ComplaintDraft = {
  targetHours: number;
  blockedBy: ComplaintBlock;
  content: SipcComplaintContent;
  /** Takedown URLs of the case left out because their capture is not sealed yet (G6.2.2). */
  unsealedUrls: string[];
  authorisation: VictimAuthorisationRow | null;
};

/**
 * What a complaint for this victim would carry now (G6.2.1: reason, full URLs, evidence): the case's
 * takedown URLs whose capture is sealed, with those captures (id, SHA-256, capture time), and the
 * case number. Never the victim's identity, and never a signed authorisation form (it shows one).
 */
async function composeComplaint(db: Database, loaded: LoadedVictim, grounds: string | null): Promise<ComplaintDraft> {
  const row = loaded.victim.victim;
  const [targets, authorisations, forms] = await Promise.all([
    takedownsRepository.forCase(db, loaded.found.case.id),
    victimsRepository.authorisations(db, row.id),
    victimsRepository.authorisationEvidenceIds(db, loaded.found.case.id),
  ]);
  const live = targets.filter((t) => t.state !== 'withdrawn');
  const urls: SipcComplaintContent['urls'] = [];
  const evidence = new Map<string, SipcComplaintContent['evidence'][number]>();
  for (const target of live) {
    if (!target.sealedEvidenceId || forms.has(target.sealedEvidenceId)) continue;
    const item = await evidenceRepository.findById(db, target.sealedEvidenceId);
    if (!item) continue;
    urls.push({ targetId: target.id, url: target.url, evidenceId: item.item.id });
    evidence.set(item.item.id, { id: item.item.id, sha256: item.item.sha256, capturedAt: item.item.capturedAt.toISOString() });
  }
  const unsealedUrls = live.filter((t) => !urls.some((u) => u.targetId === t.id)).map((t) => t.url);
  const authorisation = authorisations[0] ?? null;
  const blockedBy: ComplaintBlock = !row.isMinor && !authorisation ? 'authorisation_required' : urls.length === 0 ? 'no_sealed_evidence' : null;
  return {
    targetHours: row.isMinor ? SIPC_TARGET_HOURS.minor : SIPC_TARGET_HOURS.adult,
    blockedBy,
    content: { caseNumber: loaded.found.case.number, grounds: grounds ?? defaultGrounds(row.isMinor), urls, evidence: [...evidence.values()] },
    unsealedUrls,
    authorisation,
  };
}

/** The complaint a victim's case would file now, and what blocks it (read access to the case suffices). */
export async function complaintDraft(db: Database, ctx: ServiceContext, victimId: string): Promise<ComplaintDraft> {
  return composeComplaint(db, await loadVictimFor(db, ctx, victimId, 'read'), null);
}

function authorisationRequired(): AppError {
  return new AppError(
    'VICTIM_AUTHORISATION_REQUIRED',
    '被害人已成年，須先登錄被害人本人簽署之授權書，方得向性影像處理中心申訴下架 (the victim is an adult: record the victim’s own signed authorisation before filing the SIPC complaint, G5.3.1)',
  );
}

export type ComplaintInput = { filedAt: Date; channel: SipcChannel; sipcReference?: string | null; grounds?: string | null };

/**
 * Records a complaint filed with the SIPC for the victim: its content as composed now, the channel,
 * the time and the centre's reference, and its clock (due = filed + 24 h for a minor, + 72 h for an
 * adult). An adult's complaint is refused until their authorisation is recorded (G5.3.1); any
 * complaint until the case has a sealed capture of a URL to take down (G6.2.2).
 */
export async function fileSipcComplaint(db: Database, key: VictimKey, ctx: ServiceContext, victimId: string, input: ComplaintInput, now = new Date()): Promise<VictimSipcComplaintRow> {
  const loaded = await loadVictimForProtection(db, ctx, victimId, 'victim.sipc_complaint');
  const row = loaded.victim.victim;
  const grounds = cleanLine(input.grounds, 'grounds', MAX_GROUNDS_LENGTH);
  refuseSealedIdentityIn(key, row, grounds, 'grounds');
  const draft = await composeComplaint(db, loaded, grounds);
  if (draft.blockedBy === 'authorisation_required') throw authorisationRequired();
  if (draft.blockedBy === 'no_sealed_evidence') {
    throw new AppError('EVIDENCE_NOT_SEALED', '本案尚無已封存蒐證之下架網址；申訴前務必完成蒐證 (no takedown URL of the case has a sealed capture yet: collect the evidence before any complaint, G6.2.2)');
  }
  refuseFutureTime(input.filedAt, 'filedAt', now);
  if (draft.authorisation && taipeiToday(input.filedAt) < draft.authorisation.signedOn) {
    throw new AppError('VALIDATION_FAILED', '申訴時間不可早於授權書簽署日期 (the complaint cannot precede the authorisation)', { field: 'filedAt' });
  }
  const reference = cleanLine(input.sipcReference, 'sipcReference', 100);
  return db.transaction(async (tx) => {
    const created = await victimsRepository.insertComplaint(tx, {
      victimId: row.id,
      caseId: loaded.found.case.id,
      filedAt: input.filedAt,
      channel: input.channel,
      sipcReference: reference,
      minorAtFiling: row.isMinor,
      targetHours: draft.targetHours,
      dueAt: new Date(input.filedAt.getTime() + draft.targetHours * HOUR_MS),
      authorisationId: row.isMinor ? null : draft.authorisation!.id,
      content: draft.content,
      recordedBy: ctx.actor!.userId,
    });
    await casesRepository.touch(tx, loaded.found.case.id);
    await recordAudit(tx, ctx, {
      action: 'victim.sipc_complaint',
      objectType: 'victim',
      objectId: row.id,
      details: { caseId: loaded.found.case.id, complaintId: created.id, channel: input.channel, targetHours: draft.targetHours, urls: draft.content.urls.length, dueAt: created.dueAt.toISOString() },
    });
    return created;
  });
}

/** Records what became of a complaint: removed or not, and when (the clock then reads met or missed). */
export async function recordSipcOutcome(
  db: Database,
  ctx: ServiceContext,
  victimId: string,
  complaintId: string,
  input: { outcome: SipcOutcome; outcomeAt: Date; note?: string | null; sipcReference?: string | null },
  now = new Date(),
): Promise<VictimSipcComplaintRow> {
  const { victim, found } = await loadVictimForProtection(db, ctx, victimId, 'victim.sipc_outcome');
  const complaint = await victimsRepository.findComplaint(db, victim.victim.id, complaintId);
  if (!complaint) throw new AppError('NOT_FOUND', '找不到此申訴紀錄 (no such SIPC complaint)');
  refuseFutureTime(input.outcomeAt, 'outcomeAt', now);
  if (input.outcomeAt < complaint.filedAt) throw new AppError('VALIDATION_FAILED', '結果時間不可早於申訴時間 (the outcome cannot precede the complaint)', { field: 'outcomeAt' });
  const note = cleanLine(input.note, 'note', MAX_NOTE_LENGTH);
  const reference = input.sipcReference === undefined ? undefined : cleanLine(input.sipcReference, 'sipcReference', 100);
  await db.transaction(async (tx) => {
    await victimsRepository.setComplaintOutcome(tx, complaint.id, { outcome: input.outcome, outcomeAt: input.outcomeAt, outcomeNote: note, ...(reference !== undefined && { sipcReference: reference }) });
    await recordAudit(tx, ctx, {
      action: 'victim.sipc_outcome',
      objectType: 'victim',
      objectId: victim.victim.id,
      details: { caseId: found.case.id, complaintId, outcome: input.outcome, withinTarget: input.outcome === 'removed' ? input.outcomeAt <= complaint.dueAt : null },
    });
  });
  return (await victimsRepository.findComplaint(db, victim.victim.id, complaintId))!;
}

/** The complaint's clock: overdue while not removed past its due time; met or missed once removed. */
export function complaintClock(complaint: Pick<VictimSipcComplaintRow, 'dueAt' | 'outcome' | 'outcomeAt'>, now: Date): { overdue: boolean; removedWithinTarget: boolean | null } {
  const removed = complaint.outcome === 'removed' && complaint.outcomeAt !== null;
  return {
    overdue: !removed && now > complaint.dueAt,
    removedWithinTarget: removed ? complaint.outcomeAt! <= complaint.dueAt : null,
  };
}

// ── Social-service referral (G5.3.2) ────────────────────────────────────────

/**
 * Records the SAB social worker who came to the interview: for a minor always (G5.3.2), for an
 * adult who asked for one. Once no minor of the case waits for one, the case's task closes.
 */
export async function recordSocialWorker(db: Database, ctx: ServiceContext, victimId: string, input: { name: string; arrivedAt: Date }, now = new Date()): Promise<void> {
  const { victim, found } = await loadVictimForProtection(db, ctx, victimId, 'victim.social_worker');
  const row = victim.victim;
  if (!row.isMinor && row.wantsSocialWorker !== 'yes') {
    throw new AppError('WORKFLOW_STEP_REFUSED', '成年被害人須先表示需要社工陪同 (an adult victim has a social worker only when they asked for one)');
  }
  const name = cleanLine(input.name, 'name', 100);
  if (!name) throw new AppError('VALIDATION_FAILED', '請填寫社工姓名 (the social worker’s name is required)', { field: 'name' });
  refuseFutureTime(input.arrivedAt, 'arrivedAt', now);
  await db.transaction(async (tx) => {
    await victimsRepository.update(tx, row.id, { socialWorkerName: name, socialWorkerArrivedAt: input.arrivedAt });
    await recordAudit(tx, ctx, { action: 'victim.social_worker', objectType: 'victim', objectId: row.id, details: { caseId: found.case.id, arrivedAt: input.arrivedAt.toISOString() } });
    await settleReferralTasks(tx, ctx, found, now);
  });
}

/**
 * Records an adult victim's answers (G5.3.2): do they want a social worker, a referral to
 * counselling? "Refused to answer" is a valid answer and recorded as such.
 */
export async function recordReferralAnswers(
  db: Database,
  ctx: ServiceContext,
  victimId: string,
  input: { wantsSocialWorker: ReferralAnswer; wantsCounsellingReferral: ReferralAnswer; answeredAt: Date },
  now = new Date(),
): Promise<void> {
  const { victim, found } = await loadVictimForProtection(db, ctx, victimId, 'victim.referral');
  const row = victim.victim;
  if (row.isMinor) throw new AppError('WORKFLOW_STEP_REFUSED', '未成年被害人由社會局指派社工陪同，無須詢問意願 (a minor is accompanied by a social worker without being asked: G5.3.2)');
  refuseFutureTime(input.answeredAt, 'answeredAt', now);
  await db.transaction(async (tx) => {
    await victimsRepository.update(tx, row.id, { wantsSocialWorker: input.wantsSocialWorker, wantsCounsellingReferral: input.wantsCounsellingReferral, referralAnsweredAt: input.answeredAt });
    await recordAudit(tx, ctx, {
      action: 'victim.referral',
      objectType: 'victim',
      objectId: row.id,
      details: { caseId: found.case.id, wantsSocialWorker: input.wantsSocialWorker, wantsCounsellingReferral: input.wantsCounsellingReferral },
    });
    await settleReferralTasks(tx, ctx, found, now);
  });
}

export type ServiceInput = { offeredOn: string; response?: ServiceResponse | null; respondedOn?: string | null; givenOn?: string | null; note?: string | null };

/**
 * Sets the state of one of the SAB's services for the victim (G5.3.2): offered on, accepted or
 * declined on, given on. Dates run in that order and none is in the future; a service is given
 * only once accepted.
 */
export async function setVictimService(db: Database, key: VictimKey, ctx: ServiceContext, victimId: string, service: VictimService, input: ServiceInput, now = new Date()): Promise<void> {
  const { victim, found } = await loadVictimForProtection(db, ctx, victimId, 'victim.service');
  const offeredOn = cleanCivilDate(input.offeredOn, 'offeredOn', '提供日期', now);
  const response = input.response ?? null;
  const respondedOn = input.respondedOn ? cleanCivilDate(input.respondedOn, 'respondedOn', '回覆日期', now) : null;
  const givenOn = input.givenOn ? cleanCivilDate(input.givenOn, 'givenOn', '服務日期', now) : null;
  if ((response === null) !== (respondedOn === null)) throw new AppError('VALIDATION_FAILED', '接受或拒絕須與回覆日期一併填寫 (response and respondedOn go together)', { field: 'respondedOn' });
  if (respondedOn !== null && respondedOn < offeredOn) throw new AppError('VALIDATION_FAILED', '回覆日期不可早於提供日期 (respondedOn is before offeredOn)', { field: 'respondedOn' });
  if (givenOn !== null && response !== 'accepted') throw new AppError('VALIDATION_FAILED', '被害人接受後才能登錄服務日期 (givenOn needs an accepted response)', { field: 'givenOn' });
  if (givenOn !== null && respondedOn !== null && givenOn < respondedOn) throw new AppError('VALIDATION_FAILED', '服務日期不可早於接受日期 (givenOn is before respondedOn)', { field: 'givenOn' });
  const note = cleanLine(input.note, 'note', MAX_NOTE_LENGTH);
  refuseSealedIdentityIn(key, victim.victim, note, 'note');
  await db.transaction(async (tx) => {
    await victimsRepository.upsertService(tx, { victimId: victim.victim.id, service, offeredOn, response, respondedOn, givenOn, note, updatedBy: ctx.actor!.userId });
    await recordAudit(tx, ctx, { action: 'victim.service', objectType: 'victim', objectId: victim.victim.id, details: { caseId: found.case.id, service, response, given: givenOn !== null } });
  });
}
