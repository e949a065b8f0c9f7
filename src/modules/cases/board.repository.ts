/**
 * SQL for the WCPD tracking board (issue #5, G4.1.1): the filtered, sorted, paged case list, its
 * tally, the task figures of the rows shown, and users' saved views.
 *
 * A page is a handful of statements, never one per row: the tally (matching cases per status), the
 * page's ids (filtered and ordered on `cases` alone, along an index where the sort allows: see
 * `sortedIds`, `statusSortedIds`, `dueNextIds`), those rows with unit and platform, and one grouped
 * read of `case_tasks` for the page's case ids (`case_tasks_case_step_uq` leads with `case_id`).
 * Every statement carries the actor's scope (need-to-know is applied in SQL, never afterwards).
 */
import { aliasedTable, and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, like, lt, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { platforms } from '../platforms/platforms.tables.ts';
import { caseTasks } from '../tasks/tasks.tables.ts';
import { units } from '../units/units.tables.ts';
import type { BoardArt40Outcome, BoardSortKey } from './board.contract.ts';
import { escapeLike } from './cases.repository.ts';
import { caseAssignees, cases, CASE_STATUSES, savedBoardViews, type Art40Outcome, type CaseStatus } from './cases.tables.ts';

/**
 * Which cases the actor may see at all (from `caseScopeFor`), resolved to ids: everything; or
 * cases owned by these units (the actor's unit and those below it), assigned to the actor, or —
 * for CIB — asking CIB for help. Ids rather than a path pattern, so the condition is an index
 * lookup (`cases_unit_created_idx`, the primary key) instead of a pass over every case.
 */
export type BoardScope = { all: true } | { all: false; unitIds: readonly string[]; assignedCaseIds: readonly string[]; includeCibRequests: boolean };

/** The board's filters, resolved: dates are instants, the unit filter is the units it covers. */
export type BoardCriteria = {
  scope: BoardScope;
  /** Owning units the filter accepts (the chosen unit, with its sub-units when asked). */
  unitIds?: readonly string[];
  statuses?: readonly CaseStatus[];
  platformId?: string;
  serious?: boolean;
  /** true: at least one open task due before `now`; false: none. */
  overdue?: boolean;
  art40Outcomes?: readonly BoardArt40Outcome[];
  /** Inclusive. */
  createdFrom?: Date;
  /** Exclusive. */
  createdBefore?: Date;
  search?: string;
  now: Date;
};

export type BoardOrder = { sort: BoardSortKey; order: 'asc' | 'desc' };
export type BoardWindow = { limit: number; offset: number };
/** How many cases match, in all and per status. */
export type BoardTally = { total: number; byStatus: Record<CaseStatus, number> };

export type BoardRow = {
  id: string;
  number: string;
  title: string;
  status: CaseStatus;
  serious: boolean;
  art40Outcome: Art40Outcome | null;
  cibAssistance: (typeof cases.$inferSelect)['cibAssistance'];
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  unit: { id: string; code: string; nameZh: string; nameEn: string };
  platform: { id: string; code: string; nameZh: string; nameEn: string } | null;
};

export type TaskFigures = { openTaskCount: number; overdueTaskCount: number; nextDueAt: Date | null };

export type SavedBoardViewRow = typeof savedBoardViews.$inferSelect;

/**
 * The same need-to-know rule as the case register's lists (`cases.repository.ts`), on resolved
 * ids, combined with the unit filter. The scope's units are narrowed to the filter's, and a scope
 * the filter already implies is left out: repeating a condition on `owning_unit_id` made the
 * planner multiply its selectivity, expect 200 cases where there were 7,000 and pick a plan that
 * probed every one of them.
 */
function scopeAndUnitCondition(scope: BoardScope, filterUnitIds: readonly string[] | undefined): SQL | undefined {
  const unitFilter = filterUnitIds ? sql`${cases.owningUnitId} = any(${uuidArray(filterUnitIds)})` : undefined;
  if (scope.all) return unitFilter;
  const inFilter = filterUnitIds ? new Set(filterUnitIds) : null;
  const scopeUnits = inFilter ? scope.unitIds.filter((id) => inFilter.has(id)) : scope.unitIds;
  if (inFilter && scopeUnits.length === inFilter.size) return unitFilter; // every filtered unit is in scope
  const visible = or(
    scopeUnits.length > 0 ? sql`${cases.owningUnitId} = any(${uuidArray(scopeUnits)})` : undefined,
    scope.assignedCaseIds.length > 0 ? sql`${cases.id} = any(${uuidArray(scope.assignedCaseIds)})` : undefined,
    scope.includeCibRequests ? inArray(cases.cibAssistance, ['requested', 'accepted']) : undefined,
  );
  // Nothing visible at all (no unit, no assignment, no CIB role) must match nothing, not everything.
  return and(unitFilter, visible ?? sql`false`);
}

function overdueTaskExists(now: Date): SQL {
  // Planned as a semi-join over case_tasks_open_due_idx (status, due_at).
  return sql`exists (select 1 from ${caseTasks} where ${caseTasks.caseId} = ${cases.id} and ${caseTasks.status} = 'open' and ${caseTasks.dueAt} < ${now.toISOString()}::timestamptz)`;
}

function art40Condition(outcomes: readonly BoardArt40Outcome[]): SQL | undefined {
  const decided = outcomes.filter((o): o is Art40Outcome => o !== 'pending');
  return or(decided.length > 0 ? inArray(cases.art40Outcome, decided) : undefined, outcomes.includes('pending') ? isNull(cases.art40Outcome) : undefined);
}

/**
 * Number or title contains the text, ignoring case. Case numbers are upper case by construction
 * (unit codes are), so the number is matched with LIKE on the upper-cased text; the title needs
 * ILIKE only when the text has letters with case — ILIKE costs several times LIKE on Chinese text.
 */
function searchCondition(text: string): SQL | undefined {
  const search = text.trim();
  if (search.length === 0) return undefined;
  const pattern = `%${escapeLike(search)}%`;
  const caseless = search.toLowerCase() === search.toUpperCase();
  return or(like(cases.number, pattern.toUpperCase()), caseless ? like(cases.title, pattern) : ilike(cases.title, pattern));
}

function whereOf(c: BoardCriteria): SQL | undefined {
  return and(
    scopeAndUnitCondition(c.scope, c.unitIds),
    c.statuses && c.statuses.length > 0 ? inArray(cases.status, [...c.statuses]) : undefined,
    c.platformId ? eq(cases.platformId, c.platformId) : undefined,
    c.serious === undefined ? undefined : eq(cases.serious, c.serious),
    c.overdue === undefined ? undefined : c.overdue ? overdueTaskExists(c.now) : sql`not ${overdueTaskExists(c.now)}`,
    c.art40Outcomes && c.art40Outcomes.length > 0 ? art40Condition(c.art40Outcomes) : undefined,
    c.createdFrom ? gte(cases.createdAt, c.createdFrom) : undefined,
    c.createdBefore ? lt(cases.createdAt, c.createdBefore) : undefined,
    c.search ? searchCondition(c.search) : undefined,
  );
}

const rowFields = {
  id: cases.id,
  number: cases.number,
  title: cases.title,
  status: cases.status,
  serious: cases.serious,
  art40Outcome: cases.art40Outcome,
  cibAssistance: cases.cibAssistance,
  createdAt: cases.createdAt,
  updatedAt: cases.updatedAt,
  closedAt: cases.closedAt,
  unit: { id: units.id, code: units.code, nameZh: units.nameZh, nameEn: units.nameEn },
  platform: { id: platforms.id, code: platforms.code, nameZh: platforms.nameZh, nameEn: platforms.nameEn },
};

/** One uuid[] parameter (however many ids), rather than one parameter per id. */
function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

/** Ids of a page sorted on columns of `cases` (the sort sees only the narrow key columns). */
async function sortedIds(db: DbOrTx, criteria: BoardCriteria, order: BoardOrder, window: BoardWindow): Promise<string[]> {
  const dir = order.order === 'asc' ? asc : desc;
  const rows = await db
    .select({ id: cases.id })
    .from(cases)
    .where(whereOf(criteria))
    .orderBy(...(order.sort === 'number' ? [dir(cases.number)] : [dir(cases.createdAt), dir(cases.id)]))
    .limit(window.limit)
    .offset(window.offset);
  return rows.map((r) => r.id);
}

/**
 * Ids of a page in workflow order of status (open → closed, or back), newest first within a
 * status. The tally says how many cases of each status match, so the page is read status by
 * status from `cases_status_created_idx` (status, created_at) — one or two short index walks —
 * instead of sorting every matching case by a computed rank.
 */
async function statusSortedIds(db: DbOrTx, criteria: BoardCriteria, order: 'asc' | 'desc', window: BoardWindow, tally: BoardTally): Promise<string[]> {
  // The status is fixed per query; the status filter (already in the tally) would only repeat it.
  const where = whereOf({ ...criteria, statuses: undefined });
  const ids: string[] = [];
  let skip = window.offset;
  for (const status of order === 'asc' ? CASE_STATUSES : [...CASE_STATUSES].reverse()) {
    const matching = tally.byStatus[status];
    if (ids.length === window.limit) break;
    if (skip >= matching) {
      skip -= matching;
      continue;
    }
    const rows = await db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.status, status), where))
      .orderBy(desc(cases.createdAt), desc(cases.id))
      .limit(window.limit - ids.length)
      .offset(skip);
    ids.push(...rows.map((r) => r.id));
    skip = 0;
  }
  return ids;
}

