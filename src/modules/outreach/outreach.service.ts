/**
 * Prevention outreach (G5.4, G4.1.5): school talks with the Education Bureau's tour, online
 * awareness posts, interviews, radio programmes, press releases and special-day events, with their
 * slides and posters. Access is checked before data is touched:
 *
 * - reading: WCPD (who coordinates prevention department-wide) and CIB (who evaluates units,
 *   G4.1.4) see every unit's activities; officers and supervisors see their own unit and its
 *   sub-units. Auditors and administrators see none (no operational need).
 * - recording, changing, deleting: officers, supervisors and CIB for their own unit and its
 *   sub-units; WCPD for any unit. Every change writes its audit row in its transaction.
 */
import { hasAnyRole, hasRole, isWithinUnit } from '../../core/access/policy.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { Actor, ServiceContext } from '../../core/request-context.ts';
import { VaultSizeLimitError, type Vault } from '../../core/vault/vault.ts';
import { safeOriginalFilename, sniffMediaType } from '../evidence/media-type.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { unitsRepository } from '../units/units.repository.ts';
import type { UnitRow } from '../units/units.tables.ts';
import { usersRepository } from '../users/users.repository.ts';
import type { CreateActivityInput, UpdateActivityInput } from './outreach.contract.ts';
import { outreachRepository, type ActivityOfficer, type ActivityPatch, type ActivityWithUnit } from './outreach.repository.ts';
import type { OutreachAttachmentRow, OutreachDetails, OutreachKind } from './outreach.tables.ts';

/** Planned activities may be entered ahead, but not beyond a year. */
const MAX_DAYS_AHEAD = 366;
const DAY_MS = 86_400_000;
/** The roles whose holders appear as officers of activities and trainees of courses. */
const WORKING_ROLES = ['officer', 'supervisor', 'wcpd_coordinator', 'cib_investigator'] as const;

export type ActivityView = ActivityWithUnit & { officers: ActivityOfficer[]; attachments: OutreachAttachmentRow[]; canEdit: boolean };

/** The unit subtree whose activities the actor reads: null = every unit; undefined = none. */
function readScope(actor: Actor | null): string | null | undefined {
  if (!actor) return undefined;
  if (hasAnyRole(actor, ['wcpd_coordinator', 'cib_investigator'])) return null;
  if (hasAnyRole(actor, ['officer', 'supervisor'])) return actor.unitPath;
  return undefined;
}

/** May the actor record or change activities of this unit? */
export function canWriteFor(actor: Actor | null, unit: Pick<UnitRow, 'path'>): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'wcpd_coordinator')) return true;
  return hasAnyRole(actor, ['officer', 'supervisor', 'cib_investigator']) && isWithinUnit(actor.unitPath, unit.path);
}

async function requireReader(db: Database, ctx: ServiceContext, action: string): Promise<string | null> {
  const scope = readScope(ctx.actor);
  if (scope !== undefined) return scope;
  await recordAuditNow(db, ctx, { action, objectType: 'outreach', outcome: 'denied' });
  throw new AppError('FORBIDDEN', '無權查看宣導活動 (not allowed to see outreach activities)');
}

/** The people the actor may name as officers or trainees: their read scope, working roles only. */
export async function pickablePeople(db: Database, ctx: ServiceContext, query: { q?: string }) {
  const scope = await requireReader(db, ctx, 'outreach.people');
  const rows = await usersRepository.list(db, { unitPathPrefix: scope ?? undefined, query: query.q?.trim() || undefined, limit: 200 });
  return rows
    .filter((r) => r.user.active && r.user.roles.some((role) => (WORKING_ROLES as readonly string[]).includes(role)))
    .map((r) => ({ id: r.user.id, displayName: r.user.displayName, unitCode: r.unit.code, unitId: r.unit.id }));
}

