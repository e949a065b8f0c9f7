import type { UserDto } from './users.contract.ts';
import type { UserRow } from './users.tables.ts';

/** Exactly what leaves the server about a user: never the password hash or the TOTP secret. */
export function presentUser(user: UserRow): UserDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    unitId: user.unitId,
    roles: user.roles,
    active: user.active,
    mfaEnrolled: user.totpEnrolledAt !== null,
    lockedUntil: user.lockedUntil && user.lockedUntil > new Date() ? user.lockedUntil.toISOString() : null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
