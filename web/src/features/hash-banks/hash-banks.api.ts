/**
 * `/api/hash-banks/*` and `/api/{evidence,findings,cases}/:id/image-matches` (issue #8): partners'
 * lists of known images, kept by the WCPD and administrators, and the matches of new evidence
 * against them and against the department's other evidence. The server applies need-to-know: a
 * match into a case the user may not see arrives only as a count.
 */
import { useQuery } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../lib/api.ts';
import { contentUrl } from '../evidence/evidence.api.ts';

export const HASH_TYPES = ['pdq', 'md5', 'sha256'] as const;
export type HashType = (typeof HASH_TYPES)[number];
export type ImageSource = 'upload' | 'screenshot' | 'warc_record';
export type MatchMethod = 'sha256' | 'md5' | 'pdq';

export interface HashBankImport {
  id: string;
  importedAt: string;
  importedByUsername: string;
  rows: number;
  added: number;
  csvSha256: string;
  note: string | null;
}

export interface HashBank {
  id: string;
  name: string;
  description: string | null;
  enabled: boolean;
  createdAt: string;
  createdByUsername: string;
  counts: Record<HashType | 'total', number>;
  lastImport: HashBankImport | null;
}

export interface HashBankDetail {
  bank: HashBank;
  imports: HashBankImport[];
}

export interface HashBankImportResult {
  bank: HashBank;
  rows: number;
  added: number;
  alreadyInBank: number;
  duplicatesInFile: number;
}

/** One hashed image on the user's own side of a match. */
export interface MatchedImage {
  id: number;
  evidenceItemId: string;
  source: ImageSource;
  fileName: string;
  /** Where a captured page fetched the image (hostile text: shown, never linked). */
  targetUri: string | null;
  mediaType: string;
  width: number | null;
  height: number | null;
  sha256: string;
  md5: string;
  pdq: string | null;
  pdqQuality: number | null;
  previewable: boolean;
}

export interface ImageMatch {
  id: string;
  kind: 'bank' | 'evidence';
  method: MatchMethod;
  distance: number;
  /** The variant of the new image that matched; anything but `original` means a rotated or mirrored copy. */
  dihedral: string | null;
  matchedAt: string;
  image: MatchedImage;
  bank: { id: string; name: string; enabled: boolean; hashType: HashType; label: string | null; source: string | null } | null;
  evidence: {
    evidenceItemId: string;
    kind: string;
    owningUnitCode: string;
    caseId: string | null;
    caseNumber: string | null;
    findingId: string | null;
    source: ImageSource;
    fileName: string;
    targetUri: string | null;
  } | null;
}

export interface ImageMatches {
  hashedImages: number;
  pendingItems: number;
  matches: ImageMatch[];
  /** Matches into cases the user may not see: how many, per own image, and nothing else. */
  hidden: { image: MatchedImage; count: number }[];
  hiddenTotal: number;
}

/** The server's limits (src/modules/hash-banks/hash-banks.contract.ts). */
export const HASH_BANK_CSV_MAX_CHARS = 64_000_000;
export const HASH_BANK_NAME_MAX = 100;
export const HASH_BANK_DESCRIPTION_MAX = 1000;
export const HASH_BANK_NOTE_MAX = 500;

export const HASH_BANKS_KEY = ['hash-banks'] as const;
export const HASH_BANK_LIST_KEY = ['hash-banks', 'list'] as const;
export const hashBankDetailKey = (id: string) => ['hash-banks', 'detail', id] as const;
export type MatchScope = 'evidence' | 'findings' | 'cases';
export const imageMatchesKey = (scope: MatchScope, id: string) => ['image-matches', scope, id] as const;

const bankPath = (id: string) => `/api/hash-banks/${encodeURIComponent(id)}`;

/** `GET /api/hash-banks`: every bank (WCPD and administrators). */
export async function listHashBanks(signal?: AbortSignal): Promise<HashBank[]> {
  return (await apiGet<{ items: HashBank[] }>('/api/hash-banks', { signal })).items;
}

/** `GET /api/hash-banks/:id`: a bank and every import into it. */
export function getHashBank(id: string, signal?: AbortSignal): Promise<HashBankDetail> {
  return apiGet<HashBankDetail>(bankPath(id), { signal });
}

/** `POST /api/hash-banks`: a new, empty, enabled bank; names are unique. */
export function createHashBank(input: { name: string; description?: string }): Promise<HashBank> {
  return apiPost<HashBank>('/api/hash-banks', input);
}

/**
 * `POST /api/hash-banks/:id/imports`: adds a partner's CSV (`hash_type,hash,label,source`). A bad
 * row refuses the whole import with VALIDATION_FAILED naming the row (read it with the lexicons'
 * `csvImportError`, which reads the same message form).
 */
export function importHashBankCsv(id: string, csv: string, note?: string): Promise<HashBankImportResult> {
  return apiPost<HashBankImportResult>(`${bankPath(id)}/imports`, note ? { csv, note } : { csv });
}

/** `POST /api/hash-banks/:id/enable|disable` (audited on the server). */
export function setHashBankEnabled(id: string, enabled: boolean): Promise<HashBank> {
  return apiPost<HashBank>(`${bankPath(id)}/${enabled ? 'enable' : 'disable'}`);
}

/** `GET /api/{evidence,findings,cases}/:id/image-matches`, need-to-know applied by the server. */
export function getImageMatches(scope: MatchScope, id: string, signal?: AbortSignal): Promise<ImageMatches> {
  return apiGet<ImageMatches>(`/api/${scope}/${encodeURIComponent(id)}/image-matches`, { signal });
}

/**
 * The blurred preview of a matched image: the evidence file's own preview for an upload or a
 * screenshot, the cut-out preview for an image inside a capture's WARC. Never the original.
 */
export function matchedImagePreviewUrl(image: MatchedImage): string {
  if (image.source === 'warc_record') return `/api/evidence/${encodeURIComponent(image.evidenceItemId)}/images/${image.id}/preview`;
  return contentUrl(image.evidenceItemId, image.fileName, 'preview');
}

/** Every bank. */
export function useHashBanks() {
  return useQuery({ queryKey: HASH_BANK_LIST_KEY, queryFn: ({ signal }) => listHashBanks(signal) });
}

/** One bank with its imports; idle while none is chosen. */
export function useHashBank(id: string | null) {
  return useQuery({ queryKey: hashBankDetailKey(id ?? ''), queryFn: ({ signal }) => getHashBank(id ?? '', signal), enabled: id !== null });
}

/** Matches of an item, a finding or a case; polled while some of its images are still being hashed. */
export function useImageMatches(scope: MatchScope, id: string) {
  return useQuery({
    queryKey: imageMatchesKey(scope, id),
    queryFn: ({ signal }) => getImageMatches(scope, id, signal),
    enabled: id !== '',
    gcTime: 0,
    refetchInterval: (query) => ((query.state.data?.pendingItems ?? 0) > 0 ? 3_000 : false),
  });
}