/** Every id must be an active working user in the actor's scope; the first that is not is named. */
async function checkPeople(db: Database, ctx: ServiceContext, ids: readonly string[], field: string): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const scope = readScope(ctx.actor);
  for (const id of unique) {
    const found = await usersRepository.findById(db, id);
    const allowed = found && found.user.active && (scope === null || (scope !== undefined && isWithinUnit(scope, found.unit.path)));
    if (!allowed) throw new AppError('VALIDATION_FAILED', `${field} 含無法指定的人員 (${field} names someone you cannot name): ${id}`, { field, userId: id });
  }
  return unique;
}

function attachView(found: ActivityWithUnit, officers: ActivityOfficer[], attachments: OutreachAttachmentRow[], ctx: ServiceContext): ActivityView {
  return {
    ...found,
    officers: officers.filter((o) => o.activityId === found.activity.id),
    attachments: attachments.filter((a) => a.activityId === found.activity.id),
    canEdit: canWriteFor(ctx.actor, found.unit),
  };
}

/** Activities in the actor's scope, optionally of one unit's subtree, one kind, a time window. */
export async function listActivities(
  db: Database,
  ctx: ServiceContext,
  filter: { unitId?: string; kind?: OutreachKind; from?: Date; to?: Date; limit?: number },
): Promise<{ items: ActivityView[]; canCreate: boolean }> {
  const scope = await requireReader(db, ctx, 'outreach.list');
  let prefix = scope;
  if (filter.unitId) {
    const unit = await unitsRepository.findById(db, filter.unitId);
    if (!unit) throw new AppError('VALIDATION_FAILED', `單位不存在 (no unit ${filter.unitId})`, { field: 'unitId' });
    // Narrowing only: a unit outside the actor's scope lists nothing rather than leaking it.
    if (scope !== null && !isWithinUnit(scope, unit.path)) return { items: [], canCreate: canWriteFor(ctx.actor, { path: ctx.actor!.unitPath }) };
    prefix = unit.path;
  }
  if (filter.from && filter.to && filter.from >= filter.to) throw new AppError('VALIDATION_FAILED', '起始時間須早於結束時間 (from must be before to)', { field: 'to' });
  const rows = await outreachRepository.list(db, { unitPathPrefix: prefix, kind: filter.kind, from: filter.from, to: filter.to, limit: filter.limit ?? 500 });
  const ids = rows.map((r) => r.activity.id);
  const [officers, attachments] = await Promise.all([outreachRepository.officersOf(db, ids), outreachRepository.attachmentsOf(db, ids)]);
  return { items: rows.map((r) => attachView(r, officers, attachments, ctx)), canCreate: canWriteFor(ctx.actor, { path: ctx.actor!.unitPath }) };
}

async function loadReadable(db: Database, ctx: ServiceContext, id: string, action: string): Promise<ActivityWithUnit> {
  const scope = await requireReader(db, ctx, action);
  const found = await outreachRepository.findById(db, id);
  if (found && (scope === null || isWithinUnit(scope, found.unit.path))) return found;
  await recordAuditNow(db, ctx, { action, objectType: 'outreach', objectId: id, outcome: 'denied' });
  throw notFound('outreach activity');
}

async function loadWritable(db: Database, ctx: ServiceContext, id: string, action: string): Promise<ActivityWithUnit> {
  const found = await loadReadable(db, ctx, id, action);
  if (canWriteFor(ctx.actor, found.unit)) return found;
  await recordAuditNow(db, ctx, { action, objectType: 'outreach', objectId: id, outcome: 'denied' });
  throw new AppError('FORBIDDEN', '僅能變更所屬單位及其下級單位之宣導活動 (you change activities of your own unit and its sub-units only)');
}

export async function getActivity(db: Database, ctx: ServiceContext, id: string): Promise<ActivityView> {
  const found = await loadReadable(db, ctx, id, 'outreach.view');
  const [officers, attachments] = await Promise.all([outreachRepository.officersOf(db, [id]), outreachRepository.attachmentsOf(db, [id])]);
  return attachView(found, officers, attachments, ctx);
}

