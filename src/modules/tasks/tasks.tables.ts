import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '../../core/access/roles.ts';
import { cases } from '../cases/cases.tables.ts';
import { units } from '../units/units.tables.ts';
import { users } from '../users/users.tables.ts';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * A step of the guideline's playbook, made concrete for one case: who (role in a unit, or a
 * person), by when, and what closed it. Created and closed by case events, never by hand-written
 * checks scattered in code. One task per case and step.
 */
export const caseTasks = pgTable(
  'case_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    stepCode: text('step_code').notNull(),
    playbookVersion: text('playbook_version').notNull(),
    assigneeRole: text('assignee_role').$type<Role>().notNull(),
    assigneeUnitId: uuid('assignee_unit_id').references(() => units.id),
    assigneeUserId: uuid('assignee_user_id').references(() => users.id),
    /** When the triggering event happened. */
    triggeredAt: timestamp('triggered_at', { withTimezone: true, precision: 3 }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('open'),
    doneAt: timestamp('done_at', { withTimezone: true, precision: 3 }),
    doneBy: uuid('done_by').references(() => users.id),
    closedByEvent: text('closed_by_event'),
    lastRemindedAt: timestamp('last_reminded_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [
    unique('case_tasks_case_step_uq').on(t.caseId, t.stepCode),
    index('case_tasks_open_due_idx').on(t.status, t.dueAt),
    index('case_tasks_unit_idx').on(t.assigneeUnitId, t.status),
  ],
);

export type CaseTaskRow = typeof caseTasks.$inferSelect;
