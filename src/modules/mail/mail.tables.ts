import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../cases/cases.tables.ts';

export const MAIL_STATUSES = ['queued', 'sent', 'written_to_outbox', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * Every e-mail the system sends (notices, overdue reminders). Sent by a durable job through SMTP
 * when configured, otherwise written as an `.eml` file to the outbox the administrator browses.
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    recipients: text('recipients').array().notNull(),
    subject: text('subject').notNull(),
    /** The whole RFC 5322 message as built at enqueue time (base64), so a retry sends the same bytes. */
    rawBase64: text('raw_base64').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    status: text('status', { enum: MAIL_STATUSES }).notNull().default('queued'),
    /** The `.eml` file name in the outbox (outbox transport), or the SMTP message id. */
    deliveryRef: text('delivery_ref'),
    /** SHA-256 of the message as built (RFC 5322 bytes). */
    sha256: text('sha256'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('mail_messages_status_idx').on(t.status, t.createdAt), index('mail_messages_case_idx').on(t.caseId)],
);

export type MailMessageRow = typeof mailMessages.$inferSelect;
