import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from '../users/users.tables.ts';
import type { RuleSetRules } from './evaluation-rules.ts';

/**
 * The scoring rules of the evaluation plan (G4.1.4), kept as data and versioned: a new plan (or a
 * change to one) is a new row with the next version; rows are never changed, so an old report can
 * always be recomputed with the rules it was made under. The highest version is the current one.
 * `created_by` is null for the seeded default.
 */
export const evaluationRuleSets = pgTable('evaluation_rule_sets', {
  id: uuid('id').primaryKey().defaultRandom(),
  version: integer('version').notNull().unique(),
  name: text('name').notNull(),
  /** Where the rules come from (e.g. "department practice, to be confirmed by CIB"). */
  basis: text('basis').notNull(),
  description: text('description'),
  rules: jsonb('rules').$type<RuleSetRules>().notNull(),
  basedOnId: uuid('based_on_id').references((): AnyPgColumn => evaluationRuleSets.id),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
});

export type EvaluationRuleSetRow = typeof evaluationRuleSets.$inferSelect;
