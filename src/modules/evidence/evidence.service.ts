/**
 * Evidence items (G6.1, G6.3.6): officers seal what they saw; every view, download and
 * verification is a custody event in the audit trail; access follows need-to-know.
 */
import sharp from 'sharp';
import { canAccessCase, canAccessEvidence, canPerform, canSeeCaseContent, canSeeVictimIdentity, caseScopeFor, type CaseAccessFacts } from '../../core/access/policy.ts';
import { casesRepository, type CaseWithUnit } from '../cases/cases.repository.ts';
import { findingsRepository } from '../findings/findings.repository.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import type { IngestResult, Vault } from '../../core/vault/vault.ts';
import { VaultSizeLimitError } from '../../core/vault/vault.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { unitsRepository } from '../units/units.repository.ts';
import { evidenceRepository, type EvidenceWithUnit } from './evidence.repository.ts';
import type { EvidenceFileRow } from './evidence.tables.ts';
import { IMAGE_TYPES, safeOriginalFilename, sniffMediaType } from './media-type.ts';
import { MANIFEST_FILE, manifestSignatureValid, type CaptureManifest } from '../../capture/index.ts';
import { pdqHashFile } from '../../pdq/index.ts';
import { inspectUploadHead, UPLOAD_HEAD_BYTES, type UploadFacts } from './upload-inspection.ts';
import { victimsRepository } from '../victims/victims.repository.ts';

/** One file received and sealed in the vault, not yet recorded as an item. */
export type StagedUpload = {
  ingest: IngestResult;
  facts: UploadFacts;
  originalFilename: string | null;
  /** PDQ perceptual hash of an image (issue #8: known-image matching), null when not an image or not decodable. */
  pdq: { hash: string; quality: number } | null;
};

export type UploadFields = {
  ephemeral: boolean;
  notes: string | null;
  sourceUrl: string | null;
  platform: string | null;
  /** When the officer saw the content; defaults to the EXIF time, else now. */
  seenAt: Date | null;
  /** An item this upload corrects: evidence is never changed, a correction is a new item naming the old. */
  supersedesId?: string | null;
  /** The case or finding the upload is filed to (the actor must be able to update it). */
  caseId?: string | null;
  findingId?: string | null;
};

/** The actor, when their role handles evidence (not administrators, not auditors). */
export function requireEvidenceRole(ctx: ServiceContext): NonNullable<ServiceContext['actor']> {
  if (!ctx.actor || !canSeeCaseContent(ctx.actor)) {
    throw new AppError('FORBIDDEN', '此角色不處理證據 (this role does not handle evidence)');
  }
  return ctx.actor;
}

/**
 * Streams one uploaded file into the vault after checking its head (type, pixel flood); the
 * content is hashed as it arrives. Refused files leave nothing behind.
 */
export async function stageUpload(
  vault: Vault,
  ctx: ServiceContext,
  file: { filename: string | undefined; stream: AsyncIterable<Buffer> },
  maxBytes: number,
): Promise<StagedUpload> {
  requireEvidenceRole(ctx);
  const originalFilename = safeOriginalFilename(file.filename);
  let facts: UploadFacts | null = null;
  try {
    const ingest = await vault.ingest(file.stream, {
      maxBytes,
      headBytes: UPLOAD_HEAD_BYTES,
      onHead: async (head) => {
        facts = await inspectUploadHead(head, originalFilename);
      },
      // Partners' hash lists often carry MD5 for images (issue #8); other files skip its cost.
      wantMd5: (firstChunk) => IMAGE_TYPES.has(sniffMediaType(firstChunk)),
    });
    if (!facts) throw new AppError('UPLOAD_REFUSED', `空白檔案 (empty file): ${originalFilename ?? 'upload'}`);
    const inspected = facts as UploadFacts;
    return { ingest, facts: inspected, originalFilename, pdq: await perceptualHash(vault, ingest.sha256, inspected.mediaType) };
  } catch (error) {
    if (error instanceof VaultSizeLimitError) {
      throw new AppError('UPLOAD_TOO_LARGE', `檔案超過上限 ${error.limit} 位元組 (file exceeds the limit): ${originalFilename ?? 'upload'}`);
    }
    throw error;
  }
}

