import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units } from '../units/units.tables.ts';
import { users } from '../users/users.tables.ts';

/**
 * What a patrol hunts (G5.1): online call-girl stations, child sexual live streams, uploaders and
 * distributors of child sexual images; anything else is `other`.
 */
export const PATROL_FOCUSES = ['call_girl_station', 'live_stream', 'image_distribution', 'other'] as const;
export type PatrolFocus = (typeof PATROL_FOCUSES)[number];

/**
 * A patrol session (G5.1, G6.1): one officer searching the platforms youth use with chosen
 * keywords. Daily and monthly patrol logs (and later the unit's evaluation) are counted from these
 * rows and the findings recorded during them. One open session per officer at a time.
 */
export const patrolSessions = pgTable(
  'patrol_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => users.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
    endedAt: timestamp('ended_at', { withTimezone: true, precision: 3 }),
    /** Platform ids chosen for the session. */
    platformIds: jsonb('platform_ids').$type<string[]>().notNull().default([]),
    keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
    focuses: jsonb('focuses').$type<PatrolFocus[]>().notNull().default([]),
    notes: text('notes'),
  },
  (t) => [
    index('patrol_sessions_unit_started_idx').on(t.unitId, t.startedAt),
    index('patrol_sessions_officer_started_idx').on(t.officerId, t.startedAt),
    uniqueIndex('patrol_sessions_one_open_per_officer').on(t.officerId).where(sql`ended_at is null`),
  ],
);

export type PatrolSessionRow = typeof patrolSessions.$inferSelect;
