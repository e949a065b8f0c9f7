import { sql } from 'drizzle-orm';
import { integer, index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { units } from '../units/units.tables.ts';
import { users } from '../users/users.tables.ts';

export const CASE_STATUSES = ['open', 'assessed', 'investigating', 'transferred', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CIB_ASSISTANCE_STATES = ['none', 'requested', 'accepted', 'declined', 'closed'] as const;

/**
 * A case under tracking (列管, G4.1.1). Its number `{unit code}-{ROC year}-{sequence}` is issued
 * from `case_number_counters` and never reused. The register's workflow (assessment, tasks,
 * suspects, transfer) grows on this row; findings promoted or attached point at it.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    owningUnitId: uuid('owning_unit_id')
      .notNull()
      .references(() => units.id),
    rocYear: integer('roc_year').notNull(),
    sequence: integer('sequence').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    status: text('status', { enum: CASE_STATUSES }).notNull().default('open'),
    cibAssistance: text('cib_assistance', { enum: CIB_ASSISTANCE_STATES }).notNull().default('none'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [unique('cases_unit_year_sequence_uq').on(t.owningUnitId, t.rocYear, t.sequence), index('cases_unit_created_idx').on(t.owningUnitId, t.createdAt)],
);

/** The last sequence issued per unit and ROC year; bumped with one atomic upsert so numbers never collide or repeat. */
export const caseNumberCounters = pgTable(
  'case_number_counters',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    rocYear: integer('roc_year').notNull(),
    lastSequence: integer('last_sequence').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.rocYear] })],
);

export type CaseRow = typeof cases.$inferSelect;
