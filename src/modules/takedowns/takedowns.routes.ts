/**
 * Takedown routes (issue #6; G5.2, G6.2): the scoped list, one target with its clock, every step
 * of its workflow, removal checks, the data requests of the 180-day window and the speed figures.
 * Thin: each route validates by schema, calls one service, and answers with the target's page.
 */
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../core/request-context.ts';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { IdParams } from '../units/units.contract.ts';
import { listRemovalChecks, requestRemovalCheck } from './removal-check.service.ts';
import { exportTakedownSpeed, getTargetDetail, listTargets, shareWithin24h, takedownSpeed, type TargetDetail } from './takedown-queries.service.ts';
import type { SpeedFigures } from './takedown-queries.repository.ts';
import { answerDataRequest } from './takedown-retention.service.ts';
import {
  DataAnswerBody,
  DataRequestBody,
  OpenTargetBody,
  OrderBody,
  RemovalBody,
  ReportBody,
  RpzAppliedBody,
  RpzBody,
  SpeedExportQuery,
  SpeedQuerySchema,
  SpeedReportSchema,
  TargetDetailSchema,
  TargetListQuery,
  TargetSchema,
  WithdrawBody,
} from './takedowns.contract.ts';
import { openTarget, recordDataRequest, recordOrder, recordRemoval, recordRpzApplied, refreshSeal, reportTarget, requestRpz, withdrawTarget } from './takedowns.service.ts';
import type { TakedownState } from './takedowns.tables.ts';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

type ListRow = Awaited<ReturnType<typeof listTargets>>[number];

