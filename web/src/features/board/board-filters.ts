/**
 * The board's filters as they live in the address bar, in the API's query string and in a saved
 * view — one canonical shape, so back/reload, a saved view and an export all mean the same cases.
 * Pure functions (no React), unit-tested alone.
 *
 * The address uses the API's own parameter names; lists are comma-separated (`status=open,closed`,
 * which the server also accepts), booleans are `true`/`false`, dates are Taipei calendar days
 * `YYYY-MM-DD` (the API reads a bare day as the whole day in Asia/Taipei).
 */
import dayjs, { type Dayjs } from 'dayjs';
import { CASE_STATUSES, type CaseStatus } from '../cases/cases.api.ts';
import { parseYmd, ymd } from '../findings/period.ts';

/** `pending`: no supervisor has signed the Art. 40 check off yet. */
export const BOARD_ART40_OUTCOMES = ['art40', 'harmful', 'not_target', 'pending'] as const;
export type BoardArt40Outcome = (typeof BOARD_ART40_OUTCOMES)[number];
export const BOARD_SORTS = ['createdAt', 'number', 'status', 'dueNext'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

export const BOARD_PAGE_SIZES = [20, 50, 100, 200] as const;
export const BOARD_DEFAULT_PAGE_SIZE = 50;
/** The server's limit on the search text (board.contract.ts). */
export const BOARD_Q_MAX = 100;

/** Every filter of the board, in the API's shape (src/modules/cases/board.contract.ts). */
export interface BoardFilters {
  unitId?: string;
  /** With `unitId`: include the unit's sub-units. The server's default is true, so only `false` is kept. */
  includeSubunits?: boolean;
  status?: CaseStatus[];
  platformId?: string;
  serious?: boolean;
  overdue?: boolean;
  art40Outcome?: BoardArt40Outcome[];
  /** Taipei calendar days, `YYYY-MM-DD`, both inclusive. */
  from?: string;
  to?: string;
  q?: string;
  sort?: BoardSort;
  order?: SortOrder;
}

/** What the address bar holds: the filters and the page shown. */
export interface BoardLocation {
  filters: BoardFilters;
  page: number;
  pageSize: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGE = 100_000;

const isUuid = (value: string | null | undefined): value is string => typeof value === 'string' && UUID.test(value);

function oneOf<T extends string>(values: readonly T[], value: string | null | undefined): T | undefined {
  return (values as readonly (string | null | undefined)[]).includes(value) ? (value as T) : undefined;
}

/** The known values of a list, once each, in catalogue order (so equal choices compare equal). */
function knownList<T extends string>(catalogue: readonly T[], values: readonly string[] | undefined): T[] | undefined {
  const picked = catalogue.filter((value) => values?.includes(value));
  return picked.length > 0 ? picked : undefined;
}

/** A `YYYY-MM-DD` that names a real day (the server refuses 2025-02-30), or undefined. */
function calendarDay(value: string | undefined): string | undefined {
  const day = parseYmd(value ?? null);
  if (!day) return undefined;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const check = new Date(Date.UTC(year, month - 1, date));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === date ? day : undefined;
}

function readBoolean(value: string | null): boolean | undefined {
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/**
 * The canonical form of a set of filters: unknown values and empty fields dropped, lists in
 * catalogue order, `includeSubunits` kept only when it says `false` under a unit, the default
 * sort left out. Saved views (which may hold the server's spelling) go through here too.
 */
export function normalizeFilters(filters: BoardFilters): BoardFilters {
  const out: BoardFilters = {};
  if (isUuid(filters.unitId)) {
    out.unitId = filters.unitId;
    if (filters.includeSubunits === false) out.includeSubunits = false;
  }
  const status = knownList(CASE_STATUSES, filters.status);
  if (status) out.status = status;
  if (isUuid(filters.platformId)) out.platformId = filters.platformId;
  if (typeof filters.serious === 'boolean') out.serious = filters.serious;
  if (typeof filters.overdue === 'boolean') out.overdue = filters.overdue;
  const art40Outcome = knownList(BOARD_ART40_OUTCOMES, filters.art40Outcome);
  if (art40Outcome) out.art40Outcome = art40Outcome;
  const from = calendarDay(filters.from);
  const to = calendarDay(filters.to);
  if (from) out.from = from;
  if (to) out.to = to;
  const q = filters.q?.trim().slice(0, BOARD_Q_MAX);
  if (q) out.q = q;
  const sort = oneOf(BOARD_SORTS, filters.sort) ?? 'createdAt';
  const order = oneOf(['asc', 'desc'] as const, filters.order) ?? defaultOrder(sort);
  // Newest first is the server's default: the address stays short without it.
  if (sort !== 'createdAt' || order !== 'desc') {
    out.sort = sort;
    out.order = order;
  }
  return out;
}

/** The server's order for a sort given alone: newest first; numbers, statuses and deadlines ascending. */
export function defaultOrder(sort: BoardSort): SortOrder {
  return sort === 'createdAt' ? 'desc' : 'asc';
}

/** Reads the address bar; anything unknown or malformed is ignored rather than sent on. */
export function readBoardLocation(params: URLSearchParams): BoardLocation {
  const list = (key: string) => params.getAll(key).flatMap((value) => value.split(','));
  const filters = normalizeFilters({
    unitId: params.get('unitId') ?? undefined,
    includeSubunits: readBoolean(params.get('includeSubunits')),
    status: list('status') as CaseStatus[],
    platformId: params.get('platformId') ?? undefined,
    serious: readBoolean(params.get('serious')),
    overdue: readBoolean(params.get('overdue')),
    art40Outcome: list('art40Outcome') as BoardArt40Outcome[],
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    q: params.get('q') ?? undefined,
    sort: (params.get('sort') ?? undefined) as BoardSort | undefined,
    order: (params.get('order') ?? undefined) as SortOrder | undefined,
  });
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    filters,
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
    pageSize: (BOARD_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : BOARD_DEFAULT_PAGE_SIZE,
  };
}

/** The filters as query parameters (address bar and API alike), in a fixed key order. */
export function filterParams(filters: BoardFilters): Record<string, string> {
  const f = normalizeFilters(filters);
  const out: Record<string, string> = {};
  if (f.unitId) out.unitId = f.unitId;
  if (f.includeSubunits === false) out.includeSubunits = 'false';
  if (f.status) out.status = f.status.join(',');
  if (f.platformId) out.platformId = f.platformId;
  if (f.serious !== undefined) out.serious = String(f.serious);
  if (f.overdue !== undefined) out.overdue = String(f.overdue);
  if (f.art40Outcome) out.art40Outcome = f.art40Outcome.join(',');
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  if (f.q) out.q = f.q;
  if (f.sort) out.sort = f.sort;
  if (f.order) out.order = f.order;
  return out;
}

/** The address bar for a location; the first page and the default page size are left out. */
export function locationParams(location: BoardLocation): Record<string, string> {
  const out = filterParams(location.filters);
  if (location.page > 1) out.page = String(location.page);
  if (location.pageSize !== BOARD_DEFAULT_PAGE_SIZE) out.pageSize = String(location.pageSize);
  return out;
}

/** True when two sets of filters select the same cases in the same order. */
export function sameFilters(a: BoardFilters, b: BoardFilters): boolean {
  return JSON.stringify(filterParams(a)) === JSON.stringify(filterParams(b));
}

// The filter form --------------------------------------------------------------------------------

export type YesNo = 'yes' | 'no';

/** The filter bar's values (sorting is the table's, not the form's). */
export interface BoardFormValues {
  unitId?: string;
  includeSubunits: boolean;
  status: CaseStatus[];
  platformId?: string;
  serious?: YesNo;
  overdue?: YesNo;
  art40Outcome: BoardArt40Outcome[];
  range?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
}

const yesNo = (value: boolean | undefined): YesNo | undefined => (value === undefined ? undefined : value ? 'yes' : 'no');
const fromYesNo = (value: YesNo | undefined | null): boolean | undefined => (value === 'yes' ? true : value === 'no' ? false : undefined);

/** Filters → the form (absent lists as empty ones, days as picker values). */
export function toFormValues(filters: BoardFilters): BoardFormValues {
  return {
    unitId: filters.unitId,
    includeSubunits: filters.includeSubunits !== false,
    status: filters.status ?? [],
    platformId: filters.platformId,
    serious: yesNo(filters.serious),
    overdue: yesNo(filters.overdue),
    art40Outcome: filters.art40Outcome ?? [],
    range: filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null,
    q: filters.q,
  };
}

/** The form → filters, keeping the table's current sort. */
export function fromFormValues(values: BoardFormValues, sorting: Pick<BoardFilters, 'sort' | 'order'> = {}): BoardFilters {
  const [start, end] = values.range ?? [null, null];
  return normalizeFilters({
    unitId: values.unitId ?? undefined,
    includeSubunits: values.includeSubunits,
    status: values.status,
    platformId: values.platformId ?? undefined,
    serious: fromYesNo(values.serious),
    overdue: fromYesNo(values.overdue),
    art40Outcome: values.art40Outcome,
    from: start ? ymd(start) : undefined,
    to: end ? ymd(end) : undefined,
    q: values.q,
    ...sorting,
  });
}