/** Trims the free-text lists of the details and checks what a schema cannot (a link that parses). */
function cleanDetails(details: OutreachDetails): OutreachDetails {
  const list = (items: string[]) => [...new Set(items.map((s) => s.trim()).filter((s) => s.length > 0))];
  switch (details.kind) {
    case 'school_talk':
      return { ...details, schoolName: details.schoolName.trim(), topics: list(details.topics) };
    case 'online_post': {
      let url: URL;
      try {
        url = new URL(details.link.trim());
      } catch {
        throw new AppError('VALIDATION_FAILED', '連結不是有效網址 (the link is not a valid URL)', { field: 'details.link' });
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('VALIDATION_FAILED', '連結須為 http(s) 網址 (the link must be an http(s) URL)', { field: 'details.link' });
      return { ...details, platform: details.platform.trim(), link: url.toString() };
    }
    case 'media_interview':
      return { ...details, outlet: details.outlet.trim(), programme: details.programme?.trim() || null };
    case 'radio_programme':
      return { ...details, station: details.station.trim(), programme: details.programme.trim() };
    case 'press_release': {
      const mediaGroups = list(details.mediaGroups);
      if (mediaGroups.length === 0) throw new AppError('VALIDATION_FAILED', '請填寫發送之媒體群組 (name the media groups)', { field: 'details.mediaGroups' });
      return { ...details, mediaGroups };
    }
    case 'special_day_event':
      return { ...details, occasion: details.occasion.trim(), venue: details.venue?.trim() || null };
  }
}

function checkTimes(startsAt: Date, endsAt: Date | null, now: Date): void {
  if (startsAt.getTime() > now.getTime() + MAX_DAYS_AHEAD * DAY_MS) throw new AppError('VALIDATION_FAILED', '活動時間最多可預排一年 (an activity can be planned at most a year ahead)', { field: 'startsAt' });
  if (endsAt && endsAt < startsAt) throw new AppError('VALIDATION_FAILED', '結束時間不可早於開始時間 (endsAt is before startsAt)', { field: 'endsAt' });
}

async function targetUnit(db: Database, ctx: ServiceContext, unitId: string, action: string): Promise<UnitRow> {
  const unit = await unitsRepository.findById(db, unitId);
  if (!unit || !unit.active) throw new AppError('VALIDATION_FAILED', `單位不存在或已停用 (no active unit ${unitId})`, { field: 'unitId' });
  if (!canWriteFor(ctx.actor, unit)) {
    await recordAuditNow(db, ctx, { action, objectType: 'outreach', outcome: 'denied', details: { unitId } });
    throw new AppError('FORBIDDEN', '僅能為所屬單位及其下級單位登錄宣導活動 (you record activities for your own unit and its sub-units only)');
  }
  return unit;
}

/** Records an activity for the actor's unit (or a unit in their scope). */
export async function createActivity(db: Database, ctx: ServiceContext, input: CreateActivityInput, now = new Date()): Promise<ActivityView> {
  await requireReader(db, ctx, 'outreach.create');
  const unit = await targetUnit(db, ctx, input.unitId ?? ctx.actor!.unitId, 'outreach.create');
  const startsAt = new Date(input.startsAt);
  const endsAt = input.endsAt ? new Date(input.endsAt) : null;
  checkTimes(startsAt, endsAt, now);
  const details = cleanDetails(input.details);
  const officerIds = await checkPeople(db, ctx, input.officerIds, 'officerIds');
  const id = await db.transaction(async (tx) => {
    const row = await outreachRepository.insert(tx, {
      unitId: unit.id,
      kind: details.kind,
      title: input.title.trim(),
      startsAt,
      endsAt,
      audienceCount: input.audienceCount ?? null,
      details,
      notes: input.notes?.trim() || null,
      createdBy: ctx.actor!.userId,
    });
    await outreachRepository.setOfficers(tx, row.id, officerIds);
    await recordAudit(tx, ctx, { action: 'outreach.create', objectType: 'outreach', objectId: row.id, details: { unitId: unit.id, kind: details.kind, officers: officerIds.length } });
    return row.id;
  });
  return getActivity(db, ctx, id);
}

/** Changes an activity; moving it to another unit needs the right to write for both. */
export async function updateActivity(db: Database, ctx: ServiceContext, id: string, input: UpdateActivityInput, now = new Date()): Promise<ActivityView> {
  const found = await loadWritable(db, ctx, id, 'outreach.update');
  const patch: ActivityPatch = {};
  if (input.unitId !== undefined && input.unitId !== found.activity.unitId) patch.unitId = (await targetUnit(db, ctx, input.unitId, 'outreach.update')).id;
  if (input.title !== undefined) patch.title = input.title.trim();
  if (input.startsAt !== undefined) patch.startsAt = new Date(input.startsAt);
  if (input.endsAt !== undefined) patch.endsAt = input.endsAt ? new Date(input.endsAt) : null;
  if (input.audienceCount !== undefined) patch.audienceCount = input.audienceCount;
  if (input.notes !== undefined) patch.notes = input.notes?.trim() || null;
  if (input.details !== undefined) {
    patch.details = cleanDetails(input.details);
    patch.kind = patch.details.kind;
  }
  checkTimes(patch.startsAt ?? found.activity.startsAt, patch.endsAt !== undefined ? patch.endsAt : found.activity.endsAt, now);
  const officerIds = input.officerIds === undefined ? undefined : await checkPeople(db, ctx, input.officerIds, 'officerIds');
  await db.transaction(async (tx) => {
    if (Object.keys(patch).length > 0) await outreachRepository.update(tx, id, patch);
    if (officerIds !== undefined) await outreachRepository.setOfficers(tx, id, officerIds);
    await recordAudit(tx, ctx, { action: 'outreach.update', objectType: 'outreach', objectId: id, details: { changed: Object.keys(input), unitId: patch.unitId ?? found.activity.unitId } });
  });
  return getActivity(db, ctx, id);
}

/** Deletes an activity: it stops counting; the row stays for the audit trail. */
export async function deleteActivity(db: Database, ctx: ServiceContext, id: string): Promise<void> {
  const found = await loadWritable(db, ctx, id, 'outreach.delete');
  await db.transaction(async (tx) => {
    await outreachRepository.softDelete(tx, id, ctx.actor!.userId);
    await recordAudit(tx, ctx, { action: 'outreach.delete', objectType: 'outreach', objectId: id, details: { unitId: found.activity.unitId, kind: found.activity.kind, title: found.activity.title } });
  });
}

// ── Attachments ───────────────────────────────────────────────────────────────

/** Slides and posters: images, PDF, short MP4 clips, and Office Open XML (pptx, docx, xlsx). */
export const ATTACHMENT_MAX_BYTES = 50 * 1024 * 1024;
export const ATTACHMENT_MAX_FILES = 10;
/** At most this many live attachments per activity. */
export const ATTACHMENTS_PER_ACTIVITY = 30;

/** Office Open XML is a zip: the extension names which document it is (the bytes only say "zip"). */
const OFFICE_TYPES: Record<string, string> = {
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const SNIFFED_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'video/mp4']);

