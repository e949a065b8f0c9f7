/**
 * The audit trail (issue 2 §6; G6.3.6): every write, every denied attempt, every login event and
 * every read of a sensitive field is appended here, in the same transaction as the change.
 */
import type { Database, DbOrTx } from '../../core/db/client.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { AuditChainVerifier, GENESIS_HASH, hashAuditEvent, type ChainBreak } from './audit-chain.ts';
import { auditRepository, type AuditFilter } from './audit.repository.ts';
import type { AuditEventRow, AuditOutcome } from './audit.tables.ts';

export type AuditEntry = {
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  outcome?: AuditOutcome;
  /** Required by actions that demand a reason (e.g. revealing an identity). */
  reason?: string | null;
  /** Non-identifying facts about the event. Never put victim or reporter identities here. */
  details?: Record<string, unknown> | null;
  /** For events without a signed-in actor (failed logins): who the attempt named. */
  attemptedUsername?: string | null;
};

/**
 * Appends one event to the chain inside `tx`. Call it inside the transaction that makes the change,
 * so the change and its audit row commit or roll back together.
 */
export async function recordAudit(tx: DbOrTx, ctx: ServiceContext, entry: AuditEntry): Promise<AuditEventRow> {
  const head = await auditRepository.lockAndReadHead(tx);
  const actor = ctx.actor;
  const content = {
    seq: (head?.seq ?? 0) + 1,
    occurredAt: new Date(),
    actorUserId: actor?.userId ?? null,
    actorUsername: actor?.username ?? entry.attemptedUsername ?? ctx.systemName ?? null,
    actorUnitId: actor?.unitId ?? null,
    actorUnitCode: actor?.unitCode ?? null,
    actorRoles: actor ? [...actor.roles] : [],
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    outcome: entry.outcome ?? 'success',
    sourceIp: ctx.meta.sourceIp,
    userAgent: ctx.meta.userAgent,
    requestId: ctx.meta.requestId,
    reason: entry.reason ?? null,
    details: entry.details ?? null,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const row: AuditEventRow = { ...content, outcome: content.outcome, hash: hashAuditEvent(content) };
  await auditRepository.insert(tx, row);
  return row;
}

/** Records an event in a transaction of its own (denied attempts, reads, login failures). */
export async function recordAuditNow(db: Database, ctx: ServiceContext, entry: AuditEntry): Promise<AuditEventRow> {
  return db.transaction((tx) => recordAudit(tx, ctx, entry));
}

export type ChainVerification = { ok: boolean; checked: number; firstBroken: ChainBreak | null };

/** Re-hashes the whole chain in order; names the first broken event (`csep audit verify`). */
export async function verifyAuditChain(db: DbOrTx): Promise<ChainVerification> {
  const verifier = new AuditChainVerifier();
  for await (const row of auditRepository.iterateInOrder(db)) {
    if (!verifier.accept(row)) break;
  }
  return { ok: verifier.firstBreak === null, checked: verifier.checked, firstBroken: verifier.firstBreak };
}

/** Lists events for the auditor's browser. Access is checked by the caller's service. */
export function listAuditEvents(db: DbOrTx, filter: AuditFilter): Promise<AuditEventRow[]> {
  return auditRepository.list(db, filter);
}