const earlierTask = aliasedTable(caseTasks, 'earlier_task');
const openDated = and(eq(caseTasks.status, 'open'), isNotNull(caseTasks.dueAt));
/** The case has an open task with a due time. */
const hasOpenDeadline = sql`exists (select 1 from ${caseTasks} where ${caseTasks.caseId} = ${cases.id} and ${openDated})`;

/** The planner's estimate of the number of cases (no scan); null before the table was first analysed. */
async function estimatedCaseCount(db: DbOrTx): Promise<number | null> {
  const result = await db.execute(sql`select reltuples::float8 as n from pg_class where oid = 'cases'::regclass`);
  const n = Number((result as unknown as { rows: { n: unknown }[] }).rows[0]?.n);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * Ids of a page sorted by each case's next deadline (the earliest due time of its open tasks),
 * ties newest first; cases without an open deadline follow, newest first, in either direction.
 *
 * Aggregating every open task of the department and sorting every case by the result costs a
 * pass over both tables whatever the page; so one of two plans is chosen by what it will touch:
 * - many matching cases: walk `case_tasks_open_due_idx` (status, due_at) in deadline order and stop
 *   when the page is full (see {@link walkDeadlines}) — about (offset + limit) × cases / matching
 *   index entries;
 * - few matching cases (a unit's serious cases, a search): read them and look each one's next
 *   deadline up through `case_tasks_case_step_uq` (case_id, …) — one probe per matching case.
 */
async function dueNextIds(db: DbOrTx, criteria: BoardCriteria, order: 'asc' | 'desc', window: BoardWindow, matching: number): Promise<string[]> {
  if (matching === 0 || window.offset >= matching) return [];
  const caseCount = Math.max((await estimatedCaseCount(db)) ?? matching, matching);
  const walkEntries = (window.offset + window.limit) * (caseCount / matching);
  return walkEntries < matching ? walkDeadlines(db, criteria, order, window) : probeDeadlines(db, criteria, order, window);
}

const taskOfCase = aliasedTable(caseTasks, 'task_of_case');

/** Reads the matching cases and orders them by a per-case lookup of the next deadline. */
async function probeDeadlines(db: DbOrTx, criteria: BoardCriteria, order: 'asc' | 'desc', window: BoardWindow): Promise<string[]> {
  const nextDue = sql`(select min(${taskOfCase.dueAt}) from ${caseTasks} ${sql.identifier('task_of_case')} where ${taskOfCase.caseId} = ${cases.id} and ${taskOfCase.status} = 'open')`;
  // Costed as one subquery per row, this plan crosses jit_above_cost although it touches few
  // rows; compiling it took four times as long as running it (170 ms against 43 ms on the bench).
  // (Inside a caller's transaction the setting lasts until that transaction ends.)
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    const rows = await tx
      .select({ id: cases.id })
      .from(cases)
      .where(whereOf(criteria))
      .orderBy(sql`${nextDue} ${sql.raw(order)} nulls last`, desc(cases.createdAt), desc(cases.id))
      .limit(window.limit)
      .offset(window.offset);
    return rows.map((r) => r.id);
  });
}

