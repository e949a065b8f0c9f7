/**
 * Suspects routes (G6.3.4): suspects of a case, their identifiers with the evidence that shows
 * them, subscriber-data requests and the phone's calling-location comparison; and the
 * department-wide "does another case hold this identifier?" lookup.
 */
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import type { IdentifierWithRefs, SuspectWithIdentifiers } from './suspects.repository.ts';
import {
  AddIdentifierBody,
  CaseParams,
  CreateRequestBody,
  CreateSuspectBody,
  IdentifierMatchesQuery,
  IdentifierMatchesSchema,
  IdentifierParams,
  IdentifierResultSchema,
  LocationComparisonBody,
  RequestAnswerBody,
  RequestParams,
  RequestResultSchema,
  RequestSentBody,
  SuspectListSchema,
  SuspectParams,
  SuspectResultSchema,
  UpdateSuspectBody,
} from './suspects.contract.ts';
import {
  addIdentifier,
  createSubscriberRequest,
  createSuspect,
  cssaReminderFor,
  listSuspects,
  lookupIdentifierMatches,
  markRequestSent,
  recordLocationComparison,
  recordRequestAnswer,
  updateSuspect,
} from './suspects.service.ts';
import type { SubscriberRequestRow } from './suspects.tables.ts';

const iso = (value: Date | null) => value?.toISOString() ?? null;

function presentRequest(row: SubscriberRequestRow) {
  return {
    id: row.id,
    identifierId: row.identifierId,
    recipient: row.recipient,
    legalBasis: row.legalBasis,
    touchesCommunications: row.touchesCommunications,
    status: row.answeredAt ? ('answered' as const) : row.sentAt ? ('sent' as const) : ('drafted' as const),
    sentAt: iso(row.sentAt),
    answeredAt: iso(row.answeredAt),
    result: row.result,
    createdAt: row.createdAt.toISOString(),
  };
}

function presentIdentifier({ identifier: row, platform, requests }: IdentifierWithRefs) {
  return {
    id: row.id,
    suspectId: row.suspectId,
    kind: row.kind,
    value: row.value,
    platform: platform ? { id: platform.id, code: platform.code, nameZh: platform.nameZh, nameEn: platform.nameEn } : null,
    observedAt: iso(row.observedAt),
    port: row.port,
    evidenceIds: row.evidenceIds,
    locationComparison: row.locationComparison,
    locationComparedAt: iso(row.locationComparedAt),
    createdAt: row.createdAt.toISOString(),
    requests: requests.map(presentRequest),
  };
}

function presentSuspect({ suspect, identifiers }: SuspectWithIdentifiers) {
  return {
    id: suspect.id,
    caseId: suspect.caseId,
    label: suspect.label,
    notes: suspect.notes,
    createdAt: suspect.createdAt.toISOString(),
    identifiers: identifiers.map(presentIdentifier),
  };
}

const requestsOf = (suspects: readonly SuspectWithIdentifiers[]) => suspects.flatMap((s) => s.identifiers.flatMap((i) => i.requests));
const toDate = (value: string | null | undefined) => (value === undefined || value === null ? null : new Date(value));

export default async function suspectsRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['suspects'];
  const base = '/api/cases/:caseId/suspects';
  const identifierPath = `${base}/:suspectId/identifiers/:identifierId`;
  const requestPath = `${identifierPath}/requests/:requestId`;

  app.get(base, { schema: { tags, params: CaseParams, response: { 200: SuspectListSchema } } }, async (request) => {
    const rows = await listSuspects(db, requireActiveUser(request), request.params.caseId);
    return { items: rows.map(presentSuspect), cssaReminder: cssaReminderFor(requestsOf(rows)) };
  });

  app.post(base, { schema: { tags, params: CaseParams, body: CreateSuspectBody, response: { 201: SuspectResultSchema } } }, async (request, reply) => {
    const created = await createSuspect(db, requireActiveUser(request), request.params.caseId, request.body);
    return reply.status(201).send(presentSuspect(created));
  });

  app.patch(`${base}/:suspectId`, { schema: { tags, params: SuspectParams, body: UpdateSuspectBody, response: { 200: SuspectResultSchema } } }, async (request) => {
    const updated = await updateSuspect(db, requireActiveUser(request), request.params.caseId, request.params.suspectId, request.body);
    return { ...presentSuspect(updated), cssaReminder: cssaReminderFor(requestsOf([updated])) };
  });

  app.post(
    `${base}/:suspectId/identifiers`,
    { schema: { tags, params: SuspectParams, body: AddIdentifierBody, response: { 201: IdentifierResultSchema } } },
    async (request, reply) => {
      const body = request.body;
      const { identifier, warnings } = await addIdentifier(db, requireActiveUser(request), request.params.caseId, request.params.suspectId, {
        ...body,
        observedAt: toDate(body.observedAt),
      });
      return reply.status(201).send({ ...presentIdentifier(identifier), warnings });
    },
  );

  app.put(
    `${identifierPath}/location-comparison`,
    { schema: { tags, params: IdentifierParams, body: LocationComparisonBody, response: { 200: IdentifierResultSchema } } },
    async (request) => {
      const updated = await recordLocationComparison(db, requireActiveUser(request), request.params, {
        locationComparison: request.body.locationComparison,
        comparedAt: new Date(request.body.comparedAt),
      });
      return { ...presentIdentifier(updated), warnings: [], cssaReminder: cssaReminderFor(updated.requests) };
    },
  );

  app.post(
    `${identifierPath}/requests`,
    { schema: { tags, params: IdentifierParams, body: CreateRequestBody, response: { 201: RequestResultSchema } } },
    async (request, reply) => {
      const created = await createSubscriberRequest(db, requireActiveUser(request), request.params, request.body);
      return reply.status(201).send({ ...presentRequest(created), cssaReminder: cssaReminderFor([created]) });
    },
  );

  app.post(`${requestPath}/sent`, { schema: { tags, params: RequestParams, body: RequestSentBody, response: { 200: RequestResultSchema } } }, async (request) => {
    const updated = await markRequestSent(db, requireActiveUser(request), request.params, { sentAt: new Date(request.body.sentAt) });
    return { ...presentRequest(updated), cssaReminder: cssaReminderFor([updated]) };
  });

  app.post(`${requestPath}/answer`, { schema: { tags, params: RequestParams, body: RequestAnswerBody, response: { 200: RequestResultSchema } } }, async (request) => {
    const updated = await recordRequestAnswer(db, requireActiveUser(request), request.params, { answeredAt: new Date(request.body.answeredAt), result: request.body.result });
    return { ...presentRequest(updated), cssaReminder: cssaReminderFor([updated]) };
  });

  app.get('/api/suspects/identifier-matches', { schema: { tags, querystring: IdentifierMatchesQuery, response: { 200: IdentifierMatchesSchema } } }, async (request) =>
    lookupIdentifierMatches(db, requireActiveUser(request), request.query),
  );
}
