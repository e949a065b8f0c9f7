/**
 * CIB's technical-investigation training for field officers (G4.1.4): courses with their day,
 * hours and trainer, who attended, and each officer's training history. Access first:
 *
 * - recording and changing courses: CIB, who gives them, and the WCPD, who coordinates the
 *   department's work against these crimes;
 * - reading courses: every case role (a course's title is no secret); the trainees of a course,
 *   and an officer's history, only as far as the actor may know people: themself, a supervisor's
 *   unit subtree, everyone for CIB and the WCPD. Auditors and administrators see none.
 */
import { hasAnyRole, isWithinUnit } from '../../core/access/policy.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { Actor, ServiceContext } from '../../core/request-context.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { parseDay } from '../evaluation/evaluation-period.ts';
import { pickablePeople } from '../outreach/outreach.service.ts';
import { usersRepository } from '../users/users.repository.ts';
import type { CreateCourseInput, UpdateCourseInput } from './training.contract.ts';
import { trainingRepository, type CoursePatch, type CourseTrainee } from './training.repository.ts';
import type { TrainingCourseRow } from './training.tables.ts';

const CASE_ROLES = ['officer', 'supervisor', 'wcpd_coordinator', 'cib_investigator'] as const;
const MANAGERS = ['cib_investigator', 'wcpd_coordinator'] as const;

export type CourseView = { course: TrainingCourseRow; traineeCount: number; trainees: CourseTrainee[]; canEdit: boolean };

export function canManageTraining(actor: Actor | null): boolean {
  return hasAnyRole(actor, MANAGERS);
}

/** May the actor see that this person trained (a name and unit)? */
function canSeePerson(actor: Actor, person: { userId: string; unitPath: string }): boolean {
  if (actor.userId === person.userId) return true;
  if (hasAnyRole(actor, MANAGERS)) return true;
  return hasAnyRole(actor, ['supervisor']) && isWithinUnit(actor.unitPath, person.unitPath);
}

async function requireReader(db: Database, ctx: ServiceContext, action: string): Promise<Actor> {
  if (ctx.actor && hasAnyRole(ctx.actor, CASE_ROLES)) return ctx.actor;
  await recordAuditNow(db, ctx, { action, objectType: 'training', outcome: 'denied' });
  throw new AppError('FORBIDDEN', '無權查看訓練紀錄 (not allowed to see training records)');
}

async function requireManager(db: Database, ctx: ServiceContext, action: string, objectId: string | null): Promise<Actor> {
  if (ctx.actor && canManageTraining(ctx.actor)) return ctx.actor;
  await recordAuditNow(db, ctx, { action, objectType: 'training', objectId, outcome: 'denied' });
  throw new AppError('FORBIDDEN', '僅刑事警察大隊或婦幼警察隊可登錄訓練 (only CIB and the WCPD record training)');
}

function view(actor: Actor, course: TrainingCourseRow, trainees: CourseTrainee[]): CourseView {
  const own = trainees.filter((t) => t.courseId === course.id);
  return { course, traineeCount: own.length, trainees: own.filter((t) => canSeePerson(actor, t)), canEdit: canManageTraining(actor) };
}

/** Courses held in a range of days (default: all), newest first. */
export async function listCourses(db: Database, ctx: ServiceContext, filter: { from?: string; to?: string; q?: string; limit?: number }): Promise<{ items: CourseView[]; canCreate: boolean }> {
  const actor = await requireReader(db, ctx, 'training.list');
  if (filter.from) parseDay('from', filter.from);
  if (filter.to) parseDay('to', filter.to);
  const courses = await trainingRepository.list(db, { fromDay: filter.from, toDay: filter.to, q: filter.q?.trim() || undefined, limit: filter.limit ?? 200 });
  const trainees = await trainingRepository.traineesOf(db, courses.map((c) => c.id));
  return { items: courses.map((c) => view(actor, c, trainees)), canCreate: canManageTraining(actor) };
}

export async function getCourse(db: Database, ctx: ServiceContext, id: string): Promise<CourseView> {
  const actor = await requireReader(db, ctx, 'training.view');
  const course = await trainingRepository.findById(db, id);
  if (!course) throw notFound('course');
  return view(actor, course, await trainingRepository.traineesOf(db, [id]));
}

/** Each trainee must be an active user; their unit on the day is recorded with them. */
async function resolveTrainees(db: Database, ids: readonly string[]): Promise<{ userId: string; unitId: string }[]> {
  const out: { userId: string; unitId: string }[] = [];
  for (const id of new Set(ids)) {
    const found = await usersRepository.findById(db, id);
    if (!found || !found.user.active) throw new AppError('VALIDATION_FAILED', `受訓人員不存在或已停用 (no active user ${id})`, { field: 'traineeIds', userId: id });
    out.push({ userId: id, unitId: found.unit.id });
  }
  return out;
}

