import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { cases } from '../cases/cases.tables.ts';
import { findings } from '../findings/findings.tables.ts';
import { units } from '../units/units.tables.ts';
import { users } from '../users/users.tables.ts';

export const EVIDENCE_KINDS = ['web_capture', 'upload', 'chat_record', 'derived'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * An evidence item (G6.1, G6.3.3): what was captured or received, by whom, when, and the hash of
 * its content in the vault. Items are never updated or deleted (a trigger refuses it); a
 * correction is a new item that names the one it supersedes.
 */
export const evidenceItems = pgTable(
  'evidence_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: EVIDENCE_KINDS }).notNull(),
    owningUnitId: uuid('owning_unit_id')
      .notNull()
      .references(() => units.id),
    /** The case and finding it was captured for, if any (a finding attached to a case later brings its evidence along). */
    caseId: uuid('case_id').references(() => cases.id),
    findingId: uuid('finding_id').references(() => findings.id),
    sourceUrl: text('source_url'),
    platform: text('platform'),
    capturedBy: uuid('captured_by')
      .notNull()
      .references(() => users.id),
    /** When the content was seen or captured (for uploads: when the officer saw it, else EXIF or upload time). */
    capturedAt: timestamp('captured_at', { withTimezone: true, precision: 3 }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
    /** Stories and view-once messages (G6.1 ④): captured the moment they were seen. */
    ephemeral: boolean('ephemeral').notNull().default(false),
    /** SHA-256 of the item's primary content (for a web capture: its signed manifest). */
    sha256: text('sha256').notNull(),
    md5: text('md5'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    /** Sniffed from the bytes, never taken from the client. */
    mediaType: text('media_type').notNull(),
    originalFilename: text('original_filename'),
    notes: text('notes'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    supersedesId: uuid('supersedes_id').references((): AnyPgColumn => evidenceItems.id),
  },
  (t) => [index('evidence_unit_idx').on(t.owningUnitId), index('evidence_case_idx').on(t.caseId), index('evidence_finding_idx').on(t.findingId), index('evidence_sha_idx').on(t.sha256)],
);

/** Every file of an item (a web capture has a screenshot, the DOM, a WARC and the manifest). */
export const evidenceFiles = pgTable(
  'evidence_files',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => evidenceItems.id),
    name: text('name').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    mediaType: text('media_type').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.name] }), index('evidence_files_sha_idx').on(t.sha256)],
);

export type EvidenceItemRow = typeof evidenceItems.$inferSelect;
export type EvidenceFileRow = typeof evidenceFiles.$inferSelect;
