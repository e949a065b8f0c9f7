/**
 * `/api/cases/*`: the case register (列管, G4.1.1) as far as it exists yet — the list with search
 * and one case with its findings. Every read is need-to-know on the server and recorded.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, withQuery } from '../../lib/api.ts';
import type { Finding, NamedRef } from '../findings/findings.api.ts';

export const CASE_STATUSES = ['open', 'assessed', 'investigating', 'transferred', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface Case {
  id: string;
  /** `{unit code}-{ROC year}-{sequence}`, e.g. `DA-115-0001`; never reused. */
  number: string;
  title: string;
  summary: string | null;
  status: CaseStatus;
  owningUnit: NamedRef;
  createdAt: string;
  updatedAt: string;
}

export interface CaseDetail {
  case: Case;
  findings: Finding[];
}

/** The most the server returns in one list. */
export const CASES_LIMIT = 200;
export const CASE_SEARCH_MAX = 100;

export const CASES_KEY = ['cases'] as const;
export const casesListKey = (q: string, limit: number) => ['cases', 'list', q, limit] as const;
export const caseDetailKey = (id: string) => ['cases', 'detail', id] as const;

/** `GET /api/cases`: the cases the user may see, newest first, searched by number or title. */
export async function listCases(q: string, limit: number, signal?: AbortSignal): Promise<Case[]> {
  return (await apiGet<{ items: Case[] }>(withQuery('/api/cases', { q: q.trim() || undefined, limit }), { signal })).items;
}

/** `GET /api/cases/:id`: one case and its findings. */
export function getCase(id: string, signal?: AbortSignal): Promise<CaseDetail> {
  return apiGet<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`, { signal });
}

/** The case list for a search; the previous answer stays on screen while the next one loads. */
export function useCases(q: string, limit = CASES_LIMIT, enabled = true) {
  return useQuery({
    queryKey: casesListKey(q.trim(), limit),
    queryFn: ({ signal }) => listCases(q, limit, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One case with its findings. */
export function useCase(id: string) {
  return useQuery({ queryKey: caseDetailKey(id), queryFn: ({ signal }) => getCase(id, signal), enabled: id !== '' });
}
