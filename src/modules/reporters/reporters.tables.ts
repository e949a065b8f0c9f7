import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../cases/cases.tables.ts';
import { users } from '../users/users.tables.ts';

/**
 * A reporter or informant of a case (G6.3.6, Act Art. 7: their identity is confidential). Name and
 * contact are stored only encrypted, with a key of their own (not the evidence key); the masked
 * name (王O明) is what every screen shows. Never in any notice, export or report.
 */
export const caseReporters = pgTable(
  'case_reporters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    maskedName: text('masked_name').notNull(),
    /** AES-256-GCM of the JSON `{ name, contact }` under the identity key; base64 of iv|tag|ciphertext. */
    identityCiphertext: text('identity_ciphertext').notNull(),
    keyId: text('key_id').notNull(),
    relation: text('relation'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [index('case_reporters_case_idx').on(t.caseId)],
);

export type CaseReporterRow = typeof caseReporters.$inferSelect;
