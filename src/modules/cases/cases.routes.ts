/**
 * Case register routes (issue #5): the list, one case with its workflow records, the timeline, and
 * every workflow step. Thin: each route validates its body by schema and calls one service.
 */
import { Type } from '@sinclair/typebox';
import { canAccessCase } from '../../core/access/policy.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { FindingSchema } from '../findings/findings.contract.ts';
import { presentFinding } from '../findings/findings.presenter.ts';
import { listFindings } from '../findings/findings.service.ts';
import { playbookStep } from '../playbook/playbook-114-07-08.ts';
import type { CaseTaskRow } from '../tasks/tasks.tables.ts';
import { IdParams } from '../units/units.contract.ts';
import { AssessmentBody, CaseDetailSchema, CaseSchema, DateTime, Literals, Nullable, TimelineSchema } from './cases.contract.ts';
import type { CaseWithUnit } from './cases.repository.ts';
import { caseAccessFacts, caseTimeline, getCaseDetail, listCases, type CaseDetail } from './cases.service.ts';
import {
  addFollowUp,
  answerCibRequest,
  assignCase,
  changeStatus,
  closeCibAssistance,
  flagSerious,
  isCaseOwner,
  recordCloudRegistration,
  recordNotice,
  recordPreservationOutcome,
  requestCibAssistance,
  requestPreservation,
  reviewAssessment,
  submitAssessment,
  transferCase,
} from './case-workflow.service.ts';
import { CASE_STATUSES, NOTICE_CHANNELS, NOTICE_KINDS, PROSECUTOR_OFFICES } from './cases.tables.ts';
import { printCaseDocument, sendCaseNotice, type NoticeDeps } from './case-notices.service.ts';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export function presentCase({ case: row, unit }: Pick<CaseWithUnit, 'case' | 'unit'>) {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    summary: row.summary,
    status: row.status,
    owningUnit: { id: unit.id, code: unit.code, nameZh: unit.nameZh, nameEn: unit.nameEn },
    platformId: row.platformId,
    art40Outcome: row.art40Outcome,
    art40ConfirmedAt: iso(row.art40ConfirmedAt),
    serious: row.serious,
    seriousReason: row.seriousReason,
    cloudRegistrationNumber: row.cloudRegistrationNumber,
    cloudRegisteredAt: iso(row.cloudRegisteredAt),
    cibAssistance: row.cibAssistance,
    closedAt: iso(row.closedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentTask(task: CaseTaskRow, now = new Date()) {
  const step = playbookStep(task.stepCode);
  return {
    id: task.id,
    stepCode: task.stepCode,
    clause: step?.clause ?? '',
    titleZh: step?.titleZh ?? task.stepCode,
    titleEn: step?.titleEn ?? task.stepCode,
    practice: step?.practice ?? false,
    assigneeRole: task.assigneeRole,
    status: task.status,
    triggeredAt: task.triggeredAt.toISOString(),
    dueAt: iso(task.dueAt),
    overdue: task.status === 'open' && task.dueAt !== null && task.dueAt < now,
    doneAt: iso(task.doneAt),
    closedByEvent: task.closedByEvent,
  };
}

function presentDetail(detail: CaseDetail, ctx: ServiceContext) {
  const facts = caseAccessFacts(detail.found);
  const can = (action: 'update' | 'assign' | 'review' | 'transfer') => canAccessCase(ctx.actor, facts, action);
  return {
    case: presentCase(detail.found),
    assignees: detail.assignees.map((a) => ({ ...a, assignedAt: a.assignedAt.toISOString() })),
    assessments: detail.assessments.map((a) => ({
      id: a.id,
      elements: a.elements,
      proposedOutcome: a.proposedOutcome,
      submittedBy: a.submittedBy,
      submittedAt: a.submittedAt.toISOString(),
      decision: a.decision,
      reviewNote: a.reviewNote,
      reviewedBy: a.reviewedBy,
      reviewedAt: iso(a.reviewedAt),
    })),
    tasks: detail.tasks.map((t) => presentTask(t)),
    cibRequests: detail.cibRequests.map((r) => ({
      id: r.id,
      reason: r.reason,
      requestedAt: r.requestedAt.toISOString(),
      decision: r.decision,
      decisionNote: r.decisionNote,
      answeredAt: iso(r.answeredAt),
      closedAt: iso(r.closedAt),
    })),
    preservations: detail.preservations.map((p) => ({
      id: p.id,
      prosecutorOffice: p.prosecutorOffice,
      requestedAt: p.requestedAt.toISOString(),
      subject: p.subject,
      outcome: p.outcome,
      outcomeAt: iso(p.outcomeAt),
      outcomeNote: p.outcomeNote,
    })),
    transfer: detail.transfer
      ? { prosecutorOffice: detail.transfer.prosecutorOffice, transferredOn: detail.transfer.transferredOn, documentNumber: detail.transfer.documentNumber, recordedAt: detail.transfer.recordedAt.toISOString() }
      : null,
    notices: detail.notices.map((n) => ({ id: n.id, kind: n.kind, recipient: n.recipient, channel: n.channel, sentAt: n.sentAt.toISOString(), reference: n.reference, documentSha256: n.documentSha256 })),
    followUps: detail.followUps.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
    victimCount: detail.victimCount,
    can: { update: can('update'), assign: can('assign'), review: can('review'), transfer: can('transfer'), revealReporters: isCaseOwner(ctx.actor, detail.found) },
  };
}

const Office = Literals(PROSECUTOR_OFFICES);
const text = (maxLength: number) => Type.String({ maxLength });
const body = <T extends Parameters<typeof Type.Object>[0]>(properties: T) => Type.Object(properties, { additionalProperties: false });

export default async function casesRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['cases'];
  const detailResponse = { 200: CaseDetailSchema };

  /** Runs a workflow step and answers with the case page's data. */
  async function stepThen(ctx: ServiceContext, id: string, step: () => Promise<unknown>) {
    await step();
    return presentDetail(await getCaseDetail(db, ctx, id), ctx);
  }

  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(CaseSchema) }) },
      },
    },
    async (request) => ({ items: (await listCases(db, requireActiveUser(request), { search: request.query.q, limit: request.query.limit ?? 50 })).map(presentCase) }),
  );

  app.get('/api/cases/:id', { schema: { tags, params: IdParams, response: { 200: Type.Intersect([CaseDetailSchema, Type.Object({ findings: Type.Array(FindingSchema) })]) } } }, async (request) => {
    const ctx = requireActiveUser(request);
    const detail = await getCaseDetail(db, ctx, request.params.id);
    const findings = await listFindings(db, ctx, { caseId: detail.found.case.id, limit: 200 });
    return { ...presentDetail(detail, ctx), findings: findings.map(presentFinding) };
  });

  app.get('/api/cases/:id/timeline', { schema: { tags, params: IdParams, response: { 200: TimelineSchema } } }, async (request) => {
    const events = await caseTimeline(db, requireActiveUser(request), request.params.id);
    return { items: events.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString(), details: e.details ?? null })) };
  });

  app.put('/api/cases/:id/assignees', { schema: { tags, params: IdParams, body: body({ userIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50 }) }), response: detailResponse } }, async (request) => {
    const ctx = requireActiveUser(request);
    return stepThen(ctx, request.params.id, () => assignCase(db, ctx, request.params.id, request.body.userIds));
  });

  app.post('/api/cases/:id/assessments', { schema: { tags, params: IdParams, body: AssessmentBody, response: detailResponse } }, async (request) => {
    const ctx = requireActiveUser(request);
    return stepThen(ctx, request.params.id, () => submitAssessment(db, ctx, request.params.id, request.body));
  });

  app.post(
    '/api/cases/:id/assessments/:assessmentId/review',
    {
      schema: {
        tags,
        params: Type.Object({ id: Type.String({ format: 'uuid' }), assessmentId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        body: body({ decision: Literals(['approved', 'returned'] as const), note: Type.Optional(Nullable(text(5000))) }),
        response: detailResponse,
      },
    },
    async (request) => {
      const ctx = requireActiveUser(request);
      return stepThen(ctx, request.params.id, () => reviewAssessment(db, ctx, request.params.id, { assessmentId: request.params.assessmentId, ...request.body }));
    },
  );

  app.post(
    '/api/cases/:id/status',
    { schema: { tags, params: IdParams, body: body({ to: Literals(CASE_STATUSES), reason: Type.Optional(Nullable(text(1000))) }), response: detailResponse } },
    async (request) => {
      const ctx = requireActiveUser(request);
      return stepThen(ctx, request.params.id, () => changeStatus(db, ctx, request.params.id, request.body));
    },
  );

  app.post('/api/cases/:id/serious', { schema: { tags, params: IdParams, body: body({ reason: text(1000) }), response: detailResponse } }, async (request) => {
    const ctx = requireActiveUser(request);
    return stepThen(ctx, request.params.id, () => flagSerious(db, ctx, request.params.id, request.body));
  });

  app.post(
    '/api/cases/:id/cloud-registration',
    { schema: { tags, params: IdParams, body: body({ number: text(100), registeredAt: DateTime }), response: detailResponse } },
    async (request) => {
      const ctx = requireActiveUser(request);
      return stepThen(ctx, request.params.id, () => recordCloudRegistration(db, ctx, request.params.id, { number: request.body.number, registeredAt: new Date(request.body.registeredAt) }));
    },
  );

  app.post('/api/cases/:id/cib-requests', { schema: { tags, params: IdParams, body: body({ reason: text(2000) }), response: detailResponse } }, async (request) => {
    const ctx = requireActiveUser(request);
    return stepThen(ctx, request.params.id, () => requestCibAssistance(db, ctx, request.params.id, request.body));
  });

  app.post(
    '/api/cases/:id/cib-requests/answer',
    { schema: { tags, params: IdParams, body: body({ decision: Literals(['accepted', 'declined'] as const), note: Type.Optional(Nullable(text(2000))) }), response: detailResponse } },
    async (request) => {
      const ctx = requireActiveUser(request);
      return stepThen(ctx, request.params.id, () => answerCibRequest(db, ctx, request.params.id, request.body));
    },
  );

  app.post('/api/cases/:id/cib-requests/close', { schema: { tags, params: IdParams, response: detailResponse } }, async (request) => {
    const ctx = requireActiveUser(request);
    return stepThen(ctx, request.params.id, () => closeCibAssistance(db, ctx, request.params.id));
  });

  app.post(
    '/api/cases/:id/preservations',
    { schema: { tags, params: IdParams, body: body({ prosecutorOffice: Office, requestedAt: DateTime, subject: text(2000) }), response: detailResponse } },
    async (request) => {
      const ctx = requireActiveUser(request);
      const b = request.body;
      return stepThen(ctx, request.params.id, () => requestPreservation(db, ctx, request.params.id, { prosecutorOffice: b.prosecutorOffice, requestedAt: new Date(b.requestedAt), subject: b.subject }));
    },
  );

  app.post(
    '/api/cases/:id/preservations/:requestId/outcome',
    {
      schema: {
        tags,
        params: Type.Object({ id: Type.String({ format: 'uuid' }), requestId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        body: body({ outcome: Literals(['granted', 'refused', 'withdrawn'] as const), outcomeAt: DateTime, note: Type.Optional(Nullable(text(2000))) }),
        response: detailResponse,
      },
    },
    async (request) => {
      const ctx = requireActiveUser(request);
      const b = request.body;
      return stepThen(ctx, request.params.id, () =>
        recordPreservationOutcome(db, ctx, request.params.id, request.params.requestId, { outcome: b.outcome, outcomeAt: new Date(b.outcomeAt), note: b.note }),
      );
    },
  );

  app.post(
    '/api/cases/:id/notices',
    {
      schema: {
        tags,
        params: IdParams,
        body: body({ kind: Literals(NOTICE_KINDS), recipient: text(300), channel: Literals(NOTICE_CHANNELS), sentAt: DateTime, reference: Type.Optional(Nullable(text(200))) }),
        response: detailResponse,
      },
    },
    async (request) => {
      const ctx = requireActiveUser(request);
      const b = request.body;
      return stepThen(ctx, request.params.id, () => recordNotice(db, ctx, request.params.id, { ...b, sentAt: new Date(b.sentAt) }));
    },
  );

  const noticeDeps = (): NoticeDeps => ({ db, printer: app.deps.printer, config: app.deps.config, queue: app.deps.queue });

  app.post(
    '/api/cases/:id/notices/send',
    {
      schema: {
        tags,
        params: IdParams,
        body: body({ kind: Literals(['social_affairs', 'fpo'] as const), recipients: Type.Array(Type.String({ maxLength: 254 }), { minItems: 1, maxItems: 20 }) }),
        response: detailResponse,
      },
    },
    async (request) => {
      const ctx = requireActiveUser(request);
      return stepThen(ctx, request.params.id, () => sendCaseNotice(noticeDeps(), ctx, request.params.id, request.body));
    },
  );

  app.get(
    '/api/cases/:id/documents/:kind',
    {
      schema: {
        tags,
        params: Type.Object({ id: Type.String({ format: 'uuid' }), kind: Literals(['social_affairs', 'case_file'] as const) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const { pdf, fileName } = await printCaseDocument(noticeDeps(), requireActiveUser(request), request.params.id, request.params.kind);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${fileName}"`).send(pdf);
    },
  );

  app.post(
    '/api/cases/:id/transfer',
    {
      schema: {
        tags,
        params: IdParams,
        body: body({ prosecutorOffice: Office, transferredOn: Type.String({ maxLength: 10 }), documentNumber: text(100) }),
        response: detailResponse,
      },
    },
    async (request) => {
      const ctx = requireActiveUser(request);
      return stepThen(ctx, request.params.id, () => transferCase(db, ctx, request.params.id, request.body));
    },
  );

  app.post('/api/cases/:id/follow-ups', { schema: { tags, params: IdParams, body: body({ note: text(5000) }), response: detailResponse } }, async (request) => {
    const ctx = requireActiveUser(request);
    return stepThen(ctx, request.params.id, () => addFollowUp(db, ctx, request.params.id, request.body));
  });
}
