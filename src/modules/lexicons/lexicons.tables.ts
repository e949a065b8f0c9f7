import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { LexiconEntry } from '../../triage/index.ts';
import { units } from '../units/units.tables.ts';
import { users } from '../users/users.tables.ts';

export const LEXICON_SCOPES = ['department', 'unit'] as const;
export type LexiconScope = (typeof LEXICON_SCOPES)[number];

/** A keyword lexicon of the toolkit (G6.1): department-wide or one unit's. */
export const lexicons = pgTable('lexicons', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  scope: text('scope', { enum: LEXICON_SCOPES }).notNull(),
  unitId: uuid('unit_id').references(() => units.id),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
});

/** Every change is a new version (who changed what, when); versions are never rewritten. */
export const lexiconVersions = pgTable(
  'lexicon_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lexiconId: uuid('lexicon_id')
      .notNull()
      .references(() => lexicons.id),
    version: integer('version').notNull(),
    entries: jsonb('entries').$type<LexiconEntry[]>().notNull(),
    changeNote: text('change_note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [unique('lexicon_versions_unique').on(t.lexiconId, t.version)],
);

export type LexiconRow = typeof lexicons.$inferSelect;
export type LexiconVersionRow = typeof lexiconVersions.$inferSelect;
