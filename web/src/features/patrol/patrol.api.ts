/**
 * The patrol toolkit's API (G5.1, G6.1): the platform registry, keyword lexicons and triage,
 * patrol sessions and their log, and the fast recording of findings with the URL look-up that
 * tells the officer at once whether the department already holds a URL.
 *
 * Schemas: src/modules/patrols/patrols.routes.ts, src/modules/findings/findings.contract.ts,
 * src/modules/platforms/platforms.routes.ts, src/modules/lexicons/lexicons.routes.ts.
 */
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost, withQuery } from '../../lib/api.ts';

// Platforms ---------------------------------------------------------------------------------

export interface PlatformRef {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface Platform extends PlatformRef {
  kind: string;
  domains: string[];
  /** https URLs with `{q}` where the URL-encoded keyword goes. */
  searchUrlTemplates: string[];
  /** Phrases the platform shows when content is gone (removal checks, G5.2): 2–200 characters each, at most 50. */
  unavailableMarkers: string[];
  notes: string | null;
  active: boolean;
}

/**
 * Query keys of this feature. Entries other features may also cache (platforms, lexicons, findings)
 * get keys of their own here, so two features never share one key with different shapes; the
 * `findings` prefix is kept so that any feature's invalidation of findings reaches these too.
 */
export const PLATFORMS_KEY = ['patrol-toolkit', 'platforms'] as const;

/** `GET /api/platforms`: the registry (active and inactive), kept for five minutes. */
export function usePlatforms() {
  return useQuery({
    queryKey: PLATFORMS_KEY,
    queryFn: async ({ signal }) => (await apiGet<{ items: Platform[] }>('/api/platforms', { signal })).items,
    staleTime: 5 * 60_000,
  });
}

// Lexicons and triage -----------------------------------------------------------------------

export const LEXICON_CATEGORIES = ['solicitation', 'price', 'age', 'contact', 'image_trade', 'live_stream', 'custom'] as const;
export type LexiconCategory = (typeof LEXICON_CATEGORIES)[number];

export interface LexiconSummary {
  id: string;
  name: string;
  scope: 'department' | 'unit';
  unitCode: string | null;
  version: number;
  entryCount: number;
  updatedAt: string;
}

export interface LexiconEntry {
  term: string;
  category: LexiconCategory;
  weight: number;
  note: string;
}

export interface TriageMatch {
  term: string;
  category: LexiconCategory;
  weight: number;
  /** UTF-16 offsets into the scored text, end exclusive. */
  start: number;
  end: number;
}

export interface TriageResult {
  score: number;
  lexiconId: string;
  version: number;
  /** The server's account of the score (English, one line per term). */
  explanation: string;
  matches: TriageMatch[];
}

/** The scored text travels with its result, so highlights are always cut from the text that was scored. */
export interface ScoredText extends TriageResult {
  text: string;
}

const lexiconKey = (id: string) => ['patrol-toolkit', 'lexicon', id] as const;

/**
 * Every term of every lexicon the user may read, once each (first category seen), sorted by
 * weight then term: the keyword suggestions of a patrol plan.
 */
export function useLexiconTerms(): { terms: LexiconEntry[]; isPending: boolean } {
  const summaries = useQuery({
    queryKey: ['patrol-toolkit', 'lexicons'],
    queryFn: async ({ signal }) => (await apiGet<{ items: LexiconSummary[] }>('/api/lexicons', { signal })).items,
    staleTime: 5 * 60_000,
  });
  return useQueries({
    queries: (summaries.data ?? []).map((summary) => ({
      queryKey: lexiconKey(summary.id),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiGet<{ lexicon: LexiconSummary; entries: LexiconEntry[] }>(`/api/lexicons/${encodeURIComponent(summary.id)}`, { signal }),
      staleTime: 5 * 60_000,
    })),
    combine: (results) => {
      const byTerm = new Map<string, LexiconEntry>();
      for (const result of results) {
        for (const entry of result.data?.entries ?? []) if (!byTerm.has(entry.term)) byTerm.set(entry.term, entry);
      }
      const terms = [...byTerm.values()].sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term, 'zh-Hant'));
      return { terms, isPending: summaries.isPending || results.some((r) => r.isPending) };
    },
  });
}

/** `POST /api/triage`: scores a text against the department lexicon (a read; nothing is stored). */
export async function triage(text: string, signal?: AbortSignal): Promise<ScoredText> {
  return { ...(await apiPost<TriageResult>('/api/triage', { text }, { signal })), text };
}

