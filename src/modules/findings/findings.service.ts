/**
 * Findings (G5.1, G6.1): what an officer met while patrolling, recorded fast and without loss.
 * The URL is canonicalised so the department knows at once whether it is already a finding or a
 * case anywhere — another unit's details stay hidden unless the policy allows — and the same URL is
 * linked, not duplicated: one finding per unit, a repeat sighting is added to it. A finding is
 * captured, promoted to a new case or attached to an existing one.
 */
import ipaddr from 'ipaddr.js';
import { canAccessCase, caseScopeFor, type CaseAccessFacts, type CaseAction } from '../../core/access/policy.ts';
import type { Database, DbOrTx } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { refuseFutureTime } from '../../core/validation.ts';
import type { Actor, ServiceContext } from '../../core/request-context.ts';
import type { Extracted } from '../../capture/index.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { caseAccessFacts, loadCaseFor, openCaseInTransaction } from '../cases/cases.service.ts';
import { requireEvidenceRole } from '../evidence/evidence.service.ts';
import { triageText, type LexiconTriage } from '../lexicons/lexicons.service.ts';
import { patrolsRepository } from '../patrols/patrols.repository.ts';
import type { PatrolFocus } from '../patrols/patrols.tables.ts';
import { matchPlatformByHost } from '../platforms/platform-registry.seed.ts';
import { platformsRepository } from '../platforms/platforms.repository.ts';
import type { PlatformRow } from '../platforms/platforms.tables.ts';
import { canonicalUrl, UrlRejectedError } from './canonical-url.ts';
import { findingsRepository, type FindingListFilter, type FindingWithRefs, type SourceCountRow, type SourceGroup } from './findings.repository.ts';
import type { StoredTriage, TargetCategory } from './findings.tables.ts';

export const MAX_CONTENT_TEXT = 200_000;
const MAX_ACCOUNT_LENGTH = 200;

export type FindingInput = {
  url: string;
  platformId?: string | null;
  patrolSessionId?: string | null;
  accountName?: string | null;
  accountId?: string | null;
  posterIp?: string | null;
  contentText?: string | null;
  postedAt?: Date | null;
  seenAt?: Date | null;
  ephemeral?: boolean;
  targetCategory?: TargetCategory;
  targetKind?: PatrolFocus | null;
  notes?: string | null;
};

export type FindingPatch = Partial<Pick<FindingInput, 'accountName' | 'accountId' | 'posterIp' | 'contentText' | 'postedAt' | 'ephemeral' | 'targetCategory' | 'targetKind' | 'notes'>>;

/** The same URL known elsewhere, as much as this actor may see of it. */
export type KnownElsewhere = {
  visible: boolean;
  findingId: string | null;
  unit: { code: string; nameZh: string; nameEn: string };
  seenAt: Date;
  inCase: boolean;
  caseId: string | null;
  caseNumber: string | null;
};

export type UrlLookup = { canonicalUrl: string; host: string; platform: PlatformRow | null; known: KnownElsewhere[] };

function findingFacts(found: FindingWithRefs): CaseAccessFacts {
  // A finding in a case follows the case; before that it follows the unit that recorded it.
  if (found.case && found.caseUnit) return caseAccessFacts({ case: found.case, unit: found.caseUnit });
  return { owningUnitPath: found.unit.path, cibAssistance: 'none', assigneeUserIds: [] };
}

function canAccessFinding(actor: Actor | null, found: FindingWithRefs, action: CaseAction): boolean {
  return canAccessCase(actor, findingFacts(found), action);
}

/** Loads a finding the actor may act on; anything else is "not found" and the attempt is audited. */
export async function loadFinding(db: Database, ctx: ServiceContext, id: string, action: CaseAction): Promise<FindingWithRefs> {
  requireEvidenceRole(ctx);
  const found = await findingsRepository.findById(db, id);
  if (found && canAccessFinding(ctx.actor, found, action)) return found;
  await recordAuditNow(db, ctx, { action: `finding.${action}`, objectType: 'finding', objectId: id, outcome: 'denied' });
  throw notFound('finding');
}

function canonicalOrError(raw: string): { canonical: string; host: string } {
  try {
    return canonicalUrl(raw);
  } catch (error) {
    if (error instanceof UrlRejectedError) throw new AppError('VALIDATION_FAILED', error.reason, { field: 'url' });
    throw error;
  }
}

