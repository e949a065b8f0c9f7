/** Findings routes (G5.1, G6.1): record, look up a URL, list, correct, capture, promote, attach, source counts. */
import { Type } from '@sinclair/typebox';
import { AppError } from '../../core/errors.ts';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { CaptureSchema } from '../captures/captures.contract.ts';
import { presentCapture } from '../captures/captures.routes.ts';
import { requestCapture } from '../captures/captures.service.ts';
import { IdParams } from '../units/units.contract.ts';
import {
  FindingDetailSchema,
  FindingListQuery,
  FindingSchema,
  RecordFindingBody,
  RecordFindingResultSchema,
  SourceCountsQuery,
  SourceCountsSchema,
  UpdateFindingBody,
  UrlLookupSchema,
} from './findings.contract.ts';
import { decodeCursor, encodeCursor, presentFinding, presentKnown } from './findings.presenter.ts';
import { attachFinding, findingForCapture, getFinding, listFindings, lookupUrl, promoteFinding, recordFinding, sourceCounts, updateFinding } from './findings.service.ts';

const toDate = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));

export default async function findingsRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['findings'];

  app.get(
    '/api/findings/lookup',
    { schema: { tags, querystring: Type.Object({ url: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false }), response: { 200: UrlLookupSchema } } },
    async (request) => {
      const result = await lookupUrl(db, requireActiveUser(request), request.query.url);
      const platform = result.platform ? { id: result.platform.id, code: result.platform.code, nameZh: result.platform.nameZh, nameEn: result.platform.nameEn } : null;
      return { canonicalUrl: result.canonicalUrl, host: result.host, platform, known: presentKnown(result.known) };
    },
  );

  app.post('/api/findings', { schema: { tags, body: RecordFindingBody, response: { 200: RecordFindingResultSchema, 201: RecordFindingResultSchema } } }, async (request, reply) => {
    const body = request.body;
    const result = await recordFinding(db, requireActiveUser(request), {
      ...body,
      postedAt: toDate(body.postedAt),
      seenAt: toDate(body.seenAt),
    });
    return reply
      .status(result.outcome === 'created' ? 201 : 200)
      .send({ outcome: result.outcome, finding: presentFinding(result.found), known: presentKnown(result.known) });
  });

  app.get('/api/findings', { schema: { tags, querystring: FindingListQuery, response: { 200: Type.Object({ items: Type.Array(FindingSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }) } } }, async (request) => {
    const { q, cursor, limit = 50, from, to, ...rest } = request.query;
    const after = decodeCursor(cursor);
    if (after === null) throw new AppError('VALIDATION_FAILED', '分頁游標格式錯誤 (malformed cursor)');
    const rows = await listFindings(db, requireActiveUser(request), { ...rest, search: q, from: toDate(from) ?? undefined, to: toDate(to) ?? undefined, after, limit });
    return { items: rows.map(presentFinding), nextCursor: rows.length === limit ? encodeCursor(rows[rows.length - 1]!) : null };
  });

  app.get('/api/findings/sources', { schema: { tags, querystring: SourceCountsQuery, response: { 200: SourceCountsSchema } } }, async (request) => {
    const rows = await sourceCounts(db, requireActiveUser(request), {
      from: new Date(request.query.from),
      to: new Date(request.query.to),
      groupBy: request.query.groupBy,
      limit: request.query.limit ?? 50,
    });
    return { items: rows.map((row) => ({ ...row, lastSeenAt: row.lastSeenAt?.toISOString() ?? null })) };
  });

  app.get('/api/findings/:id', { schema: { tags, params: IdParams, response: { 200: FindingDetailSchema } } }, async (request) => {
    const detail = await getFinding(db, requireActiveUser(request), request.params.id);
    return {
      finding: presentFinding(detail.found),
      known: presentKnown(detail.known),
      sightings: detail.sightings.map((s) => ({ id: s.id, seenAt: s.seenAt.toISOString(), patrolSessionId: s.patrolSessionId, seenBy: s.seenByUsername })),
      evidence: detail.evidence.map((e) => ({ ...e, capturedAt: e.capturedAt.toISOString() })),
    };
  });

  app.patch('/api/findings/:id', { schema: { tags, params: IdParams, body: UpdateFindingBody, response: { 200: FindingSchema } } }, async (request) => {
    const body = request.body;
    const updated = await updateFinding(db, requireActiveUser(request), request.params.id, { ...body, postedAt: toDate(body.postedAt) });
    return presentFinding(updated);
  });

  app.post('/api/findings/:id/capture', { schema: { tags, params: IdParams, response: { 202: CaptureSchema } } }, async (request, reply) => {
    const ctx = requireActiveUser(request);
    const found = await findingForCapture(db, ctx, request.params.id);
    const capture = app.deps.capture ?? null;
    const created = await requestCapture(
      db,
      app.deps.queue,
      capture?.job ?? null,
      ctx,
      { url: found.finding.url, platform: found.platform.code, ephemeral: found.finding.ephemeral, notes: found.finding.notes },
      { findingId: found.finding.id, caseId: found.case?.id ?? null },
    );
    return reply.status(202).send(presentCapture(created));
  });

  app.post(
    '/api/findings/:id/promote',
    {
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({ title: Type.String({ minLength: 1, maxLength: 200 }), summary: Type.Optional(Type.String({ maxLength: 5000 })) }, { additionalProperties: false }),
        response: { 200: FindingSchema },
      },
    },
    async (request) => presentFinding(await promoteFinding(db, requireActiveUser(request), request.params.id, request.body)),
  );

  app.post(
    '/api/findings/:id/attach',
    {
      schema: { tags, params: IdParams, body: Type.Object({ caseId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }), response: { 200: FindingSchema } },
    },
    async (request) => presentFinding(await attachFinding(db, requireActiveUser(request), request.params.id, request.body.caseId)),
  );
}
