import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { units } from '../units/units.tables.ts';
import { users } from '../users/users.tables.ts';

/**
 * Every kind of prevention work the guideline names (G5.4, G4.1.5): school talks with the
 * Education Bureau's law-education tour (G5.4.1), online awareness posts (G5.4.2), and the four
 * mass-media kinds of G5.4.3 — interviews (electronic, print, TV), radio programmes, press releases
 * and pictures to media groups, events on special days.
 */
export const OUTREACH_KINDS = ['school_talk', 'online_post', 'media_interview', 'radio_programme', 'press_release', 'special_day_event'] as const;
export type OutreachKind = (typeof OUTREACH_KINDS)[number];

/** G5.4.1: 高中職、國中、國小. */
export const SCHOOL_LEVELS = ['senior_vocational', 'junior_high', 'primary'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

/** G5.4.3 ①: electronic, print and TV media. */
export const INTERVIEW_MEDIA = ['electronic', 'print', 'tv'] as const;
export type InterviewMedium = (typeof INTERVIEW_MEDIA)[number];

/** G5.4.3 ④: events held in person, online, or both. */
export const EVENT_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

/**
 * What only one kind of activity records. The contract validates the shape per kind (one
 * TypeBox schema each), so the column holds exactly the fields of its row's kind.
 */
export type OutreachDetails =
  | { kind: 'school_talk'; schoolName: string; schoolLevel: SchoolLevel; topics: string[]; withEducationBureauTour: boolean }
  | { kind: 'online_post'; platform: string; link: string; reach: number | null }
  | { kind: 'media_interview'; medium: InterviewMedium; outlet: string; programme: string | null }
  | { kind: 'radio_programme'; station: string; programme: string }
  | { kind: 'press_release'; mediaGroups: string[]; withPictures: boolean }
  | { kind: 'special_day_event'; occasion: string; format: EventFormat; withParentsAndChildren: boolean; venue: string | null };

/**
 * One prevention activity of a unit (G5.4): the fields every kind shares are columns (the
 * evaluation counts activities and sums audiences per unit and period in SQL); what only one kind
 * records is `details`. A deleted activity keeps its row (`deleted_at`) so the audit trail and
 * earlier evaluation reports still point at something; it no longer counts.
 */
export const outreachActivities = pgTable(
  'outreach_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind', { enum: OUTREACH_KINDS }).notNull(),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, precision: 3 }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, precision: 3 }),
    /** People reached in person or listening (null when not known). An online post's reach is in `details`. */
    audienceCount: integer('audience_count'),
    details: jsonb('details').$type<OutreachDetails>().notNull(),
    notes: text('notes'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
    deletedBy: uuid('deleted_by').references(() => users.id),
  },
  (t) => [index('outreach_activities_unit_starts_idx').on(t.unitId, t.startsAt), index('outreach_activities_starts_idx').on(t.startsAt)],
);

/** The officers who took part in an activity (G5.4.1: the officers who spoke). */
export const outreachActivityOfficers = pgTable(
  'outreach_activity_officers',
  {
    activityId: uuid('activity_id')
      .notNull()
      .references(() => outreachActivities.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.userId] }), index('outreach_activity_officers_user_idx').on(t.userId)],
);

/**
 * Slides, posters and pictures of an activity. The bytes live in the vault (encrypted at rest,
 * content-addressed by SHA-256, on the same blob store as evidence — local folder or S3 — so every
 * web node reads them); they are not evidence, so no custody chain, but removal is a soft delete.
 */
export const outreachAttachments = pgTable(
  'outreach_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => outreachActivities.id),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('outreach_attachments_activity_idx').on(t.activityId)],
);

export type OutreachActivityRow = typeof outreachActivities.$inferSelect;
export type OutreachAttachmentRow = typeof outreachAttachments.$inferSelect;
