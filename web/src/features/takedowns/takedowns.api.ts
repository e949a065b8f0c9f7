/**
 * `/api/takedowns/*`: takedown targets per URL (issue #6; G5.2, G6.2) — the list, one target with
 * its clock, removal checks and data requests, every workflow step, and the speed figures with
 * their export. Schemas: src/modules/takedowns/takedowns.contract.ts. Access follows the target's
 * case on the server; `can.update` only tells the page which buttons to offer.
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, withQuery } from '../../lib/api.ts';
import { noteServerNow } from '../../lib/server-clock.ts';
import { fetchFile, type FetchedFile } from '../board/file-download.ts';
import { caseTimelineKey } from '../cases/cases.api.ts';
import type { NamedRef } from '../findings/findings.api.ts';
import type { LiaisonBody } from '../liaison/liaison.api.ts';

/** identified → evidence_sealed → reported → order_issued (T) → removed | overdue → rpz_requested → rpz_applied | removed; withdrawn. */
export const TAKEDOWN_STATES = ['identified', 'evidence_sealed', 'reported', 'order_issued', 'overdue', 'rpz_requested', 'rpz_applied', 'removed', 'withdrawn'] as const;
export type TakedownState = (typeof TAKEDOWN_STATES)[number];

export const REPORT_CHANNELS = ['email', 'phone', 'letter', 'online_system'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

export const CHECK_OUTCOMES = ['removed', 'online', 'inconclusive'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];
export const CHECK_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];
/** What decided a check's outcome (src/modules/takedowns/removal-decision.ts). */
export const CHECK_REASONS = [
  'dns_unresolved',
  'dns_error',
  'capture_failed',
  'http_404',
  'http_410',
  'platform_marker',
  'content_gone',
  'content_present',
  'no_reference',
  'http_error',
  'redirected',
  'empty_page',
] as const;
export type CheckReason = (typeof CHECK_REASONS)[number];

/** The server's text limits (takedowns.contract.ts). */
export const TAKEDOWN_LIMITS = {
  reason: 2000,
  reference: 200,
  documentNumber: 200,
  domain: 253,
  withdrawReason: 2000,
  recipient: 300,
  result: 3000,
  list: 500,
} as const;

