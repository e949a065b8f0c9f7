/**
 * `/api/cases/:caseId/victims`, `/api/victims/*` and `/api/audit/victim-reveals` (issue #7; G5.3.1,
 * G5.3.2, G6.3.6). Lists and pages carry masked forms only (王O明, A12****789); the clear identity
 * leaves the server in the reveal answer alone (and in the confidential PDF, asked for with a
 * reason). Neither is ever put in the query cache: the reveal is a plain call whose answer the
 * caller keeps in component state, the PDF a download. `can` only tells the page which buttons to
 * offer; the server checks every call.
 */
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost, withQuery } from '../../lib/api.ts';
import { caseDetailKey, casePath, caseTimelineKey, apiPut } from '../cases/cases.api.ts';
import { fetchFile } from '../board/file-download.ts';
import { saveBlob } from '../evidence/evidence.api.ts';

export const VICTIM_SEXES = ['female', 'male', 'other'] as const;
export type VictimSex = (typeof VICTIM_SEXES)[number];
/** An adult's answer to "social worker?" and "counselling referral?" (G5.3.2); declining to answer is an answer. */
export const REFERRAL_ANSWERS = ['yes', 'no', 'refused_to_answer'] as const;
export type ReferralAnswer = (typeof REFERRAL_ANSWERS)[number];
/** The SAB's six protective services, in the guideline's order (G5.3.2). */
export const VICTIM_SERVICES = ['single_window', 'psychological_support', 'judicial_accompaniment', 'legal_advice', 'placement_assessment', 'parenting_talks'] as const;
export type VictimService = (typeof VICTIM_SERVICES)[number];
export const SERVICE_RESPONSES = ['accepted', 'declined'] as const;
export type ServiceResponse = (typeof SERVICE_RESPONSES)[number];
export const SIPC_CHANNELS = ['online_form', 'email', 'phone', 'letter'] as const;
export type SipcChannel = (typeof SIPC_CHANNELS)[number];
export const SIPC_OUTCOMES = ['removed', 'not_removed'] as const;
export type SipcOutcome = (typeof SIPC_OUTCOMES)[number];
export const COMPLAINT_BLOCKS = ['authorisation_required', 'no_sealed_evidence'] as const;
export type ComplaintBlock = (typeof COMPLAINT_BLOCKS)[number];

/** The server's limits (victims.service.ts, victims.contract.ts, victim-protection.service.ts). */
export const VICTIM_LIMITS = {
  name: 100,
  nationalId: 20,
  contact: 200,
  notes: 2000,
  reasonMin: 5,
  reasonMax: 500,
  scope: 1000,
  grounds: 1000,
  note: 1000,
  reference: 100,
  socialWorkerName: 100,
} as const;

/** What the signed-in user may do with the case's victims. */
export interface VictimRights {
  create: boolean;
  seeIdentity: boolean;
  protect: boolean;
  hold: boolean;
}

/** A victim as every list shows it: masked, never the identity. */
export interface VictimSummary {
  id: string;
  caseId: string;
  maskedName: string;
  maskedNationalId: string | null;
  maskedGuardianName: string | null;
  hasContact: boolean;
  hasGuardianContact: boolean;
  /** `YYYY-MM-DD`. */
  incidentDate: string;
  sex: VictimSex | null;
  notes: string | null;
  /** Under 18 on the incident date (民法第 124 條). */
  isMinor: boolean;
  ageAtIncident: number;
  /** The rule that decided `isMinor`, e.g. `civil-code-124/v1`. */
  ageRule: string;
  purgedAt: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  sipc: { filed: number; open: number; overdue: number };
}

/** A legal hold that stops the retention purge: of every victim of the case (`victimId` null) or of one. */
export interface VictimHold {
  id: string;
  caseId: string;
  victimId: string | null;
  reason: string;
  setBy: string;
  setAt: string;
  active: boolean;
  clearedBy: string | null;
  clearedAt: string | null;
  clearReason: string | null;
}

export interface CaseVictims {
  items: VictimSummary[];
  holds: VictimHold[];
  can: VictimRights;
}

/** An adult's own authorisation to complain to the SIPC: the signed form is an evidence item of the case. */
export interface VictimAuthorisation {
  id: string;
  evidenceId: string;
  signedOn: string;
  scope: string;
  recordedAt: string;
}

/** What a complaint carries (G6.2.1): reason, full URLs and their sealed captures; never an identity. */
export interface ComplaintContent {
  caseNumber: string;
  grounds: string;
  urls: { targetId: string; url: string; evidenceId: string }[];
  evidence: { id: string; sha256: string; capturedAt: string }[];
}

