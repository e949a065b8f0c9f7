/**
 * The audit chain's hashing rules, pure (no database): each event's hash is the SHA-256 of the
 * canonical JSON of its content, which includes the previous event's hash. Changing, removing or
 * reordering any event breaks the chain from that point on.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../core/canonical-json.ts';

/** The first event's `prevHash`. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event's hash covers (everything but the hash itself). */
export type ChainedEventContent = {
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorUsername: string | null;
  actorUnitId: string | null;
  actorUnitCode: string | null;
  actorRoles: string[];
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: string;
  sourceIp: string | null;
  userAgent: string | null;
  requestId: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
  prevHash: string;
};

/** SHA-256 (hex) of an event's canonical content. */
export function hashAuditEvent(event: ChainedEventContent): string {
  const content = {
    seq: event.seq,
    occurredAt: event.occurredAt.toISOString(),
    actorUserId: event.actorUserId,
    actorUsername: event.actorUsername,
    actorUnitId: event.actorUnitId,
    actorUnitCode: event.actorUnitCode,
    actorRoles: event.actorRoles,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    outcome: event.outcome,
    sourceIp: event.sourceIp,
    userAgent: event.userAgent,
    requestId: event.requestId,
    reason: event.reason,
    details: event.details,
    prevHash: event.prevHash,
  };
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

export type ChainBreak = { seq: number; problem: 'sequence_gap' | 'prev_hash_mismatch' | 'hash_mismatch' };

/**
 * Walks events in `seq` order and reports the first break: a missing or reordered event shows as a
 * sequence gap or a `prevHash` that is not the previous event's hash; an altered event as a hash
 * that no longer matches its content.
 */
export class AuditChainVerifier {
  private expectedSeq = 1;
  private previousHash = GENESIS_HASH;
  checked = 0;
  firstBreak: ChainBreak | null = null;

  /** Feeds the next event; returns false once the chain is known to be broken. */
  accept(event: ChainedEventContent & { hash: string }): boolean {
    if (this.firstBreak) return false;
    this.checked += 1;
    if (event.seq !== this.expectedSeq) {
      this.firstBreak = { seq: event.seq, problem: 'sequence_gap' };
    } else if (event.prevHash !== this.previousHash) {
      this.firstBreak = { seq: event.seq, problem: 'prev_hash_mismatch' };
    } else if (hashAuditEvent(event) !== event.hash) {
      this.firstBreak = { seq: event.seq, problem: 'hash_mismatch' };
    }
    this.expectedSeq = event.seq + 1;
    this.previousHash = event.hash;
    return this.firstBreak === null;
  }
}
