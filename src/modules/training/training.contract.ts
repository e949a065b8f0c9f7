/** Request and response schemas of the training routes (G4.1.4): the contract (STYLE rule 2). */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from '../../core/contract.ts';

const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A Taipei calendar day, YYYY-MM-DD' });
const strict = { additionalProperties: false } as const;

const CourseFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  heldOn: Day,
  hours: Type.Number({ exclusiveMinimum: 0, maximum: 200, multipleOf: 0.5, description: 'Hours, in half hours' }),
  trainer: Type.String({ minLength: 1, maxLength: 100 }),
  location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  traineeIds: Type.Array(Uuid, { maxItems: 500, uniqueItems: true }),
};

export const CreateCourseBody = Type.Object(CourseFields, strict);
export type CreateCourseInput = Static<typeof CreateCourseBody>;

export const UpdateCourseBody = Type.Object(
  {
    title: Type.Optional(CourseFields.title),
    heldOn: Type.Optional(CourseFields.heldOn),
    hours: Type.Optional(CourseFields.hours),
    trainer: Type.Optional(CourseFields.trainer),
    location: CourseFields.location,
    notes: CourseFields.notes,
    traineeIds: Type.Optional(CourseFields.traineeIds),
  },
  { ...strict, minProperties: 1 },
);
export type UpdateCourseInput = Static<typeof UpdateCourseBody>;

export const CourseListQuery = Type.Object(
  { from: Type.Optional(Day), to: Type.Optional(Day), q: Type.Optional(Type.String({ maxLength: 100 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
  strict,
);

const TraineeSchema = Type.Object({ id: Uuid, displayName: Type.String(), unitCode: Type.String() });

export const CourseSchema = Type.Object({
  id: Uuid,
  title: Type.String(),
  heldOn: Day,
  hours: Type.Number(),
  trainer: Type.String(),
  location: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  traineeCount: Type.Integer(),
  /** Only the trainees the actor may see (themself; their unit subtree for a supervisor; all for CIB and WCPD). */
  trainees: Type.Array(TraineeSchema),
  createdAt: DateTime,
  can: Type.Object({ edit: Type.Boolean() }),
});

export const CourseListSchema = Type.Object({ items: Type.Array(CourseSchema), can: Type.Object({ create: Type.Boolean() }) });

export const HistorySchema = Type.Object({
  officer: Type.Object({ id: Uuid, displayName: Type.String(), unitCode: Type.String() }),
  totalHours: Type.Number(),
  courses: Type.Array(Type.Object({ id: Uuid, title: Type.String(), heldOn: Day, hours: Type.Number(), trainer: Type.String(), location: Nullable(Type.String()), unitCode: Type.String() })),
});