/**
 * The PDQ hash of a sealed image, read back from the vault (so it is the hash of exactly what was
 * sealed). An image the decoder cannot read keeps its evidence value; it just has no PDQ hash.
 */
async function perceptualHash(vault: Vault, sha256: string, mediaType: string): Promise<StagedUpload['pdq']> {
  if (!IMAGE_TYPES.has(mediaType) || mediaType === 'image/heic') return null;
  try {
    const { hash, quality } = await pdqHashFile(await vault.readAll(sha256));
    return { hash, quality };
  } catch {
    return null;
  }
}

/** Records staged uploads as evidence items, all or none, each with its audit row. */
export async function recordUploads(db: Database, ctx: ServiceContext, staged: StagedUpload[], fields: UploadFields): Promise<EvidenceWithUnit[]> {
  const actor = requireEvidenceRole(ctx);
  if (staged.length === 0) throw new AppError('VALIDATION_FAILED', '請選擇至少一個檔案 (choose at least one file)');
  // The corrected item must be one the actor may see (404 and a denied audit row otherwise).
  if (fields.supersedesId) await loadAccessible(db, ctx, fields.supersedesId, 'evidence.correct');
  const { caseId, findingId } = await resolveFiling(db, ctx, fields);
  return db.transaction(async (tx) => {
    const unit = await unitsRepository.findById(tx, actor.unitId);
    if (!unit) throw new AppError('VALIDATION_FAILED', '使用者單位不存在 (the user\'s unit is missing)');
    const items: EvidenceWithUnit[] = [];
    for (const upload of staged) {
      const exifTaken = upload.facts.exif?.takenAt ? new Date(upload.facts.exif.takenAt) : null;
      const item = await evidenceRepository.insert(
        tx,
        {
          kind: 'upload',
          owningUnitId: actor.unitId,
          caseId,
          findingId,
          sourceUrl: fields.sourceUrl,
          platform: fields.platform,
          capturedBy: actor.userId,
          capturedAt: fields.seenAt ?? exifTaken ?? new Date(),
          ephemeral: fields.ephemeral,
          sha256: upload.ingest.sha256,
          md5: upload.ingest.md5,
          sizeBytes: upload.ingest.size,
          mediaType: upload.facts.mediaType,
          originalFilename: upload.originalFilename,
          notes: fields.notes,
          metadata: {
            ...(upload.facts.width && { width: upload.facts.width, height: upload.facts.height }),
            ...(upload.facts.exif && { exif: upload.facts.exif }),
            ...(upload.pdq && { pdq: upload.pdq }),
          },
          supersedesId: fields.supersedesId ?? null,
        },
        [
          {
            name: upload.originalFilename ?? 'upload',
            sha256: upload.ingest.sha256,
            sizeBytes: upload.ingest.size,
            mediaType: upload.facts.mediaType,
            position: 0,
          },
        ],
      );
      await recordAudit(tx, ctx, {
        action: 'evidence.upload',
        objectType: 'evidence',
        objectId: item.id,
        details: { sha256: item.sha256, sizeBytes: item.sizeBytes, mediaType: item.mediaType, ephemeral: item.ephemeral, caseId: caseId ?? undefined, findingId: findingId ?? undefined },
      });
      items.push({ item, unit });
    }
    return items;
  });
}

/**
 * Where an upload is filed: a case the actor may update (and that takes writes), or a finding the
 * actor may update (its case, if any, comes along). Anything else is 404, audited.
 */
