/** The findings API's shapes (the schema is the contract). */
import { Type } from '@sinclair/typebox';
import { DateTime, Nullable } from '../../core/contract.ts';
import { LEXICON_CATEGORIES } from '../../triage/index.ts';
import { PATROL_FOCUSES } from '../patrols/patrols.tables.ts';
import { TARGET_CATEGORIES } from './findings.tables.ts';


export const TargetCategorySchema = Type.Union(TARGET_CATEGORIES.map((c) => Type.Literal(c)));
/** G5.1's patrol targets: call-girl station, live stream, image distribution, other. */
export const TargetKindSchema = Type.Union(PATROL_FOCUSES.map((k) => Type.Literal(k)));

const StoredTriageSchema = Type.Object({
  lexiconId: Type.String(),
  lexiconVersion: Type.Integer(),
  score: Type.Number(),
  matches: Type.Array(Type.Object({ term: Type.String(), category: Type.Union(LEXICON_CATEGORIES.map((c) => Type.Literal(c))), weight: Type.Number(), start: Type.Integer(), end: Type.Integer() })),
});

export const PlatformRefSchema = Type.Object({ id: Type.String(), code: Type.String(), nameZh: Type.String(), nameEn: Type.String() });

export const KnownElsewhereSchema = Type.Object({
  visible: Type.Boolean(),
  findingId: Nullable(Type.String()),
  unit: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  seenAt: DateTime,
  inCase: Type.Boolean(),
  caseId: Nullable(Type.String()),
  caseNumber: Nullable(Type.String()),
});

export const FindingSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  canonicalUrl: Type.String(),
  host: Type.String(),
  platform: PlatformRefSchema,
  unit: Type.Object({ id: Type.String(), code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  recordedBy: Type.String(),
  patrolSessionId: Nullable(Type.String()),
  accountName: Nullable(Type.String()),
  accountId: Nullable(Type.String()),
  posterIp: Nullable(Type.String()),
  identitySource: Nullable(Type.String()),
  contentText: Nullable(Type.String()),
  postedAt: Nullable(DateTime),
  seenAt: DateTime,
  ephemeral: Type.Boolean(),
  targetCategory: TargetCategorySchema,
  targetKind: Nullable(TargetKindSchema),
  triageScore: Type.Integer(),
  triage: Nullable(StoredTriageSchema),
  pageTriage: Nullable(Type.Intersect([StoredTriageSchema, Type.Object({ evidenceItemId: Type.String() })])),
  notes: Nullable(Type.String()),
  case: Nullable(Type.Object({ id: Type.String(), number: Type.String(), title: Type.String() })),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const FindingDetailSchema = Type.Object({
  finding: FindingSchema,
  known: Type.Array(KnownElsewhereSchema),
  sightings: Type.Array(Type.Object({ id: Type.String(), seenAt: DateTime, patrolSessionId: Nullable(Type.String()), seenBy: Type.String() })),
  evidence: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), sha256: Type.String(), capturedAt: DateTime, mediaType: Type.String() })),
});

export const RecordFindingResultSchema = Type.Object({
  outcome: Type.Union([Type.Literal('created'), Type.Literal('sighting_added')]),
  finding: FindingSchema,
  known: Type.Array(KnownElsewhereSchema),
});

const OptionalText = (maxLength: number) => Type.Optional(Nullable(Type.String({ maxLength })));

/** Limits here are generous; the service names the field when a value is wrong. */
export const RecordFindingBody = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 4096 }),
    platformId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    patrolSessionId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    accountName: OptionalText(1000),
    accountId: OptionalText(1000),
    posterIp: OptionalText(100),
    contentText: OptionalText(400_000),
    postedAt: Type.Optional(Nullable(DateTime)),
    seenAt: Type.Optional(Nullable(DateTime)),
    ephemeral: Type.Optional(Type.Boolean()),
    targetCategory: Type.Optional(TargetCategorySchema),
    targetKind: Type.Optional(Nullable(TargetKindSchema)),
    notes: OptionalText(10_000),
  },
  { additionalProperties: false },
);

export const UpdateFindingBody = Type.Object(
  {
    accountName: OptionalText(1000),
    accountId: OptionalText(1000),
    posterIp: OptionalText(100),
    contentText: OptionalText(400_000),
    postedAt: Type.Optional(Nullable(DateTime)),
    ephemeral: Type.Optional(Type.Boolean()),
    targetCategory: Type.Optional(TargetCategorySchema),
    targetKind: Type.Optional(Nullable(TargetKindSchema)),
    notes: OptionalText(10_000),
  },
  { additionalProperties: false },
);

export const FindingListQuery = Type.Object(
  {
    platformId: Type.Optional(Type.String({ format: 'uuid' })),
    targetCategory: Type.Optional(TargetCategorySchema),
    targetKind: Type.Optional(TargetKindSchema),
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    patrolSessionId: Type.Optional(Type.String({ format: 'uuid' })),
    caseId: Type.Optional(Type.String({ format: 'uuid' })),
    inCase: Type.Optional(Type.Boolean()),
    minScore: Type.Optional(Type.Integer({ minimum: 0 })),
    ephemeral: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const UrlLookupSchema = Type.Object({
  canonicalUrl: Type.String(),
  host: Type.String(),
  platform: Nullable(PlatformRefSchema),
  known: Type.Array(KnownElsewhereSchema),
});

export const SourceCountsQuery = Type.Object(
  {
    from: DateTime,
    to: DateTime,
    groupBy: Type.Union([Type.Literal('platform'), Type.Literal('domain'), Type.Literal('account')]),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);

export const SourceCountsSchema = Type.Object({
  items: Type.Array(
    Type.Object({ key: Type.String(), label: Type.String(), platformCode: Nullable(Type.String()), findings: Type.Integer(), cases: Type.Integer(), units: Type.Integer(), lastSeenAt: Nullable(DateTime) }),
  ),
});
