/** Every table of the application, for Drizzle's typed client and for drizzle-kit. */
export * from '../../modules/units/units.tables.ts';
export * from '../../modules/users/users.tables.ts';
export * from '../../modules/auth/sessions.tables.ts';
export * from '../../modules/audit/audit.tables.ts';
export * from '../../modules/cases/cases.tables.ts';
export * from '../../modules/patrols/patrols.tables.ts';
export * from '../../modules/findings/findings.tables.ts';
export * from '../../modules/evidence/evidence.tables.ts';
export * from '../../modules/captures/captures.tables.ts';
export * from '../../modules/platforms/platforms.tables.ts';
export * from '../../modules/lexicons/lexicons.tables.ts';
export * from '../../modules/tasks/tasks.tables.ts';
export * from '../../modules/suspects/suspects.tables.ts';
export * from '../../modules/reporters/reporters.tables.ts';
export * from '../../modules/mail/mail.tables.ts';
export * from '../../modules/liaison/liaison.tables.ts';
export * from '../../modules/takedowns/takedowns.tables.ts';
