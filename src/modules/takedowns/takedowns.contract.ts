/** The takedown API's shapes (issue #6; the schema is the contract). */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Literals, Nullable } from '../../core/contract.ts';
import { DateOrDateTime } from '../cases/board.contract.ts';
import { LIAISON_BODIES } from '../liaison/liaison.tables.ts';
import { REPORT_CHANNELS, TAKEDOWN_STATES } from './takedowns.tables.ts';

const Ref = Type.Object({ id: Type.String(), code: Type.String(), nameZh: Type.String(), nameEn: Type.String() });

export const TakedownStateSchema = Literals(TAKEDOWN_STATES);

export const TargetSchema = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  caseNumber: Type.String(),
  owningUnit: Ref,
  platform: Nullable(Ref),
  findingId: Nullable(Type.String()),
  url: Type.String(),
  state: TakedownStateSchema,
  sealedEvidenceId: Nullable(Type.String()),
  reportedAt: Nullable(DateTime),
  reportChannel: Nullable(Literals(REPORT_CHANNELS)),
  reportReference: Nullable(Type.String()),
  orderDocumentNumber: Nullable(Type.String()),
  orderIssuedAt: Nullable(DateTime),
  /** T + 24 h. */
  dueAt: Nullable(DateTime),
  /** T + 180 days. */
  retentionEndsAt: Nullable(DateTime),
  removedAt: Nullable(DateTime),
  removalEvidenceId: Nullable(Type.String()),
  rpzDomain: Nullable(Type.String()),
  rpzRequestedAt: Nullable(DateTime),
  rpzAppliedAt: Nullable(DateTime),
  withdrawnReason: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const DataRequestSchema = Type.Object({
  id: Type.String(),
  recipient: Type.String(),
  sentAt: DateTime,
  answeredAt: Nullable(DateTime),
  result: Nullable(Type.String()),
});

export const RemovalCheckSchema = Type.Object({
  id: Type.String(),
  trigger: Literals(['deadline', 'on_demand'] as const),
  status: Type.String(),
  outcome: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  detail: Nullable(Type.String()),
  evidenceId: Nullable(Type.String()),
  checkedAt: Nullable(DateTime),
  createdAt: DateTime,
});

export const TargetDetailSchema = Type.Intersect([
  TargetSchema,
  Type.Object({
    findingSeenAt: Nullable(DateTime),
    reportContact: Nullable(Type.Object({ id: Type.String(), body: Literals(LIAISON_BODIES), organisation: Type.String(), windowName: Nullable(Type.String()) })),
    rpzContact: Nullable(Type.Object({ id: Type.String(), body: Literals(LIAISON_BODIES), organisation: Type.String(), windowName: Nullable(Type.String()) })),
    retentionReminder150At: Nullable(DateTime),
    retentionReminder170At: Nullable(DateTime),
    dataRequests: Type.Array(DataRequestSchema),
    checks: Type.Array(RemovalCheckSchema),
    /** The server's clock when the answer was made, so the page's countdown does not trust the PC's clock. */
    serverNow: DateTime,
    can: Type.Object({ update: Type.Boolean() }),
  }),
]);

const body = <T extends Parameters<typeof Type.Object>[0]>(properties: T) => Type.Object(properties, { additionalProperties: false });
const text = (maxLength: number, minLength = 0) => Type.String({ maxLength, minLength });

export const TargetListQuery = Type.Object(
  {
    /** One state or several, comma-separated (`state=overdue,rpz_requested`). */
    state: Type.Optional(Type.String({ pattern: `^(${TAKEDOWN_STATES.join('|')})(,(${TAKEDOWN_STATES.join('|')}))*$`, maxLength: 200 })),
    platformId: Type.Optional(Type.String({ format: 'uuid' })),
    caseId: Type.Optional(Type.String({ format: 'uuid' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);

export const OpenTargetBody = body({ findingId: Type.String({ format: 'uuid' }) });
export const ReportBody = body({
  channel: Literals(REPORT_CHANNELS),
  contactId: Type.String({ format: 'uuid' }),
  reason: text(2000, 1),
  reference: Type.Optional(Nullable(text(200))),
  sentAt: Type.Optional(DateTime),
});
export const OrderBody = body({ documentNumber: text(200, 1), issuedAt: DateTime });
export const RemovalBody = body({ removedAt: DateTime, evidenceId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))) });
export const RpzBody = body({ domain: Type.Optional(Nullable(text(253))), requestedAt: DateTime, contactId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))) });
export const RpzAppliedBody = body({ appliedAt: DateTime });
export const WithdrawBody = body({ reason: text(2000, 1) });
export const DataRequestBody = body({ recipient: text(300, 1), sentAt: DateTime });
export const DataAnswerBody = body({ answeredAt: DateTime, result: text(3000, 1) });

export const SpeedQuerySchema = Type.Object(
  { from: Type.Optional(DateOrDateTime), to: Type.Optional(DateOrDateTime), groupBy: Type.Optional(Literals(['platform', 'unit'] as const)) },
  { additionalProperties: false },
);
export const SpeedExportQuery = Type.Object({ ...SpeedQuerySchema.properties, format: Literals(['csv', 'xlsx'] as const) }, { additionalProperties: false });

const Seconds = Nullable(Type.Number());
export const SpeedFiguresSchema = Type.Object({
  key: Nullable(Type.String()),
  code: Nullable(Type.String()),
  nameZh: Nullable(Type.String()),
  nameEn: Nullable(Type.String()),
  targets: Type.Integer(),
  reported: Type.Integer(),
  ordered: Type.Integer(),
  removed: Type.Integer(),
  findingToReportMedian: Seconds,
  findingToReportP90: Seconds,
  reportToOrderMedian: Seconds,
  reportToOrderP90: Seconds,
  orderToRemovalMedian: Seconds,
  orderToRemovalP90: Seconds,
  removedWithin24h: Type.Integer(),
  /** Percent of orders verified removed by T + 24 h (one decimal); null without orders. */
  removedWithin24hShare: Nullable(Type.Number()),
  rpzEscalated: Type.Integer(),
  stillOnline: Type.Integer(),
});
export const SpeedReportSchema = Type.Object({ from: DateTime, to: DateTime, groupBy: Literals(['platform', 'unit'] as const), groups: Type.Array(SpeedFiguresSchema), overall: SpeedFiguresSchema });
export type SpeedReportBody = Static<typeof SpeedReportSchema>;
