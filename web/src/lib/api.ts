/**
 * The single fetch wrapper of the web app.
 *
 * - Same-origin cookies only (the session cookie is HttpOnly; the app never sees it).
 * - Every state-changing request carries `x-csrf-token`, the token from the latest
 *   `GET /api/auth/session`; the token rotates after each login step and after logout, so the
 *   session query must be re-fetched after every auth step (see features/auth/session.ts).
 * - Errors arrive as `{ error: { code, message } }` and are thrown as {@link ApiError} with the
 *   stable code, which the UI translates through the i18n catalogue (`errors.<CODE>`).
 * - `SESSION_EXPIRED` / `UNAUTHENTICATED` anywhere hands over to the registered handler, which
 *   sends the user to the login page with a message; `LOGIN_STEP_REQUIRED` re-reads the session
 *   so the route guard shows the pending sign-in step.
 */

import { noteServerDateHeader } from './server-clock.ts';

/** An error answered by the API (or a network failure, code `NETWORK_ERROR`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The parsed response body, for the rare answer that carries data with an error status. */
  readonly body: unknown;

  constructor(status: number, code: string, message: string, body?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** Error codes that mean "there is no usable session any more". */
export const SESSION_LOST_CODES: ReadonlySet<string> = new Set(['SESSION_EXPIRED', 'UNAUTHENTICATED']);

let csrfToken = '';
let sessionLostHandler: ((code: string) => void) | null = null;
let csrfRefresher: (() => Promise<void>) | null = null;
let stageChangeHandler: (() => void) | null = null;

/** Remembers the CSRF token of the latest session answer. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Registers what happens when the server says the session is gone (expired or absent). */
export function onSessionLost(handler: (code: string) => void): void {
  sessionLostHandler = handler;
}

/**
 * Registers how to fetch a fresh CSRF token; used once per request when the server refuses a
 * token that went stale in another tab.
 */
export function onCsrfRefresh(refresher: () => Promise<void>): void {
  csrfRefresher = refresher;
}

/** Registers what happens when the server says a sign-in step is still pending (re-read the stage). */
export function onLoginStepRequired(handler: () => void): void {
  stageChangeHandler = handler;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  /** Skip the session-lost redirect (the session probe itself, the login step calls). */
  ignoreSessionLoss?: boolean;
  signal?: AbortSignal;
}

function isErrorBody(value: unknown): value is { error: { code: string; message?: string } } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

async function send<T>(method: Method, path: string, body: unknown, options: RequestOptions, retried: boolean): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData body goes out as multipart/form-data; the browser writes the boundary itself.
  const multipart = typeof FormData !== 'undefined' && body instanceof FormData;
  if (method !== 'GET') {
    if (!multipart) headers['content-type'] = 'application/json';
    headers['x-csrf-token'] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: method === 'GET' ? undefined : multipart ? body : JSON.stringify(body ?? {}),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
  }
  // Every answer tells the server's time; deadlines count on it, not on the PC's clock.
  noteServerDateHeader(response.headers.get('date'));

  const text = await response.text();
  let payload: unknown = undefined;
  if (text.length > 0) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }

  if (response.ok) return payload as T;

  const code = isErrorBody(payload) ? payload.error.code : `HTTP_${response.status}`;
  const message = isErrorBody(payload) ? (payload.error.message ?? '') : response.statusText;

  // A token rotated by another tab: fetch the current one and try exactly once more.
  if (response.status === 403 && code.includes('CSRF') && !retried && csrfRefresher) {
    await csrfRefresher();
    return send<T>(method, path, body, options, true);
  }

  if (response.status === 401 && SESSION_LOST_CODES.has(code) && !options.ignoreSessionLoss) {
    sessionLostHandler?.(code);
  }
  if (code === 'LOGIN_STEP_REQUIRED' && !options.ignoreSessionLoss) stageChangeHandler?.();
  throw new ApiError(response.status, code, message, payload);
}

/** `GET` a JSON resource. */
export function apiGet<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return send<T>('GET', path, undefined, options, false);
}

/** `POST` JSON (with the CSRF header). */
export function apiPost<T>(path: string, body: unknown = {}, options: RequestOptions = {}): Promise<T> {
  return send<T>('POST', path, body, options, false);
}

/** `PATCH` JSON (with the CSRF header). */
export function apiPatch<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  return send<T>('PATCH', path, body, options, false);
}

/**
 * `POST` multipart/form-data (with the CSRF header). Append text fields before files: the server
 * reads the parts in order. A refused CSRF token is retried once with the same FormData.
 */
export function postMultipart<T>(path: string, form: FormData, options: RequestOptions = {}): Promise<T> {
  return send<T>('POST', path, form, options, false);
}

/** Builds `path?query`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
