/**
 * `/api/evidence/*` and `/api/captures/*`: sealed evidence items (G6.1, G6.3.6).
 *
 * Every detail read, preview, reveal and download is a custody event recorded by the server; the
 * content URLs below are used directly as `<img src>` (same origin, the session cookie applies),
 * never fetched into the page as documents. Captured HTML is never rendered in the app.
 */
import { ApiError, apiGet, apiPost, postMultipart, withQuery } from '../../lib/api.ts';
import { fetchSession } from '../auth/session.ts';
import { fileNameFromDisposition } from './evidence-format.ts';

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

// Chat records ------------------------------------------------------------------------------

/** What a chat message is; non-text kinds keep the export's own marker as `text` (e.g. "[貼圖]"). */
export const CHAT_MESSAGE_KINDS = ['text', 'sticker', 'photo', 'video', 'file', 'unsent', 'call', 'system'] as const;
export type ChatMessageKind = (typeof CHAT_MESSAGE_KINDS)[number];

export interface ChatMessage {
  /** ISO 8601 in Taipei time (+08:00). */
  time: string;
  /** '' for system lines, which have no sender. */
  sender: string;
  text: string;
  kind: ChatMessageKind;
}

/** The formats the server parses; `auto` sends no format and lets the server detect it. */
export const CHAT_FORMATS = ['auto', 'line', 'csv'] as const;
export type ChatFormatChoice = (typeof CHAT_FORMATS)[number];

/** The server's limit for one chat export (src/modules/evidence/chat-import.service.ts). */
export const CHAT_IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export const chatMessagesKey = (id: string) => ['evidence', 'chat', id] as const;

export interface ChatImportInput {
  file: File;
  format: ChatFormatChoice;
  notes?: string;
}

/**
 * `POST /api/evidence/chat-imports`: one LINE `.txt` export or `time,sender,text` CSV, sealed as
 * received and parsed from the sealed copy. Text fields go first, then the one file.
 */
export function importChat(input: ChatImportInput): Promise<EvidenceDetail> {
  const form = new FormData();
  if (input.format !== 'auto') form.append('format', input.format);
  const notes = input.notes?.trim();
  if (notes) form.append('notes', notes);
  form.append('file', input.file, input.file.name);
  return postMultipart<EvidenceDetail>('/api/evidence/chat-imports', form);
}

/** `GET /api/evidence/:id/chat`: the messages, parsed again from the sealed export (a recorded view). */
export async function getChatMessages(id: string, signal?: AbortSignal): Promise<ChatMessage[]> {
  return (await apiGet<{ messages: ChatMessage[] }>(`${itemPath(id)}/chat`, { signal })).messages;
}

/** The printable PDF of a whole chat record, as an attachment; printing needs a recorded reason. */
export function chatPdfUrl(id: string, reason: string): string {
  return withQuery(`${itemPath(id)}/chat.pdf`, { reason });
}

// Export packages ---------------------------------------------------------------------------

/** The server's limit of items in one export package. */
export const EXPORT_MAX_ITEMS = 200;

export interface ExportedPackage {
  blob: Blob;
  fileName: string;
  /** SHA-256 of the signed manifest inside the package (the `X-Manifest-SHA256` header). */
  manifestSha256: string;
}

async function postExport(body: { itemIds: string[]; reason: string }, csrfToken: string): Promise<Response> {
  try {
    return await fetch('/api/evidence/exports', {
      method: 'POST',
      headers: { accept: 'application/zip, application/json', 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      credentials: 'same-origin',
      cache: 'no-store',
      body: JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
  }
}

async function exportError(response: Response): Promise<ApiError> {
  let payload: unknown;
  try {
    payload = JSON.parse(await response.text());
  } catch {
    payload = undefined;
  }
  const error = (payload as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`;
  const message = typeof error?.message === 'string' ? error.message : response.statusText;
  return new ApiError(response.status, code, message, payload);
}

/**
 * `POST /api/evidence/exports`: the zip of the chosen items (signed manifest, custody events and
 * a watermarked PDF list). The answer is binary, so this goes through fetch directly instead of
 * the JSON wrapper, with the same CSRF header: the token is read fresh from the session first,
 * and a token refused as stale is refreshed and tried exactly once more.
 */
export async function exportEvidence(itemIds: string[], reason: string): Promise<ExportedPackage> {
  const body = { itemIds, reason };
  let response = await postExport(body, (await fetchSession()).csrfToken);
  if (response.status === 403) {
    const error = await exportError(response.clone());
    if (!error.code.includes('CSRF')) throw error;
    response = await postExport(body, (await fetchSession()).csrfToken);
  }
  if (!response.ok) throw await exportError(response);
  const blob = await response.blob();
  return {
    blob,
    fileName: fileNameFromDisposition(response.headers.get('content-disposition')) ?? 'evidence-export.zip',
    manifestSha256: response.headers.get('x-manifest-sha256') ?? '',
  };
}

/** Saves a blob under a name through a temporary object URL and a `<a download>` link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once the click is handled; free the blob a little later.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
