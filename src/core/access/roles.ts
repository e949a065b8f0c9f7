/** The six roles of DESIGN.md "Who uses it". A user holds one or more. */
export const ROLES = ['officer', 'supervisor', 'wcpd_coordinator', 'cib_investigator', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Kinds of unit in the department's tree (臺北市政府警察局 → divisions, corps, precincts → squads, sections, stations). */
export const UNIT_KINDS = ['department', 'division', 'corps', 'precinct', 'squad', 'section', 'station'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
