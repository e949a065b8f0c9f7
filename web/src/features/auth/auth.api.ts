/** Calls of the sign-in flow (`/api/auth/*`). Each answer carries the next stage. */
import { apiPost } from '../../lib/api.ts';
import type { Stage } from './session.ts';

export interface StageAnswer {
  stage: Stage;
}

export interface EnrollmentStart {
  otpauthUrl: string;
  qrDataUrl: string;
  secret: string;
}

const quiet = { ignoreSessionLoss: true } as const;

/** `POST /api/auth/login`. */
export function login(username: string, password: string): Promise<StageAnswer> {
  return apiPost<StageAnswer>('/api/auth/login', { username, password }, quiet);
}

/** `POST /api/auth/mfa/verify` with a 6-digit TOTP code. */
export function verifyMfa(code: string): Promise<StageAnswer> {
  return apiPost<StageAnswer>('/api/auth/mfa/verify', { code });
}

/** `POST /api/auth/password`. */
export function changePassword(currentPassword: string, newPassword: string): Promise<StageAnswer> {
  return apiPost<StageAnswer>('/api/auth/password', { currentPassword, newPassword });
}

/** `POST /api/auth/mfa/enroll/start`: a new secret, as QR code and as text. */
export function startMfaEnrollment(): Promise<EnrollmentStart> {
  return apiPost<EnrollmentStart>('/api/auth/mfa/enroll/start', {});
}

/** `POST /api/auth/mfa/enroll/confirm` with the first code from the new secret. */
export function confirmMfaEnrollment(code: string): Promise<StageAnswer> {
  return apiPost<StageAnswer>('/api/auth/mfa/enroll/confirm', { code });
}