/**
 * The media type an attachment is stored and served as, from its leading bytes (never the
 * client's word) and, for a zip, the extension; refused when it is not a kind we keep.
 */
export function attachmentMediaType(sniffed: string, fileName: string): string {
  if (SNIFFED_TYPES.has(sniffed)) return sniffed;
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  if (sniffed === 'application/zip' && OFFICE_TYPES[extension]) return OFFICE_TYPES[extension];
  throw new AppError('UPLOAD_TYPE_NOT_ALLOWED', `不接受此類檔案 (file type not accepted): ${fileName} is ${sniffed}; accepted: images, PDF, MP4, pptx, docx, xlsx`);
}

export type StagedAttachment = { sha256: string; fileName: string; mediaType: string; sizeBytes: number };

/**
 * Streams one uploaded file into the vault (encrypted, hashed as it arrives, never whole in
 * memory), refusing it from its first bytes when it is not a kind we keep. Uploads are hostile
 * input (STYLE rule 13): the name is cleaned, the type sniffed, the size bounded.
 */
export async function stageAttachment(vault: Vault, file: { filename: string | undefined; stream: AsyncIterable<Buffer> }): Promise<StagedAttachment> {
  const fileName = safeOriginalFilename(file.filename) ?? 'attachment';
  let mediaType = '';
  try {
    const ingest = await vault.ingest(file.stream, {
      maxBytes: ATTACHMENT_MAX_BYTES,
      onHead: (head) => {
        mediaType = attachmentMediaType(sniffMediaType(head), fileName);
      },
    });
    return { sha256: ingest.sha256, fileName, mediaType, sizeBytes: ingest.size };
  } catch (error) {
    if (error instanceof VaultSizeLimitError) throw new AppError('UPLOAD_TOO_LARGE', `檔案超過上限 (file exceeds ${ATTACHMENT_MAX_BYTES} bytes): ${fileName}`);
    throw error;
  }
}

