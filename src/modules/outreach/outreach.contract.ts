/**
 * Request and response schemas of the outreach routes (G5.4, G4.1.5): the contract (STYLE rule 2).
 * `details` is one schema per kind of activity, told apart by its `kind`, so an activity carries
 * exactly the fields its kind records.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Literals, Nullable } from '../../core/contract.ts';
import { EVENT_FORMATS, INTERVIEW_MEDIA, OUTREACH_KINDS, SCHOOL_LEVELS } from './outreach.tables.ts';

const Uuid = Type.String({ format: 'uuid' });
const Line = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const strict = { additionalProperties: false } as const;

/** G5.4.1: the school, its level, the topics; whether it was part of the Education Bureau's tour. */
export const SchoolTalkDetails = Type.Object(
  {
    kind: Type.Literal('school_talk'),
    schoolName: Line(100),
    schoolLevel: Literals(SCHOOL_LEVELS),
    topics: Type.Array(Line(100), { maxItems: 20 }),
    withEducationBureauTour: Type.Boolean(),
  },
  strict,
);
/** G5.4.2: where it was posted, the link, and its reach when the platform tells. */
export const OnlinePostDetails = Type.Object(
  {
    kind: Type.Literal('online_post'),
    platform: Line(100),
    link: Type.String({ minLength: 8, maxLength: 2048, pattern: '^https?://' }),
    reach: Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
  },
  strict,
);
/** G5.4.3 ①: electronic, print or TV; the outlet and programme. */
export const MediaInterviewDetails = Type.Object(
  { kind: Type.Literal('media_interview'), medium: Literals(INTERVIEW_MEDIA), outlet: Line(100), programme: Nullable(Type.String({ maxLength: 100 })) },
  strict,
);
/** G5.4.3 ②: the station and programme. */
export const RadioProgrammeDetails = Type.Object({ kind: Type.Literal('radio_programme'), station: Line(100), programme: Line(100) }, strict);
/** G5.4.3 ③: the media groups it went to; whether pictures went with it. */
export const PressReleaseDetails = Type.Object(
  { kind: Type.Literal('press_release'), mediaGroups: Type.Array(Line(100), { minItems: 1, maxItems: 50 }), withPictures: Type.Boolean() },
  strict,
);
/** G5.4.3 ④: the special day, in person or online, with parents and children or not. */
export const SpecialDayEventDetails = Type.Object(
  {
    kind: Type.Literal('special_day_event'),
    occasion: Line(100),
    format: Literals(EVENT_FORMATS),
    withParentsAndChildren: Type.Boolean(),
    venue: Nullable(Type.String({ maxLength: 200 })),
  },
  strict,
);

export const OutreachDetailsSchema = Type.Union([SchoolTalkDetails, OnlinePostDetails, MediaInterviewDetails, RadioProgrammeDetails, PressReleaseDetails, SpecialDayEventDetails]);

const ActivityFields = {
  unitId: Type.Optional(Uuid),
  title: Line(200),
  startsAt: DateTime,
  endsAt: Type.Optional(Nullable(DateTime)),
  audienceCount: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 }))),
  officerIds: Type.Array(Uuid, { maxItems: 50, uniqueItems: true }),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  details: OutreachDetailsSchema,
};

export const CreateActivityBody = Type.Object(ActivityFields, strict);
export type CreateActivityInput = Static<typeof CreateActivityBody>;

export const UpdateActivityBody = Type.Object(
  {
    unitId: ActivityFields.unitId,
    title: Type.Optional(ActivityFields.title),
    startsAt: Type.Optional(ActivityFields.startsAt),
    endsAt: ActivityFields.endsAt,
    audienceCount: ActivityFields.audienceCount,
    officerIds: Type.Optional(ActivityFields.officerIds),
    notes: ActivityFields.notes,
    details: Type.Optional(OutreachDetailsSchema),
  },
  { ...strict, minProperties: 1 },
);
export type UpdateActivityInput = Static<typeof UpdateActivityBody>;

export const ActivityListQuery = Type.Object(
  {
    unitId: Type.Optional(Uuid),
    kind: Type.Optional(Literals(OUTREACH_KINDS)),
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  strict,
);

const UnitRef = Type.Object({ id: Uuid, code: Type.String(), nameZh: Type.String(), nameEn: Type.String() });
export const PersonSchema = Type.Object({ id: Uuid, displayName: Type.String(), unitCode: Type.String() });

export const AttachmentSchema = Type.Object({
  id: Uuid,
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: DateTime,
});

export const ActivitySchema = Type.Object({
  id: Uuid,
  unit: UnitRef,
  kind: Literals(OUTREACH_KINDS),
  title: Type.String(),
  startsAt: DateTime,
  endsAt: Nullable(DateTime),
  audienceCount: Nullable(Type.Integer()),
  officers: Type.Array(PersonSchema),
  notes: Nullable(Type.String()),
  details: OutreachDetailsSchema,
  attachments: Type.Array(AttachmentSchema),
  createdAt: DateTime,
  updatedAt: DateTime,
  can: Type.Object({ edit: Type.Boolean() }),
});

export const ActivityListSchema = Type.Object({ items: Type.Array(ActivitySchema), can: Type.Object({ create: Type.Boolean() }) });

export const PeopleQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })) }, strict);
export const PeopleSchema = Type.Object({ items: Type.Array(PersonSchema) });

export const AttachmentParams = Type.Object({ id: Uuid, attachmentId: Uuid }, strict);
