import { createHash, randomBytes } from 'node:crypto';

/** A new random session token for the cookie (256 bits, base64url). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored id of a session: the SHA-256 of its token, so the table alone cannot be replayed. */
export function sessionIdFromToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A random CSRF token (synchroniser token bound to one session, or to the anonymous cookie). */
export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}
