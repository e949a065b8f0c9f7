/**
 * Outreach routes (G5.4, G4.1.5): list (also the calendar's source), one activity, record, change,
 * delete (a POST action, like the other workflow steps); attachments uploaded as multipart into
 * the vault and downloaded as attachments; the people an activity may name. Thin: schema, guard,
 * one service call, presenter.
 */
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../core/errors.ts';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { IdParams } from '../units/units.contract.ts';
import {
  ActivityListQuery,
  ActivityListSchema,
  ActivitySchema,
  AttachmentParams,
  CreateActivityBody,
  PeopleQuery,
  PeopleSchema,
  UpdateActivityBody,
} from './outreach.contract.ts';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_FILES,
  createActivity,
  deleteActivity,
  deleteAttachment,
  getActivity,
  listActivities,
  pickablePeople,
  prepareAttachmentUpload,
  readAttachment,
  recordAttachments,
  stageAttachment,
  updateActivity,
  type ActivityView,
  type StagedAttachment,
} from './outreach.service.ts';

/** Exactly what leaves the server about an activity (who deleted what, and vault keys of deleted files, stay inside). */
export function presentActivity(view: ActivityView) {
  const a = view.activity;
  return {
    id: a.id,
    unit: { id: view.unit.id, code: view.unit.code, nameZh: view.unit.nameZh, nameEn: view.unit.nameEn },
    kind: a.kind,
    title: a.title,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt?.toISOString() ?? null,
    audienceCount: a.audienceCount,
    officers: view.officers.map((o) => ({ id: o.id, displayName: o.displayName, unitCode: o.unitCode })),
    notes: a.notes,
    details: a.details,
    attachments: view.attachments.map((f) => ({ id: f.id, fileName: f.fileName, mediaType: f.mediaType, sizeBytes: f.sizeBytes, sha256: f.sha256, uploadedAt: f.uploadedAt.toISOString() })),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    can: { edit: view.canEdit },
  };
}

export default async function outreachRoutes(app: AppInstance): Promise<void> {
  const { database, vault } = app.deps;
  const db = database.db;
  const tags = ['outreach'];
  // Multipart for the attachments only, inside this plugin.
  await app.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: ATTACHMENT_MAX_FILES, fields: 5, fieldSize: 1024, parts: 20 } });

  app.get('/api/outreach', { schema: { tags, querystring: ActivityListQuery, response: { 200: ActivityListSchema } } }, async (request) => {
    const q = request.query;
    const { items, canCreate } = await listActivities(db, requireActiveUser(request), {
      unitId: q.unitId,
      kind: q.kind,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      limit: q.limit,
    });
    return { items: items.map(presentActivity), can: { create: canCreate } };
  });

  app.get('/api/outreach/people', { schema: { tags, querystring: PeopleQuery, response: { 200: PeopleSchema } } }, async (request) => ({
    items: await pickablePeople(db, requireActiveUser(request), request.query),
  }));

  app.get('/api/outreach/:id', { schema: { tags, params: IdParams, response: { 200: ActivitySchema } } }, async (request) =>
    presentActivity(await getActivity(db, requireActiveUser(request), request.params.id)),
  );

  app.post('/api/outreach', { schema: { tags, body: CreateActivityBody, response: { 201: ActivitySchema } } }, async (request, reply) =>
    reply.status(201).send(presentActivity(await createActivity(db, requireActiveUser(request), request.body))),
  );

  app.patch('/api/outreach/:id', { schema: { tags, params: IdParams, body: UpdateActivityBody, response: { 200: ActivitySchema } } }, async (request) =>
    presentActivity(await updateActivity(db, requireActiveUser(request), request.params.id, request.body)),
  );

  app.post('/api/outreach/:id/delete', { schema: { tags, params: IdParams, response: { 200: Type.Object({ deleted: Type.Boolean() }) } } }, async (request) => {
    await deleteActivity(db, requireActiveUser(request), request.params.id);
    return { deleted: true };
  });

  app.post('/api/outreach/:id/attachments', { schema: { tags, params: IdParams, consumes: ['multipart/form-data'], response: { 200: ActivitySchema } } }, async (request) => {
    const ctx = requireActiveUser(request);
    if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '請以 multipart/form-data 上傳 (upload as multipart/form-data)');
    await prepareAttachmentUpload(db, ctx, request.params.id);
    const staged: StagedAttachment[] = [];
    for await (const part of request.parts()) {
      if (part.type === 'file') staged.push(await stageAttachment(vault, { filename: part.filename, stream: part.file }));
    }
    return presentActivity(await recordAttachments(db, ctx, request.params.id, staged));
  });

  app.get('/api/outreach/:id/attachments/:attachmentId/content', { schema: { tags, params: AttachmentParams } }, async (request, reply) => {
    const { attachment, content } = await readAttachment(db, vault, requireActiveUser(request), request.params.id, request.params.attachmentId);
    const asciiName = attachment.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
    // Uploaded files never render in the application's origin: attachment, no sniffing, sandboxed.
    return reply
      .header('Content-Type', attachment.mediaType)
      .header('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "sandbox; default-src 'none'")
      .header('Cache-Control', 'private, no-store')
      .send(content);
  });

  app.post('/api/outreach/:id/attachments/:attachmentId/delete', { schema: { tags, params: AttachmentParams, response: { 200: ActivitySchema } } }, async (request) =>
    presentActivity(await deleteAttachment(db, requireActiveUser(request), request.params.id, request.params.attachmentId)),
  );
}