function presentKnown(actor: Actor, rows: readonly FindingWithRefs[]): KnownElsewhere[] {
  return rows.map((row) => {
    const visible = canAccessFinding(actor, row, 'read');
    return {
      visible,
      findingId: visible ? row.finding.id : null,
      unit: { code: row.unit.code, nameZh: row.unit.nameZh, nameEn: row.unit.nameEn },
      seenAt: row.finding.seenAt,
      inCase: row.case !== null,
      caseId: visible ? (row.case?.id ?? null) : null,
      caseNumber: visible ? (row.case?.number ?? null) : null,
    };
  });
}

/**
 * Is this URL already known in the department? Answers with the canonical URL, the platform its
 * domain belongs to and every finding of it, each shown in full only where the actor may read it.
 */
export async function lookupUrl(db: Database, ctx: ServiceContext, rawUrl: string): Promise<UrlLookup> {
  const actor = requireEvidenceRole(ctx);
  const { canonical, host } = canonicalOrError(rawUrl);
  const platform = matchPlatformByHost(host, await platformsRepository.findAll(db));
  const knownUrl = await findingsRepository.findKnownUrl(db, canonical);
  const known = knownUrl ? presentKnown(actor, await findingsRepository.forUrl(db, knownUrl.id)) : [];
  // Learning that another unit holds a URL is itself a read of the register.
  if (known.length > 0) await recordAuditNow(db, ctx, { action: 'finding.url_lookup', objectType: 'known_url', objectId: knownUrl!.id, details: { matches: known.length } });
  return { canonicalUrl: canonical, host, platform, known };
}

function cleanOptional(value: string | null | undefined, field: string, max: number): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length === 0) return null;
  if (trimmed.length > max) throw new AppError('VALIDATION_FAILED', `${field} 過長，上限 ${max} 字 (${field} longer than ${max} characters)`, { field });
  return trimmed;
}

/** A poster IP as written in platform answers and PTT lines: IPv4 or IPv6, normalised. */
export function cleanPosterIp(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length === 0) return null;
  if (!ipaddr.isValid(trimmed)) throw new AppError('VALIDATION_FAILED', `發文 IP 格式錯誤 (poster IP is not an IPv4 or IPv6 address): ${trimmed.slice(0, 60)}`, { field: 'posterIp' });
  return ipaddr.parse(trimmed).toString();
}

function cleanContent(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim().length === 0) return null;
  if (value.length > MAX_CONTENT_TEXT) {
    throw new AppError('VALIDATION_FAILED', `內容文字過長，上限 ${MAX_CONTENT_TEXT} 字；請改以擷取或上傳保存全文 (content text longer than ${MAX_CONTENT_TEXT} characters; capture or upload it instead)`, { field: 'contentText' });
  }
  return value;
}

function storedTriage(result: LexiconTriage): StoredTriage {
  return {
    lexiconId: result.lexiconId,
    lexiconVersion: result.version,
    score: result.score,
    matches: result.matches.map((m) => ({ term: m.term, category: m.category, weight: m.weight, start: m.start, end: m.end })),
  };
}

