import { Type } from '@sinclair/typebox';
import { EVIDENCE_KINDS } from './evidence.tables.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const EvidenceFileSchema = Type.Object({
  name: Type.String(),
  sha256: Type.String(),
  sizeBytes: Type.Integer(),
  mediaType: Type.String(),
});

export const EvidenceItemSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Union(EVIDENCE_KINDS.map((k) => Type.Literal(k))),
  owningUnitCode: Type.String(),
  caseId: Nullable(Type.String()),
  sourceUrl: Nullable(Type.String()),
  platform: Nullable(Type.String()),
  capturedAt: Type.String({ format: 'date-time' }),
  recordedAt: Type.String({ format: 'date-time' }),
  ephemeral: Type.Boolean(),
  sha256: Type.String(),
  md5: Nullable(Type.String()),
  sizeBytes: Type.Integer(),
  mediaType: Type.String(),
  originalFilename: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  metadata: Type.Record(Type.String(), Type.Unknown()),
  supersedesId: Nullable(Type.String()),
});

export const EvidenceDetailSchema = Type.Object({ item: EvidenceItemSchema, files: Type.Array(EvidenceFileSchema) });
export const EvidenceListSchema = Type.Object({ items: Type.Array(EvidenceItemSchema) });
export const EvidenceListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    before: Type.Optional(Type.String({ format: 'date-time' })),
    /** The evidence of one case (its own and its findings'). */
    caseId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

export const ContentParams = Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String({ minLength: 1, maxLength: 200 }) });
export const ContentQuery = Type.Object(
  {
    mode: Type.Union([Type.Literal('preview'), Type.Literal('reveal'), Type.Literal('download')], { default: 'preview' }),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const EvidenceVerificationSchema = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  failures: Type.Array(Type.Object({ itemId: Type.String(), name: Type.String(), sha256: Type.String(), problem: Type.String() })),
});

export const ExportBody = Type.Object(
  {
    itemIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 200 }),
    reason: Type.String({ minLength: 4, maxLength: 500 }),
  },
  { additionalProperties: false },
);
