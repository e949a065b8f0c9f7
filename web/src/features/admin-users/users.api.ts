/** `/api/users`: accounts, roles, one-time passwords, MFA reset and unlock (administrators only). */
import { apiGet, apiPatch, apiPost, withQuery } from '../../lib/api.ts';

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  unitId: string;
  roles: string[];
  active: boolean;
  mfaEnrolled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UserFilters {
  unitId?: string;
  q?: string;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  email?: string;
  unitId: string;
  roles: string[];
}

export interface UpdateUserInput {
  displayName?: string;
  email?: string | null;
  unitId?: string;
  roles?: string[];
  active?: boolean;
}

export const usersQueryKey = (filters: UserFilters) => ['users', filters] as const;

const userPath = (id: string, action = '') => `/api/users/${encodeURIComponent(id)}${action}`;

/** `GET /api/users?unitId=&q=`. */
export async function listUsers(filters: UserFilters, signal?: AbortSignal): Promise<User[]> {
  return (await apiGet<{ items: User[] }>(withQuery('/api/users', { unitId: filters.unitId, q: filters.q }), { signal })).items;
}

/** `POST /api/users`: the answer carries the one-time password, shown once. */
export function createUser(input: CreateUserInput): Promise<{ user: User; oneTimePassword: string }> {
  return apiPost('/api/users', input);
}

/** `PATCH /api/users/:id`. */
export function updateUser(id: string, patch: UpdateUserInput): Promise<User> {
  return apiPatch(userPath(id), patch);
}

/** `POST /api/users/:id/reset-password`: a new one-time password, shown once. */
export function resetPassword(id: string): Promise<{ oneTimePassword: string }> {
  return apiPost(userPath(id, '/reset-password'), {});
}

/** `POST /api/users/:id/reset-mfa`. */
export function resetMfa(id: string): Promise<User> {
  return apiPost(userPath(id, '/reset-mfa'), {});
}

/** `POST /api/users/:id/unlock`. */
export function unlockUser(id: string): Promise<User> {
  return apiPost(userPath(id, '/unlock'), {});
}

/** True while a lock-out is in force. */
export function isLocked(user: Pick<User, 'lockedUntil'>, now: number = Date.now()): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now;
}