export interface SipcComplaint {
  id: string;
  filedAt: string;
  channel: SipcChannel;
  sipcReference: string | null;
  minorAtFiling: boolean;
  /** 24 (minor) or 72 (adult). */
  targetHours: number;
  dueAt: string;
  overdue: boolean;
  removedWithinTarget: boolean | null;
  authorisationId: string | null;
  content: ComplaintContent;
  outcome: SipcOutcome | null;
  outcomeAt: string | null;
  outcomeNote: string | null;
  createdAt: string;
}

export interface ComplaintDraft {
  targetHours: number;
  blockedBy: ComplaintBlock | null;
  content: ComplaintContent;
  /** Takedown URLs of the case left out because their capture is not sealed yet. */
  unsealedUrls: string[];
}

export interface ServiceState {
  service: VictimService;
  offeredOn: string | null;
  response: ServiceResponse | null;
  respondedOn: string | null;
  givenOn: string | null;
  note: string | null;
}

export interface VictimDetail extends VictimSummary {
  caseNumber: string;
  socialWorker: { name: string; arrivedAt: string } | null;
  referral: { wantsSocialWorker: ReferralAnswer; wantsCounsellingReferral: ReferralAnswer; answeredAt: string } | null;
  authorisations: VictimAuthorisation[];
  sipcComplaints: SipcComplaint[];
  /** Always the six services, in the guideline's order. */
  services: ServiceState[];
  holds: VictimHold[];
  can: VictimRights;
}

/** The clear identity: held in component state only, dropped when it is hidden or its view closes. */
export interface RevealedVictim {
  name: string;
  nationalId: string | null;
  dateOfBirth: string;
  contact: string | null;
  guardianName: string | null;
  guardianContact: string | null;
}

export interface VictimInput {
  name: string;
  nationalId?: string | null;
  dateOfBirth: string;
  contact?: string | null;
  guardianName?: string | null;
  guardianContact?: string | null;
  incidentDate: string;
  sex?: VictimSex | null;
  notes?: string | null;
}

/** A change: only the fields given are changed (identity fields are re-sealed). */
export type VictimUpdate = Partial<VictimInput>;

export interface ServiceInput {
  offeredOn: string;
  response?: ServiceResponse | null;
  respondedOn?: string | null;
  givenOn?: string | null;
  note?: string | null;
}

/** One reveal or identity export, as the auditor lists it. */
export interface VictimReveal {
  seq: number;
  victimId: string;
  caseId: string;
  caseNumber: string;
  maskedName: string;
  action: 'victim.reveal' | 'victim.identity_export';
  actorUsername: string | null;
  actorUnitCode: string | null;
  occurredAt: string;
  reason: string | null;
}

export const VICTIMS_KEY = ['victims'] as const;
export const caseVictimsKey = (caseId: string) => ['victims', 'case', caseId] as const;
export const victimDetailKey = (id: string) => ['victims', 'detail', id] as const;
export const complaintDraftKey = (id: string) => ['victims', 'draft', id] as const;
export const VICTIM_REVEALS_KEY = ['audit', 'victim-reveals'] as const;
/** Page size of the auditor's list. */
export const VICTIM_REVEALS_PAGE = 50;

const victimPath = (id: string) => `/api/victims/${encodeURIComponent(id)}`;

// Reads ---------------------------------------------------------------------------------------

/** The case's victims (masked), its legal holds and what the user may do. */
export function listCaseVictims(caseId: string, signal?: AbortSignal): Promise<CaseVictims> {
  return apiGet<CaseVictims>(`${casePath(caseId)}/victims`, { signal });
}

/** One victim (masked) with the protection records. */
export function getVictim(id: string, signal?: AbortSignal): Promise<VictimDetail> {
  return apiGet<VictimDetail>(victimPath(id), { signal });
}

/** The complaint the victim's case would file now, and what blocks it. */
export function getComplaintDraft(id: string, signal?: AbortSignal): Promise<ComplaintDraft> {
  return apiGet<ComplaintDraft>(`${victimPath(id)}/sipc-complaints/draft`, { signal });
}

/** One page of the auditor's list, newest first; `beforeSeq` is the last `seq` of the previous page. */
export async function listVictimReveals(beforeSeq: number | null, signal?: AbortSignal): Promise<VictimReveal[]> {
  return (await apiGet<{ items: VictimReveal[] }>(withQuery('/api/audit/victim-reveals', { limit: VICTIM_REVEALS_PAGE, beforeSeq }), { signal })).items;
}

// Writes (each answers the victim's page, a complaint or a hold) -------------------------------

/** Records a victim; the identity is sealed by the server and answered masked. */
export const addVictim = (caseId: string, body: VictimInput) => apiPost<VictimDetail>(`${casePath(caseId)}/victims`, body);
export const updateVictim = (id: string, body: VictimUpdate) => apiPatch<VictimDetail>(victimPath(id), body);
/** Reveals the identity for a stated reason (audited; answered no-store). Keep the answer in component state only. */
export const revealVictim = (id: string, reason: string) => apiPost<RevealedVictim>(`${victimPath(id)}/reveal`, { reason });
export const recordAuthorisation = (id: string, body: { evidenceId: string; signedOn: string; scope: string }) => apiPost<VictimDetail>(`${victimPath(id)}/authorisation`, body);
export const fileComplaint = (id: string, body: { filedAt: string; channel: SipcChannel; sipcReference?: string | null; grounds?: string | null }) =>
  apiPost<SipcComplaint>(`${victimPath(id)}/sipc-complaints`, body);
