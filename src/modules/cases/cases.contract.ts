/** The case register API's shapes (the schema is the contract). */
import { Type } from '@sinclair/typebox';
import { DateTime, Literals, Nullable } from '../../core/contract.ts';
import { CASE_EVENTS } from '../playbook/playbook-114-07-08.ts';
import { ART40_OUTCOMES, CASE_STATUSES, CIB_ASSISTANCE_STATES, NOTICE_CHANNELS, NOTICE_KINDS, PROSECUTOR_OFFICES } from './cases.tables.ts';

export const UnitRef = Type.Object({ id: Type.String(), code: Type.String(), nameZh: Type.String(), nameEn: Type.String() });

export const CaseSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  summary: Nullable(Type.String()),
  status: Literals(CASE_STATUSES),
  owningUnit: UnitRef,
  platformId: Nullable(Type.String()),
  art40Outcome: Nullable(Literals(ART40_OUTCOMES)),
  art40ConfirmedAt: Nullable(DateTime),
  serious: Type.Boolean(),
  seriousReason: Nullable(Type.String()),
  cloudRegistrationNumber: Nullable(Type.String()),
  cloudRegisteredAt: Nullable(DateTime),
  cibAssistance: Literals(CIB_ASSISTANCE_STATES),
  closedAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
});

const ElementSchema = Type.Object({ held: Type.Boolean(), reasons: Type.String(), evidenceIds: Type.Array(Type.String()) });

export const TaskSchema = Type.Object({
  id: Type.String(),
  stepCode: Type.String(),
  clause: Type.String(),
  titleZh: Type.String(),
  titleEn: Type.String(),
  practice: Type.Boolean(),
  assigneeRole: Type.String(),
  status: Literals(['open', 'done', 'cancelled'] as const),
  triggeredAt: DateTime,
  dueAt: Nullable(DateTime),
  overdue: Type.Boolean(),
  doneAt: Nullable(DateTime),
  closedByEvent: Nullable(Type.String()),
});

export const CaseDetailSchema = Type.Object({
  case: CaseSchema,
  assignees: Type.Array(Type.Object({ userId: Type.String(), username: Type.String(), displayName: Type.String(), assignedAt: DateTime })),
  assessments: Type.Array(
    Type.Object({
      id: Type.String(),
      elements: Type.Object({ publicDissemination: ElementSchema, inducement: ElementSchema, childAtRisk: Type.Intersect([ElementSchema, Type.Object({ subparagraphs: Type.Array(Type.Integer()) })]) }),
      proposedOutcome: Literals(ART40_OUTCOMES),
      submittedBy: Type.String(),
      submittedAt: DateTime,
      decision: Nullable(Literals(['approved', 'returned'] as const)),
      reviewNote: Nullable(Type.String()),
      reviewedBy: Nullable(Type.String()),
      reviewedAt: Nullable(DateTime),
    }),
  ),
  tasks: Type.Array(TaskSchema),
  cibRequests: Type.Array(
    Type.Object({ id: Type.String(), reason: Type.String(), requestedAt: DateTime, decision: Nullable(Type.String()), decisionNote: Nullable(Type.String()), answeredAt: Nullable(DateTime), closedAt: Nullable(DateTime) }),
  ),
  preservations: Type.Array(
    Type.Object({ id: Type.String(), prosecutorOffice: Literals(PROSECUTOR_OFFICES), requestedAt: DateTime, subject: Type.String(), outcome: Type.String(), outcomeAt: Nullable(DateTime), outcomeNote: Nullable(Type.String()) }),
  ),
  transfer: Nullable(Type.Object({ prosecutorOffice: Literals(PROSECUTOR_OFFICES), transferredOn: Type.String(), documentNumber: Type.String(), recordedAt: DateTime })),
  notices: Type.Array(
    Type.Object({ id: Type.String(), kind: Literals(NOTICE_KINDS), recipient: Type.String(), channel: Literals(NOTICE_CHANNELS), sentAt: DateTime, reference: Nullable(Type.String()), documentSha256: Nullable(Type.String()) }),
  ),
  followUps: Type.Array(Type.Object({ id: Type.String(), note: Type.String(), createdAt: DateTime, createdBy: Type.String() })),
  /** How many victims the case has: a count only; the victims themselves are at /api/cases/:caseId/victims (G6.3.6). */
  victimCount: Type.Integer(),
  /** What the signed-in user may do here (the server still checks every call). */
  can: Type.Object({ update: Type.Boolean(), assign: Type.Boolean(), review: Type.Boolean(), transfer: Type.Boolean(), revealReporters: Type.Boolean() }),
});

export const AssessmentBody = Type.Object(
  {
    publicDissemination: Type.Object({ held: Type.Boolean(), reasons: Type.String({ maxLength: 10_000 }), evidenceIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 100 })) }, { additionalProperties: false }),
    inducement: Type.Object({ held: Type.Boolean(), reasons: Type.String({ maxLength: 10_000 }), evidenceIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 100 })) }, { additionalProperties: false }),
    childAtRisk: Type.Object(
      {
        held: Type.Boolean(),
        reasons: Type.String({ maxLength: 10_000 }),
        evidenceIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 100 })),
        subparagraphs: Type.Optional(Type.Array(Type.Integer(), { maxItems: 3 })),
      },
      { additionalProperties: false },
    ),
    otherOutcome: Type.Optional(Literals(['harmful', 'not_target'] as const)),
  },
  { additionalProperties: false },
);

export const TimelineSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      occurredAt: DateTime,
      actorUsername: Nullable(Type.String()),
      actorUnitCode: Nullable(Type.String()),
      action: Type.String(),
      objectType: Nullable(Type.String()),
      objectId: Nullable(Type.String()),
      outcome: Type.String(),
      details: Nullable(Type.Record(Type.String(), Type.Unknown())),
    }),
  ),
});

export const CaseEventSchema = Literals(CASE_EVENTS);
export { DateTime, Literals, Nullable };
