/**
 * Roles and what each may open in the UI. The server enforces every rule; the UI only hides what
 * a role cannot use (STYLE rule 4: access is a service rule, not a UI rule).
 */
/**
 * `victim_protection` (issue #7, G6.3.6) is a grant held beside a case role: it lets its holder see
 * victims' identities on the cases that role may read, and opens no case on its own.
 */
export const ROLES = ['officer', 'supervisor', 'wcpd_coordinator', 'cib_investigator', 'auditor', 'admin', 'victim_protection'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that see case content; an administrator must never hold one (separation of duties). */
export const CASE_ROLES: ReadonlySet<Role> = new Set<Role>(['officer', 'supervisor', 'wcpd_coordinator', 'cib_investigator']);

/** Narrows a role string from the server to a known role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The known roles among the strings the server sent, in catalogue order. */
export function knownRoles(values: readonly string[]): Role[] {
  return ROLES.filter((role) => values.includes(role));
}

/** True when the user holds at least one of the roles (an empty list means "anyone"). */
export function hasAnyRole(userRoles: readonly string[], allowed: readonly Role[]): boolean {
  return allowed.length === 0 || allowed.some((role) => userRoles.includes(role));
}

/** True when the role set breaks the administrator / case-content separation. */
export function breaksAdminSeparation(roles: readonly string[]): boolean {
  return roles.includes('admin') && roles.some((role) => isRole(role) && CASE_ROLES.has(role));
}
