import { sql } from 'drizzle-orm';
import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const PLATFORM_KINDS = ['social', 'forum', 'messaging', 'video', 'game', 'other'] as const;
export type PlatformKind = (typeof PLATFORM_KINDS)[number];

/**
 * The platforms officers patrol (G3.1): seeded with the guideline's list plus PTT (G6.1.1),
 * editable by administrators. `domains` let a URL find its platform; `searchUrlTemplates` hold a
 * `{q}` placeholder for the keyword (the toolkit's one-click search, G6.1); `unavailableMarkers`
 * let a takedown's removal check recognise the platform's "content unavailable" page.
 */
export const platforms = pgTable('platforms', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  kind: text('kind', { enum: PLATFORM_KINDS }).notNull(),
  domains: text('domains').array().notNull(),
  searchUrlTemplates: text('search_url_templates').array().notNull(),
  /**
   * Phrases the platform shows in place of content that is gone ("this page isn't available"); a
   * removal check that finds one decides "removed" (G5.2). Data, so administrators keep it current.
   */
  unavailableMarkers: text('unavailable_markers').array().notNull().default(sql`'{}'::text[]`),
  notes: text('notes'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
});

export type PlatformRow = typeof platforms.$inferSelect;
