/**
 * `/api/cases/*`: the case register (列管, G4.1.1) — the list with search, one case with its
 * workflow records (the Art. 40 check, tasks, CIB assistance, preservation, notices, transfer,
 * follow-ups), its timeline, its evidence, and every workflow step. Every read is need-to-know on
 * the server and recorded; `can` only tells the page which buttons to offer (the server still
 * checks every call).
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiPost, postMultipart, withQuery } from '../../lib/api.ts';
import { fetchSession } from '../auth/session.ts';
import { errorFromResponse, fetchFile } from '../board/file-download.ts';
import { saveBlob, type EvidenceItem } from '../evidence/evidence.api.ts';
import type { Finding, NamedRef } from '../findings/findings.api.ts';

export const CASE_STATUSES = ['open', 'assessed', 'investigating', 'transferred', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The outcome of the Art. 40 check once a supervisor signed it off (G6.3.1, G3.2). */
export const ART40_OUTCOMES = ['art40', 'harmful', 'not_target'] as const;
export type Art40Outcome = (typeof ART40_OUTCOMES)[number];

export const CIB_ASSISTANCE_STATES = ['none', 'requested', 'accepted', 'declined', 'closed'] as const;
export type CibAssistance = (typeof CIB_ASSISTANCE_STATES)[number];

/** The district prosecutors offices competent for Taipei City (臺北、士林地檢署). */
export const PROSECUTOR_OFFICES = ['taipei', 'shilin'] as const;
export type ProsecutorOffice = (typeof PROSECUTOR_OFFICES)[number];

