/**
 * `/api/cases/:caseId/reporters/*` (G6.3.6, Act Art. 7): reporters are listed masked (王O明); the
 * clear identity is sealed on the server and leaves it only through `reveal`, with a reason that
 * goes into the audit trail. The revealed identity is never put in the query cache.
 */
import { useQuery } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../lib/api.ts';
import { casePath } from './cases.api.ts';

/** The server's limits (reporters.service.ts). */
export const REPORTER_LIMITS = { name: 100, contact: 200, relation: 100, reasonMin: 5, reasonMax: 500 } as const;

export interface MaskedReporter {
  id: string;
  maskedName: string;
  relation: string | null;
  createdAt: string;
  /** Username of the officer who recorded the reporter. */
  createdBy: string;
}

export interface RevealedReporter {
  name: string;
  contact: string | null;
}

export const caseReportersKey = (caseId: string) => ['cases', 'reporters', caseId] as const;

const base = (caseId: string) => `${casePath(caseId)}/reporters`;

/** `GET …/reporters`: masked names only. */
export async function listReporters(caseId: string, signal?: AbortSignal): Promise<MaskedReporter[]> {
  return (await apiGet<{ items: MaskedReporter[] }>(base(caseId), { signal })).items;
}

/** Records a reporter; the answer carries the masked name only. */
export function addReporter(caseId: string, body: { name: string; contact?: string | null; relation?: string | null }): Promise<MaskedReporter> {
  return apiPost<MaskedReporter>(base(caseId), body);
}

/** Reveals one reporter's identity for a stated reason (audited; answered with no-store). Keep the answer in component state only. */
export function revealReporter(caseId: string, reporterId: string, reason: string): Promise<RevealedReporter> {
  return apiPost<RevealedReporter>(`${base(caseId)}/${encodeURIComponent(reporterId)}/reveal`, { reason });
}

/** The case's reporters, masked. */
export function useCaseReporters(caseId: string) {
  return useQuery({ queryKey: caseReportersKey(caseId), queryFn: ({ signal }) => listReporters(caseId, signal), enabled: caseId !== '' });
}
