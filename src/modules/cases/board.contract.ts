/**
 * The tracking board's API shapes (issue #5, G4.1.1 列管): one set of filter properties serves
 * the board's query string, the export's and a saved view's body, so a saved view can never hold
 * a filter the board would refuse.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from '../../core/contract.ts';
import { ART40_OUTCOMES, CASE_STATUSES, CIB_ASSISTANCE_STATES } from './cases.tables.ts';

/** A string enum as one JSON-schema `enum`, so a refusal reads "must be equal to one of the allowed values". */
const StringEnum = <T extends string>(values: readonly T[], description?: string) => Type.Unsafe<T>({ type: 'string', enum: [...values], description });

export const BOARD_SORTS = ['createdAt', 'number', 'status', 'dueNext'] as const;
export type BoardSortKey = (typeof BOARD_SORTS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
/** `pending`: no supervisor has signed the Art. 40 check off yet (the column is empty). */
export const BOARD_ART40_OUTCOMES = [...ART40_OUTCOMES, 'pending'] as const;
export type BoardArt40Outcome = (typeof BOARD_ART40_OUTCOMES)[number];
export const BOARD_MAX_PAGE_SIZE = 200;
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * A calendar date (`2025-07-08`, a whole day in Asia/Taipei) or an instant with an offset
 * (`2025-07-08T14:05:00+08:00`). Impossible dates are refused by the service, naming the field.
 */
export const DateOrDateTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:\\d{2}))?$',
  maxLength: 40,
  description: 'YYYY-MM-DD (a day in Asia/Taipei) or an ISO 8601 instant with offset',
});

/** Every filter of the board. Lists (`status`, `art40Outcome`) may repeat the parameter or use commas. */
export const boardFilterProperties = {
  unitId: Type.Optional(Type.String({ format: 'uuid', description: 'Owning unit; outside the actor’s scope it matches nothing' })),
  includeSubunits: Type.Optional(Type.Boolean({ description: 'With unitId: include the unit’s sub-units (default true)' })),
  status: Type.Optional(Type.Array(StringEnum(CASE_STATUSES), { maxItems: CASE_STATUSES.length, uniqueItems: true })),
  platformId: Type.Optional(Type.String({ format: 'uuid' })),
  serious: Type.Optional(Type.Boolean()),
  overdue: Type.Optional(Type.Boolean({ description: 'true: has an open task past its due time; false: has none' })),
  art40Outcome: Type.Optional(Type.Array(StringEnum(BOARD_ART40_OUTCOMES), { maxItems: BOARD_ART40_OUTCOMES.length, uniqueItems: true })),
  from: Type.Optional(DateOrDateTime),
  to: Type.Optional(DateOrDateTime),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Case number or title contains' })),
  sort: Type.Optional(StringEnum(BOARD_SORTS)),
  order: Type.Optional(StringEnum(SORT_ORDERS)),
};

/** The parameters that may be written as a comma list in a query string. */
export const BOARD_LIST_PARAMETERS = ['status', 'art40Outcome'] as const;

export const BoardFiltersSchema = Type.Object(boardFilterProperties, { additionalProperties: false });
export type BoardFiltersInput = Static<typeof BoardFiltersSchema>;

export const BoardQuery = Type.Object(
  {
    ...boardFilterProperties,
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: BOARD_MAX_PAGE_SIZE })),
  },
  { additionalProperties: false },
);

export const BoardExportQuery = Type.Object({ ...boardFilterProperties, format: StringEnum(EXPORT_FORMATS) }, { additionalProperties: false });

const Ref = Type.Object({ id: Type.String(), code: Type.String(), nameZh: Type.String(), nameEn: Type.String() });

/** One board row. Reporters never appear on the board (G6.3.6); neither does the case summary text. */
export const BoardItemSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  status: StringEnum(CASE_STATUSES),
  serious: Type.Boolean(),
  art40Outcome: Nullable(StringEnum(ART40_OUTCOMES)),
  cibAssistance: StringEnum(CIB_ASSISTANCE_STATES),
  owningUnit: Ref,
  platform: Nullable(Ref),
  openTaskCount: Type.Integer(),
  overdueTaskCount: Type.Integer(),
  nextDueAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
  closedAt: Nullable(DateTime),
});

export const BoardPageSchema = Type.Object({
  items: Type.Array(BoardItemSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const SavedViewSchema = Type.Object({ id: Type.String(), name: Type.String(), filters: BoardFiltersSchema, createdAt: DateTime });

export const SavedViewBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), filters: BoardFiltersSchema }, { additionalProperties: false });
