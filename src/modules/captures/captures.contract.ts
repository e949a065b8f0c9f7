import { Type } from '@sinclair/typebox';
import { CAPTURE_STATUSES } from './captures.tables.ts';

export const CaptureSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  url: Type.String(),
  platform: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union(CAPTURE_STATUSES.map((s) => Type.Literal(s))),
  attempts: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  evidenceItemId: Type.Union([Type.String(), Type.Null()]),
  owningUnitCode: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const CreateCaptureBody = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2048 }),
    platform: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    notes: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    ephemeral: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const CaptureListSchema = Type.Object({ items: Type.Array(CaptureSchema) });
export const CaptureListQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }, { additionalProperties: false });

export const CaptureKeySchema = Type.Object({
  algorithm: Type.Literal('Ed25519'),
  keyId: Type.String(),
  publicKeyBase64: Type.String(),
  publicKeyPem: Type.String(),
});
