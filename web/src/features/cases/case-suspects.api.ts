/**
 * `/api/cases/:caseId/suspects/*` (G6.3.4): suspects, the identifiers that point at them (with the
 * evidence that shows each), subscriber-data requests and the phone's calling-location comparison.
 * Answers that include a request reaching communications records carry the server's reminder of
 * the Communication Security and Surveillance Act (`cssaReminder`).
 */
import { useQuery } from '@tanstack/react-query';
import { apiGet, apiPost, withQuery } from '../../lib/api.ts';
import type { NamedRef } from '../findings/findings.api.ts';
import { apiPut, casePath } from './cases.api.ts';

export const IDENTIFIER_KINDS = ['platform_account', 'ip', 'email', 'phone'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const IDENTIFIER_WARNINGS = ['port_missing', 'evidence_missing', 'ip_not_public'] as const;
export type IdentifierWarning = (typeof IDENTIFIER_WARNINGS)[number];

export type RequestStatus = 'drafted' | 'sent' | 'answered';

/** The server's limits (suspects.contract.ts / suspects.service.ts). */
export const SUSPECT_LIMITS = { label: 100, notes: 5000, value: 320, recipient: 200, legalBasis: 1000, result: 20_000, locationComparison: 10_000, evidence: 50 } as const;

export interface SubscriberRequest {
  id: string;
  identifierId: string;
  recipient: string;
  legalBasis: string;
  touchesCommunications: boolean;
  status: RequestStatus;
  sentAt: string | null;
  answeredAt: string | null;
  result: string | null;
  createdAt: string;
}

export interface Identifier {
  id: string;
  suspectId: string;
  kind: IdentifierKind;
  /** Normalised by the server: IP compressed, e-mail lower-cased, phone in E.164. */
  value: string;
  platform: NamedRef | null;
  observedAt: string | null;
  port: number | null;
  evidenceIds: string[];
  locationComparison: string | null;
  locationComparedAt: string | null;
  createdAt: string;
  requests: SubscriberRequest[];
}

export interface Suspect {
  id: string;
  caseId: string;
  label: string;
  notes: string | null;
  createdAt: string;
  identifiers: Identifier[];
}

export interface SuspectList {
  items: Suspect[];
  /** Present exactly when one of the requests reaches communications records. */
  cssaReminder?: string;
}

export interface IdentifierInput {
  kind: IdentifierKind;
  value: string;
  platformId?: string | null;
  observedAt?: string | null;
  port?: number | null;
  evidenceIds: string[];
}

export interface IdentifierMatches {
  kind: IdentifierKind;
  value: string;
  total: number;
  cases: { id: string; number: string; unitCode: string }[];
  /** Other cases the user may not read: counted, never named. */
  hidden: number;
}

export const caseSuspectsKey = (caseId: string) => ['cases', 'suspects', caseId] as const;

const base = (caseId: string) => `${casePath(caseId)}/suspects`;
const identifierPath = (caseId: string, suspectId: string, identifierId: string) =>
  `${base(caseId)}/${encodeURIComponent(suspectId)}/identifiers/${encodeURIComponent(identifierId)}`;

/** `GET …/suspects` (a recorded read). */
export function listSuspects(caseId: string, signal?: AbortSignal): Promise<SuspectList> {
  return apiGet<SuspectList>(base(caseId), { signal });
}

/** Adds a suspect (a label such as 嫌疑人A, and notes). */
export function createSuspect(caseId: string, body: { label: string; notes?: string | null }): Promise<Suspect> {
  return apiPost<Suspect>(base(caseId), body);
}

/** Adds an identifier; the server normalises it and answers with warnings (a missing port or evidence, a private IP). */
export function addIdentifier(caseId: string, suspectId: string, body: IdentifierInput): Promise<Identifier & { warnings: IdentifierWarning[]; cssaReminder?: string }> {
  return apiPost(`${base(caseId)}/${encodeURIComponent(suspectId)}/identifiers`, body);
}

/** Records a phone's calling-location comparison (G6.3.4). */
export function recordLocationComparison(caseId: string, suspectId: string, identifierId: string, body: { locationComparison: string; comparedAt: string }): Promise<Identifier> {
  return apiPut<Identifier>(`${identifierPath(caseId, suspectId, identifierId)}/location-comparison`, body);
}

/** Drafts a subscriber-data request about an identifier: to whom, on what legal basis, whether it reaches communications records. */
export function createSubscriberRequest(
  caseId: string,
  suspectId: string,
  identifierId: string,
  body: { recipient: string; legalBasis: string; touchesCommunications: boolean },
): Promise<SubscriberRequest & { cssaReminder?: string }> {
  return apiPost(`${identifierPath(caseId, suspectId, identifierId)}/requests`, body);
}

/** Records when the request was sent. */
export function markRequestSent(caseId: string, suspectId: string, identifierId: string, requestId: string, sentAt: string): Promise<SubscriberRequest> {
  return apiPost(`${identifierPath(caseId, suspectId, identifierId)}/requests/${encodeURIComponent(requestId)}/sent`, { sentAt });
}

/** Records the answer to a sent request. */
export function recordRequestAnswer(caseId: string, suspectId: string, identifierId: string, requestId: string, body: { answeredAt: string; result: string }): Promise<SubscriberRequest> {
  return apiPost(`${identifierPath(caseId, suspectId, identifierId)}/requests/${encodeURIComponent(requestId)}/answer`, body);
}

/** Does another case hold this identifier? Cases the user may not read are only counted. */
export function lookupIdentifierMatches(query: { kind: IdentifierKind; value: string; platformId?: string; caseId: string }): Promise<IdentifierMatches> {
  return apiGet<IdentifierMatches>(withQuery('/api/suspects/identifier-matches', query));
}

/** The case's suspects with their identifiers and requests. */
export function useCaseSuspects(caseId: string) {
  return useQuery({ queryKey: caseSuspectsKey(caseId), queryFn: ({ signal }) => listSuspects(caseId, signal), enabled: caseId !== '' });
}
