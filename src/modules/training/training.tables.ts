import { sql } from 'drizzle-orm';
import { date, index, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { units } from '../units/units.tables.ts';
import { users } from '../users/users.tables.ts';

/**
 * A technical-investigation course CIB gives field officers (G4.1.4): title, day, hours, trainer.
 * Deleting keeps the row (`deleted_at`): the audit trail and earlier evaluations refer to it.
 */
export const trainingCourses = pgTable(
  'training_courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    /** The Taipei calendar day the course was held. */
    heldOn: date('held_on').notNull(),
    /** Course length in hours (half hours allowed); each trainee is credited with it. */
    hours: numeric('hours', { precision: 5, scale: 1, mode: 'number' }).notNull(),
    trainer: text('trainer').notNull(),
    location: text('location'),
    notes: text('notes'),
    /** The unit that gave the course (CIB's technology squad, usually). */
    organiserUnitId: uuid('organiser_unit_id')
      .notNull()
      .references(() => units.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('training_courses_held_idx').on(t.heldOn)],
);

/**
 * Who attended. The trainee's unit is kept as it was on the day, so an officer who moves later
 * does not carry their training hours into another unit's past evaluations.
 */
export const trainingTrainees = pgTable(
  'training_trainees',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.userId] }), index('training_trainees_user_idx').on(t.userId), index('training_trainees_unit_idx').on(t.unitId)],
);

export type TrainingCourseRow = typeof trainingCourses.$inferSelect;