/** Live triage of a (debounced) text; idle while the text is blank or refused as too long. */
export function useTriage(text: string, enabled: boolean) {
  return useQuery({
    queryKey: ['patrol-toolkit', 'triage', text],
    queryFn: ({ signal }) => triage(text, signal),
    enabled: enabled && text.trim().length > 0,
    staleTime: 60_000,
    gcTime: 60_000,
  });
}

// Patrols -----------------------------------------------------------------------------------

export interface UnitRef {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

/** G5.1's three patrol targets (網路應召站、兒少性直播、上傳散布兒少性影像) or other. */
export const PATROL_FOCUSES = ['call_girl_station', 'live_stream', 'image_distribution', 'other'] as const;
export type PatrolFocus = (typeof PATROL_FOCUSES)[number];

export interface Patrol {
  id: string;
  officer: { id: string; username: string; displayName: string };
  unit: UnitRef;
  startedAt: string;
  endedAt: string | null;
  platformIds: string[];
  keywords: string[];
  focuses: PatrolFocus[];
  notes: string | null;
}

export interface PatrolPlan {
  platformIds?: string[];
  keywords?: string[];
  focuses?: PatrolFocus[];
  notes?: string | null;
}

/** The server's limits (src/modules/patrols/patrols.service.ts), checked early in the form too. */
export const MAX_PATROL_KEYWORDS = 50;
export const MAX_KEYWORD_LENGTH = 100;
export const MAX_PATROL_NOTES = 5000;

export const PATROL_CURRENT_KEY = ['patrols', 'current'] as const;

/** `GET /api/patrols/current`: the signed-in officer's running patrol, or null. */
export function useCurrentPatrol() {
  return useQuery({
    queryKey: PATROL_CURRENT_KEY,
    queryFn: async ({ signal }) => (await apiGet<{ patrol: Patrol | null }>('/api/patrols/current', { signal })).patrol,
    // Officers come back from the platforms' tabs; a patrol ended or started in another tab shows up then.
    refetchOnWindowFocus: true,
  });
}

/** `POST /api/patrols` (409 CONFLICT when a patrol is already running). */
export function startPatrol(plan: PatrolPlan): Promise<Patrol> {
  return apiPost<Patrol>('/api/patrols', plan);
}

/** `PATCH /api/patrols/:id`: new platforms, keywords or notes for the running patrol. */
export function updatePatrol(id: string, plan: PatrolPlan): Promise<Patrol> {
  return apiPatch<Patrol>(`/api/patrols/${encodeURIComponent(id)}`, plan);
}

/** `POST /api/patrols/:id/end`. */
export function endPatrol(id: string, notes?: string | null): Promise<Patrol> {
  return apiPost<Patrol>(`/api/patrols/${encodeURIComponent(id)}/end`, notes === undefined ? {} : { notes });
}

/** The patrol mutations; each one puts the answer in the current-patrol entry and refreshes what counts patrols. */
export function usePatrolMutations() {
  const queryClient = useQueryClient();
  const settle = async (patrol: Patrol | null) => {
    queryClient.setQueryData(PATROL_CURRENT_KEY, patrol);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['patrols'] }),
      queryClient.invalidateQueries({ queryKey: ['me', 'work'] }),
    ]);
  };
  return {
    start: useMutation({ mutationFn: startPatrol, onSuccess: (patrol) => settle(patrol) }),
    update: useMutation({ mutationFn: ({ id, plan }: { id: string; plan: PatrolPlan }) => updatePatrol(id, plan), onSuccess: (patrol) => settle(patrol) }),
    end: useMutation({ mutationFn: (id: string) => endPatrol(id), onSuccess: () => settle(null) }),
  };
}

export type LogPeriod = 'day' | 'month';

export interface PatrolLogRow {
  /** `2026-11-28` (day) or `2026-11` (month), Taipei calendar. */
  period: string;
  officerId: string;
  officerUsername: string;
  officerDisplayName: string;
  unitCode: string;
  sessions: number;
  minutes: number;
  findingsRecorded: number;
  sightings: number;
}

export interface PatrolLogQuery {
  period: LogPeriod;
  /** ISO instants; `to` is exclusive. The server allows at most 400 days. */
  from: string;
  to: string;
}

/** The server's longest log range. */
export const MAX_LOG_DAYS = 400;

