/**
 * `/api/findings/*` and `/api/platforms`: what officers met while patrolling (G5.1, G6.1), the
 * same URL known elsewhere, captures of a finding, promotion to a case, and where cases come from.
 *
 * A finding's URL and content are attacker-made: the pages show them as text only, never as a
 * live link or as markup (see UrlText and HighlightedText).
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost, withQuery } from '../../lib/api.ts';
import type { Capture } from '../evidence/evidence.api.ts';
import type { LexiconCategory } from '../lexicons/lexicons.api.ts';

/**
 * Target category (G3.2 / Act Art. 2 ¶1): subparagraphs 1–3 are the Art. 40 targets; `harmful`
 * is harmful to minors without being an Art. 40 target.
 */
export const TARGET_CATEGORIES = ['unassessed', 'art2_1_1', 'art2_1_2', 'art2_1_3', 'harmful', 'not_target'] as const;
export type TargetCategory = (typeof TARGET_CATEGORIES)[number];

/** G5.1's patrol targets: call-girl station, live stream, image distribution, or other. */
export const TARGET_KINDS = ['call_girl_station', 'live_stream', 'image_distribution', 'other'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface NamedRef {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

/** One lexicon term found in a text; `start`/`end` are UTF-16 offsets, `end` exclusive. */
export interface TriageMatch {
  term: string;
  category: LexiconCategory;
  weight: number;
  start: number;
  end: number;
}

export interface StoredTriage {
  lexiconId: string;
  lexiconVersion: number;
  score: number;
  matches: TriageMatch[];
}

/** The triage of a sealed capture's page text (its offsets point into that page, not into contentText). */
export interface PageTriage extends StoredTriage {
  evidenceItemId: string;
}

export interface Finding {
  id: string;
  url: string;
  canonicalUrl: string;
  host: string;
  platform: NamedRef;
  unit: NamedRef;
  recordedBy: string;
  patrolSessionId: string | null;
  accountName: string | null;
  accountId: string | null;
  posterIp: string | null;
  /** `officer`, `capture:{evidenceItemId}` or null. */
  identitySource: string | null;
  contentText: string | null;
  postedAt: string | null;
  seenAt: string;
  ephemeral: boolean;
  targetCategory: TargetCategory;
  /** Which patrol target the finding is; null when nobody said. */
  targetKind: TargetKind | null;
  triageScore: number;
  triage: StoredTriage | null;
  pageTriage: PageTriage | null;
  notes: string | null;
  case: { id: string; number: string; title: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** The same URL held by another unit: details only when `visible`. */
export interface KnownElsewhere {
  visible: boolean;
  findingId: string | null;
  unit: { code: string; nameZh: string; nameEn: string };
  seenAt: string;
  inCase: boolean;
  caseId: string | null;
  caseNumber: string | null;
}

export interface Sighting {
  id: string;
  seenAt: string;
  patrolSessionId: string | null;
  seenBy: string;
}

export interface FindingEvidence {
  id: string;
  kind: string;
  sha256: string;
  capturedAt: string;
  mediaType: string;
}

export interface FindingDetail {
  finding: Finding;
  known: KnownElsewhere[];
  sightings: Sighting[];
  evidence: FindingEvidence[];
}

/** List filters as the API takes them (`from`/`to` are UTC instants; `to` is exclusive). */
export interface FindingFilters {
  platformId?: string;
  targetCategory?: TargetCategory;
  targetKind?: TargetKind;
  from?: string;
  to?: string;
  caseId?: string;
  inCase?: boolean;
  minScore?: number;
  q?: string;
}

export interface FindingPage {
  items: Finding[];
  nextCursor: string | null;
}

/** The fields an officer may correct; null clears a field. */
export interface FindingPatch {
  accountName?: string | null;
  accountId?: string | null;
  posterIp?: string | null;
  contentText?: string | null;
  postedAt?: string | null;
  ephemeral?: boolean;
  targetCategory?: TargetCategory;
  targetKind?: TargetKind | null;
  notes?: string | null;
}

export const FINDINGS_PAGE_SIZE = 50;
/** Server-side limits of the editable fields (findings.service.ts). */
export const FINDING_LIMITS = { account: 200, posterIp: 100, contentText: 200_000, notes: 5000, caseTitle: 200, caseSummary: 5000, q: 200 } as const;

export const FINDINGS_KEY = ['findings'] as const;
export const findingsListKey = (filters: FindingFilters) => ['findings', 'list', filters] as const;
export const findingDetailKey = (id: string) => ['findings', 'detail', id] as const;
export const sourceCountsKey = (query: SourceCountsQuery) => ['findings', 'sources', query] as const;

const findingPath = (id: string) => `/api/findings/${encodeURIComponent(id)}`;

/** One page of findings, newest seen first; pass the previous page's `nextCursor` for the next one. */
export function listFindings(filters: FindingFilters, cursor: string | null, signal?: AbortSignal): Promise<FindingPage> {
  const { inCase, minScore, ...rest } = filters;
  return apiGet<FindingPage>(
    withQuery('/api/findings', {
      ...rest,
      inCase: inCase === undefined ? undefined : String(inCase),
      minScore,
      cursor,
      limit: FINDINGS_PAGE_SIZE,
    }),
    { signal },
  );
}

/** `GET /api/findings/:id` (the server records the read). */
export function getFinding(id: string, signal?: AbortSignal): Promise<FindingDetail> {
  return apiGet<FindingDetail>(findingPath(id), { signal });
}

/** `PATCH /api/findings/:id`: changed text is triaged again on the server. */
export function updateFinding(id: string, patch: FindingPatch): Promise<Finding> {
  return apiPatch<Finding>(findingPath(id), patch);
}

/** `POST /api/findings/:id/capture`: queues a capture of the finding's page (202 with the capture). */
export function captureFinding(id: string): Promise<Capture> {
  return apiPost<Capture>(`${findingPath(id)}/capture`, {});
}

/** `POST /api/findings/:id/promote`: opens a case of the user's unit with this finding (409 if already in a case). */
export function promoteFinding(id: string, input: { title: string; summary?: string }): Promise<Finding> {
  return apiPost<Finding>(`${findingPath(id)}/promote`, input);
}

/** `POST /api/findings/:id/attach`: adds the finding to an existing case. */
export function attachFinding(id: string, caseId: string): Promise<Finding> {
  return apiPost<Finding>(`${findingPath(id)}/attach`, { caseId });
}

/** The evidence item a capture-sourced identity came from (`capture:{id}`), or null. */
export function identityEvidenceId(identitySource: string | null): string | null {
  return identitySource?.startsWith('capture:') ? identitySource.slice('capture:'.length) || null : null;
}

// Where cases come from (G5.1) -----------------------------------------------------------------

export const SOURCE_GROUPS = ['platform', 'domain', 'account'] as const;
export type SourceGroup = (typeof SOURCE_GROUPS)[number];

export interface SourceCountsQuery {
  from: string;
  to: string;
  groupBy: SourceGroup;
}

export interface SourceRow {
  key: string;
  label: string;
  platformCode: string | null;
  findings: number;
  cases: number;
  units: number;
  lastSeenAt: string | null;
}

/** How many sources the page shows at most. */
export const SOURCES_LIMIT = 100;

/** `GET /api/findings/sources`: findings and cases per platform, domain or account, busiest first. */
export async function getSourceCounts(query: SourceCountsQuery, signal?: AbortSignal): Promise<SourceRow[]> {
  return (await apiGet<{ items: SourceRow[] }>(withQuery('/api/findings/sources', { ...query, limit: SOURCES_LIMIT }), { signal })).items;
}

/** Sources ordered as G5.1 reads them: most cases first, then most findings. */
export function sortSources(rows: readonly SourceRow[]): SourceRow[] {
  return [...rows].sort((a, b) => b.cases - a.cases || b.findings - a.findings || a.label.localeCompare(b.label));
}

// Platforms -----------------------------------------------------------------------------------

export interface Platform extends NamedRef {
  kind: string;
  domains: string[];
  active: boolean;
}

export const PLATFORMS_KEY = ['platforms'] as const;

/** The platform registry (G3.1), for filters and names. */
export function usePlatforms() {
  return useQuery({
    queryKey: PLATFORMS_KEY,
    queryFn: async ({ signal }) => (await apiGet<{ items: Platform[] }>('/api/platforms', { signal })).items,
    staleTime: 5 * 60_000,
  });
}

// Hooks ---------------------------------------------------------------------------------------

/** The findings list, loaded page by page with the server's keyset cursor. */
export function useFindingsList(filters: FindingFilters) {
  return useInfiniteQuery({
    queryKey: findingsListKey(filters),
    queryFn: ({ pageParam, signal }) => listFindings(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** One finding with its sightings, evidence and the same URL elsewhere. */
export function useFinding(id: string) {
  return useQuery({ queryKey: findingDetailKey(id), queryFn: ({ signal }) => getFinding(id, signal), enabled: id !== '' });
}

/** Source counts for a period and grouping. */
export function useSourceCounts(query: SourceCountsQuery) {
  return useQuery({ queryKey: sourceCountsKey(query), queryFn: ({ signal }) => getSourceCounts(query, signal) });
}
