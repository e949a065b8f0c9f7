/**
 * The session as the server sees it (`GET /api/auth/session`), held in one TanStack Query entry.
 * Every auth step changes the stage and rotates the CSRF token, so each step re-fetches it; the
 * route guards then move the user to the page of the new stage.
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, setCsrfToken } from '../../lib/api.ts';

export type Stage = 'anonymous' | 'mfa_required' | 'password_change_required' | 'mfa_enrollment_required' | 'active';

export interface SessionUnit {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  unit: SessionUnit;
  roles: string[];
}

export interface Session {
  authenticated: boolean;
  stage: Stage;
  csrfToken: string;
  user: SessionUser | null;
}

export const SESSION_QUERY_KEY = ['auth', 'session'] as const;

/** The page that serves each stage of the sign-in flow. */
export const STAGE_PATH: Record<Stage, string> = {
  anonymous: '/login',
  mfa_required: '/login/mfa',
  password_change_required: '/login/password',
  mfa_enrollment_required: '/login/mfa-enrollment',
  active: '/',
};

/** Why the user is sent back to the login page; shown there as a message. */
export type LoginReason = 'expired' | 'signin' | 'loggedOut';

let pendingLoginReason: LoginReason | null = null;

/** Remembers why the next redirect to the login page happens (sign-out, expiry). */
export function setLoginReason(reason: LoginReason): void {
  pendingLoginReason = reason;
}

/** The reason the next login-page redirect will carry, if any. */
export function pendingReason(): LoginReason | null {
  return pendingLoginReason;
}

/** Forgets the reason once the login page has it in its address. */
export function clearLoginReason(): void {
  pendingLoginReason = null;
}

/** The page for a stage; the login page's address carries the pending reason, if any. */
export function pathForStage(stage: Stage): string {
  if (stage === 'anonymous' && pendingLoginReason) return `${STAGE_PATH.anonymous}?reason=${pendingLoginReason}`;
  return STAGE_PATH[stage];
}

/** Fetches the session and remembers its CSRF token for the next state-changing request. */
export async function fetchSession(): Promise<Session> {
  const session = await apiGet<Session>('/api/auth/session', { ignoreSessionLoss: true });
  setCsrfToken(session.csrfToken);
  return session;
}

/** The current session (shared by every component through the query cache). */
export function useSession() {
  return useQuery({
    queryKey: SESSION_QUERY_KEY,
    queryFn: fetchSession,
    staleTime: 30_000,
    retry: 1,
  });
}

/** Re-reads the session after an auth step and publishes it to every subscriber. */
export async function refreshSession(queryClient: QueryClient): Promise<Session> {
  const session = await fetchSession();
  queryClient.setQueryData(SESSION_QUERY_KEY, session);
  return session;
}

/**
 * Ends the session on the server, drops every cached answer of the old user, and publishes
 * the new anonymous session (with its fresh CSRF token); the route guard then shows the login
 * page with a "signed out" message.
 */
export async function logout(queryClient: QueryClient): Promise<Session> {
  setLoginReason('loggedOut');
  try {
    await apiPost<{ ok: true }>('/api/auth/logout', {}, { ignoreSessionLoss: true });
  } finally {
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
  }
  return refreshSession(queryClient);
}
