import { Type } from '@sinclair/typebox';
import { AUDIT_OUTCOMES } from './audit.tables.ts';

const Outcome = Type.Union(AUDIT_OUTCOMES.map((o) => Type.Literal(o)));
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const AuditQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    actor: Type.Optional(Type.String({ maxLength: 64 })),
    action: Type.Optional(Type.String({ maxLength: 64 })),
    objectType: Type.Optional(Type.String({ maxLength: 64 })),
    objectId: Type.Optional(Type.String({ maxLength: 128 })),
    outcome: Type.Optional(Outcome),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    before: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const AuditEventSchema = Type.Object({
  seq: Type.Integer(),
  occurredAt: Type.String({ format: 'date-time' }),
  actorUsername: Nullable(Type.String()),
  actorUnitCode: Nullable(Type.String()),
  actorRoles: Type.Array(Type.String()),
  action: Type.String(),
  objectType: Nullable(Type.String()),
  objectId: Nullable(Type.String()),
  outcome: Outcome,
  sourceIp: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  hash: Type.String(),
});

export const AuditPageSchema = Type.Object({
  items: Type.Array(AuditEventSchema),
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
});

export const AuditVerificationSchema = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBroken: Type.Union([Type.Null(), Type.Object({ seq: Type.Integer(), problem: Type.String() })]),
});