/**
 * Walks open tasks in deadline order, keeps each case's earliest open task only (no earlier open
 * task of the same case exists; ids break exact ties) and stops once the page is full. Only a page
 * reaching past the cases with a deadline counts them and reads the rest.
 */
async function walkDeadlines(db: DbOrTx, criteria: BoardCriteria, order: 'asc' | 'desc', window: BoardWindow): Promise<string[]> {
  const where = whereOf(criteria);
  // A case has an overdue task exactly when its earliest open deadline has passed, so the overdue
  // filter becomes a range on the walked index instead of a probe per row.
  const { overdue, ...withoutOverdue } = criteria;
  const deadlineRange = overdue === undefined ? undefined : overdue ? lt(caseTasks.dueAt, criteria.now) : gte(caseTasks.dueAt, criteria.now);
  const earliestOfItsCase = notExists(
    db
      .select({ one: sql`1` })
      .from(earlierTask)
      .where(
        and(
          eq(earlierTask.caseId, caseTasks.caseId),
          eq(earlierTask.status, 'open'),
          or(lt(earlierTask.dueAt, caseTasks.dueAt), and(eq(earlierTask.dueAt, caseTasks.dueAt), lt(earlierTask.id, caseTasks.id))),
        ),
      ),
  );
  const dated = await db
    .select({ id: cases.id })
    .from(caseTasks)
    .innerJoin(cases, eq(cases.id, caseTasks.caseId))
    .where(and(openDated, deadlineRange, earliestOfItsCase, whereOf(withoutOverdue)))
    .orderBy(order === 'asc' ? asc(caseTasks.dueAt) : desc(caseTasks.dueAt), desc(cases.createdAt), desc(cases.id))
    .limit(window.limit)
    .offset(window.offset);
  const ids = dated.map((r) => r.id);
  // Full page, or only cases with an overdue (hence dated) task wanted: done.
  if (ids.length === window.limit || overdue === true) return ids;
  // The page reaches past the last case with a deadline: continue with the cases without one.
  const withDeadline = ids.length > 0 ? window.offset + ids.length : Number((await db.select({ n: count() }).from(cases).where(and(where, hasOpenDeadline)))[0]?.n ?? 0);
  const rest = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(where, sql`not ${hasOpenDeadline}`))
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(window.limit - ids.length)
    .offset(Math.max(0, window.offset - withDeadline));
  return ids.concat(rest.map((r) => r.id));
}