async function resolveFiling(db: Database, ctx: ServiceContext, fields: UploadFields): Promise<{ caseId: string | null; findingId: string | null }> {
  let caseId = fields.caseId ?? null;
  const findingId = fields.findingId ?? null;
  if (findingId) {
    const finding = await findingsRepository.findById(db, findingId);
    const facts = finding?.case && finding.caseUnit ? caseFactsOf({ case: finding.case, unit: finding.caseUnit, assigneeIds: [] }) : finding ? { owningUnitPath: finding.unit.path, cibAssistance: 'none' as const, assigneeUserIds: [] } : null;
    if (!finding || !facts || !canAccessCase(ctx.actor, facts, 'update')) {
      await recordAuditNow(db, ctx, { action: 'evidence.upload', objectType: 'finding', objectId: findingId, outcome: 'denied' });
      throw notFound('finding');
    }
    if (caseId && finding.case && finding.case.id !== caseId) throw new AppError('VALIDATION_FAILED', '發現所屬案件與指定案件不同 (the finding belongs to another case)', { field: 'caseId' });
    caseId = finding.case?.id ?? caseId;
  }
  if (caseId) {
    const found = await casesRepository.findById(db, caseId);
    if (!found || !canAccessCase(ctx.actor, caseFactsOf(found), 'update')) {
      await recordAuditNow(db, ctx, { action: 'evidence.upload', objectType: 'case', objectId: caseId, outcome: 'denied' });
      throw notFound('case');
    }
    if (found.case.status === 'transferred' || found.case.status === 'closed') throw new AppError('CASE_READ_ONLY', `案件 ${found.case.number} 已${found.case.status === 'closed' ? '結案' : '移送'}，不可再新增證據 (the case takes no new evidence)`);
  }
  return { caseId, findingId };
}

function caseFactsOf(found: Pick<CaseWithUnit, 'case' | 'unit' | 'assigneeIds'>): CaseAccessFacts {
  return { owningUnitPath: found.unit.path, cibAssistance: found.case.cibAssistance, assigneeUserIds: found.assigneeIds };
}

/**
 * May the actor see this item? Evidence follows the unit that holds it (G6.3.6) and, once filed
 * to a case (directly or through a finding), also the case: the CIB helping on a case and
 * assignees from other units see its evidence.
 */
export async function canSeeItem(db: Database, actor: ServiceContext['actor'], found: EvidenceWithUnit): Promise<boolean> {
  if (canAccessEvidence(actor, { owningUnitPath: found.unit.path, caseFacts: null })) return true;
  let caseId = found.item.caseId;
  if (!caseId && found.item.findingId) caseId = (await findingsRepository.findById(db, found.item.findingId))?.finding.caseId ?? null;
  if (!caseId) return false;
  const owningCase = await casesRepository.findById(db, caseId);
  return owningCase !== null && canAccessEvidence(actor, { owningUnitPath: found.unit.path, caseFacts: caseFactsOf(owningCase) });
}

/**
 * Of these items, the ones the actor may not see because they are a victim's signed authorisation
 * form (G5.3.1) — a document that names the victim — while the actor may not see that victim's
 * identity on its case (G6.3.6). Colleagues who may read the case see every other item.
 */
async function victimFormsHiddenFrom(db: Database, actor: ServiceContext['actor'], itemIds: readonly string[]): Promise<Set<string>> {
  const forms = await victimsRepository.authorisationFormCases(db, itemIds);
  const hidden = new Set<string>();
  for (const [itemId, caseId] of forms) {
    const owningCase = await casesRepository.findById(db, caseId);
    if (!owningCase || !canSeeVictimIdentity(actor, caseFactsOf(owningCase))) hidden.add(itemId);
  }
  return hidden;
}

/** Loads an item the actor may see, or answers 404 and audits the denied attempt. */
export async function loadAccessible(db: Database, ctx: ServiceContext, id: string, action: string): Promise<EvidenceWithUnit> {
  const found = await evidenceRepository.findById(db, id);
  if (found && (await canSeeItem(db, ctx.actor, found)) && (await victimFormsHiddenFrom(db, ctx.actor, [id])).size === 0) return found;
  await recordAuditNow(db, ctx, { action, objectType: 'evidence', objectId: id, outcome: 'denied' });
  throw notFound('evidence');
}