export const NOTICE_KINDS = ['social_affairs', 'child_protection', 'fpo', 'cib_request'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_CHANNELS = ['email', 'eml_outbox', 'fax', 'paper', 'online_system', 'phone'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export const PRESERVATION_OUTCOMES = ['pending', 'granted', 'refused', 'withdrawn'] as const;
export type PreservationOutcome = (typeof PRESERVATION_OUTCOMES)[number];

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The server's text limits (src/modules/cases/case-workflow.service.ts and cases.routes.ts). */
export const CASE_LIMITS = {
  reasons: 5000,
  statusReason: 1000,
  seriousReason: 1000,
  cloudNumber: 100,
  cibReason: 2000,
  cibNote: 2000,
  preservationSubject: 2000,
  preservationNote: 2000,
  recipient: 300,
  reference: 200,
  documentNumber: 100,
  followUp: 5000,
  reviewNote: 5000,
  recipients: 20,
} as const;

export interface Case {
  id: string;
  /** `{unit code}-{ROC year}-{sequence}`, e.g. `DA-115-0001`; never reused. */
  number: string;
  title: string;
  summary: string | null;
  status: CaseStatus;
  owningUnit: NamedRef;
  platformId: string | null;
  art40Outcome: Art40Outcome | null;
  art40ConfirmedAt: string | null;
  serious: boolean;
  seriousReason: string | null;
  cloudRegistrationNumber: string | null;
  cloudRegisteredAt: string | null;
  cibAssistance: CibAssistance;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One element of the Art. 40 check: held or not, the reasons, the evidence that shows it. */
export interface Art40Element {
  held: boolean;
  reasons: string;
  evidenceIds: string[];
}

export interface Assessment {
  id: string;
  elements: { publicDissemination: Art40Element; inducement: Art40Element; childAtRisk: Art40Element & { subparagraphs: number[] } };
  proposedOutcome: Art40Outcome;
  /** User ids (the timeline names who they are). */
  submittedBy: string;
  submittedAt: string;
  decision: 'approved' | 'returned' | null;
  reviewNote: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

export interface AssessmentInput {
  publicDissemination: Art40Element;
  inducement: Art40Element;
  childAtRisk: Art40Element & { subparagraphs: number[] };
  otherOutcome?: 'harmful' | 'not_target';
}

/** A playbook step of the case (the guideline's steps as data, src/modules/playbook). */
export interface CaseTask {
  id: string;
  stepCode: string;
  clause: string;
  titleZh: string;
  titleEn: string;
  /** The due rule is the department's practice, not the guideline's or the Act's text. */
  practice: boolean;
  assigneeRole: string;
  status: TaskStatus;
  triggeredAt: string;
  dueAt: string | null;
  overdue: boolean;
  doneAt: string | null;
  closedByEvent: string | null;
}

export interface Assignee {
  userId: string;
  username: string;
  displayName: string;
  assignedAt: string;
}

export interface CibRequest {
  id: string;
  reason: string;
  requestedAt: string;
  decision: string | null;
  decisionNote: string | null;
  answeredAt: string | null;
  closedAt: string | null;
}

export interface Preservation {
  id: string;
  prosecutorOffice: ProsecutorOffice;
  requestedAt: string;
  subject: string;
  outcome: PreservationOutcome;
  outcomeAt: string | null;
  outcomeNote: string | null;
}

export interface Transfer {
  prosecutorOffice: ProsecutorOffice;
  /** `YYYY-MM-DD` (a Taipei calendar day). */
  transferredOn: string;
  documentNumber: string;
  recordedAt: string;
}

export interface CaseNotice {
  id: string;
  kind: NoticeKind;
  recipient: string;
  channel: NoticeChannel;
  sentAt: string;
  reference: string | null;
  documentSha256: string | null;
}

export interface FollowUp {
  id: string;
  note: string;
  createdAt: string;
  createdBy: string;
}

export interface CaseAbilities {
  update: boolean;
  assign: boolean;
  review: boolean;
  transfer: boolean;
  revealReporters: boolean;
}

/** What every workflow step answers with: the case page's data but its findings. */
export interface CaseWorkflow {
  case: Case;
  assignees: Assignee[];
  assessments: Assessment[];
  tasks: CaseTask[];
  cibRequests: CibRequest[];
  preservations: Preservation[];
  transfer: Transfer | null;
  notices: CaseNotice[];
  followUps: FollowUp[];
  /** How many victims the case has (a count only; the victims are listed masked in their own tab). */
  victimCount: number;
  can: CaseAbilities;
}

export interface CaseDetail extends CaseWorkflow {
  findings: Finding[];
}

/** One audit event about the case, its findings, evidence, suspects or reporters. */
export interface TimelineEvent {
  seq: number;
  occurredAt: string;
  actorUsername: string | null;
  actorUnitCode: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: string;
  details: Record<string, unknown> | null;
}

/** A user a supervisor may assign (GET /api/users). */
export interface AssignableUser {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  roles: string[];
  active: boolean;
}

/** The most the server returns in one list. */
export const CASES_LIMIT = 200;
export const CASE_SEARCH_MAX = 100;
/** The most evidence items one case page lists (the server's page limit). */
export const CASE_EVIDENCE_LIMIT = 200;

export const CASES_KEY = ['cases'] as const;
export const casesListKey = (q: string, limit: number) => ['cases', 'list', q, limit] as const;
export const caseDetailKey = (id: string) => ['cases', 'detail', id] as const;
export const caseTimelineKey = (id: string) => ['cases', 'timeline', id] as const;
export const caseEvidenceKey = (id: string) => ['evidence', 'case', id] as const;
export const ASSIGNABLE_USERS_KEY = ['users', 'assignable'] as const;

export const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

// Reads ---------------------------------------------------------------------------------------

/** `GET /api/cases`: the cases the user may see, newest first, searched by number or title. */
export async function listCases(q: string, limit: number, signal?: AbortSignal): Promise<Case[]> {
  return (await apiGet<{ items: Case[] }>(withQuery('/api/cases', { q: q.trim() || undefined, limit }), { signal })).items;
}

/** `GET /api/cases/:id`: one case with its workflow records and findings (the server records the read). */
export function getCase(id: string, signal?: AbortSignal): Promise<CaseDetail> {
  return apiGet<CaseDetail>(casePath(id), { signal });
}

/** `GET /api/cases/:id/timeline`: the audit events about the case, oldest first (a recorded read). */
export async function getCaseTimeline(id: string, signal?: AbortSignal): Promise<TimelineEvent[]> {
  return (await apiGet<{ items: TimelineEvent[] }>(`${casePath(id)}/timeline`, { signal })).items;
}

/** `GET /api/evidence?caseId=`: the case's own evidence and its findings'. */
export async function listCaseEvidence(caseId: string, signal?: AbortSignal): Promise<EvidenceItem[]> {
  return (await apiGet<{ items: EvidenceItem[] }>(withQuery('/api/evidence', { caseId, limit: CASE_EVIDENCE_LIMIT }), { signal })).items;
}

/** `GET /api/users`: the people a supervisor may see (their unit subtree); only active officers and supervisors can be assigned. */
export async function listAssignableUsers(signal?: AbortSignal): Promise<AssignableUser[]> {
  const users = (await apiGet<{ items: AssignableUser[] }>('/api/users', { signal })).items;
  return users.filter((u) => u.active && u.roles.some((r) => r === 'officer' || r === 'supervisor'));
}

// Workflow steps (each answers with the case's workflow data) ----------------------------------

/**
 * `PUT` JSON. lib/api.ts offers no PUT, so this sends it itself with the same CSRF header, read
 * fresh from the session (a token refused as stale is refreshed and tried once more).
 */
export async function apiPut<T>(path: string, body: unknown): Promise<T> {
  const put = async (token: string) => {
    try {
      return await fetch(path, {
        method: 'PUT',
        headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': token },
        credentials: 'same-origin',
        cache: 'no-store',
        body: JSON.stringify(body),
      });
    } catch (cause) {
      throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
    }
  };
  let response = await put((await fetchSession()).csrfToken);
  if (response.status === 403) {
    const error = await errorFromResponse(response.clone());
    if (!error.code.includes('CSRF')) throw error;
    response = await put((await fetchSession()).csrfToken);
  }
  if (!response.ok) throw await errorFromResponse(response);
  return (await response.json()) as T;
}

const step = <T extends object>(id: string, path: string, body: T | Record<string, never> = {}) => apiPost<CaseWorkflow>(`${casePath(id)}/${path}`, body);

/** Sets the case's assignees (supervisors of the owning unit). */
export const assignCase = (id: string, userIds: string[]) => apiPut<CaseWorkflow>(`${casePath(id)}/assignees`, { userIds });
/** Submits the Art. 40 three-element check (G6.3.1). */
export const submitAssessment = (id: string, body: AssessmentInput) => step(id, 'assessments', body);
/** Approves or returns the pending check (a supervisor who did not submit it). */
export const reviewAssessment = (id: string, assessmentId: string, body: { decision: 'approved' | 'returned'; note?: string | null }) =>
  step(id, `assessments/${encodeURIComponent(assessmentId)}/review`, body);
/** assessed → investigating; closing and reopening need a reason. */
export const changeStatus = (id: string, body: { to: CaseStatus; reason?: string | null }) => step(id, 'status', body);
/** Flags a serious or special case (G4.1.3). */
export const flagSerious = (id: string, reason: string) => step(id, 'serious', { reason });
/** Records the 雲端治安管制系統 registration of a serious case. */
export const recordCloudRegistration = (id: string, body: { number: string; registeredAt: string }) => step(id, 'cloud-registration', body);
/** Asks the CIB for assistance (G4.1.3, G6.3.5). */
export const requestCib = (id: string, reason: string) => step(id, 'cib-requests', { reason });
/** A CIB investigator accepts or declines the open request (a decline needs a note). */
export const answerCib = (id: string, body: { decision: 'accepted' | 'declined'; note?: string | null }) => step(id, 'cib-requests/answer', body);
/** Ends CIB's part. */
export const closeCib = (id: string) => step(id, 'cib-requests/close');
/** Records an urgent evidence preservation request to the prosecutor (G6.3.2). */
export const requestPreservation = (id: string, body: { prosecutorOffice: ProsecutorOffice; requestedAt: string; subject: string }) => step(id, 'preservations', body);
/** Records the prosecutor's answer to a preservation request. */
export const recordPreservationOutcome = (id: string, requestId: string, body: { outcome: Exclude<PreservationOutcome, 'pending'>; outcomeAt: string; note?: string | null }) =>
  step(id, `preservations/${encodeURIComponent(requestId)}/outcome`, body);
/** Records a notice sent outside the system (phone, fax, the child-protection online report). */
export const recordNotice = (id: string, body: { kind: NoticeKind; recipient: string; channel: NoticeChannel; sentAt: string; reference?: string | null }) => step(id, 'notices', body);
/** Generates the notice's PDF and mails it (SMTP, or the outbox without one), then records it. */
export const sendNotice = (id: string, body: { kind: 'social_affairs' | 'fpo'; recipients: string[] }) => step(id, 'notices/send', body);
/** Transfers the case to the prosecutors (G4.2.3); from then on it is read-only but for follow-ups. */
export const transferCase = (id: string, body: { prosecutorOffice: ProsecutorOffice; transferredOn: string; documentNumber: string }) => step(id, 'transfer', body);
/** Adds a follow-up entry (also after transfer). */
export const addFollowUp = (id: string, note: string) => step(id, 'follow-ups', { note });

export const CASE_DOCUMENTS = ['social_affairs', 'case_file'] as const;
export type CaseDocument = (typeof CASE_DOCUMENTS)[number];

/**
 * `GET /api/cases/:id/documents/:kind`: the PDF as a file download (the print is audited). Fetched
 * rather than linked, so a refusal shows as a message instead of a saved error page.
 */
export async function downloadCaseDocument(id: string, kind: CaseDocument): Promise<string> {
  const file = await fetchFile(`${casePath(id)}/documents/${kind}`, `${kind}.pdf`, 'application/pdf');
  saveBlob(file.blob, file.fileName);
  return file.fileName;
}

/** `POST /api/evidence/uploads` with the case: text fields first, then every file, sealed in one request. */
export async function uploadCaseEvidence(input: { caseId: string; files: File[]; notes?: string; ephemeral: boolean }): Promise<EvidenceItem[]> {
  const form = new FormData();
  form.append('caseId', input.caseId);
  form.append('ephemeral', input.ephemeral ? 'true' : 'false');
  const notes = input.notes?.trim();
  if (notes) form.append('notes', notes);
  for (const file of input.files) form.append('files', file, file.name);
  return (await postMultipart<{ items: EvidenceItem[] }>('/api/evidence/uploads', form)).items;
}

// Hooks ---------------------------------------------------------------------------------------

/** The case list for a search; the previous answer stays on screen while the next one loads. */
export function useCases(q: string, limit = CASES_LIMIT, enabled = true) {
  return useQuery({
    queryKey: casesListKey(q.trim(), limit),
    queryFn: ({ signal }) => listCases(q, limit, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One case with its workflow records and findings. */
export function useCase(id: string) {
  return useQuery({ queryKey: caseDetailKey(id), queryFn: ({ signal }) => getCase(id, signal), enabled: id !== '' });
}

/** The case's timeline. */
export function useCaseTimeline(id: string, enabled = true) {
  return useQuery({ queryKey: caseTimelineKey(id), queryFn: ({ signal }) => getCaseTimeline(id, signal), enabled: enabled && id !== '' });
}

/** The case's evidence (its own and its findings'). */
export function useCaseEvidence(id: string, enabled = true) {
  return useQuery({ queryKey: caseEvidenceKey(id), queryFn: ({ signal }) => listCaseEvidence(id, signal), enabled: enabled && id !== '' });
}

/** The officers and supervisors a supervisor may assign (loaded only when the picker opens). */
export function useAssignableUsers(enabled: boolean) {
  return useQuery({ queryKey: ASSIGNABLE_USERS_KEY, queryFn: ({ signal }) => listAssignableUsers(signal), enabled, staleTime: 5 * 60_000 });
}

/**
 * Runs a workflow step and puts its answer on the page: the case data is replaced (the findings
 * kept, the step does not send them), the timeline and lists are refreshed.
 */
export function useCaseStep(id: string): (run: Promise<CaseWorkflow>) => Promise<CaseWorkflow> {
  const queryClient = useQueryClient();
  return async (run) => {
    const workflow = await run;
    const previous = queryClient.getQueryData<CaseDetail>(caseDetailKey(id));
    if (previous) queryClient.setQueryData<CaseDetail>(caseDetailKey(id), { ...workflow, findings: previous.findings });
    else void queryClient.invalidateQueries({ queryKey: caseDetailKey(id) });
    void queryClient.invalidateQueries({ queryKey: caseTimelineKey(id) });
    void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
    return workflow;
  };
}