async function triageOrNull(db: Database, ctx: ServiceContext, text: string | null): Promise<StoredTriage | null> {
  if (!text) return null;
  try {
    return storedTriage(await triageText(db, ctx, { text }));
  } catch (error) {
    // No lexicon readable: the finding is still recorded, unscored.
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

async function resolvePlatformFor(db: Database, host: string, platformId: string | null | undefined): Promise<PlatformRow> {
  if (platformId) {
    const chosen = await platformsRepository.findById(db, platformId);
    if (!chosen) throw new AppError('VALIDATION_FAILED', `未知的平臺 (unknown platform): ${platformId}`, { field: 'platformId' });
    return chosen;
  }
  const matched = matchPlatformByHost(host, await platformsRepository.findAll(db));
  if (!matched) {
    throw new AppError('VALIDATION_FAILED', `網域 ${host} 不在平臺清單中，請選擇平臺或請系統管理員新增 (no registered platform for ${host}; choose one or ask an administrator to add it)`, {
      field: 'platformId',
      host,
    });
  }
  return matched;
}

/** The patrol a finding belongs to: the one named (must be the actor's own, running) or the actor's running patrol. */
async function resolvePatrol(db: Database, actor: Actor, patrolSessionId: string | null | undefined): Promise<string | null> {
  if (!patrolSessionId) return (await patrolsRepository.findOpenFor(db, actor.userId))?.session.id ?? null;
  const patrol = await patrolsRepository.findById(db, patrolSessionId);
  if (!patrol || patrol.session.officerId !== actor.userId) throw new AppError('VALIDATION_FAILED', '巡查不存在或不是您的巡查 (no such patrol of yours)', { field: 'patrolSessionId' });
  if (patrol.session.endedAt) throw new AppError('VALIDATION_FAILED', '此巡查已結束 (that patrol has ended)', { field: 'patrolSessionId' });
  return patrol.session.id;
}

export type RecordOutcome = { outcome: 'created' | 'sighting_added'; found: FindingWithRefs; known: KnownElsewhere[] };

/**
 * Records a finding. Everything is checked before the one transaction that writes the URL, the
 * finding (or, for a URL the actor's scope already holds, a new sighting of it) and the audit row.
 */
export async function recordFinding(db: Database, ctx: ServiceContext, input: FindingInput, now = new Date()): Promise<RecordOutcome> {
  const actor = requireEvidenceRole(ctx);
  const { canonical, host } = canonicalOrError(input.url);
  const platform = await resolvePlatformFor(db, host, input.platformId);
  const patrolSessionId = await resolvePatrol(db, actor, input.patrolSessionId);
  const seenAt = input.seenAt ?? now;
  refuseFutureTime(seenAt, 'seenAt', now);
  refuseFutureTime(input.postedAt, 'postedAt', now);
  const accountName = cleanOptional(input.accountName, 'accountName', MAX_ACCOUNT_LENGTH);
  const accountId = cleanOptional(input.accountId, 'accountId', MAX_ACCOUNT_LENGTH);
  const posterIp = cleanPosterIp(input.posterIp);
  const contentText = cleanContent(input.contentText);
  const notes = cleanOptional(input.notes, 'notes', 5000);
  const triage = await triageOrNull(db, ctx, contentText);

  const { findingId, outcome } = await db.transaction(async (tx) => {
    const knownUrl = await findingsRepository.upsertKnownUrl(tx, canonical, host);
    const existing = (await findingsRepository.forUrl(tx, knownUrl.id)).filter((row) => canAccessFinding(actor, row, 'update'));
    // Prefer the actor's own unit's finding, then any other finding the actor may work on.
    const linkTo = existing.find((row) => row.finding.unitId === actor.unitId) ?? existing[0];
    if (!linkTo) {
      const inserted = await findingsRepository.insertIfNew(tx, {
        urlId: knownUrl.id,
        url: input.url.trim(),
        platformId: platform.id,
        unitId: actor.unitId,
        recordedBy: actor.userId,
        patrolSessionId,
        accountName,
        accountId,
        posterIp,
        identitySource: accountName || accountId || posterIp ? 'officer' : null,
        contentText,
        postedAt: input.postedAt ?? null,
        seenAt,
        ephemeral: input.ephemeral ?? false,
        targetCategory: input.targetCategory ?? 'unassessed',
        targetKind: input.targetKind ?? null,
        triageScore: Math.round(triage?.score ?? 0),
        triage,
        notes,
      });
      if (inserted) {
        await findingsRepository.addSighting(tx, { findingId: inserted.id, patrolSessionId, seenBy: actor.userId, seenAt });
        await recordAudit(tx, ctx, { action: 'finding.create', objectType: 'finding', objectId: inserted.id, details: { url: canonical, platform: platform.code, score: inserted.triageScore } });
        return { findingId: inserted.id, outcome: 'created' as const };
      }
    }
    // Seen again (or a colleague recorded it a moment ago): one finding, one more sighting.
    const target = linkTo ?? (await findingsRepository.forUrl(tx, knownUrl.id)).find((row) => row.finding.unitId === actor.unitId)!;
    await findingsRepository.addSighting(tx, { findingId: target.finding.id, patrolSessionId, seenBy: actor.userId, seenAt });
    await recordAudit(tx, ctx, { action: 'finding.sighting', objectType: 'finding', objectId: target.finding.id, details: { url: canonical } });
    return { findingId: target.finding.id, outcome: 'sighting_added' as const };
  });

  const found = (await findingsRepository.findById(db, findingId))!;
  const known = presentKnown(actor, (await findingsRepository.forUrl(db, found.knownUrl.id)).filter((row) => row.finding.id !== findingId));
  return { outcome, found, known };
}

export type FindingDetail = {
  found: FindingWithRefs;
  known: KnownElsewhere[];
  sightings: Awaited<ReturnType<typeof findingsRepository.sightings>>;
  evidence: Awaited<ReturnType<typeof findingsRepository.evidenceOf>>;
};

/** One finding with its sightings, evidence and the same URL elsewhere; the read is audited. */
export async function getFinding(db: Database, ctx: ServiceContext, id: string): Promise<FindingDetail> {
  const found = await loadFinding(db, ctx, id, 'read');
  const [sightings, evidence, sameUrl] = await Promise.all([
    findingsRepository.sightings(db, id),
    findingsRepository.evidenceOf(db, id),
    findingsRepository.forUrl(db, found.knownUrl.id),
  ]);
  await recordAuditNow(db, ctx, { action: 'finding.view', objectType: 'finding', objectId: id });
  return { found, sightings, evidence, known: presentKnown(ctx.actor!, sameUrl.filter((row) => row.finding.id !== id)) };
}

/** Corrects or completes a finding; changed text is triaged again. */
export async function updateFinding(db: Database, ctx: ServiceContext, id: string, patch: FindingPatch, now = new Date()): Promise<FindingWithRefs> {
  await loadFinding(db, ctx, id, 'update');
  const changes: Parameters<typeof findingsRepository.update>[2] = {};
  if (patch.accountName !== undefined) changes.accountName = cleanOptional(patch.accountName, 'accountName', MAX_ACCOUNT_LENGTH);
  if (patch.accountId !== undefined) changes.accountId = cleanOptional(patch.accountId, 'accountId', MAX_ACCOUNT_LENGTH);
  if (patch.posterIp !== undefined) changes.posterIp = cleanPosterIp(patch.posterIp);
  if (patch.accountName !== undefined || patch.accountId !== undefined || patch.posterIp !== undefined) changes.identitySource = 'officer';
  if (patch.postedAt !== undefined) {
    refuseFutureTime(patch.postedAt, 'postedAt', now);
    changes.postedAt = patch.postedAt;
  }
  if (patch.ephemeral !== undefined) changes.ephemeral = patch.ephemeral;
  if (patch.targetCategory !== undefined) changes.targetCategory = patch.targetCategory;
  if (patch.targetKind !== undefined) changes.targetKind = patch.targetKind;
  if (patch.notes !== undefined) changes.notes = cleanOptional(patch.notes, 'notes', 5000);
  if (patch.contentText !== undefined) {
    changes.contentText = cleanContent(patch.contentText);
    changes.triage = await triageOrNull(db, ctx, changes.contentText);
    changes.triageScore = Math.round(changes.triage?.score ?? 0);
  }
  if (Object.keys(changes).length === 0) throw new AppError('VALIDATION_FAILED', '沒有要變更的欄位 (nothing to change)');
  await db.transaction(async (tx) => {
    await findingsRepository.update(tx, id, changes);
    await recordAudit(tx, ctx, { action: 'finding.update', objectType: 'finding', objectId: id, details: { fields: Object.keys(patch) } });
  });
  return (await findingsRepository.findById(db, id))!;
}

function listScope(ctx: ServiceContext): string | null | undefined {
  const scope = caseScopeFor(requireEvidenceRole(ctx));
  if (scope.kind === 'none') return undefined;
  return scope.kind === 'all' ? null : scope.unitPath;
}

export async function listFindings(db: Database, ctx: ServiceContext, filter: Omit<FindingListFilter, 'unitPathPrefix'>): Promise<FindingWithRefs[]> {
  const unitPathPrefix = listScope(ctx);
  if (unitPathPrefix === undefined) return [];
  const rows = await findingsRepository.list(db, { ...filter, unitPathPrefix });
  await recordAuditNow(db, ctx, { action: 'finding.list', objectType: 'finding', details: { returned: rows.length, search: filter.search ? true : undefined } });
  return rows;
}

/** Promotes a finding to a new case of the actor's unit, in one transaction with its number. */
export async function promoteFinding(db: Database, ctx: ServiceContext, id: string, input: { title: string; summary?: string | null }): Promise<FindingWithRefs> {
  const actor = requireEvidenceRole(ctx);
  const found = await loadFinding(db, ctx, id, 'update');
  if (found.case) throw new AppError('CONFLICT', `此發現已列入案件 ${found.case.number} (already in case ${found.case.number})`, { caseId: found.case.id });
  await db.transaction(async (tx) => {
    const created = await openCaseInTransaction(tx, ctx, actor, { title: input.title, summary: input.summary ?? null, platformId: found.platform.id });
    await attachInTransaction(tx, ctx, id, created.id, created.number, 'finding.promote');
  });
  return (await findingsRepository.findById(db, id))!;
}

/** Attaches a finding to an existing case the actor may update. */
export async function attachFinding(db: Database, ctx: ServiceContext, id: string, caseId: string): Promise<FindingWithRefs> {
  const found = await loadFinding(db, ctx, id, 'update');
  const target = await loadCaseFor(db, ctx, caseId, 'update');
  if (found.case) {
    if (found.case.id === caseId) return found;
    throw new AppError('CONFLICT', `此發現已列入案件 ${found.case.number} (already in case ${found.case.number})`, { caseId: found.case.id });
  }
  await db.transaction((tx) => attachInTransaction(tx, ctx, id, target.case.id, target.case.number, 'finding.attach'));
  return (await findingsRepository.findById(db, id))!;
}

async function attachInTransaction(tx: DbOrTx, ctx: ServiceContext, findingId: string, caseId: string, caseNumber: string, action: string): Promise<void> {
  await findingsRepository.update(tx, findingId, { caseId });
  await recordAudit(tx, ctx, { action, objectType: 'finding', objectId: findingId, details: { caseId, caseNumber } });
  await recordAudit(tx, ctx, { action: 'case.finding_added', objectType: 'case', objectId: caseId, details: { findingId } });
}

/** Where cases come from (G5.1): findings and cases by platform, domain or account over a period. */
export async function sourceCounts(db: Database, ctx: ServiceContext, filter: { from: Date; to: Date; groupBy: SourceGroup; limit: number }): Promise<SourceCountRow[]> {
  if (!(filter.from < filter.to)) throw new AppError('VALIDATION_FAILED', '起日須早於迄日 (from must be before to)');
  const unitPathPrefix = listScope(ctx);
  if (unitPathPrefix === undefined) return [];
  const rows = await findingsRepository.sourceCounts(db, { ...filter, unitPathPrefix });
  await recordAuditNow(db, ctx, { action: 'finding.source_counts', objectType: 'finding', details: { groupBy: filter.groupBy, from: filter.from.toISOString(), to: filter.to.toISOString() } });
  return rows;
}

/** For the capture request of a finding: what the capture needs to know. */
export async function findingForCapture(db: Database, ctx: ServiceContext, id: string): Promise<FindingWithRefs> {
  return loadFinding(db, ctx, id, 'update');
}

/**
 * Called by the capture worker inside the transaction that seals a capture of a finding: account
 * name/ID and poster IP extracted from the page fill what the officer left empty (with the
 * evidence item as their source), and the page text's triage is kept beside the officer's.
 */
export async function applyCaptureToFinding(
  tx: DbOrTx,
  findingId: string,
  evidenceItemId: string,
  extracted: Extracted,
  pageTriage: LexiconTriage | null,
): Promise<void> {
  const found = await findingsRepository.findById(tx, findingId);
  if (!found) return;
  const changes: Parameters<typeof findingsRepository.update>[2] = {};
  const fill = (current: string | null, value: string | undefined | null) => (current ? undefined : value?.trim() || undefined);
  const accountName = fill(found.finding.accountName, extracted.account_name?.value);
  const accountId = fill(found.finding.accountId, extracted.account_id?.value);
  let posterIp = fill(found.finding.posterIp, extracted.poster_ip?.value);
  if (posterIp && !ipaddr.isValid(posterIp)) posterIp = undefined;
  if (accountName) changes.accountName = accountName;
  if (accountId) changes.accountId = accountId;
  if (posterIp) changes.posterIp = ipaddr.parse(posterIp).toString();
  if (accountName || accountId || posterIp) changes.identitySource = `capture:${evidenceItemId}`;
  if (!found.finding.postedAt && extracted.posted_at?.value) {
    const posted = new Date(extracted.posted_at.value);
    if (!Number.isNaN(posted.getTime())) changes.postedAt = posted;
  }
  if (pageTriage) {
    changes.pageTriage = { ...storedTriage(pageTriage), evidenceItemId };
    // The finding's score is the stronger of the officer's text and the captured page.
    changes.triageScore = Math.max(found.finding.triageScore, Math.round(pageTriage.score));
  }
  if (Object.keys(changes).length > 0) await findingsRepository.update(tx, findingId, changes);
}
