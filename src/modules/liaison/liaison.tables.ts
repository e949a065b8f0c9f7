import { sql } from 'drizzle-orm';
import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.tables.ts';

/** The bodies the guideline names as partners (G4.1.2, G5.1, G5.2, G6.2.1, G6.3.2). */
export const LIAISON_BODIES = ['iwin', 'sab', 'edb', 'sipc', 'twnic', 'prosecutor_taipei', 'prosecutor_shilin', 'other'] as const;
export type LiaisonBody = (typeof LIAISON_BODIES)[number];

export const LIAISON_CHANNELS = ['email', 'phone', 'letter', 'fax', 'online_system'] as const;
export type LiaisonChannel = (typeof LIAISON_CHANNELS)[number];

/**
 * A liaison window (聯繫窗口) at a partner body: who to reach, how. Kept by the WCPD (G4.1.2);
 * every outgoing report names its recipient from here, so the record shows exactly who was told.
 */
export const liaisonContacts = pgTable('liaison_contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  body: text('body', { enum: LIAISON_BODIES }).notNull(),
  organisation: text('organisation').notNull(),
  windowName: text('window_name'),
  email: text('email'),
  phone: text('phone'),
  channels: text('channels').array().$type<LiaisonChannel[]>().notNull(),
  notes: text('notes'),
  active: boolean('active').notNull().default(true),
  updatedBy: uuid('updated_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
});

export type LiaisonContactRow = typeof liaisonContacts.$inferSelect;
