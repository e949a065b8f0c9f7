import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { captureRequests } from '../captures/captures.tables.ts';
import { cases } from '../cases/cases.tables.ts';
import { evidenceItems } from '../evidence/evidence.tables.ts';
import { findings, knownUrls } from '../findings/findings.tables.ts';
import { liaisonContacts } from '../liaison/liaison.tables.ts';
import { platforms } from '../platforms/platforms.tables.ts';
import { users } from '../users/users.tables.ts';

/**
 * identified → evidence_sealed → reported → order_issued (T) → removed | overdue (T + 24 h) →
 * rpz_requested → rpz_applied | removed; withdrawn with a reason from any open state (G5.2, G6.2).
 */
export const TAKEDOWN_STATES = ['identified', 'evidence_sealed', 'reported', 'order_issued', 'overdue', 'rpz_requested', 'rpz_applied', 'removed', 'withdrawn'] as const;
export type TakedownState = (typeof TAKEDOWN_STATES)[number];

export const REPORT_CHANNELS = ['email', 'phone', 'letter', 'online_system'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

/** One takedown target per URL, department-wide (the canonical URL is unique). */
export const takedownTargets = pgTable(
  'takedown_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    urlId: uuid('url_id')
      .notNull()
      .references(() => knownUrls.id),
    findingId: uuid('finding_id').references(() => findings.id),
    url: text('url').notNull(),
    platformId: uuid('platform_id').references(() => platforms.id),
    state: text('state', { enum: TAKEDOWN_STATES }).notNull(),
    /** The sealed capture the report rests on (G6.2.2). */
    sealedEvidenceId: uuid('sealed_evidence_id').references(() => evidenceItems.id),
    reportedAt: timestamp('reported_at', { withTimezone: true, precision: 3 }),
    reportChannel: text('report_channel', { enum: REPORT_CHANNELS }),
    reportContactId: uuid('report_contact_id').references(() => liaisonContacts.id),
    reportReference: text('report_reference'),
    reportMailId: uuid('report_mail_id'),
    orderDocumentNumber: text('order_document_number'),
    /** T: the authority's order; due T + 24 h; the platform keeps the data T … T + 180 days. */
    orderIssuedAt: timestamp('order_issued_at', { withTimezone: true, precision: 3 }),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }),
    retentionEndsAt: timestamp('retention_ends_at', { withTimezone: true, precision: 3 }),
    /** R: when removal was verified. */
    removedAt: timestamp('removed_at', { withTimezone: true, precision: 3 }),
    removalEvidenceId: uuid('removal_evidence_id').references(() => evidenceItems.id),
    rpzDomain: text('rpz_domain'),
    rpzRequestedAt: timestamp('rpz_requested_at', { withTimezone: true, precision: 3 }),
    /** The SAB window the RPZ request went to, and the generated letter when it was mailed (G5.2, G4.1.2). */
    rpzContactId: uuid('rpz_contact_id').references(() => liaisonContacts.id),
    rpzMailId: uuid('rpz_mail_id'),
    rpzAppliedAt: timestamp('rpz_applied_at', { withTimezone: true, precision: 3 }),
    withdrawnReason: text('withdrawn_reason'),
    /** When the 150- and 170-day reminders to request the retained data went out (Act Art. 8; once each). */
    retentionReminder150At: timestamp('retention_reminder_150_at', { withTimezone: true, precision: 3 }),
    retentionReminder170At: timestamp('retention_reminder_170_at', { withTimezone: true, precision: 3 }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex('takedown_targets_url_uq').on(t.urlId), index('takedown_targets_case_idx').on(t.caseId), index('takedown_targets_state_due_idx').on(t.state, t.dueAt)],
);

/** Requests for the data the platform retains for 180 days (Act Art. 8), per target. */
export const takedownDataRequests = pgTable(
  'takedown_data_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    targetId: uuid('target_id')
      .notNull()
      .references(() => takedownTargets.id),
    recipient: text('recipient').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true, precision: 3 }),
    result: text('result'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [index('takedown_data_requests_target_idx').on(t.targetId)],
);

export type TakedownTargetRow = typeof takedownTargets.$inferSelect;

export const CHECK_TRIGGERS = ['deadline', 'on_demand'] as const;
export type CheckTrigger = (typeof CHECK_TRIGGERS)[number];
export const CHECK_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];
export const CHECK_OUTCOMES = ['removed', 'online', 'inconclusive'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/**
 * A removal check of a target (G5.2): the URL re-captured at the deadline (T + 24 h) or on an
 * officer's request, and what the capture showed. The capture is sealed as an evidence item filed
 * to the target's case, so "removed" and "still online at T + 24 h" both rest on evidence.
 */
export const takedownChecks = pgTable(
  'takedown_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    targetId: uuid('target_id')
      .notNull()
      .references(() => takedownTargets.id),
    trigger: text('trigger', { enum: CHECK_TRIGGERS }).notNull(),
    /** The officer who asked; null for the system's deadline check. */
    requestedBy: uuid('requested_by').references(() => users.id),
    status: text('status', { enum: CHECK_STATUSES }).notNull().default('queued'),
    /** Null until the check is finished. */
    outcome: text('outcome', { enum: CHECK_OUTCOMES }),
    /** What decided the outcome, as a stable code (see removal-decision.ts). */
    reason: text('reason'),
    /** The facts behind the reason: the HTTP status, the marker that matched, the DNS error code. */
    detail: text('detail'),
    captureRequestId: uuid('capture_request_id').references(() => captureRequests.id),
    /** The check's sealed capture (null when the host no longer resolved, or the capture failed). */
    evidenceId: uuid('evidence_id').references(() => evidenceItems.id),
    checkedAt: timestamp('checked_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [
    index('takedown_checks_target_idx').on(t.targetId, t.createdAt),
    // One deadline check per target: the clock may run any number of times (G5.2, T + 24 h).
    uniqueIndex('takedown_checks_deadline_uq')
      .on(t.targetId)
      .where(sql`"trigger" = 'deadline'`),
  ],
);

export type TakedownCheckRow = typeof takedownChecks.$inferSelect;
