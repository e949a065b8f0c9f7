/**
 * Victims of a case (issue #7; G5.3.1, G5.3.2, G6.3.6): masked lists and pages, the reveal with a
 * reason, the SIPC complaint with its clock and its document, the referral and the services, legal
 * holds, and the auditor's list of reveals. Thin: schema, guard, one service call, presenter.
 */
import type { ServiceContext } from '../../core/request-context.ts';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { complaintClock, complaintDraft, fileSipcComplaint, recordAuthorisation, recordReferralAnswers, recordSipcOutcome, recordSocialWorker, setVictimService } from './victim-protection.service.ts';
import { printSipcComplaint } from './victim-documents.service.ts';
import { clearHold, holdCaseVictims, holdVictim } from './victim-retention.service.ts';
import {
  AuthorisationBody,
  CaseVictimsParams,
  CaseVictimsSchema,
  ComplaintBody,
  ComplaintDraftSchema,
  ComplaintParams,
  ComplaintSchema,
  CreateVictimBody,
  DocumentQuery,
  FiguresSchema,
  HoldParams,
  HoldSchema,
  OutcomeBody,
  ReasonBody,
  ReferralBody,
  RevealedVictimSchema,
  RevealsQuery,
  RevealsSchema,
  ServiceBody,
  ServiceParams,
  SocialWorkerBody,
  UpdateVictimBody,
  VictimDetailSchema,
  VictimParams,
  type VictimSummaryDto,
} from './victims.contract.ts';
import type { HoldWithUsers, VictimWithCreator } from './victims.repository.ts';
import { addVictim, getVictim, listVictimReveals, listVictims, revealVictim, updateVictim, victimFigures, type VictimPage } from './victims.service.ts';
import { VICTIM_SERVICES, type VictimSipcComplaintRow } from './victims.tables.ts';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** Lists exactly what leaves the server about a victim in a list: never the sealed identity. */
function presentSummary({ victim, createdByUsername }: VictimWithCreator, complaints: readonly VictimSipcComplaintRow[], now: Date): VictimSummaryDto {
  const own = complaints.filter((c) => c.victimId === victim.id);
  return {
    id: victim.id,
    caseId: victim.caseId,
    maskedName: victim.maskedName,
    maskedNationalId: victim.maskedNationalId,
    maskedGuardianName: victim.maskedGuardianName,
    hasContact: victim.hasContact,
    hasGuardianContact: victim.hasGuardianContact,
    incidentDate: victim.incidentDate,
    sex: victim.sex,
    notes: victim.notes,
    isMinor: victim.isMinor,
    ageAtIncident: victim.ageAtIncident,
    ageRule: victim.ageRule,
    purgedAt: iso(victim.purgedAt),
    createdAt: victim.createdAt.toISOString(),
    createdBy: createdByUsername,
    updatedAt: victim.updatedAt.toISOString(),
    sipc: {
      filed: own.length,
      open: own.filter((c) => c.outcome !== 'removed').length,
      overdue: own.filter((c) => complaintClock(c, now).overdue).length,
    },
  };
}

function presentComplaint(c: VictimSipcComplaintRow, now: Date) {
  return {
    id: c.id,
    filedAt: c.filedAt.toISOString(),
    channel: c.channel,
    sipcReference: c.sipcReference,
    minorAtFiling: c.minorAtFiling,
    targetHours: c.targetHours,
    dueAt: c.dueAt.toISOString(),
    ...complaintClock(c, now),
    authorisationId: c.authorisationId,
    content: c.content,
    outcome: c.outcome,
    outcomeAt: iso(c.outcomeAt),
    outcomeNote: c.outcomeNote,
    createdAt: c.createdAt.toISOString(),
  };
}

function presentHold(row: HoldWithUsers) {
  const { hold } = row;
  return {
    id: hold.id,
    caseId: hold.caseId,
    victimId: hold.victimId,
    reason: hold.reason,
    setBy: row.setByUsername,
    setAt: hold.setAt.toISOString(),
    active: hold.clearedAt === null,
    clearedBy: row.clearedByUsername,
    clearedAt: iso(hold.clearedAt),
    clearReason: hold.clearReason,
  };
}

