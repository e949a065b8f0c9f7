import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.tables.ts';

/** Where a session stands in the login sequence; only `active` reaches the application. */
export const SESSION_STAGES = ['mfa_required', 'password_change_required', 'mfa_enrollment_required', 'active'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

/**
 * Server-side sessions. The cookie carries a random token; only its SHA-256 is stored here,
 * so a copy of this table cannot be replayed as cookies.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: SESSION_STAGES }).notNull(),
    csrfToken: text('csrf_token').notNull(),
    /** A TOTP secret offered during enrolment, kept until the user confirms a code from it. */
    pendingTotpSecret: text('pending_totp_secret'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    sourceIp: text('source_ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export type SessionRow = typeof sessions.$inferSelect;
