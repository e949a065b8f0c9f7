/** The suspects API's shapes (G6.3.4; the schema is the contract). */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from '../../core/contract.ts';
import { PlatformRefSchema } from '../findings/findings.contract.ts';
import { IDENTIFIER_KINDS } from './suspects.tables.ts';

const Uuid = Type.String({ format: 'uuid' });

export const IdentifierKindSchema = Type.Union(IDENTIFIER_KINDS.map((k) => Type.Literal(k)));

export const IDENTIFIER_WARNINGS = ['port_missing', 'evidence_missing', 'ip_not_public'] as const;
export const IdentifierWarningSchema = Type.Union(IDENTIFIER_WARNINGS.map((w) => Type.Literal(w)));

/**
 * Present, with the 通訊保障及監察法 reminder, exactly when the response includes a request that
 * reaches communications records.
 */
const CssaReminder = Type.Optional(Type.String());

export const CaseParams = Type.Object({ caseId: Uuid }, { additionalProperties: false });
export const SuspectParams = Type.Object({ caseId: Uuid, suspectId: Uuid }, { additionalProperties: false });
export const IdentifierParams = Type.Object({ caseId: Uuid, suspectId: Uuid, identifierId: Uuid }, { additionalProperties: false });
export const RequestParams = Type.Object({ caseId: Uuid, suspectId: Uuid, identifierId: Uuid, requestId: Uuid }, { additionalProperties: false });

export const SubscriberRequestSchema = Type.Object({
  id: Type.String(),
  identifierId: Type.String(),
  recipient: Type.String(),
  legalBasis: Type.String(),
  touchesCommunications: Type.Boolean(),
  /** drafted → sent → answered. */
  status: Type.Union([Type.Literal('drafted'), Type.Literal('sent'), Type.Literal('answered')]),
  sentAt: Nullable(DateTime),
  answeredAt: Nullable(DateTime),
  result: Nullable(Type.String()),
  createdAt: DateTime,
});

export const IdentifierSchema = Type.Object({
  id: Type.String(),
  suspectId: Type.String(),
  kind: IdentifierKindSchema,
  /** Normalised: IP compressed, e-mail lower-cased, phone in E.164. */
  value: Type.String(),
  platform: Nullable(PlatformRefSchema),
  observedAt: Nullable(DateTime),
  port: Nullable(Type.Integer()),
  evidenceIds: Type.Array(Type.String()),
  locationComparison: Nullable(Type.String()),
  locationComparedAt: Nullable(DateTime),
  createdAt: DateTime,
  requests: Type.Array(SubscriberRequestSchema),
});

export const SuspectSchema = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  label: Type.String(),
  notes: Nullable(Type.String()),
  createdAt: DateTime,
  identifiers: Type.Array(IdentifierSchema),
});

export const SuspectListSchema = Type.Object({ items: Type.Array(SuspectSchema), cssaReminder: CssaReminder });
export const SuspectResultSchema = Type.Intersect([SuspectSchema, Type.Object({ cssaReminder: CssaReminder })]);
export const IdentifierResultSchema = Type.Intersect([IdentifierSchema, Type.Object({ warnings: Type.Array(IdentifierWarningSchema), cssaReminder: CssaReminder })]);
export const RequestResultSchema = Type.Intersect([SubscriberRequestSchema, Type.Object({ cssaReminder: CssaReminder })]);

/** Limits here are generous; the service trims, checks and names the field when a value is wrong. */
export const CreateSuspectBody = Type.Object(
  { label: Type.String({ minLength: 1, maxLength: 100 }), notes: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))) },
  { additionalProperties: false },
);

export const UpdateSuspectBody = Type.Object(
  { label: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), notes: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))) },
  { additionalProperties: false },
);

export const AddIdentifierBody = Type.Object(
  {
    kind: IdentifierKindSchema,
    value: Type.String({ minLength: 1, maxLength: 320 }),
    /** Required for a platform account. */
    platformId: Type.Optional(Nullable(Uuid)),
    /** Required for an IP: the date and time (with its offset) the address was used. */
    observedAt: Type.Optional(Nullable(DateTime)),
    /** The source port, for an IP (behind carrier-grade NAT the address alone names no one). */
    port: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 65535 }))),
    /** Evidence items of this case that show the identifier. */
    evidenceIds: Type.Array(Uuid, { maxItems: 50, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type AddIdentifierBodyType = Static<typeof AddIdentifierBody>;

export const LocationComparisonBody = Type.Object(
  { locationComparison: Type.String({ minLength: 1, maxLength: 10_000 }), comparedAt: DateTime },
  { additionalProperties: false },
);

export const CreateRequestBody = Type.Object(
  {
    recipient: Type.String({ minLength: 1, maxLength: 200 }),
    legalBasis: Type.String({ minLength: 1, maxLength: 1000 }),
    touchesCommunications: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const RequestSentBody = Type.Object({ sentAt: DateTime }, { additionalProperties: false });

export const RequestAnswerBody = Type.Object({ answeredAt: DateTime, result: Type.String({ minLength: 1, maxLength: 20_000 }) }, { additionalProperties: false });

export const IdentifierMatchesQuery = Type.Object(
  {
    kind: IdentifierKindSchema,
    value: Type.String({ minLength: 1, maxLength: 320 }),
    /** For platform accounts: only that platform's account of this name. */
    platformId: Type.Optional(Uuid),
    /** The case the lookup is made from: it must be readable, and it is left out of the count. */
    caseId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const IdentifierMatchesSchema = Type.Object({
  kind: IdentifierKindSchema,
  value: Type.String(),
  /** How many other cases hold the identifier. */
  total: Type.Integer(),
  /** Those the actor may read. */
  cases: Type.Array(Type.Object({ id: Type.String(), number: Type.String(), unitCode: Type.String() })),
  /** Those the actor may not read: counted, never named (need-to-know, G6.3.6). */
  hidden: Type.Integer(),
});
