/** `/api/audit/*`: the hash-chained audit trail (auditors only). */
import { apiGet, withQuery } from '../../lib/api.ts';

export type AuditOutcome = 'success' | 'denied' | 'failure';
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['success', 'denied', 'failure'];

export interface AuditEvent {
  seq: number;
  occurredAt: string;
  actorUsername: string | null;
  actorUnitCode: string | null;
  actorRoles: string[];
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: AuditOutcome;
  sourceIp: string | null;
  userAgent: string | null;
  requestId: string | null;
  reason: string | null;
  hash: string;
}

export interface AuditPage {
  items: AuditEvent[];
  nextBefore: number | null;
}

export interface AuditFilters {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: AuditOutcome;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBroken: null | { seq: number; problem: string };
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of events, newest first; `before` is the `nextBefore` of the previous page. */
export function listAuditEvents(filters: AuditFilters, before: number | null, signal?: AbortSignal): Promise<AuditPage> {
  return apiGet<AuditPage>(withQuery('/api/audit/events', { ...filters, limit: AUDIT_PAGE_SIZE, before }), { signal });
}

/** `GET /api/audit/verify`: recomputes the hash chain on the server. */
export function verifyAuditChain(): Promise<AuditVerification> {
  return apiGet<AuditVerification>('/api/audit/verify');
}