function cleanCourse(input: { heldOn?: string; hours?: number }, now: Date): void {
  if (input.heldOn !== undefined) {
    parseDay('heldOn', input.heldOn);
    // A course is recorded once held or when scheduled, never years ahead.
    if (Date.parse(`${input.heldOn}T00:00:00+08:00`) > now.getTime() + 366 * 86_400_000) throw new AppError('VALIDATION_FAILED', '上課日期不可超過一年後 (heldOn is more than a year ahead)', { field: 'heldOn' });
  }
  if (input.hours !== undefined && (!(input.hours > 0) || input.hours > 200 || Math.round(input.hours * 2) !== input.hours * 2)) {
    throw new AppError('VALIDATION_FAILED', '時數須為 0.5 至 200 的半小時倍數 (hours must be 0.5 to 200 in half hours)', { field: 'hours' });
  }
}

export async function createCourse(db: Database, ctx: ServiceContext, input: CreateCourseInput, now = new Date()): Promise<CourseView> {
  const actor = await requireManager(db, ctx, 'training.create', null);
  cleanCourse(input, now);
  const trainees = await resolveTrainees(db, input.traineeIds);
  const id = await db.transaction(async (tx) => {
    const course = await trainingRepository.insert(tx, {
      title: input.title.trim(),
      heldOn: input.heldOn,
      hours: input.hours,
      trainer: input.trainer.trim(),
      location: input.location?.trim() || null,
      notes: input.notes?.trim() || null,
      organiserUnitId: actor.unitId,
      createdBy: actor.userId,
    });
    await trainingRepository.setTrainees(tx, course.id, trainees);
    await recordAudit(tx, ctx, { action: 'training.create', objectType: 'training', objectId: course.id, details: { heldOn: input.heldOn, hours: input.hours, trainees: trainees.length } });
    return course.id;
  });
  return getCourse(db, ctx, id);
}

export async function updateCourse(db: Database, ctx: ServiceContext, id: string, input: UpdateCourseInput, now = new Date()): Promise<CourseView> {
  await requireManager(db, ctx, 'training.update', id);
  const course = await trainingRepository.findById(db, id);
  if (!course) throw notFound('course');
  cleanCourse(input, now);
  const patch: CoursePatch = {};
  if (input.title !== undefined) patch.title = input.title.trim();
  if (input.heldOn !== undefined) patch.heldOn = input.heldOn;
  if (input.hours !== undefined) patch.hours = input.hours;
  if (input.trainer !== undefined) patch.trainer = input.trainer.trim();
  if (input.location !== undefined) patch.location = input.location?.trim() || null;
  if (input.notes !== undefined) patch.notes = input.notes?.trim() || null;
  let trainees: { userId: string; unitId: string }[] | undefined;
  if (input.traineeIds !== undefined) {
    // Those who stay keep the unit they trained for.
    const existing = new Map((await trainingRepository.traineesOf(db, [id])).map((t) => [t.userId, t.unitId]));
    const added = await resolveTrainees(db, input.traineeIds.filter((userId) => !existing.has(userId)));
    trainees = [...input.traineeIds.filter((userId) => existing.has(userId)).map((userId) => ({ userId, unitId: existing.get(userId)! })), ...added];
  }
  await db.transaction(async (tx) => {
    if (Object.keys(patch).length > 0) await trainingRepository.update(tx, id, patch);
    if (trainees !== undefined) await trainingRepository.setTrainees(tx, id, trainees);
    await recordAudit(tx, ctx, { action: 'training.update', objectType: 'training', objectId: id, details: { changed: Object.keys(input), trainees: trainees?.length } });
  });
  return getCourse(db, ctx, id);
}

/** Deletes a course: it leaves the histories and stops counting; the row stays for the audit trail. */
export async function deleteCourse(db: Database, ctx: ServiceContext, id: string): Promise<void> {
  await requireManager(db, ctx, 'training.delete', id);
  const course = await trainingRepository.findById(db, id);
  if (!course) throw notFound('course');
  await db.transaction(async (tx) => {
    await trainingRepository.softDelete(tx, id);
    await recordAudit(tx, ctx, { action: 'training.delete', objectType: 'training', objectId: id, details: { title: course.title, heldOn: course.heldOn } });
  });
}

/** One officer's training history with the total hours; refused (as not found) beyond the actor's knowledge of people. */
export async function officerHistory(db: Database, ctx: ServiceContext, userId: string) {
  const actor = await requireReader(db, ctx, 'training.history');
  const found = await usersRepository.findById(db, userId);
  if (!found || !canSeePerson(actor, { userId, unitPath: found.unit.path })) {
    await recordAuditNow(db, ctx, { action: 'training.history', objectType: 'user', objectId: userId, outcome: 'denied' });
    throw notFound('officer');
  }
  const courses = await trainingRepository.history(db, userId);
  const totalHours = courses.reduce((sum, c) => sum + c.hours, 0);
  return { officer: { id: found.user.id, displayName: found.user.displayName, unitCode: found.unit.code }, totalHours, courses };
}

/** The people a course may list as trainees (CIB and the WCPD: everyone). */
export async function traineeCandidates(db: Database, ctx: ServiceContext, query: { q?: string }) {
  await requireManager(db, ctx, 'training.people', null);
  return pickablePeople(db, ctx, query);
}