export const recordComplaintOutcome = (id: string, complaintId: string, body: { outcome: SipcOutcome; outcomeAt: string; note?: string | null; sipcReference?: string | null }) =>
  apiPost<SipcComplaint>(`${victimPath(id)}/sipc-complaints/${encodeURIComponent(complaintId)}/outcome`, body);
export const recordSocialWorker = (id: string, body: { name: string; arrivedAt: string }) => apiPost<VictimDetail>(`${victimPath(id)}/social-worker`, body);
export const recordReferral = (id: string, body: { wantsSocialWorker: ReferralAnswer; wantsCounsellingReferral: ReferralAnswer; answeredAt: string }) =>
  apiPost<VictimDetail>(`${victimPath(id)}/referral`, body);
export const setVictimService = (id: string, service: VictimService, body: ServiceInput) => apiPut<VictimDetail>(`${victimPath(id)}/services/${service}`, body);
export const holdCaseVictims = (caseId: string, reason: string) => apiPost<VictimHold>(`${casePath(caseId)}/victim-holds`, { reason });
export const holdVictim = (id: string, reason: string) => apiPost<VictimHold>(`${victimPath(id)}/holds`, { reason });
export const clearVictimHold = (holdId: string, reason: string) => apiPost<VictimHold>(`/api/victim-holds/${encodeURIComponent(holdId)}/clear`, { reason });

/**
 * `GET …/sipc-complaints/:complaintId/document`: the complaint as a PDF download, without the
 * identity, or with it (then marked 機密 and watermarked; audited with the reason). Fetched rather
 * than linked, so a refusal shows as a message; the file goes straight to the download, never into
 * the page or a cache.
 */
export async function downloadComplaintDocument(victimId: string, complaintId: string, identity: { reason: string } | null): Promise<string> {
  const path = withQuery(`${victimPath(victimId)}/sipc-complaints/${encodeURIComponent(complaintId)}/document`, identity ? { includeIdentity: 'true', reason: identity.reason } : {});
  const file = await fetchFile(path, 'sipc-complaint.pdf', 'application/pdf');
  saveBlob(file.blob, file.fileName);
  return file.fileName;
}

// Hooks ---------------------------------------------------------------------------------------

/** The case's victims, masked. */
export function useCaseVictims(caseId: string) {
  return useQuery({ queryKey: caseVictimsKey(caseId), queryFn: ({ signal }) => listCaseVictims(caseId, signal), enabled: caseId !== '' });
}

/** One victim's page (masked). */
export function useVictim(id: string) {
  return useQuery({ queryKey: victimDetailKey(id), queryFn: ({ signal }) => getVictim(id, signal), enabled: id !== '' });
}

/** The complaint draft of a victim. */
export function useComplaintDraft(id: string, enabled = true) {
  return useQuery({ queryKey: complaintDraftKey(id), queryFn: ({ signal }) => getComplaintDraft(id, signal), enabled: enabled && id !== '' });
}

/** The auditor's list, paged back by `beforeSeq`. */
export function useVictimReveals() {
  return useInfiniteQuery({
    queryKey: VICTIM_REVEALS_KEY,
    queryFn: ({ pageParam, signal }) => listVictimReveals(pageParam, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.length === VICTIM_REVEALS_PAGE ? (last[last.length - 1]?.seq ?? undefined) : undefined),
  });
}

/**
 * Puts a victim step's answer on the page: the victim's page is replaced when the answer is one,
 * and the case's list, the draft, the case (its tasks and victim count) and its timeline are
 * refreshed.
 */
export function useVictimStep(caseId: string) {
  const queryClient = useQueryClient();
  return async <T>(victimId: string | null, run: Promise<T>, answerIsDetail = false): Promise<T> => {
    const answer = await run;
    if (victimId !== null) {
      if (answerIsDetail) queryClient.setQueryData(victimDetailKey(victimId), answer);
      else void queryClient.invalidateQueries({ queryKey: victimDetailKey(victimId) });
      void queryClient.invalidateQueries({ queryKey: complaintDraftKey(victimId) });
    }
    void queryClient.invalidateQueries({ queryKey: caseVictimsKey(caseId) });
    void queryClient.invalidateQueries({ queryKey: caseDetailKey(caseId) });
    void queryClient.invalidateQueries({ queryKey: caseTimelineKey(caseId) });
    return answer;
  };
}