/** Checks, before anything is stored, that the actor may add files to the activity. */
export async function prepareAttachmentUpload(db: Database, ctx: ServiceContext, id: string): Promise<void> {
  await loadWritable(db, ctx, id, 'outreach.attachment_add');
  if ((await outreachRepository.countAttachments(db, id)) >= ATTACHMENTS_PER_ACTIVITY) {
    throw new AppError('CONFLICT', `每項活動最多 ${ATTACHMENTS_PER_ACTIVITY} 個附件 (at most ${ATTACHMENTS_PER_ACTIVITY} attachments per activity)`);
  }
}

/** Records staged files on the activity, in one audited transaction. */
export async function recordAttachments(db: Database, ctx: ServiceContext, id: string, staged: readonly StagedAttachment[]): Promise<ActivityView> {
  await loadWritable(db, ctx, id, 'outreach.attachment_add');
  if (staged.length === 0) throw new AppError('VALIDATION_FAILED', '請選擇檔案 (no file was uploaded)', { field: 'files' });
  if ((await outreachRepository.countAttachments(db, id)) + staged.length > ATTACHMENTS_PER_ACTIVITY) {
    throw new AppError('CONFLICT', `每項活動最多 ${ATTACHMENTS_PER_ACTIVITY} 個附件 (at most ${ATTACHMENTS_PER_ACTIVITY} attachments per activity)`);
  }
  await db.transaction(async (tx) => {
    const rows = await outreachRepository.insertAttachments(tx, staged.map((file) => ({ ...file, activityId: id, uploadedBy: ctx.actor!.userId })));
    await recordAudit(tx, ctx, { action: 'outreach.attachment_add', objectType: 'outreach', objectId: id, details: { files: rows.map((r) => ({ id: r.id, sha256: r.sha256, mediaType: r.mediaType, sizeBytes: r.sizeBytes })) } });
  });
  return getActivity(db, ctx, id);
}

async function loadAttachment(db: Database, ctx: ServiceContext, id: string, attachmentId: string, action: string, write: boolean) {
  const found = write ? await loadWritable(db, ctx, id, action) : await loadReadable(db, ctx, id, action);
  const attachment = (await outreachRepository.attachmentsOf(db, [id])).find((a) => a.id === attachmentId);
  if (!attachment) throw notFound('attachment');
  return { found, attachment };
}

/** An attachment's bytes, verified against their hash, for whoever may read the activity. */
export async function readAttachment(db: Database, vault: Vault, ctx: ServiceContext, id: string, attachmentId: string): Promise<{ attachment: OutreachAttachmentRow; content: Buffer }> {
  const { attachment } = await loadAttachment(db, ctx, id, attachmentId, 'outreach.attachment_read', false);
  return { attachment, content: await vault.readAll(attachment.sha256) };
}

/** Removes an attachment from the activity (the vault keeps content-addressed bytes; nothing points at them). */
export async function deleteAttachment(db: Database, ctx: ServiceContext, id: string, attachmentId: string): Promise<ActivityView> {
  const { attachment } = await loadAttachment(db, ctx, id, attachmentId, 'outreach.attachment_delete', true);
  await db.transaction(async (tx) => {
    await outreachRepository.softDeleteAttachment(tx, attachmentId);
    await recordAudit(tx, ctx, { action: 'outreach.attachment_delete', objectType: 'outreach', objectId: id, details: { attachmentId, sha256: attachment.sha256 } });
  });
  return getActivity(db, ctx, id);
}