/** Exactly what leaves the server for one target. */
export function presentTarget(row: ListRow) {
  const t = row.target;
  return {
    id: t.id,
    caseId: t.caseId,
    caseNumber: row.caseNumber,
    owningUnit: row.unit,
    platform: row.platform?.id ? row.platform : null,
    findingId: t.findingId,
    url: t.url,
    state: t.state,
    sealedEvidenceId: t.sealedEvidenceId,
    reportedAt: iso(t.reportedAt),
    reportChannel: t.reportChannel,
    reportReference: t.reportReference,
    orderDocumentNumber: t.orderDocumentNumber,
    orderIssuedAt: iso(t.orderIssuedAt),
    dueAt: iso(t.dueAt),
    retentionEndsAt: iso(t.retentionEndsAt),
    removedAt: iso(t.removedAt),
    removalEvidenceId: t.removalEvidenceId,
    rpzDomain: t.rpzDomain,
    rpzRequestedAt: iso(t.rpzRequestedAt),
    rpzAppliedAt: iso(t.rpzAppliedAt),
    withdrawnReason: t.withdrawnReason,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

function presentFigures(f: SpeedFigures) {
  return { ...f, removedWithin24hShare: shareWithin24h(f) };
}

export default async function takedownsRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const deps = () => ({ db, config: app.deps.config, queue: app.deps.queue, checkJob: app.deps.takedownCheck?.job ?? null });
  const tags = ['takedowns'];
  const detailResponse = { 200: TargetDetailSchema };

  async function detailOf(ctx: ServiceContext, id: string) {
    const detail: TargetDetail = await getTargetDetail(db, ctx, id);
    const checks = await listRemovalChecks(db, ctx, id);
    return {
      ...presentTarget(detail),
      findingSeenAt: iso(detail.findingSeenAt),
      reportContact: detail.contact?.id ? detail.contact : null,
      rpzContact: detail.rpzContact?.id ? detail.rpzContact : null,
      retentionReminder150At: iso(detail.target.retentionReminder150At),
      retentionReminder170At: iso(detail.target.retentionReminder170At),
      dataRequests: detail.dataRequests.map((r) => ({ id: r.id, recipient: r.recipient, sentAt: r.sentAt.toISOString(), answeredAt: iso(r.answeredAt), result: r.result })),
      checks: checks.map((c) => ({
        id: c.id,
        trigger: c.trigger,
        status: c.status,
        outcome: c.outcome,
        reason: c.reason,
        detail: c.detail,
        evidenceId: c.evidenceId,
        checkedAt: iso(c.checkedAt),
        createdAt: c.createdAt.toISOString(),
      })),
      serverNow: new Date().toISOString(),
      can: { update: detail.canUpdate },
    };
  }

  /** Runs one step and answers with the target's page. */
  async function stepThen(request: { params: { id: string } } & Parameters<typeof requireActiveUser>[0], step: (ctx: ServiceContext) => Promise<unknown>) {
    const ctx = requireActiveUser(request);
    await step(ctx);
    return detailOf(ctx, request.params.id);
  }

  app.get('/api/takedowns', { schema: { tags, querystring: TargetListQuery, response: { 200: Type.Object({ items: Type.Array(TargetSchema) }) } } }, async (request) => {
    const { state, platformId, caseId, limit } = request.query;
    const states = state ? (state.split(',') as TakedownState[]) : undefined;
    return { items: (await listTargets(db, requireActiveUser(request), { states, platformId, caseId, limit })).map(presentTarget) };
  });

  app.get('/api/takedowns/speed', { schema: { tags, querystring: SpeedQuerySchema, response: { 200: SpeedReportSchema } } }, async (request) => {
    const report = await takedownSpeed(db, requireActiveUser(request), request.query);
    return { from: report.from.toISOString(), to: report.to.toISOString(), groupBy: report.groupBy, groups: report.groups.map(presentFigures), overall: presentFigures(report.overall) };
  });

  app.get('/api/takedowns/speed/export', { schema: { tags, querystring: SpeedExportQuery } }, async (request, reply) => {
    const file = await exportTakedownSpeed(db, requireActiveUser(request), request.query);
    const asciiName = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return reply
      .header('Content-Type', file.contentType)
      .header('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('X-Row-Count', String(file.rowCount))
      .send(file.body);
  });

  app.get('/api/takedowns/:id', { schema: { tags, params: IdParams, response: detailResponse } }, async (request) => detailOf(requireActiveUser(request), request.params.id));

  app.post('/api/cases/:id/takedowns', { schema: { tags, params: IdParams, body: OpenTargetBody, response: { 201: TargetDetailSchema } } }, async (request, reply) => {
    const ctx = requireActiveUser(request);
    const target = await openTarget(db, ctx, request.params.id, request.body.findingId);
    return reply.status(201).send(await detailOf(ctx, target.id));
  });

  app.post('/api/takedowns/:id/refresh-seal', { schema: { tags, params: IdParams, response: detailResponse } }, async (request) =>
    stepThen(request, (ctx) => refreshSeal(db, ctx, request.params.id)),
  );
  app.post('/api/takedowns/:id/report', { schema: { tags, params: IdParams, body: ReportBody, response: detailResponse } }, async (request) =>
    stepThen(request, (ctx) => {
      const { sentAt, ...rest } = request.body;
      return reportTarget(deps(), ctx, request.params.id, { ...rest, sentAt: sentAt ? new Date(sentAt) : undefined });
    }),
  );
  app.post('/api/takedowns/:id/order', { schema: { tags, params: IdParams, body: OrderBody, response: detailResponse } }, async (request) =>
    stepThen(request, (ctx) => recordOrder(db, ctx, request.params.id, { documentNumber: request.body.documentNumber, issuedAt: new Date(request.body.issuedAt) })),
  );
  app.post('/api/takedowns/:id/removal', { schema: { tags, params: IdParams, body: RemovalBody, response: detailResponse } }, async (request) =>
    stepThen(request, (ctx) => recordRemoval(db, ctx, request.params.id, { removedAt: new Date(request.body.removedAt), evidenceId: request.body.evidenceId ?? null })),
  );
  app.post('/api/takedowns/:id/rpz', { schema: { tags, params: IdParams, body: RpzBody, response: detailResponse } }, async (request) =>
    stepThen(request, (ctx) => requestRpz(deps(), ctx, request.params.id, { domain: request.body.domain ?? null, contactId: request.body.contactId ?? null, requestedAt: new Date(request.body.requestedAt) })),
  );
  app.post('/api/takedowns/:id/rpz-applied', { schema: { tags, params: IdParams, body: RpzAppliedBody, response: detailResponse } }, async (request) =>
    stepThen(request, (ctx) => recordRpzApplied(db, ctx, request.params.id, { appliedAt: new Date(request.body.appliedAt) })),
  );
  app.post('/api/takedowns/:id/withdraw', { schema: { tags, params: IdParams, body: WithdrawBody, response: detailResponse } }, async (request) =>
    stepThen(request, (ctx) => withdrawTarget(db, ctx, request.params.id, { reason: request.body.reason })),
  );
  app.post('/api/takedowns/:id/checks', { schema: { tags, params: IdParams, response: { 202: TargetDetailSchema } } }, async (request, reply) => {
    const ctx = requireActiveUser(request);
    await requestRemovalCheck(deps(), ctx, request.params.id);
    return reply.status(202).send(await detailOf(ctx, request.params.id));
  });
  app.post('/api/takedowns/:id/data-requests', { schema: { tags, params: IdParams, body: DataRequestBody, response: detailResponse } }, async (request) =>
    stepThen(request, (ctx) => recordDataRequest(db, ctx, request.params.id, { recipient: request.body.recipient, sentAt: new Date(request.body.sentAt) })),
  );
  app.post(
    '/api/takedowns/:id/data-requests/:requestId/answer',
    { schema: { tags, params: Type.Object({ id: Type.String({ format: 'uuid' }), requestId: Type.String({ format: 'uuid' }) }), body: DataAnswerBody, response: detailResponse } },
    async (request) => stepThen(request, (ctx) => answerDataRequest(db, ctx, request.params.id, request.params.requestId, { answeredAt: new Date(request.body.answeredAt), result: request.body.result })),
  );
}
