import { sql } from 'drizzle-orm';
import { boolean, date, integer, index, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { platforms } from '../platforms/platforms.tables.ts';
import { units } from '../units/units.tables.ts';
import { users } from '../users/users.tables.ts';

export const CASE_STATUSES = ['open', 'assessed', 'investigating', 'transferred', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CIB_ASSISTANCE_STATES = ['none', 'requested', 'accepted', 'declined', 'closed'] as const;
export type CibAssistanceState = (typeof CIB_ASSISTANCE_STATES)[number];

/** The outcome of the Art. 40 check once a supervisor signed it off (G6.3.1, G3.2). */
export const ART40_OUTCOMES = ['art40', 'harmful', 'not_target'] as const;
export type Art40Outcome = (typeof ART40_OUTCOMES)[number];

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
    /** The platform of the finding the case was opened from (the board filters by it). */
    platformId: uuid('platform_id').references(() => platforms.id),
    /** Set when a supervisor approves the Art. 40 check (G6.3.1). */
    art40Outcome: text('art40_outcome', { enum: ART40_OUTCOMES }),
    art40ConfirmedAt: timestamp('art40_confirmed_at', { withTimezone: true, precision: 3 }),
    /** Serious or special case (G4.1.3) and its 雲端治安管制系統 registration. */
    serious: boolean('serious').notNull().default(false),
    seriousReason: text('serious_reason'),
    cloudRegistrationNumber: text('cloud_registration_number'),
    cloudRegisteredAt: timestamp('cloud_registered_at', { withTimezone: true, precision: 3 }),
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [
    unique('cases_unit_year_sequence_uq').on(t.owningUnitId, t.rocYear, t.sequence),
    index('cases_unit_created_idx').on(t.owningUnitId, t.createdAt),
    index('cases_status_created_idx').on(t.status, t.createdAt),
    index('cases_created_idx').on(t.createdAt),
    index('cases_platform_idx').on(t.platformId),
  ],
);

/** Officers assigned to a case (besides the owning unit, they may read and update it). */
export const caseAssignees = pgTable(
  'case_assignees',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    assignedBy: uuid('assigned_by')
      .notNull()
      .references(() => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] }), index('case_assignees_user_idx').on(t.userId)],
);

/** One element of the Art. 40 check: held or not, the officer's reasons, the evidence that shows it. */
export type Art40Element = { held: boolean; reasons: string; evidenceIds: string[] };
export type Art40Elements = {
  /** 公然公開散布、傳送、刊登或張貼. */
  publicDissemination: Art40Element;
  /** 引誘、媒介、暗示或其他方法. */
  inducement: Art40Element;
  /** A child or youth at risk of Art. 2 ¶1 subparagraph 1, 2 or 3 (which ones). */
  childAtRisk: Art40Element & { subparagraphs: (1 | 2 | 3)[] };
};

/** Each submission of the Art. 40 check (G6.3.1), kept: a returned check is followed by a new one. */
export const caseAssessments = pgTable(
  'case_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    elements: jsonb('elements').$type<Art40Elements>().notNull(),
    /** `art40` exactly when all three elements hold; otherwise the officer's `harmful` or `not_target`. */
    proposedOutcome: text('proposed_outcome', { enum: ART40_OUTCOMES }).notNull(),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true, precision: 3 }).notNull(),
    /** The supervisor's sign-off (G6.3.1): approved or returned with a note. */
    decision: text('decision', { enum: ['approved', 'returned'] }),
    reviewNote: text('review_note'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('case_assessments_case_idx').on(t.caseId, t.submittedAt)],
);

export const PROSECUTOR_OFFICES = ['taipei', 'shilin'] as const;

/** Urgent evidence preservation requests to the prosecutor (G6.3.2). */
export const casePreservationRequests = pgTable(
  'case_preservation_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** 臺灣臺北 or 士林地方檢察署 (the competent office for Taipei City). */
    prosecutorOffice: text('prosecutor_office', { enum: PROSECUTOR_OFFICES }).notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true, precision: 3 }).notNull(),
    subject: text('subject').notNull(),
    outcome: text('outcome', { enum: ['pending', 'granted', 'refused', 'withdrawn'] }).notNull().default('pending'),
    outcomeAt: timestamp('outcome_at', { withTimezone: true, precision: 3 }),
    outcomeNote: text('outcome_note'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [index('case_preservation_case_idx').on(t.caseId)],
);

/** CIB assistance for a serious case (G4.1.3, G6.3.5): requested → accepted/declined → closed. */
export const caseCibRequests = pgTable(
  'case_cib_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    reason: text('reason').notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true, precision: 3 }).notNull(),
    decision: text('decision', { enum: ['accepted', 'declined'] }),
    decisionNote: text('decision_note'),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true, precision: 3 }),
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('case_cib_requests_case_idx').on(t.caseId)],
);

/** The transfer (移送) to the prosecutors (G4.2.3); after it the case is read-only but for follow-ups. */
export const caseTransfers = pgTable(
  'case_transfers',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id),
    prosecutorOffice: text('prosecutor_office', { enum: PROSECUTOR_OFFICES }).notNull(),
    transferredOn: date('transferred_on').notNull(),
    documentNumber: text('document_number').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3 }).notNull(),
  },
);

/** Entries added after transfer (the only writes a transferred case takes). */
export const caseFollowUps = pgTable(
  'case_follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    note: text('note').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index('case_follow_ups_case_idx').on(t.caseId)],
);

export const NOTICE_KINDS = ['social_affairs', 'child_protection', 'fpo', 'cib_request'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_CHANNELS = ['email', 'eml_outbox', 'fax', 'paper', 'online_system', 'phone'] as const;

/**
 * A notice the case sent (G4.2.2 social affairs, Act Art. 7 child-protection report, G4.2.3 FPO):
 * to whom, by which channel, when, the generated document's hash. Never the reporter's identity.
 */
export const caseNotices = pgTable(
  'case_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind', { enum: NOTICE_KINDS }).notNull(),
    recipient: text('recipient').notNull(),
    channel: text('channel', { enum: NOTICE_CHANNELS }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }).notNull(),
    reference: text('reference'),
    /** SHA-256 of the generated PDF, when the system produced one. */
    documentSha256: text('document_sha256'),
    mailMessageId: uuid('mail_message_id'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [index('case_notices_case_idx').on(t.caseId, t.kind)],
);

/** A user's saved filters of the tracking board. */
export const savedBoardViews = pgTable(
  'saved_board_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex('saved_board_views_user_name_uq').on(t.userId, t.name)],
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
export type CaseAssessmentRow = typeof caseAssessments.$inferSelect;
export type CaseNoticeRow = typeof caseNotices.$inferSelect;