export interface Target {
  id: string;
  caseId: string;
  caseNumber: string;
  owningUnit: NamedRef;
  platform: NamedRef | null;
  findingId: string | null;
  url: string;
  state: TakedownState;
  sealedEvidenceId: string | null;
  reportedAt: string | null;
  reportChannel: ReportChannel | null;
  reportReference: string | null;
  orderDocumentNumber: string | null;
  /** T: the authority's order. */
  orderIssuedAt: string | null;
  /** T + 24 h. */
  dueAt: string | null;
  /** T + 180 days. */
  retentionEndsAt: string | null;
  removedAt: string | null;
  removalEvidenceId: string | null;
  rpzDomain: string | null;
  rpzRequestedAt: string | null;
  rpzAppliedAt: string | null;
  withdrawnReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DataRequest {
  id: string;
  recipient: string;
  sentAt: string;
  answeredAt: string | null;
  result: string | null;
}

export interface RemovalCheck {
  id: string;
  trigger: 'deadline' | 'on_demand';
  status: CheckStatus;
  outcome: CheckOutcome | null;
  /** A stable code (CHECK_REASONS); an unknown one is shown as it is. */
  reason: string | null;
  detail: string | null;
  evidenceId: string | null;
  checkedAt: string | null;
  createdAt: string;
}

export interface TargetDetail extends Target {
  findingSeenAt: string | null;
  reportContact: { id: string; body: LiaisonBody; organisation: string; windowName: string | null } | null;
  rpzContact: { id: string; body: LiaisonBody; organisation: string; windowName: string | null } | null;
  /** When the 150- and 170-day reminders went out (null: not yet). */
  retentionReminder150At: string | null;
  retentionReminder170At: string | null;
  dataRequests: DataRequest[];
  checks: RemovalCheck[];
  /** The server's clock when the answer was made: the countdown runs from it, not from the PC's clock. */
  serverNow: string;
  can: { update: boolean };
}

export interface TargetFilters {
  state?: TakedownState[];
  platformId?: string;
  caseId?: string;
}

export type SpeedGroupBy = 'platform' | 'unit';

/** One group's figures; durations in seconds (null without data). */
export interface SpeedFigures {
  key: string | null;
  code: string | null;
  nameZh: string | null;
  nameEn: string | null;
  targets: number;
  reported: number;
  ordered: number;
  removed: number;
  findingToReportMedian: number | null;
  findingToReportP90: number | null;
  reportToOrderMedian: number | null;
  reportToOrderP90: number | null;
  orderToRemovalMedian: number | null;
  orderToRemovalP90: number | null;
  removedWithin24h: number;
  /** Percent (one decimal) of orders removed by T + 24 h; null without orders. */
  removedWithin24hShare: number | null;
  rpzEscalated: number;
  stillOnline: number;
}

export interface SpeedReport {
  /** The period's start and (exclusive) end, as instants. */
  from: string;
  to: string;
  groupBy: SpeedGroupBy;
  groups: SpeedFigures[];
  overall: SpeedFigures;
}

/** `YYYY-MM-DD` Taipei calendar days, both inclusive. */
export interface SpeedQuery {
  from: string;
  to: string;
  groupBy: SpeedGroupBy;
}

export type ExportFormat = 'csv' | 'xlsx';

export const TAKEDOWNS_KEY = ['takedowns'] as const;
export const TAKEDOWN_LISTS_KEY = ['takedowns', 'list'] as const;
export const takedownListKey = (filters: TargetFilters) => ['takedowns', 'list', listParams(filters)] as const;
export const takedownDetailKey = (id: string) => ['takedowns', 'detail', id] as const;
export const takedownSpeedKey = (query: SpeedQuery) => ['takedowns', 'speed', query.from, query.to, query.groupBy] as const;

const takedownPath = (id: string) => `/api/takedowns/${encodeURIComponent(id)}`;

function listParams(filters: TargetFilters): Record<string, string | undefined> {
  return {
    state: filters.state && filters.state.length > 0 ? filters.state.join(',') : undefined,
    platformId: filters.platformId,
    caseId: filters.caseId,
  };
}

/** Every answer with `serverNow` sets the page's idea of the server's clock. */
function received(detail: TargetDetail): TargetDetail {
  noteServerNow(detail.serverNow);
  return detail;
}

// Reads ---------------------------------------------------------------------------------------

/** `GET /api/takedowns`: the targets the user may see (the server's order), at most `limit`. */
export async function listTakedowns(filters: TargetFilters, signal?: AbortSignal): Promise<Target[]> {
  return (await apiGet<{ items: Target[] }>(withQuery('/api/takedowns', { ...listParams(filters), limit: TAKEDOWN_LIMITS.list }), { signal })).items;
}

/** `GET /api/takedowns/:id`: one target with its checks, data requests and the server's clock. */
export async function getTakedown(id: string, signal?: AbortSignal): Promise<TargetDetail> {
  return received(await apiGet<TargetDetail>(takedownPath(id), { signal }));
}

/** `GET /api/takedowns/speed`. */
export function getTakedownSpeed(query: SpeedQuery, signal?: AbortSignal): Promise<SpeedReport> {
  return apiGet<SpeedReport>(withQuery('/api/takedowns/speed', { ...query }), { signal });
}

/** `GET /api/takedowns/speed/export`: the speed table as CSV (UTF-8 with BOM) or XLSX. */
export function exportTakedownSpeed(query: SpeedQuery, format: ExportFormat): Promise<FetchedFile> {
  const accept = format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return fetchFile(withQuery('/api/takedowns/speed/export', { format, ...query }), `takedown-speed.${format}`, accept);
}

// Steps (each answers with the target's page) ---------------------------------------------------

const step = async (id: string, path: string, body: object = {}) => received(await apiPost<TargetDetail>(`${takedownPath(id)}/${path}`, body));

/** `POST /api/cases/:caseId/takedowns` (201): opens the target of a case's finding; CONFLICT when the URL has one. */
export async function openTakedown(caseId: string, findingId: string): Promise<TargetDetail> {
  return received(await apiPost<TargetDetail>(`/api/cases/${encodeURIComponent(caseId)}/takedowns`, { findingId }));
}
/** Re-checks the seal after a capture: identified → evidence_sealed. */
export const refreshSeal = (id: string) => step(id, 'refresh-seal');
/** Reports the URL (G6.2.1); refused with EVIDENCE_NOT_SEALED without a sealed capture (G6.2.2). */
export const reportTakedown = (id: string, body: { channel: ReportChannel; contactId: string; reason: string; reference?: string | null; sentAt?: string }) => step(id, 'report', body);
/** The authority's order: T, due T + 24 h, retention until T + 180 days. */
export const recordOrder = (id: string, body: { documentNumber: string; issuedAt: string }) => step(id, 'order', body);
/** Queues a removal check that re-captures the URL (202). */
export const requestCheck = (id: string) => step(id, 'checks');
/** Removal verified at R. */
export const recordRemoval = (id: string, body: { removedAt: string; evidenceId?: string | null }) => step(id, 'removal', body);
/** TWNIC DNS RPZ through the SAB (the server defaults the domain to the URL's host). */
export const requestRpz = (id: string, body: { domain?: string | null; contactId?: string | null; requestedAt: string }) => step(id, 'rpz', body);
export const recordRpzApplied = (id: string, body: { appliedAt: string }) => step(id, 'rpz-applied', body);
export const withdrawTakedown = (id: string, body: { reason: string }) => step(id, 'withdraw', body);
/** A data request of the 180-day retention window (Act Art. 8). */
export const recordDataRequest = (id: string, body: { recipient: string; sentAt: string }) => step(id, 'data-requests', body);
export const answerDataRequest = (id: string, requestId: string, body: { answeredAt: string; result: string }) =>
  step(id, `data-requests/${encodeURIComponent(requestId)}/answer`, body);

// Hooks ---------------------------------------------------------------------------------------

/** True while one of the target's removal checks is waiting or running. */
export const checkInProgress = (detail: Pick<TargetDetail, 'checks'> | undefined): boolean =>
  detail?.checks.some((c) => c.status === 'queued' || c.status === 'running') ?? false;

/** Polling interval while a check is under way. */
export const CHECK_POLL_MS = 2000;

/** The targets matching the filters; the previous answer stays on screen while the next one loads. */
export function useTakedowns(filters: TargetFilters, enabled = true) {
  return useQuery({
    queryKey: takedownListKey(filters),
    queryFn: ({ signal }) => listTakedowns(filters, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One target; polled every 2 s while a removal check is queued or running. */
export function useTakedown(id: string) {
  return useQuery({
    queryKey: takedownDetailKey(id),
    queryFn: ({ signal }) => getTakedown(id, signal),
    enabled: id !== '',
    refetchInterval: (query) => (checkInProgress(query.state.data) ? CHECK_POLL_MS : false),
  });
}

/** The speed figures of a period. */
export function useTakedownSpeed(query: SpeedQuery) {
  return useQuery({
    queryKey: takedownSpeedKey(query),
    queryFn: ({ signal }) => getTakedownSpeed(query, signal),
    placeholderData: keepPreviousData,
  });
}

/** Runs a step and puts its answer on the page; the lists are refreshed. */
export function useTakedownStep(id: string): (run: Promise<TargetDetail>) => Promise<TargetDetail> {
  const queryClient = useQueryClient();
  return async (run) => {
    const detail = await run;
    queryClient.setQueryData(takedownDetailKey(id), detail);
    void queryClient.invalidateQueries({ queryKey: TAKEDOWN_LISTS_KEY });
    void queryClient.invalidateQueries({ queryKey: ['takedowns', 'speed'] });
    void queryClient.invalidateQueries({ queryKey: caseTimelineKey(detail.caseId) });
    return detail;
  };
}
