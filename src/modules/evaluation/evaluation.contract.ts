/** Request and response schemas of the evaluation routes: the contract (STYLE rule 2). */
import { Type, type Static } from '@sinclair/typebox';
import { UNIT_KINDS } from '../../core/access/roles.ts';
import { DateTime, Literals, Nullable } from '../../core/contract.ts';
import { METRIC_KEYS } from './evaluation-metrics.ts';
import { PERIOD_KINDS } from './evaluation-period.ts';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A Taipei calendar day, YYYY-MM-DD' });
const Uuid = Type.String({ format: 'uuid' });

export const EvaluationQuerySchema = Type.Object(
  {
    periodKind: Literals(PERIOD_KINDS),
    anchor: Type.Optional(Day),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    ruleSetId: Type.Optional(Uuid),
    unitId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const EvaluationExportQuery = Type.Object({ ...EvaluationQuerySchema.properties, format: Literals(['csv', 'xlsx'] as const) }, { additionalProperties: false });

export const TrendQuerySchema = Type.Object(
  {
    months: Type.Optional(Type.Integer({ minimum: 1, maximum: 36 })),
    end: Type.Optional(Day),
    ruleSetId: Type.Optional(Uuid),
    unitId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

const MetricValuesSchema = Type.Record(Literals(METRIC_KEYS), Nullable(Type.Number()));

const MetricRuleSchema = Type.Object(
  { pointsPerItem: Type.Number(), cap: Nullable(Type.Number()), weight: Type.Number() },
  { additionalProperties: false },
);

/** Structure only: ranges, known figures and the rest are checked by the service, which names every problem. */
export const RuleSetRulesSchema = Type.Object(
  {
    rankedUnitKinds: Type.Array(Type.String(), { maxItems: 20 }),
    metrics: Type.Record(Type.String({ maxLength: 60 }), MetricRuleSchema),
  },
  { additionalProperties: false },
);

export const RuleSetSchema = Type.Object({
  id: Uuid,
  version: Type.Integer(),
  name: Type.String(),
  basis: Type.String(),
  description: Nullable(Type.String()),
  rules: Type.Object({
    rankedUnitKinds: Type.Array(Literals(UNIT_KINDS)),
    metrics: Type.Record(Type.String(), MetricRuleSchema),
  }),
  basedOnId: Nullable(Uuid),
  createdBy: Nullable(Type.Object({ id: Uuid, displayName: Type.String() })),
  createdAt: DateTime,
  current: Type.Boolean({ description: 'The highest version: the one used unless another is chosen' }),
});

export const RuleSetListSchema = Type.Object({ items: Type.Array(RuleSetSchema), can: Type.Object({ manage: Type.Boolean() }) });

export const CreateRuleSetBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    basis: Type.String({ minLength: 1, maxLength: 300 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    rules: RuleSetRulesSchema,
    basedOnId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type CreateRuleSetInput = Static<typeof CreateRuleSetBody>;

const RowUnitSchema = Type.Object({ id: Uuid, code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), kind: Literals(UNIT_KINDS) });

const MetricScoreSchema = Type.Object({
  metric: Literals(METRIC_KEYS),
  value: Nullable(Type.Number()),
  scored: Type.Boolean(),
  pointsPerItem: Type.Number(),
  rawPoints: Type.Number(),
  cap: Nullable(Type.Number()),
  capped: Type.Boolean(),
  points: Type.Number(),
  weight: Type.Number(),
  contribution: Type.Number(),
});

const EvaluatedRowSchema = Type.Object({
  key: Type.String(),
  unit: RowUnitSchema,
  scope: Literals(['subtree', 'self', 'total'] as const),
  hasSubunits: Type.Boolean(),
  values: MetricValuesSchema,
  score: Type.Number(),
  rank: Nullable(Type.Integer()),
  breakdown: Type.Array(MetricScoreSchema),
});

const PeriodSchema = Type.Object({
  kind: Literals(PERIOD_KINDS),
  from: DateTime,
  to: DateTime,
  firstDay: Day,
  lastDay: Day,
  label: Type.String(),
  key: Type.String(),
});

const RuleSetRefSchema = Type.Object({ id: Uuid, version: Type.Integer(), name: Type.String(), basis: Type.String() });

export const EvaluationReportSchema = Type.Object({
  period: PeriodSchema,
  ruleSet: RuleSetRefSchema,
  group: Type.Object({ ...RowUnitSchema.properties, isDepartment: Type.Boolean(), parentId: Nullable(Uuid) }),
  rows: Type.Array(EvaluatedRowSchema),
  total: EvaluatedRowSchema,
  rankedCount: Type.Integer(),
  departmentRank: Nullable(Type.Object({ unit: RowUnitSchema, rank: Type.Integer(), of: Type.Integer(), score: Type.Number() })),
  seesDepartment: Type.Boolean(),
});

export const EvaluationTrendSchema = Type.Object({
  months: Type.Array(PeriodSchema),
  ruleSet: RuleSetRefSchema,
  group: RowUnitSchema,
  series: Type.Array(
    Type.Object({
      key: Type.String(),
      unit: RowUnitSchema,
      scope: Literals(['subtree', 'self', 'total'] as const),
      scores: Type.Array(Type.Number()),
      ranks: Type.Array(Nullable(Type.Integer())),
      values: Type.Array(MetricValuesSchema),
    }),
  ),
});
