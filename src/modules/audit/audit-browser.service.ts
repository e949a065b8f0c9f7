/**
 * The auditor's view of the trail: browsing and verifying (issue 2 §6). Only auditors; every
 * browse is itself an audited read, and a refused attempt is audited as denied.
 */
import { canPerform } from '../../core/access/policy.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import type { AuditFilter } from './audit.repository.ts';
import { listAuditEvents, recordAuditNow, verifyAuditChain, type ChainVerification } from './audit.service.ts';
import type { AuditEventRow } from './audit.tables.ts';

async function requireAuditor(db: Database, ctx: ServiceContext, action: 'audit.read' | 'audit.verify') {
  if (canPerform(ctx.actor, action)) return;
  await recordAuditNow(db, ctx, { action: action === 'audit.read' ? 'audit.browse' : 'audit.verify', objectType: 'audit', outcome: 'denied' });
  throw new AppError('FORBIDDEN', '僅稽核人員可查閱稽核紀錄 (only auditors read the audit trail)');
}

/** A page of events, newest first, with the browse recorded. */
export async function browseAuditTrail(db: Database, ctx: ServiceContext, filter: AuditFilter): Promise<AuditEventRow[]> {
  await requireAuditor(db, ctx, 'audit.read');
  const rows = await listAuditEvents(db, filter);
  await recordAuditNow(db, ctx, {
    action: 'audit.browse',
    objectType: 'audit',
    details: {
      filter: { ...filter, from: filter.from?.toISOString(), to: filter.to?.toISOString() },
      returned: rows.length,
    },
  });
  return rows;
}

/** Verifies the chain on the auditor's request; the verification is recorded with its result. */
export async function verifyAuditTrail(db: Database, ctx: ServiceContext): Promise<ChainVerification> {
  await requireAuditor(db, ctx, 'audit.verify');
  const result = await verifyAuditChain(db);
  await recordAuditNow(db, ctx, {
    action: 'audit.verify',
    objectType: 'audit',
    outcome: result.ok ? 'success' : 'failure',
    details: { checked: result.checked, firstBroken: result.firstBroken },
  });
  return result;
}
