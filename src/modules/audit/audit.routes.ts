/** The audit browser's routes (auditors only). */
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { browseAuditTrail, verifyAuditTrail } from './audit-browser.service.ts';
import { AuditPageSchema, AuditQuery, AuditVerificationSchema } from './audit.contract.ts';
import type { AuditEventRow } from './audit.tables.ts';

function presentAuditEvent(row: AuditEventRow) {
  return {
    seq: row.seq,
    occurredAt: row.occurredAt.toISOString(),
    actorUsername: row.actorUsername,
    actorUnitCode: row.actorUnitCode,
    actorRoles: row.actorRoles,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    outcome: row.outcome,
    sourceIp: row.sourceIp,
    userAgent: row.userAgent,
    requestId: row.requestId,
    reason: row.reason,
    hash: row.hash,
  };
}

export default async function auditRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['audit'];

  app.get('/api/audit/events', { schema: { tags, querystring: AuditQuery, response: { 200: AuditPageSchema } } }, async (request) => {
    const q = request.query;
    const limit = q.limit ?? 50;
    const rows = await browseAuditTrail(db, requireActiveUser(request), {
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      actor: q.actor,
      action: q.action,
      objectType: q.objectType,
      objectId: q.objectId,
      outcome: q.outcome,
      beforeSeq: q.before,
      limit,
    });
    return { items: rows.map(presentAuditEvent), nextBefore: rows.length === limit ? (rows.at(-1)?.seq ?? null) : null };
  });

  app.get('/api/audit/verify', { schema: { tags, response: { 200: AuditVerificationSchema } } }, async (request) =>
    verifyAuditTrail(db, requireActiveUser(request)),
  );
}
