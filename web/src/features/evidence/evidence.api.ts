/**
 * `/api/evidence/*` and `/api/captures/*`: sealed evidence items (G6.1, G6.3.6).
 *
 * Every detail read, preview, reveal and download is a custody event recorded by the server; the
 * content URLs below are used directly as `<img src>` (same origin, the session cookie applies),
 * never fetched into the page as documents. Captured HTML is never rendered in the app.
 */
import { apiGet, apiPost, postMultipart, withQuery } from '../../lib/api.ts';

export const EVIDENCE_KINDS = ['web_capture', 'upload', 'chat_record', 'derived'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface EvidenceExif {
  takenAt?: string;
  make?: string;
  model?: string;
  software?: string;
}

export interface EvidenceMetadata {
  width?: number;
  height?: number;
  exif?: EvidenceExif;
  [key: string]: unknown;
}

export interface EvidenceItem {
  id: string;
  kind: EvidenceKind;
  owningUnitCode: string;
  caseId: string | null;
  sourceUrl: string | null;
  platform: string | null;
  capturedAt: string;
  recordedAt: string;
  ephemeral: boolean;
  sha256: string;
  md5: string | null;
  sizeBytes: number;
  mediaType: string;
  originalFilename: string | null;
  notes: string | null;
  metadata: EvidenceMetadata;
  supersedesId: string | null;
}

export interface EvidenceFile {
  name: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
}

export interface EvidenceDetail {
  item: EvidenceItem;
  files: EvidenceFile[];
}

export interface EvidenceVerification {
  ok: boolean;
  checked: number;
  failures: { itemId: string; name: string; sha256: string; problem: string }[];
}

/** The server's limits (src/modules/evidence/evidence.routes.ts), checked early in the form too. */
export const UPLOAD_MAX_FILES = 20;
export const UPLOAD_MAX_FILE_BYTES = 512 * 1024 * 1024;

/** Page size of the evidence list. */
export const EVIDENCE_PAGE_SIZE = 50;

/** Reveal and download reasons: at least this many characters (after trimming), at most 500. */
export const REASON_MIN_LENGTH = 4;
export const REASON_MAX_LENGTH = 500;

export const EVIDENCE_LIST_KEY = ['evidence', 'list'] as const;
export const evidenceDetailKey = (id: string) => ['evidence', 'detail', id] as const;

const itemPath = (id: string) => `/api/evidence/${encodeURIComponent(id)}`;

/** One page of the items the user may see, newest recorded first; `before` is a recorded-at bound. */
export async function listEvidence(before: string | null, signal?: AbortSignal): Promise<EvidenceItem[]> {
  return (await apiGet<{ items: EvidenceItem[] }>(withQuery('/api/evidence', { limit: EVIDENCE_PAGE_SIZE, before }), { signal })).items;
}

/** `GET /api/evidence/:id`: the item and its files (the server records the view). */
export function getEvidence(id: string, signal?: AbortSignal): Promise<EvidenceDetail> {
  return apiGet<EvidenceDetail>(itemPath(id), { signal });
}

export type ContentMode = 'preview' | 'reveal' | 'download';

/**
 * The address of a file's content: `preview` is a blurred JPEG of an image; `reveal` (the
 * original) and `download` (an attachment) need a reason, which the server records.
 */
export function contentUrl(id: string, fileName: string, mode: ContentMode, reason?: string): string {
  return withQuery(`${itemPath(id)}/files/${encodeURIComponent(fileName)}/content`, {
    mode,
    reason: mode === 'preview' ? undefined : reason,
  });
}

/** Image types the server can blur for a preview (HEIC cannot be decoded there). */
const PREVIEWABLE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** True when the server offers a blurred preview (and a reveal) of this file. */
export function isPreviewable(mediaType: string): boolean {
  return PREVIEWABLE_TYPES.has(mediaType);
}

/** Starts a download through an attachment link: the file streams to disk, never into the page. */
export function startDownload(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

export interface UploadInput {
  files: File[];
  ephemeral: boolean;
  notes?: string;
  platform?: string;
  sourceUrl?: string;
  /** ISO date-time at which the officer saw the content. */
  seenAt?: string;
}

/** `POST /api/evidence/uploads`: one multipart request, text fields first, then every file. */
export async function uploadEvidence(input: UploadInput): Promise<EvidenceItem[]> {
  const form = new FormData();
  form.append('ephemeral', input.ephemeral ? 'true' : 'false');
  for (const [name, value] of [
    ['notes', input.notes],
    ['platform', input.platform],
    ['sourceUrl', input.sourceUrl],
    ['seenAt', input.seenAt],
  ] as const) {
    const text = value?.trim();
    if (text) form.append(name, text);
  }
  for (const file of input.files) form.append('files', file, file.name);
  return (await postMultipart<{ items: EvidenceItem[] }>('/api/evidence/uploads', form)).items;
}

/** `POST /api/evidence/verify` (auditors): re-hashes every stored file on the server. */
export function verifyEvidence(): Promise<EvidenceVerification> {
  return apiPost<EvidenceVerification>('/api/evidence/verify', {});
}

// Web captures ------------------------------------------------------------------------------

export const CAPTURE_STATUSES = ['queued', 'running', 'sealed', 'failed'] as const;
export type CaptureStatus = (typeof CAPTURE_STATUSES)[number];

export interface Capture {
  id: string;
  url: string;
  platform: string | null;
  status: CaptureStatus;
  attempts: number;
  error: string | null;
  evidenceItemId: string | null;
  owningUnitCode: string;
  createdAt: string;
  updatedAt: string;
}

export interface CaptureInput {
  url: string;
  platform?: string;
  notes?: string;
  ephemeral?: boolean;
}

export const CAPTURE_LIST_KEY = ['captures', 'list'] as const;
export const captureKey = (id: string) => ['captures', 'detail', id] as const;

/** How often a capture in progress is polled. */
export const CAPTURE_POLL_MS = 1_500;

/** True once a capture will not change any more. */
export function isCaptureDone(status: CaptureStatus | undefined): boolean {
  return status === 'sealed' || status === 'failed';
}

/** `POST /api/captures`: queues a capture of a public page (answers 202 with the new capture). */
export function requestCapture(input: CaptureInput): Promise<Capture> {
  return apiPost<Capture>('/api/captures', input);
}

/** `GET /api/captures/:id`. */
export function getCapture(id: string, signal?: AbortSignal): Promise<Capture> {
  return apiGet<Capture>(`/api/captures/${encodeURIComponent(id)}`, { signal });
}

/** `GET /api/captures`: the recent captures the user may see, newest first. */
export async function listCaptures(signal?: AbortSignal): Promise<Capture[]> {
  return (await apiGet<{ items: Capture[] }>(withQuery('/api/captures', { limit: 50 }), { signal })).items;
}
