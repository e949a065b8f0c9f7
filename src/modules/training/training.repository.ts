/** SQL for CIB's technical-investigation courses and who attended them (G4.1.4). */
import { and, asc, desc, eq, gte, ilike, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { units } from '../units/units.tables.ts';
import { users } from '../users/users.tables.ts';
import { trainingCourses, trainingTrainees, type TrainingCourseRow } from './training.tables.ts';

export type CourseTrainee = { courseId: string; userId: string; displayName: string; unitId: string; unitCode: string; unitPath: string };
export type NewCourse = Pick<TrainingCourseRow, 'title' | 'heldOn' | 'hours' | 'trainer' | 'location' | 'notes' | 'organiserUnitId' | 'createdBy'>;
export type CoursePatch = Partial<Pick<TrainingCourseRow, 'title' | 'heldOn' | 'hours' | 'trainer' | 'location' | 'notes'>>;

export const trainingRepository = {
  async insert(tx: DbOrTx, values: NewCourse): Promise<TrainingCourseRow> {
    const rows = await tx.insert(trainingCourses).values(values).returning();
    return rows[0]!;
  },

  async update(tx: DbOrTx, id: string, patch: CoursePatch): Promise<void> {
    await tx
      .update(trainingCourses)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(trainingCourses.id, id));
  },

  async softDelete(tx: DbOrTx, id: string): Promise<void> {
    await tx.update(trainingCourses).set({ deletedAt: new Date() }).where(eq(trainingCourses.id, id));
  },

  async findById(db: DbOrTx, id: string): Promise<TrainingCourseRow | null> {
    const rows = await db
      .select()
      .from(trainingCourses)
      .where(and(eq(trainingCourses.id, id), isNull(trainingCourses.deletedAt)))
      .limit(1);
    return rows[0] ?? null;
  },

  /** Live courses held between the two days (inclusive), newest first, optionally by title. */
  list(db: DbOrTx, filter: { fromDay?: string; toDay?: string; q?: string; limit: number }): Promise<TrainingCourseRow[]> {
    const conditions: (SQL | undefined)[] = [
      isNull(trainingCourses.deletedAt),
      filter.fromDay ? gte(trainingCourses.heldOn, filter.fromDay) : undefined,
      filter.toDay ? lte(trainingCourses.heldOn, filter.toDay) : undefined,
      filter.q ? ilike(trainingCourses.title, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
    ];
    return db
      .select()
      .from(trainingCourses)
      .where(and(...conditions))
      .orderBy(desc(trainingCourses.heldOn), asc(trainingCourses.title))
      .limit(filter.limit);
  },

  /** The trainees of the courses, with the unit each attended for. */
  async traineesOf(db: DbOrTx, courseIds: readonly string[]): Promise<CourseTrainee[]> {
    if (courseIds.length === 0) return [];
    return db
      .select({ courseId: trainingTrainees.courseId, userId: users.id, displayName: users.displayName, unitId: units.id, unitCode: units.code, unitPath: units.path })
      .from(trainingTrainees)
      .innerJoin(users, eq(users.id, trainingTrainees.userId))
      .innerJoin(units, eq(units.id, trainingTrainees.unitId))
      .where(inArray(trainingTrainees.courseId, [...courseIds]))
      .orderBy(asc(units.code), asc(users.displayName));
  },

  /**
   * Sets the course's trainees: those who stay keep the unit they were recorded with, new ones
   * are recorded with their current unit.
   */
  async setTrainees(tx: DbOrTx, courseId: string, trainees: readonly { userId: string; unitId: string }[]): Promise<void> {
    const keep = trainees.map((t) => t.userId);
    await tx
      .delete(trainingTrainees)
      .where(and(eq(trainingTrainees.courseId, courseId), keep.length > 0 ? sql`${trainingTrainees.userId} not in (${sql.join(keep.map((id) => sql`${id}::uuid`), sql`, `)})` : undefined));
    if (trainees.length > 0) {
      await tx
        .insert(trainingTrainees)
        .values(trainees.map((t) => ({ courseId, userId: t.userId, unitId: t.unitId })))
        .onConflictDoNothing();
    }
  },

  /** One officer's courses (live), newest first. */
  history(db: DbOrTx, userId: string): Promise<(TrainingCourseRow & { unitCode: string })[]> {
    return db
      .select({
        id: trainingCourses.id,
        title: trainingCourses.title,
        heldOn: trainingCourses.heldOn,
        hours: trainingCourses.hours,
        trainer: trainingCourses.trainer,
        location: trainingCourses.location,
        notes: trainingCourses.notes,
        organiserUnitId: trainingCourses.organiserUnitId,
        createdBy: trainingCourses.createdBy,
        createdAt: trainingCourses.createdAt,
        updatedAt: trainingCourses.updatedAt,
        deletedAt: trainingCourses.deletedAt,
        unitCode: units.code,
      })
      .from(trainingTrainees)
      .innerJoin(trainingCourses, eq(trainingCourses.id, trainingTrainees.courseId))
      .innerJoin(units, eq(units.id, trainingTrainees.unitId))
      .where(and(eq(trainingTrainees.userId, userId), isNull(trainingCourses.deletedAt)))
      .orderBy(desc(trainingCourses.heldOn), asc(trainingCourses.title));
  },
};
