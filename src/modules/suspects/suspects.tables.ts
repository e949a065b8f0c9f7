import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../cases/cases.tables.ts';
import { platforms } from '../platforms/platforms.tables.ts';
import { users } from '../users/users.tables.ts';

/** A suspect of a case (G6.3.4): a label until identified, and what identifies them. */
export const suspects = pgTable(
  'suspects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    label: text('label').notNull(),
    notes: text('notes'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [index('suspects_case_idx').on(t.caseId)],
);

export const IDENTIFIER_KINDS = ['platform_account', 'ip', 'email', 'phone'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/**
 * One identifier of a suspect with the evidence that shows it. An IP carries its date, time and
 * source port (needed to ask an ISP who used it); a phone may carry the calling-location comparison.
 */
export const suspectIdentifiers = pgTable(
  'suspect_identifiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    suspectId: uuid('suspect_id')
      .notNull()
      .references(() => suspects.id),
    kind: text('kind', { enum: IDENTIFIER_KINDS }).notNull(),
    value: text('value').notNull(),
    platformId: uuid('platform_id').references(() => platforms.id),
    observedAt: timestamp('observed_at', { withTimezone: true, precision: 3 }),
    port: integer('port'),
    evidenceIds: jsonb('evidence_ids').$type<string[]>().notNull().default([]),
    /** 通聯位置比對: the result of comparing the phone's calling locations. */
    locationComparison: text('location_comparison'),
    locationComparedAt: timestamp('location_compared_at', { withTimezone: true, precision: 3 }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [index('suspect_identifiers_suspect_idx').on(t.suspectId), index('suspect_identifiers_value_idx').on(t.kind, t.value)],
);

/**
 * A subscriber-data request (調閱用戶資料) about one identifier: to whom, on what legal basis, sent,
 * answered, result. `touchesCommunications` marks requests that reach communications records,
 * which the Communication Security and Surveillance Act governs.
 */
export const subscriberRequests = pgTable(
  'subscriber_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    identifierId: uuid('identifier_id')
      .notNull()
      .references(() => suspectIdentifiers.id),
    recipient: text('recipient').notNull(),
    legalBasis: text('legal_basis').notNull(),
    touchesCommunications: boolean('touches_communications').notNull().default(false),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }),
    answeredAt: timestamp('answered_at', { withTimezone: true, precision: 3 }),
    result: text('result'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [index('subscriber_requests_identifier_idx').on(t.identifierId)],
);

export type SuspectRow = typeof suspects.$inferSelect;
export type SuspectIdentifierRow = typeof suspectIdentifiers.$inferSelect;
export type SubscriberRequestRow = typeof subscriberRequests.$inferSelect;
