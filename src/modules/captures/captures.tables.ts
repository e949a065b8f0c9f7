import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { evidenceItems } from '../evidence/evidence.tables.ts';
import { findings } from '../findings/findings.tables.ts';
import { units } from '../units/units.tables.ts';
import { users } from '../users/users.tables.ts';

export const CAPTURE_STATUSES = ['queued', 'running', 'sealed', 'failed'] as const;
export type CaptureStatus = (typeof CAPTURE_STATUSES)[number];

/**
 * A request to capture a URL (G6.1: one-step capture before the content vanishes). The request is
 * a work record, so its status changes; what it produces is an append-only evidence item.
 */
export const captureRequests = pgTable(
  'capture_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    url: text('url').notNull(),
    platform: text('platform'),
    notes: text('notes'),
    ephemeral: boolean('ephemeral').notNull().default(false),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    owningUnitId: uuid('owning_unit_id')
      .notNull()
      .references(() => units.id),
    caseId: uuid('case_id'),
    /** The finding this capture was asked for; its account/IP facts and page triage flow back to it. */
    findingId: uuid('finding_id').references(() => findings.id),
    status: text('status', { enum: CAPTURE_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    evidenceItemId: uuid('evidence_item_id').references(() => evidenceItems.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [index('capture_requests_unit_idx').on(t.owningUnitId, t.createdAt)],
);

export type CaptureRequestRow = typeof captureRequests.$inferSelect;
