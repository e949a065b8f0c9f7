import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../cases/cases.tables.ts';
import { PATROL_FOCUSES, patrolSessions } from '../patrols/patrols.tables.ts';
import { platforms } from '../platforms/platforms.tables.ts';
import { units } from '../units/units.tables.ts';
import { users } from '../users/users.tables.ts';
import type { LexiconCategory } from '../../triage/index.ts';

/**
 * Target category of a finding (G3.2 / Act Art. 2 ¶1): subparagraphs 1–3 are the Art. 40 targets;
 * "harmful" is harmful to minors without being Art. 40 (it still goes to takedown).
 */
export const TARGET_CATEGORIES = ['unassessed', 'art2_1_1', 'art2_1_2', 'art2_1_3', 'harmful', 'not_target'] as const;
export type TargetCategory = (typeof TARGET_CATEGORIES)[number];

/**
 * Every URL the department has met, once, in canonical form. Findings (and later takedown
 * targets) point here, so "is this URL already known anywhere?" is one indexed lookup and the same
 * URL met by two units is linked, not duplicated.
 */
export const knownUrls = pgTable('known_urls', {
  id: uuid('id').primaryKey().defaultRandom(),
  canonicalUrl: text('canonical_url').notNull().unique(),
  host: text('host').notNull(),
  firstSeenAt: timestamp('first_seen_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
});

/** What the triage of a text found (kept with the finding so the score explains itself). */
export type StoredTriage = {
  lexiconId: string;
  lexiconVersion: number;
  score: number;
  matches: { term: string; category: LexiconCategory; weight: number; start: number; end: number }[];
};

/**
 * A finding (G5.1, G6.1): something an officer met while patrolling. One per URL and unit; seeing
 * it again adds a sighting. Attached to at most one case.
 */
export const findings = pgTable(
  'findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    urlId: uuid('url_id')
      .notNull()
      .references(() => knownUrls.id),
    /** The URL as the officer gave it (the canonical form is on known_urls). */
    url: text('url').notNull(),
    platformId: uuid('platform_id')
      .notNull()
      .references(() => platforms.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    patrolSessionId: uuid('patrol_session_id').references(() => patrolSessions.id),
    accountName: text('account_name'),
    accountId: text('account_id'),
    posterIp: text('poster_ip'),
    /** Where account and IP came from: `officer` or `capture:{evidence id}`. */
    identitySource: text('identity_source'),
    contentText: text('content_text'),
    postedAt: timestamp('posted_at', { withTimezone: true, precision: 3 }),
    seenAt: timestamp('seen_at', { withTimezone: true, precision: 3 }).notNull(),
    ephemeral: boolean('ephemeral').notNull().default(false),
    targetCategory: text('target_category', { enum: TARGET_CATEGORIES }).notNull().default('unassessed'),
    /** Which of the G5.1 patrol targets this is (call-girl station, live stream, image distribution), if known. */
    targetKind: text('target_kind', { enum: PATROL_FOCUSES }),
    triageScore: integer('triage_score').notNull().default(0),
    triage: jsonb('triage').$type<StoredTriage | null>(),
    /** Triage of the captured page's text, filled when a capture of this finding is sealed. */
    pageTriage: jsonb('page_triage').$type<(StoredTriage & { evidenceItemId: string }) | null>(),
    notes: text('notes'),
    caseId: uuid('case_id').references(() => cases.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [
    unique('findings_url_unit_uq').on(t.urlId, t.unitId),
    index('findings_unit_seen_idx').on(t.unitId, t.seenAt),
    index('findings_case_idx').on(t.caseId),
    index('findings_platform_seen_idx').on(t.platformId, t.seenAt),
    index('findings_patrol_idx').on(t.patrolSessionId),
    index('findings_account_idx').on(t.platformId, t.accountId),
  ],
);

/** Each time an officer met a finding's URL (the first time included). */
export const findingSightings = pgTable(
  'finding_sightings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    findingId: uuid('finding_id')
      .notNull()
      .references(() => findings.id),
    patrolSessionId: uuid('patrol_session_id').references(() => patrolSessions.id),
    seenBy: uuid('seen_by')
      .notNull()
      .references(() => users.id),
    seenAt: timestamp('seen_at', { withTimezone: true, precision: 3 }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [index('finding_sightings_finding_idx').on(t.findingId), index('finding_sightings_patrol_idx').on(t.patrolSessionId)],
);

export type KnownUrlRow = typeof knownUrls.$inferSelect;
export type FindingRow = typeof findings.$inferSelect;
export type FindingSightingRow = typeof findingSightings.$inferSelect;