export const boardRepository = {
  /**
   * Cases matching the criteria, in the requested order (ties broken by id so pages never
   * overlap): the page's ids, sorted on the narrow key columns alone (so the sort stays in
   * memory), then the page's rows with their unit and platform. The tally (counted here unless
   * the caller has it) lets the status and deadline sorts plan their reads.
   */
  async page(db: DbOrTx, criteria: BoardCriteria, order: BoardOrder, window: BoardWindow, tally?: BoardTally): Promise<BoardRow[]> {
    const counted = async () => tally ?? (await boardRepository.tally(db, criteria));
    const ids =
      order.sort === 'dueNext'
        ? await dueNextIds(db, criteria, order.order, window, (await counted()).total)
        : order.sort === 'status'
          ? await statusSortedIds(db, criteria, order.order, window, await counted())
          : await sortedIds(db, criteria, order, window);
    if (ids.length === 0) return [];
    const rows = await db
      .select(rowFields)
      .from(cases)
      .innerJoin(units, eq(units.id, cases.owningUnitId))
      .leftJoin(platforms, eq(platforms.id, cases.platformId))
      .where(sql`${cases.id} = any(${uuidArray(ids)})`);
    const byId = new Map<string, BoardRow>(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id)).filter((row): row is BoardRow => row !== undefined);
  },

  /** How many cases match (the same WHERE clause as `page`), in all and per status. */
  async tally(db: DbOrTx, criteria: BoardCriteria): Promise<BoardTally> {
    const rows = await db.select({ status: cases.status, n: count() }).from(cases).where(whereOf(criteria)).groupBy(cases.status);
    const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
    for (const row of rows) byStatus[row.status] = Number(row.n);
    return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
  },

  /** Open and overdue task counts and the next due time, per case, for the given cases. */
  async taskFigures(db: DbOrTx, caseIds: readonly string[], now: Date): Promise<Map<string, TaskFigures>> {
    const figures = new Map<string, TaskFigures>();
    if (caseIds.length === 0) return figures;
    const nowParam = sql`${now.toISOString()}::timestamptz`;
    const rows = await db
      .select({
        caseId: caseTasks.caseId,
        openTaskCount: sql<number>`count(*)::int`,
        overdueTaskCount: sql<number>`(count(*) filter (where ${caseTasks.dueAt} < ${nowParam}))::int`,
        nextDueAt: sql<Date | null>`min(${caseTasks.dueAt})`.mapWith(caseTasks.dueAt),
      })
      .from(caseTasks)
      .where(and(sql`${caseTasks.caseId} = any(${uuidArray(caseIds)})`, eq(caseTasks.status, 'open')))
      .groupBy(caseTasks.caseId);
    for (const row of rows) figures.set(row.caseId, { openTaskCount: Number(row.openTaskCount), overdueTaskCount: Number(row.overdueTaskCount), nextDueAt: row.nextDueAt ?? null });
    return figures;
  },

  /** Ids of the unit at `path` and every unit below it. */
  async unitSubtreeIds(db: DbOrTx, path: string): Promise<string[]> {
    const rows = await db
      .select({ id: units.id })
      .from(units)
      .where(like(units.path, `${escapeLike(path)}%`));
    return rows.map((r) => r.id);
  },

  /** Ids of the cases a user is assigned to. */
  async assignedCaseIds(db: DbOrTx, userId: string): Promise<string[]> {
    const rows = await db.select({ caseId: caseAssignees.caseId }).from(caseAssignees).where(eq(caseAssignees.userId, userId));
    return rows.map((r) => r.caseId);
  },

  views(db: DbOrTx, userId: string): Promise<SavedBoardViewRow[]> {
    return db.select().from(savedBoardViews).where(eq(savedBoardViews.userId, userId)).orderBy(asc(savedBoardViews.name));
  },

  async findViewByName(db: DbOrTx, userId: string, name: string): Promise<SavedBoardViewRow | null> {
    const rows = await db.select().from(savedBoardViews).where(and(eq(savedBoardViews.userId, userId), eq(savedBoardViews.name, name))).limit(1);
    return rows[0] ?? null;
  },

  async insertView(tx: DbOrTx, values: { userId: string; name: string; filters: Record<string, unknown> }): Promise<SavedBoardViewRow> {
    const rows = await tx.insert(savedBoardViews).values(values).returning();
    return rows[0]!;
  },

  /** Deletes the user's own view; another user's id deletes nothing (null). */
  async deleteView(tx: DbOrTx, userId: string, id: string): Promise<SavedBoardViewRow | null> {
    const rows = await tx.delete(savedBoardViews).where(and(eq(savedBoardViews.id, id), eq(savedBoardViews.userId, userId))).returning();
    return rows[0] ?? null;
  },
};