/** The victim's page: masked row, protection records, the six services always, what the actor may do. */
function presentDetail(page: VictimPage, now: Date) {
  const row = page.victim.victim;
  const services = new Map(page.services.map((s) => [s.service, s]));
  return {
    ...presentSummary(page.victim, page.complaints, now),
    caseNumber: page.found.case.number,
    socialWorker: row.socialWorkerName && row.socialWorkerArrivedAt ? { name: row.socialWorkerName, arrivedAt: row.socialWorkerArrivedAt.toISOString() } : null,
    referral:
      row.wantsSocialWorker && row.wantsCounsellingReferral && row.referralAnsweredAt
        ? { wantsSocialWorker: row.wantsSocialWorker, wantsCounsellingReferral: row.wantsCounsellingReferral, answeredAt: row.referralAnsweredAt.toISOString() }
        : null,
    authorisations: page.authorisations.map((a) => ({ id: a.id, evidenceId: a.evidenceId, signedOn: a.signedOn, scope: a.scope, recordedAt: a.recordedAt.toISOString() })),
    sipcComplaints: page.complaints.map((c) => presentComplaint(c, now)),
    services: VICTIM_SERVICES.map((service) => {
      const s = services.get(service);
      return { service, offeredOn: s?.offeredOn ?? null, response: s?.response ?? null, respondedOn: s?.respondedOn ?? null, givenOn: s?.givenOn ?? null, note: s?.note ?? null };
    }),
    holds: page.holds.map(presentHold),
    can: page.rights,
  };
}

