/**
 * Downloads of generated files (board exports, outbox .eml files). They are fetched, not opened
 * as links, so that a refusal shows as an error on the page instead of a JSON file on disk; the
 * session cookie goes along (same origin) and the answer is saved as a blob.
 */
import { ApiError } from '../../lib/api.ts';
import { fileNameFromDisposition } from '../evidence/evidence-format.ts';

export interface FetchedFile {
  blob: Blob;
  fileName: string;
  headers: Headers;
}

/** A refused answer as the {@link ApiError} the JSON wrapper would have thrown. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
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

/** `GET` a file; the name comes from `Content-Disposition`, else `fallbackName`. Errors arrive as {@link ApiError}. */
export async function fetchFile(path: string, fallbackName: string, accept = '*/*'): Promise<FetchedFile> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', cache: 'no-store', headers: { accept: `${accept}, application/json` } });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) throw await errorFromResponse(response);
  return {
    blob: await response.blob(),
    fileName: fileNameFromDisposition(response.headers.get('content-disposition')) ?? fallbackName,
    headers: response.headers,
  };
}
