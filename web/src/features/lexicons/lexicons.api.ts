/**
 * `/api/lexicons/*`: the keyword lists of the G6.1 toolkit, department-wide or per unit, each
 * change a new version. The server decides every right (see lexicon-rights.ts for the UI's mirror).
 */
import { useQuery } from '@tanstack/react-query';
import { ApiError, apiGet, apiPost } from '../../lib/api.ts';
import { fetchSession } from '../auth/session.ts';
import { fileNameFromDisposition } from '../evidence/evidence-format.ts';

/** Categories exactly as src/triage/lexicon.ts spells them (LEXICON_CATEGORIES). */
export const LEXICON_CATEGORIES = ['solicitation', 'price', 'age', 'contact', 'image_trade', 'live_stream', 'custom'] as const;
export type LexiconCategory = (typeof LEXICON_CATEGORIES)[number];

export const LEXICON_SCOPES = ['department', 'unit'] as const;
export type LexiconScope = (typeof LEXICON_SCOPES)[number];

export interface LexiconSummary {
  id: string;
  name: string;
  scope: LexiconScope;
  /** The owning unit of a unit list; null for a department list. */
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

export interface LexiconDetail {
  lexicon: LexiconSummary;
  entries: LexiconEntry[];
}

export interface LexiconVersion {
  version: number;
  createdAt: string;
  /** The user id of whoever saved the version; null for the shipped seed. */
  createdBy: string | null;
  changeNote: string | null;
  entryCount: number;
}

/** The server's limit of one CSV import, in characters (lexicons.routes.ts). */
export const LEXICON_CSV_MAX_CHARS = 2_000_000;
export const LEXICON_NAME_MAX = 100;
export const LEXICON_NOTE_MAX = 500;

export const LEXICONS_KEY = ['lexicons'] as const;
export const LEXICON_LIST_KEY = ['lexicons', 'list'] as const;
export const lexiconDetailKey = (id: string) => ['lexicons', 'detail', id] as const;
export const lexiconVersionsKey = (id: string) => ['lexicons', 'versions', id] as const;

const lexiconPath = (id: string) => `/api/lexicons/${encodeURIComponent(id)}`;

/** An error answer (`{ error: { code, message } }`) as an {@link ApiError}. */
async function errorFromResponse(response: Response): Promise<ApiError> {
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

async function sendPut(path: string, body: unknown, csrfToken: string): Promise<Response> {
  try {
    return await fetch(path, {
      method: 'PUT',
      headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      credentials: 'same-origin',
      cache: 'no-store',
      body: JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * `PUT` JSON with the CSRF header. lib/api.ts has no PUT helper, so this follows the evidence
 * export's pattern: the token is read fresh from the session, and a token refused as stale is
 * refreshed and tried exactly once more.
 */
async function putJson<T>(path: string, body: unknown): Promise<T> {
  let response = await sendPut(path, body, (await fetchSession()).csrfToken);
  if (response.status === 403) {
    const error = await errorFromResponse(response.clone());
    if (!error.code.includes('CSRF')) throw error;
    response = await sendPut(path, body, (await fetchSession()).csrfToken);
  }
  if (!response.ok) throw await errorFromResponse(response);
  return (await response.json()) as T;
}

/** `GET /api/lexicons`: the lists the user may read. */
export async function listLexicons(signal?: AbortSignal): Promise<LexiconSummary[]> {
  return (await apiGet<{ items: LexiconSummary[] }>('/api/lexicons', { signal })).items;
}

/** `GET /api/lexicons/:id`: a list and the entries of its latest version. */
export function getLexicon(id: string, signal?: AbortSignal): Promise<LexiconDetail> {
  return apiGet<LexiconDetail>(lexiconPath(id), { signal });
}

/** `POST /api/lexicons`: an empty list, department-wide or for the user's own unit. */
export function createLexicon(input: { name: string; scope: LexiconScope }): Promise<LexiconDetail> {
  return apiPost<LexiconDetail>('/api/lexicons', input);
}

/**
 * `PUT /api/lexicons/:id/csv`: replaces the entries as a new version. A bad row refuses the whole
 * import with VALIDATION_FAILED naming the row (see {@link csvErrorRow}).
 */
export function importLexiconCsv(id: string, csv: string, note?: string): Promise<LexiconDetail> {
  return putJson<LexiconDetail>(`${lexiconPath(id)}/csv`, note ? { csv, note } : { csv });
}

/** `GET /api/lexicons/:id/versions`: every version, newest first. */
export async function listLexiconVersions(id: string, signal?: AbortSignal): Promise<LexiconVersion[]> {
  return (await apiGet<{ items: LexiconVersion[] }>(`${lexiconPath(id)}/versions`, { signal })).items;
}

/**
 * `GET /api/lexicons/:id/csv`: the latest version as a CSV file. Fetched (not opened as a link) so
 * that a refusal shows as an error on the page instead of a JSON file on disk.
 */
export async function exportLexiconCsv(id: string): Promise<{ blob: Blob; fileName: string }> {
  let response: Response;
  try {
    response = await fetch(`${lexiconPath(id)}/csv`, { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'text/csv, application/json' } });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) throw await errorFromResponse(response);
  return { blob: await response.blob(), fileName: fileNameFromDisposition(response.headers.get('content-disposition')) ?? `lexicon-${id}.csv` };
}

/**
 * The row and reason of a refused CSV import, or null when the error is something else. The
 * server's message reads `CSV 第 N 列錯誤 (row N): reason`; the reason comes from the CSV parser
 * (src/triage/lexicon.ts) and is shown as the server wrote it.
 */
export function csvImportError(error: unknown): { row: number; reason: string } | null {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return null;
  const match = /\(row (\d+)\):\s*([\s\S]*)$/.exec(error.message);
  return match ? { row: Number(match[1]), reason: (match[2] ?? '').trim() } : null;
}

/** Every lexicon the user may read. */
export function useLexicons() {
  return useQuery({ queryKey: LEXICON_LIST_KEY, queryFn: ({ signal }) => listLexicons(signal) });
}

/** One lexicon with its entries; idle while no list is chosen. */
export function useLexicon(id: string | null) {
  return useQuery({ queryKey: lexiconDetailKey(id ?? ''), queryFn: ({ signal }) => getLexicon(id ?? '', signal), enabled: id !== null });
}

/** The version history of one lexicon, fetched only while it is shown. */
export function useLexiconVersions(id: string | null, enabled: boolean) {
  return useQuery({ queryKey: lexiconVersionsKey(id ?? ''), queryFn: ({ signal }) => listLexiconVersions(id ?? '', signal), enabled: enabled && id !== null });
}