/** Evidence the actor may see, newest first. */
export async function listEvidence(db: Database, ctx: ServiceContext, filter: { limit: number; before?: Date; caseId?: string }): Promise<EvidenceWithUnit[]> {
  const scope = caseScopeFor(ctx.actor);
  if (scope.kind === 'none') throw new AppError('FORBIDDEN', '此角色不處理證據 (this role does not handle evidence)');
  if (filter.caseId) {
    // A case's evidence list follows the case (read access), whoever's unit holds each item.
    const found = await casesRepository.findById(db, filter.caseId);
    if (!found || !canAccessCase(ctx.actor, caseFactsOf(found), 'read')) {
      await recordAuditNow(db, ctx, { action: 'evidence.list', objectType: 'case', objectId: filter.caseId, outcome: 'denied' });
      throw notFound('case');
    }
    return withoutHiddenVictimForms(db, ctx, await evidenceRepository.list(db, { unitPathPrefix: null, caseId: filter.caseId, limit: filter.limit, before: filter.before }));
  }
  return withoutHiddenVictimForms(db, ctx, await evidenceRepository.list(db, { unitPathPrefix: scope.kind === 'all' ? null : scope.unitPath, limit: filter.limit, before: filter.before }));
}

async function withoutHiddenVictimForms(db: Database, ctx: ServiceContext, items: EvidenceWithUnit[]): Promise<EvidenceWithUnit[]> {
  const hidden = await victimFormsHiddenFrom(db, ctx.actor, items.map((i) => i.item.id));
  return hidden.size === 0 ? items : items.filter((i) => !hidden.has(i.item.id));
}

/** One item with its files; the view is a custody event. */
export async function getEvidence(db: Database, ctx: ServiceContext, id: string): Promise<{ found: EvidenceWithUnit; files: EvidenceFileRow[] }> {
  const found = await loadAccessible(db, ctx, id, 'evidence.view');
  const files = await evidenceRepository.filesOf(db, id);
  await recordAuditNow(db, ctx, { action: 'evidence.view', objectType: 'evidence', objectId: id });
  return { found, files };
}

export type ContentMode = 'preview' | 'reveal' | 'download';

/**
 * The blurred rendition shown by default (DESIGN.md evidence rules), as JPEG: a heavy blur of a
 * small rendition, enough to recognise a screenshot's layout, not its content.
 */
export function blurredPreview(content: Buffer): Promise<Buffer> {
  return sharp(content, { limitInputPixels: 100_000_000 }).resize({ width: 480, withoutEnlargement: true }).blur(18).jpeg({ quality: 60 }).toBuffer();
}

/**
 * A file's content. Images are blurred unless revealed: revealing is a deliberate act with a
 * typed reason, audited (DESIGN.md evidence rules). The content is verified against its hash
 * before a byte leaves the server.
 */
export async function readEvidenceContent(
  db: Database,
  vault: Vault,
  ctx: ServiceContext,
  input: { id: string; fileName: string; mode: ContentMode; reason: string | null },
): Promise<{ bytes: Buffer; mediaType: string; fileName: string }> {
  const { item } = await loadAccessible(db, ctx, input.id, `evidence.${input.mode}`);
  const file = (await evidenceRepository.filesOf(db, item.id)).find((f) => f.name === input.fileName);
  if (!file) throw notFound('evidence file');
  const isImage = IMAGE_TYPES.has(file.mediaType) && file.mediaType !== 'image/heic';
  if (input.mode === 'preview' && !isImage) throw new AppError('VALIDATION_FAILED', '只有影像有預覽 (only images have a preview)');
  if (input.mode !== 'preview' && (!input.reason || input.reason.trim().length < 4)) {
    throw new AppError('VALIDATION_FAILED', '請填寫檢視或下載的理由 (a reason of at least 4 characters is required)');
  }
  const content = await vault.readAll(file.sha256);
  let bytes = content;
  let mediaType = file.mediaType;
  if (input.mode === 'preview') {
    bytes = await blurredPreview(content);
    mediaType = 'image/jpeg';
  }
  await recordAuditNow(db, ctx, {
    action: `evidence.${input.mode}`,
    objectType: 'evidence',
    objectId: item.id,
    reason: input.mode === 'preview' ? null : input.reason,
    details: { file: file.name, sha256: file.sha256 },
  });
  return { bytes, mediaType, fileName: file.name };
}

