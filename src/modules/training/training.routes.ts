/**
 * Training routes (G4.1.4): courses (list, one, record, change, delete), an officer's history (and
 * the caller's own), and the people a course may list. Thin: schema, guard, one service call,
 * presenter.
 */
import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { PeopleQuery, PeopleSchema } from '../outreach/outreach.contract.ts';
import { IdParams } from '../units/units.contract.ts';
import { CourseListQuery, CourseListSchema, CourseSchema, CreateCourseBody, HistorySchema, UpdateCourseBody } from './training.contract.ts';
import { createCourse, deleteCourse, getCourse, listCourses, officerHistory, traineeCandidates, updateCourse, type CourseView } from './training.service.ts';

/** Exactly what leaves the server about a course. */
function presentCourse(view: CourseView) {
  const c = view.course;
  return {
    id: c.id,
    title: c.title,
    heldOn: c.heldOn,
    hours: c.hours,
    trainer: c.trainer,
    location: c.location,
    notes: c.notes,
    traineeCount: view.traineeCount,
    trainees: view.trainees.map((t) => ({ id: t.userId, displayName: t.displayName, unitCode: t.unitCode })),
    createdAt: c.createdAt.toISOString(),
    can: { edit: view.canEdit },
  };
}

function presentHistory(history: Awaited<ReturnType<typeof officerHistory>>) {
  return {
    officer: history.officer,
    totalHours: history.totalHours,
    courses: history.courses.map((c) => ({ id: c.id, title: c.title, heldOn: c.heldOn, hours: c.hours, trainer: c.trainer, location: c.location, unitCode: c.unitCode })),
  };
}

export default async function trainingRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['training'];

  app.get('/api/training/courses', { schema: { tags, querystring: CourseListQuery, response: { 200: CourseListSchema } } }, async (request) => {
    const { items, canCreate } = await listCourses(db, requireActiveUser(request), request.query);
    return { items: items.map(presentCourse), can: { create: canCreate } };
  });

  app.get('/api/training/people', { schema: { tags, querystring: PeopleQuery, response: { 200: PeopleSchema } } }, async (request) => ({
    items: await traineeCandidates(db, requireActiveUser(request), request.query),
  }));

  app.get('/api/training/courses/:id', { schema: { tags, params: IdParams, response: { 200: CourseSchema } } }, async (request) =>
    presentCourse(await getCourse(db, requireActiveUser(request), request.params.id)),
  );

  app.post('/api/training/courses', { schema: { tags, body: CreateCourseBody, response: { 201: CourseSchema } } }, async (request, reply) =>
    reply.status(201).send(presentCourse(await createCourse(db, requireActiveUser(request), request.body))),
  );

  app.patch('/api/training/courses/:id', { schema: { tags, params: IdParams, body: UpdateCourseBody, response: { 200: CourseSchema } } }, async (request) =>
    presentCourse(await updateCourse(db, requireActiveUser(request), request.params.id, request.body)),
  );

  app.post('/api/training/courses/:id/delete', { schema: { tags, params: IdParams, response: { 200: Type.Object({ deleted: Type.Boolean() }) } } }, async (request) => {
    await deleteCourse(db, requireActiveUser(request), request.params.id);
    return { deleted: true };
  });

  app.get('/api/training/me', { schema: { tags, response: { 200: HistorySchema } } }, async (request) => {
    const ctx = requireActiveUser(request);
    return presentHistory(await officerHistory(db, ctx, ctx.actor!.userId));
  });

  app.get('/api/training/officers/:id', { schema: { tags, params: IdParams, response: { 200: HistorySchema } } }, async (request) =>
    presentHistory(await officerHistory(db, requireActiveUser(request), request.params.id)),
  );
}