export default async function victimsRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['victims'];
  const key = () => app.deps.victimKey;

  /** The victim's page, as every write answers it. */
  const detail = async (ctx: ServiceContext, victimId: string) => presentDetail(await getVictim(db, ctx, victimId), new Date());


  // ── Victims of a case ──────────────────────────────────────────────────────

  app.get('/api/cases/:caseId/victims', { schema: { tags, params: CaseVictimsParams, response: { 200: CaseVictimsSchema } } }, async (request) => {
    const ctx = requireActiveUser(request);
    const { items, complaints, holds, rights } = await listVictims(db, ctx, request.params.caseId);
    const now = new Date();
    return { items: items.map((v) => presentSummary(v, complaints, now)), holds: holds.map(presentHold), can: rights };
  });

  app.post('/api/cases/:caseId/victims', { schema: { tags, params: CaseVictimsParams, body: CreateVictimBody, response: { 201: VictimDetailSchema } } }, async (request, reply) => {
    const ctx = requireActiveUser(request);
    const created = await addVictim(db, key(), ctx, request.params.caseId, request.body);
    return reply.status(201).send(await detail(ctx, created.victim.id));
  });

  app.post('/api/cases/:caseId/victim-holds', { schema: { tags, params: CaseVictimsParams, body: ReasonBody, response: { 201: HoldSchema } } }, async (request, reply) => {
    const ctx = requireActiveUser(request);
    return reply.status(201).send(presentHold(await holdCaseVictims(db, ctx, request.params.caseId, request.body)));
  });

  app.get('/api/victims/figures', { schema: { tags, response: { 200: FiguresSchema } } }, async (request) => victimFigures(db, requireActiveUser(request)));

  // ── One victim ─────────────────────────────────────────────────────────────

  app.get('/api/victims/:id', { schema: { tags, params: VictimParams, response: { 200: VictimDetailSchema } } }, async (request) => detail(requireActiveUser(request), request.params.id));

  app.patch('/api/victims/:id', { schema: { tags, params: VictimParams, body: UpdateVictimBody, response: { 200: VictimDetailSchema } } }, async (request) => {
    const ctx = requireActiveUser(request);
    await updateVictim(db, key(), ctx, request.params.id, request.body);
    return detail(ctx, request.params.id);
  });

  app.post('/api/victims/:id/reveal', { schema: { tags, params: VictimParams, body: ReasonBody, response: { 200: RevealedVictimSchema } } }, async (request, reply) => {
    const identity = await revealVictim(db, key(), requireActiveUser(request), request.params.id, request.body);
    // The security plugin already sends no-store for every /api answer; this one must never be cached even if that changes.
    return reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache').send(identity);
  });

  app.post('/api/victims/:id/authorisation', { schema: { tags, params: VictimParams, body: AuthorisationBody, response: { 201: VictimDetailSchema } } }, async (request, reply) => {
    const ctx = requireActiveUser(request);
    await recordAuthorisation(db, key(), ctx, request.params.id, request.body);
    return reply.status(201).send(await detail(ctx, request.params.id));
  });

  app.get('/api/victims/:id/sipc-complaints/draft', { schema: { tags, params: VictimParams, response: { 200: ComplaintDraftSchema } } }, async (request) => {
    const draft = await complaintDraft(db, requireActiveUser(request), request.params.id);
    return { targetHours: draft.targetHours, blockedBy: draft.blockedBy, content: draft.content, unsealedUrls: draft.unsealedUrls };
  });

  app.post('/api/victims/:id/sipc-complaints', { schema: { tags, params: VictimParams, body: ComplaintBody, response: { 201: ComplaintSchema } } }, async (request, reply) => {
    const b = request.body;
    const created = await fileSipcComplaint(db, key(), requireActiveUser(request), request.params.id, { ...b, filedAt: new Date(b.filedAt) });
    return reply.status(201).send(presentComplaint(created, new Date()));
  });

  app.post('/api/victims/:id/sipc-complaints/:complaintId/outcome', { schema: { tags, params: ComplaintParams, body: OutcomeBody, response: { 200: ComplaintSchema } } }, async (request) => {
    const b = request.body;
    const updated = await recordSipcOutcome(db, requireActiveUser(request), request.params.id, request.params.complaintId, { ...b, outcomeAt: new Date(b.outcomeAt) });
    return presentComplaint(updated, new Date());
  });

  app.get('/api/victims/:id/sipc-complaints/:complaintId/document', { schema: { tags, params: ComplaintParams, querystring: DocumentQuery } }, async (request, reply) => {
    const deps = { db, printer: app.deps.printer, victimKey: key() };
    const { pdf, fileName } = await printSipcComplaint(deps, requireActiveUser(request), request.params.id, request.params.complaintId, {
      includeIdentity: request.query.includeIdentity ?? false,
      reason: request.query.reason ?? null,
    });
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${fileName}"`).header('Cache-Control', 'no-store').send(pdf);
  });

  app.post('/api/victims/:id/social-worker', { schema: { tags, params: VictimParams, body: SocialWorkerBody, response: { 200: VictimDetailSchema } } }, async (request) => {
    const ctx = requireActiveUser(request);
    await recordSocialWorker(db, ctx, request.params.id, { name: request.body.name, arrivedAt: new Date(request.body.arrivedAt) });
    return detail(ctx, request.params.id);
  });

  app.post('/api/victims/:id/referral', { schema: { tags, params: VictimParams, body: ReferralBody, response: { 200: VictimDetailSchema } } }, async (request) => {
    const ctx = requireActiveUser(request);
    await recordReferralAnswers(db, ctx, request.params.id, { ...request.body, answeredAt: new Date(request.body.answeredAt) });
    return detail(ctx, request.params.id);
  });

  app.put('/api/victims/:id/services/:service', { schema: { tags, params: ServiceParams, body: ServiceBody, response: { 200: VictimDetailSchema } } }, async (request) => {
    const ctx = requireActiveUser(request);
    await setVictimService(db, key(), ctx, request.params.id, request.params.service, request.body);
    return detail(ctx, request.params.id);
  });

  app.post('/api/victims/:id/holds', { schema: { tags, params: VictimParams, body: ReasonBody, response: { 201: HoldSchema } } }, async (request, reply) => {
    const ctx = requireActiveUser(request);
    return reply.status(201).send(presentHold(await holdVictim(db, ctx, request.params.id, request.body)));
  });

  app.post('/api/victim-holds/:holdId/clear', { schema: { tags, params: HoldParams, body: ReasonBody, response: { 200: HoldSchema } } }, async (request) => {
    return presentHold(await clearHold(db, requireActiveUser(request), request.params.holdId, request.body));
  });

  // ── The auditor ────────────────────────────────────────────────────────────

  app.get('/api/audit/victim-reveals', { schema: { tags: ['audit'], querystring: RevealsQuery, response: { 200: RevealsSchema } } }, async (request) => {
    const rows = await listVictimReveals(db, requireActiveUser(request), { limit: request.query.limit ?? 100, beforeSeq: request.query.beforeSeq });
    return {
      items: rows.map((r) => ({ ...r, action: r.action as 'victim.reveal' | 'victim.identity_export', occurredAt: r.occurredAt.toISOString() })),
    };
  });
}