export type EvidenceVerification = { ok: boolean; checked: number; failures: { itemId: string; name: string; sha256: string; problem: string }[] };

/** Re-hashes every stored file of every item (auditors and `csep evidence verify`). */
export async function verifyAllEvidence(
  db: Database,
  vault: Vault,
  options: { trustedPublicKeys?: readonly string[] } = {},
): Promise<EvidenceVerification> {
  const failures: EvidenceVerification['failures'] = [];
  let checked = 0;
  const seen = new Map<string, string | null>();
  for await (const file of evidenceRepository.allContentHashes(db)) {
    checked += 1;
    if (!seen.has(file.sha256)) {
      const check = await vault.verify(file.sha256);
      seen.set(file.sha256, check.ok ? null : check.problem);
    }
    const problem = seen.get(file.sha256);
    if (problem) failures.push({ ...file, problem });
  }
  // A web capture's manifest must carry a valid signature by a trusted key and list exactly the
  // files sealed with it (a swapped or added file breaks the seal even when each blob is intact).
  for await (const { item, files } of evidenceRepository.webCaptures(db)) {
    const manifestFile = files.find((f) => f.name === MANIFEST_FILE);
    const fail = (problem: string) => failures.push({ itemId: item.id, name: MANIFEST_FILE, sha256: manifestFile?.sha256 ?? item.sha256, problem });
    if (!manifestFile || seen.get(manifestFile.sha256)) continue; // already reported as missing or unreadable
    let manifest: CaptureManifest;
    try {
      manifest = JSON.parse((await vault.readAll(manifestFile.sha256)).toString('utf8')) as CaptureManifest;
    } catch {
      fail('manifest_unreadable');
      continue;
    }
    if (!manifestSignatureValid(manifest)) fail('manifest_signature_invalid');
    else if (options.trustedPublicKeys && !options.trustedPublicKeys.includes(manifest.public_key)) fail('manifest_key_untrusted');
    const listed = new Map(manifest.files.map((f) => [f.name, f.sha256]));
    const sealed = files.filter((f) => f.name !== MANIFEST_FILE);
    if (sealed.length !== listed.size || sealed.some((f) => listed.get(f.name) !== f.sha256)) fail('manifest_files_mismatch');
  }
  return { ok: failures.length === 0, checked, failures };
}

/** The auditor's verification request, recorded with its result. */
export async function verifyEvidenceAsAuditor(
  db: Database,
  vault: Vault,
  ctx: ServiceContext,
  trustedPublicKeys: readonly string[],
): Promise<EvidenceVerification> {
  if (!canPerform(ctx.actor, 'evidence.verify')) {
    await recordAuditNow(db, ctx, { action: 'evidence.verify', objectType: 'evidence', outcome: 'denied' });
    throw new AppError('FORBIDDEN', '僅稽核人員可執行全面驗證 (only auditors run the full verification)');
  }
  const result = await verifyAllEvidence(db, vault, { trustedPublicKeys });
  await recordAuditNow(db, ctx, {
    action: 'evidence.verify',
    objectType: 'evidence',
    outcome: result.ok ? 'success' : 'failure',
    details: { checked: result.checked, failures: result.failures.length },
  });
  return result;
}
