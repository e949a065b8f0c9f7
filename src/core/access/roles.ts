/**
 * The six roles of DESIGN.md "Who uses it", and `victim_protection` (issue #7, G6.3.6): a grant held
 * beside a case role that lets its holder see victims' identities on the cases that role may read —
 * on its own it opens no case. A user holds one or more.
 */
export const ROLES = ['officer', 'supervisor', 'wcpd_coordinator', 'cib_investigator', 'auditor', 'admin', 'victim_protection'] as const;
export type Role = (typeof ROLES)[number];

/** Kinds of unit in the department's tree (臺北市政府警察局 → divisions, corps, precincts → squads, sections, stations). */
export const UNIT_KINDS = ['department', 'division', 'corps', 'precinct', 'squad', 'section', 'station'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