/** `GET /api/patrols/log`: the officer's own rows, a supervisor's unit subtree, everyone for the WCPD. */
export function usePatrolLog(query: PatrolLogQuery | null) {
  return useQuery({
    queryKey: ['patrols', 'log', query],
    queryFn: async ({ signal }) => (await apiGet<{ items: PatrolLogRow[] }>(withQuery('/api/patrols/log', { ...query }), { signal })).items,
    enabled: query !== null,
  });
}

// Findings ----------------------------------------------------------------------------------

/** Act Art. 2 ¶1 subparagraphs 1–3 (the Art. 40 targets), harmful to minors, or no target. */
export const TARGET_CATEGORIES = ['unassessed', 'art2_1_1', 'art2_1_2', 'art2_1_3', 'harmful', 'not_target'] as const;
export type TargetCategory = (typeof TARGET_CATEGORIES)[number];

export interface KnownElsewhere {
  /** False: another scope holds it; only the unit is told, never the details. */
  visible: boolean;
  findingId: string | null;
  unit: { code: string; nameZh: string; nameEn: string };
  seenAt: string;
  inCase: boolean;
  caseId: string | null;
  caseNumber: string | null;
}

export interface UrlLookup {
  canonicalUrl: string;
  host: string;
  platform: PlatformRef | null;
  known: KnownElsewhere[];
}

export interface StoredTriage {
  lexiconId: string;
  lexiconVersion: number;
  score: number;
  matches: TriageMatch[];
}

export interface Finding {
  id: string;
  url: string;
  canonicalUrl: string;
  host: string;
  platform: PlatformRef;
  unit: UnitRef;
  recordedBy: string;
  patrolSessionId: string | null;
  accountName: string | null;
  accountId: string | null;
  posterIp: string | null;
  identitySource: string | null;
  contentText: string | null;
  postedAt: string | null;
  seenAt: string;
  ephemeral: boolean;
  targetCategory: TargetCategory;
  /** Which of G5.1's patrol targets the finding is, if the officer said. */
  targetKind: PatrolFocus | null;
  triageScore: number;
  triage: StoredTriage | null;
  pageTriage: (StoredTriage & { evidenceItemId: string }) | null;
  notes: string | null;
  case: { id: string; number: string; title: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface RecordFindingInput {
  url: string;
  platformId?: string;
  patrolSessionId?: string;
  accountName?: string;
  accountId?: string;
  posterIp?: string;
  contentText?: string;
  postedAt?: string;
  seenAt?: string;
  ephemeral?: boolean;
  targetCategory?: TargetCategory;
  targetKind?: PatrolFocus;
  notes?: string;
}

export interface RecordFindingResult {
  /** `sighting_added`: the officer's scope already held the URL; one more sighting of that finding. */
  outcome: 'created' | 'sighting_added';
  finding: Finding;
  known: KnownElsewhere[];
}

/** The server's limit on a finding's content text (src/modules/findings/findings.service.ts). */
export const MAX_CONTENT_TEXT = 200_000;

/** `GET /api/findings/lookup`: canonical form, platform and every holder of a URL (400 for a bad URL). */
export function useUrlLookup(url: string) {
  return useQuery({
    queryKey: ['findings', 'patrol-lookup', url],
    queryFn: ({ signal }) => apiGet<UrlLookup>(withQuery('/api/findings/lookup', { url }), { signal }),
    enabled: url.length > 0,
    // A colleague may record the URL any moment: never trust an old answer for long.
    staleTime: 5_000,
  });
}

/** `POST /api/findings`: 201 created, or 200 with a sighting added to the finding already held. */
export function recordFinding(input: RecordFindingInput): Promise<RecordFindingResult> {
  return apiPost<RecordFindingResult>('/api/findings', input);
}

export const patrolFindingsKey = (patrolSessionId: string) => ['findings', 'by-patrol', patrolSessionId] as const;

/** The findings first recorded in a patrol, newest first (the server's page limit, 200). */
export function usePatrolFindings(patrolSessionId: string) {
  return useQuery({
    queryKey: patrolFindingsKey(patrolSessionId),
    queryFn: async ({ signal }) =>
      (await apiGet<{ items: Finding[]; nextCursor: string | null }>(withQuery('/api/findings', { patrolSessionId, limit: 200 }), { signal })).items,
  });
}

/** Records a finding and refreshes every findings list and look-up, the patrol log and the home page. */
export function useRecordFinding() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordFinding,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['findings'] }),
        queryClient.invalidateQueries({ queryKey: ['patrols', 'log'] }),
        queryClient.invalidateQueries({ queryKey: ['me', 'work'] }),
      ]);
    },
  });
}
