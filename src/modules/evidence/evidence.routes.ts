/**
 * Evidence routes: multipart upload (streamed into the vault), list, detail, content (blurred
 * preview, audited reveal or download) and the auditor's full verification.
 */
import multipart from '@fastify/multipart';
import { publicKeyBase64 } from '../../capture/index.ts';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { AppError } from '../../core/errors.ts';
import { IdParams } from '../units/units.contract.ts';
import {
  ContentParams,
  ContentQuery,
  EvidenceDetailSchema,
  EvidenceListQuery,
  EvidenceListSchema,
  EvidenceVerificationSchema,
  ExportBody,
} from './evidence.contract.ts';
import { presentEvidence, presentEvidenceFile } from './evidence.presenter.ts';
import { exportEvidencePackage } from './evidence-export.ts';
import { IMAGE_TYPES } from './media-type.ts';
import {
  getEvidence,
  listEvidence,
  readEvidenceContent,
  recordUploads,
  stageUpload,
  verifyEvidenceAsAuditor,
  type StagedUpload,
  type UploadFields,
} from './evidence.service.ts';

export const UPLOAD_MAX_FILE_BYTES = 512 * 1024 * 1024;
export const UPLOAD_MAX_FILES = 20;
export const UPLOAD_MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024;

function fieldText(value: unknown, max: number): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (value.length > max) throw new AppError('VALIDATION_FAILED', `欄位過長 (field longer than ${max} characters)`);
  return value.trim();
}

export default async function evidenceRoutes(app: AppInstance): Promise<void> {
  const { database, vault } = app.deps;
  const db = database.db;
  const tags = ['evidence'];
  // Multipart only here: the rest of the API stays JSON-only.
  await app.register(multipart, {
    limits: { fileSize: UPLOAD_MAX_FILE_BYTES, files: UPLOAD_MAX_FILES, fields: 20, fieldSize: 4096, parts: 60 },
  });

  app.post('/api/evidence/uploads', { schema: { tags, consumes: ['multipart/form-data'], response: { 200: EvidenceListSchema } } }, async (request) => {
    const ctx = requireActiveUser(request);
    if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '請以 multipart/form-data 上傳 (upload as multipart/form-data)');
    const staged: StagedUpload[] = [];
    const raw: Record<string, unknown> = {};
    let total = 0;
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        raw[part.fieldname] = part.value;
        continue;
      }
      const upload = await stageUpload(vault, ctx, { filename: part.filename, stream: part.file }, UPLOAD_MAX_FILE_BYTES);
      if (part.file.truncated) throw new AppError('UPLOAD_TOO_LARGE', `檔案超過上限 (file exceeds ${UPLOAD_MAX_FILE_BYTES} bytes)`);
      total += upload.ingest.size;
      if (total > UPLOAD_MAX_TOTAL_BYTES) throw new AppError('UPLOAD_TOO_LARGE', `上傳總量超過上限 (total exceeds ${UPLOAD_MAX_TOTAL_BYTES} bytes)`);
      staged.push(upload);
    }
    const seenAtText = fieldText(raw.seenAt, 40);
    const seenAt = seenAtText ? new Date(seenAtText) : null;
    if (seenAt && Number.isNaN(seenAt.getTime())) throw new AppError('VALIDATION_FAILED', 'seenAt 不是有效時間 (seenAt is not a valid date-time)');
    const sourceUrl = fieldText(raw.sourceUrl, 2048);
    if (sourceUrl && !/^https?:\/\//i.test(sourceUrl)) throw new AppError('VALIDATION_FAILED', 'sourceUrl 必須是 http(s) 網址 (sourceUrl must be an http(s) URL)');
    const fields: UploadFields = {
      ephemeral: raw.ephemeral === 'true' || raw.ephemeral === 'on',
      notes: fieldText(raw.notes, 2000),
      sourceUrl,
      platform: fieldText(raw.platform, 100),
      seenAt,
      supersedesId: fieldText(raw.supersedesId, 36),
      caseId: fieldText(raw.caseId, 36),
      findingId: fieldText(raw.findingId, 36),
    };
    for (const field of ['caseId', 'findingId'] as const) {
      const value = fields[field];
      if (value && !/^[0-9a-f-]{36}$/i.test(value)) throw new AppError('VALIDATION_FAILED', `${field} 格式錯誤 (${field} must be an id)`, { field });
    }
    if (fields.supersedesId && !/^[0-9a-f-]{36}$/i.test(fields.supersedesId)) throw new AppError('VALIDATION_FAILED', 'supersedesId 必須是證據編號 (supersedesId must be an evidence id)');
    const items = await recordUploads(db, ctx, staged, fields);
    // Issue #8: each new image is hashed and matched by a job (the sweep heals a lost queueing).
    await app.deps.imageMatching?.enqueue(items.filter(({ item }) => IMAGE_TYPES.has(item.mediaType)).map(({ item }) => item.id));
    return { items: items.map(presentEvidence) };
  });

  app.get('/api/evidence', { schema: { tags, querystring: EvidenceListQuery, response: { 200: EvidenceListSchema } } }, async (request) => {
    const rows = await listEvidence(db, requireActiveUser(request), {
      limit: request.query.limit ?? 50,
      before: request.query.before ? new Date(request.query.before) : undefined,
      caseId: request.query.caseId,
    });
    return { items: rows.map(presentEvidence) };
  });

  app.get('/api/evidence/:id', { schema: { tags, params: IdParams, response: { 200: EvidenceDetailSchema } } }, async (request) => {
    const { found, files } = await getEvidence(db, requireActiveUser(request), request.params.id);
    return { item: presentEvidence(found), files: files.map(presentEvidenceFile) };
  });

  app.get('/api/evidence/:id/files/:name/content', { schema: { tags, params: ContentParams, querystring: ContentQuery } }, async (request, reply) => {
    const mode = request.query.mode ?? 'preview';
    const content = await readEvidenceContent(db, vault, requireActiveUser(request), {
      id: request.params.id,
      fileName: request.params.name,
      mode,
      reason: request.query.reason ?? null,
    });
    // Evidence never renders in the application's origin as a document: images and files only,
    // downloads as attachments, and a sandbox CSP in case a browser tries.
    void reply
      .header('Content-Type', content.mediaType)
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('X-Content-Type-Options', 'nosniff')
      .header(
        'Content-Disposition',
        // Archived pages are hostile: HTML is only ever a download, never rendered (DESIGN.md evidence rules).
        `${mode === 'download' || content.mediaType === 'text/html' ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(content.fileName)}`,
      );
    return reply.send(content.bytes);
  });

  app.post(
    '/api/evidence/exports',
    { schema: { tags, body: ExportBody, produces: ['application/zip'] } },
    async (request, reply) => {
      const { stream, fileName, manifestSha256 } = await exportEvidencePackage(db, vault, app.deps.printer, app.deps.signingKey, requireActiveUser(request), request.body);
      void reply
        .header('Content-Type', 'application/zip')
        .header('Content-Disposition', `attachment; filename="${fileName}"`)
        .header('X-Manifest-SHA256', manifestSha256);
      return reply.send(stream);
    },
  );

  app.post('/api/evidence/verify', { schema: { tags, response: { 200: EvidenceVerificationSchema } } }, async (request) =>
    verifyEvidenceAsAuditor(db, vault, requireActiveUser(request), [publicKeyBase64(app.deps.signingKey)]),
  );
}
