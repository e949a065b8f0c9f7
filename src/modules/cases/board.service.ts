/**
 * The WCPD's department-wide tracking board (issue #5, G4.1.1 列管): filters, sorting, paging,
 * saved views and CSV/XLSX export.
 *
 * Need-to-know (G6.3.6) is a rule of this service, applied in SQL on every list and export: the
 * WCPD sees every case; officers, supervisors and CIB investigators their unit's subtree, plus
 * cases assigned to them and (CIB) cases that asked CIB for help; administrators and auditors no
 * case content at all (403). A `unitId` filter narrows *within* that scope: a unit outside it
 * simply matches nothing — the same answer as a unit without cases, so the board never tells
 * whether another unit has cases. A `unitId` naming no unit at all is a 400 (units are reference
 * data every user can list, so that says nothing about cases).
 *
 * `total` is an exact count over the same filter, not a capped estimate: the WCPD reads it as
 * "how many cases are under tracking", and on the bench's 100,000 cases even a filter that must
 * look at every case counts in tens of milliseconds (bench/case-board.bench.ts).
 */
import { caseScopeFor } from '../../core/access/policy.ts';
import type { Database } from '../../core/db/client.ts';
import { buildXlsx } from '../../core/documents/xlsx.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { formatRocDate, formatRocDateTime } from '../../core/time.ts';
import { formatCsvField } from '../../triage/csv.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { requireEvidenceRole } from '../evidence/evidence.service.ts';
import { isUniqueViolation } from '../patrols/patrols.service.ts';
import { unitsRepository } from '../units/units.repository.ts';
import type { BoardFiltersInput, BoardSortKey, ExportFormat } from './board.contract.ts';
import { boardRepository, type BoardCriteria, type BoardOrder, type BoardRow, type BoardScope, type SavedBoardViewRow, type TaskFigures } from './board.repository.ts';
import type { Art40Outcome, CaseStatus, CibAssistanceState } from './cases.tables.ts';

export const BOARD_DEFAULT_PAGE_SIZE = 50;
/** An export larger than this is refused (400, naming the count): narrow the filters instead. */
export const BOARD_EXPORT_MAX_ROWS = 50_000;

export type BoardItem = BoardRow & TaskFigures;
export type BoardPage = { items: BoardItem[]; total: number; page: number; pageSize: number };

const TAIPEI_OFFSET_MS = 8 * 3_600_000; // Asia/Taipei has kept UTC+8 without daylight saving since 1980.
const DAY_MS = 86_400_000;

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `篩選條件不正確 (invalid filter) ${field}: ${message}`, { field });
}

/** A `YYYY-MM-DD` day as its first instant in Taipei, or an ISO instant; impossible dates are refused. */
export function parseBoundary(field: 'from' | 'to', text: string): { instant: Date; wholeDay: boolean } {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const utc = Date.UTC(year, month - 1, date);
    const check = new Date(utc);
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) throw invalid(field, `${text} is not a date`);
    return { instant: new Date(utc - TAIPEI_OFFSET_MS), wholeDay: true };
  }
  const instant = new Date(text);
  if (Number.isNaN(instant.getTime())) throw invalid(field, `${text} is not a date and time`);
  return { instant, wholeDay: false };
}

function sortOf(filters: Pick<BoardFiltersInput, 'sort' | 'order'>): BoardOrder {
  const sort: BoardSortKey = filters.sort ?? 'createdAt';
  // Newest first by default; numbers, statuses and deadlines read best ascending.
  return { sort, order: filters.order ?? (sort === 'createdAt' ? 'desc' : 'asc') };
}

/**
 * Checks the filters' meaning (dates that exist, `from` before `to`, a unit that exists) and turns
 * them into the repository's criteria under the actor's scope. Null when the actor sees no cases.
 */
async function resolveCriteria(db: Database, ctx: ServiceContext, filters: BoardFiltersInput, now: Date): Promise<BoardCriteria | null> {
  const actor = requireEvidenceRole(ctx);
  const scope = caseScopeFor(actor);
  const from = filters.from === undefined ? undefined : parseBoundary('from', filters.from);
  const to = filters.to === undefined ? undefined : parseBoundary('to', filters.to);
  // A whole `to` day includes all of that day; an instant includes itself (timestamps keep milliseconds).
  const createdBefore = to ? new Date(to.instant.getTime() + (to.wholeDay ? DAY_MS : 1)) : undefined;
  if (from && createdBefore && from.instant.getTime() >= createdBefore.getTime()) throw invalid('to', `${filters.to} is before from ${filters.from}`);
  let unitIds: string[] | undefined;
  if (filters.unitId !== undefined) {
    const found = await unitsRepository.findById(db, filters.unitId);
    if (!found) throw invalid('unitId', `no unit ${filters.unitId}`);
    unitIds = (filters.includeSubunits ?? true) ? await boardRepository.unitSubtreeIds(db, found.path) : [found.id];
  }
  if (scope.kind === 'none') return null;
  let resolvedScope: BoardScope = { all: true };
  if (scope.kind === 'scoped') {
    const [scopeUnitIds, assignedCaseIds] = await Promise.all([
      // No unit path means no unit's cases (never everything).
      scope.unitPath === null ? Promise.resolve([]) : boardRepository.unitSubtreeIds(db, scope.unitPath),
      boardRepository.assignedCaseIds(db, scope.includeAssignedTo),
    ]);
    resolvedScope = { all: false, unitIds: scopeUnitIds, assignedCaseIds, includeCibRequests: scope.includeCibRequests };
  }
  return {
    scope: resolvedScope,
    unitIds,
    statuses: filters.status,
    platformId: filters.platformId,
    serious: filters.serious,
    overdue: filters.overdue,
    art40Outcomes: filters.art40Outcome,
    createdFrom: from?.instant,
    createdBefore,
    search: filters.q,
    now,
  };
}

/** The filters as the audit trail keeps them: the search text itself stays out, as in the other lists. */
function auditedFilters(filters: BoardFiltersInput): Record<string, unknown> {
  const { q, ...rest } = filters;
  return { ...rest, ...(q?.trim() ? { search: true } : {}) };
}

async function withTaskFigures(db: Database, rows: BoardRow[], now: Date): Promise<BoardItem[]> {
  const figures = await boardRepository.taskFigures(
    db,
    rows.map((r) => r.id),
    now,
  );
  return rows.map((row) => ({ ...row, ...(figures.get(row.id) ?? { openTaskCount: 0, overdueTaskCount: 0, nextDueAt: null }) }));
}

/** One page of the board for the actor; the read is audited with its filters and sizes. */
export async function boardPage(db: Database, ctx: ServiceContext, query: BoardFiltersInput & { page?: number; pageSize?: number }, now = new Date()): Promise<BoardPage> {
  const { page = 1, pageSize = BOARD_DEFAULT_PAGE_SIZE, ...filters } = query;
  const criteria = await resolveCriteria(db, ctx, filters, now);
  if (!criteria) return { items: [], total: 0, page, pageSize };
  const order = sortOf(filters);
  const window = { limit: pageSize, offset: (page - 1) * pageSize };
  // The status and deadline sorts plan their reads from the tally, so they wait for it.
  const [rows, tally] =
    order.sort === 'dueNext' || order.sort === 'status'
      ? await boardRepository.tally(db, criteria).then(async (t) => [await boardRepository.page(db, criteria, order, window, t), t] as const)
      : await Promise.all([boardRepository.page(db, criteria, order, window), boardRepository.tally(db, criteria)]);
  const total = tally.total;
  const items = await withTaskFigures(db, rows, now);
  await recordAuditNow(db, ctx, { action: 'case.board_list', objectType: 'case', details: { filters: auditedFilters(filters), page, pageSize, returned: items.length, total } });
  return { items, total, page, pageSize };
}

// ── Export ─────────────────────────────────────────────────────────────────────────────────────

const STATUS_LABELS: Record<CaseStatus, string> = { open: '列管中', assessed: '已研判', investigating: '偵辦中', transferred: '已移送', closed: '已結案' };
const ART40_LABELS: Record<Art40Outcome, string> = { art40: '第40條查處標的', harmful: '有害兒少身心（非第40條）', not_target: '非查處標的' };
const CIB_LABELS: Record<CibAssistanceState, string> = { none: '無', requested: '已請求協助', accepted: '已受理', declined: '未受理', closed: '協助結束' };

/**
 * The export's columns. Deliberately no reporter (檢舉人) data — the board holds none, and an
 * export must never carry reporters' identities (Act Art. 7, G6.3.6) — and no summary text.
 */
const EXPORT_COLUMNS: { header: string; width: number; value: (item: BoardItem) => string | number }[] = [
  { header: '案號', width: 16, value: (i) => i.number },
  { header: '案件名稱', width: 40, value: (i) => i.title },
  { header: '狀態', width: 10, value: (i) => STATUS_LABELS[i.status] },
  { header: '列管單位', width: 20, value: (i) => i.unit.nameZh },
  { header: '單位代碼', width: 10, value: (i) => i.unit.code },
  { header: '平台', width: 14, value: (i) => i.platform?.nameZh ?? '' },
  { header: '第40條研判', width: 22, value: (i) => (i.art40Outcome ? ART40_LABELS[i.art40Outcome] : '尚未研判') },
  { header: '重大案件', width: 10, value: (i) => (i.serious ? '是' : '否') },
  { header: '刑大協助', width: 12, value: (i) => CIB_LABELS[i.cibAssistance] },
  { header: '未完成任務數', width: 12, value: (i) => i.openTaskCount },
  { header: '逾期任務數', width: 12, value: (i) => i.overdueTaskCount },
  { header: '最近期限', width: 18, value: (i) => (i.nextDueAt ? formatRocDateTime(i.nextDueAt) : '') },
  { header: '立案時間', width: 18, value: (i) => formatRocDateTime(i.createdAt) },
  { header: '最後更新', width: 18, value: (i) => formatRocDateTime(i.updatedAt) },
  { header: '結案時間', width: 18, value: (i) => (i.closedAt ? formatRocDateTime(i.closedAt) : '') },
];

/** A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed with `'` (CSV injection). */
function inertCsvText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** CSV in UTF-8 with a byte-order mark (so Excel reads the Chinese right), CRLF line ends. */
export function boardCsv(items: readonly BoardItem[]): Buffer {
  const lines = [EXPORT_COLUMNS.map((c) => formatCsvField(c.header)).join(',')];
  for (const item of items) lines.push(EXPORT_COLUMNS.map((c) => formatCsvField(inertCsvText(String(c.value(item))))).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export type BoardExport = { fileName: string; contentType: string; body: Buffer; rowCount: number };

/**
 * Every case matching the filters (up to {@link BOARD_EXPORT_MAX_ROWS}) as CSV or XLSX, dates in
 * the ROC calendar in Asia/Taipei. An export takes case data off the system, so it is audited
 * like a custody event (`case.board_export`, with its filters and row count).
 */
export async function exportBoard(
  db: Database,
  ctx: ServiceContext,
  query: BoardFiltersInput & { format: ExportFormat },
  options: { now?: Date; maxRows?: number } = {},
): Promise<BoardExport> {
  const { now = new Date(), maxRows = BOARD_EXPORT_MAX_ROWS } = options;
  const { format, ...filters } = query;
  const criteria = await resolveCriteria(db, ctx, filters, now);
  const tally = criteria ? await boardRepository.tally(db, criteria) : null;
  const total = tally?.total ?? 0;
  if (total > maxRows) {
    throw new AppError(
      'VALIDATION_FAILED',
      `符合條件的案件共 ${total} 件，超過匯出上限 ${maxRows} 件，請縮小篩選範圍 (${total} cases match; an export holds at most ${maxRows} — narrow the filters)`,
      { total, limit: maxRows },
    );
  }
  const rows = criteria && tally ? await boardRepository.page(db, criteria, sortOf(filters), { limit: maxRows, offset: 0 }, tally) : [];
  const items = await withTaskFigures(db, rows, now);
  const stamp = formatRocDate(now).replaceAll('/', '-');
  const body =
    format === 'csv'
      ? boardCsv(items)
      : await buildXlsx(
          { name: '列管案件', header: EXPORT_COLUMNS.map((c) => c.header), rows: items.map((item) => EXPORT_COLUMNS.map((c) => c.value(item))), columnWidths: EXPORT_COLUMNS.map((c) => c.width) },
          now,
        );
  await recordAuditNow(db, ctx, { action: 'case.board_export', objectType: 'case', details: { format, filters: auditedFilters(filters), rowCount: items.length } });
  return {
    fileName: `cases-${stamp}.${format}`,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body,
    rowCount: items.length,
  };
}

// ── Saved views ────────────────────────────────────────────────────────────────────────────────

/** The actor's saved views, by name. */
export async function listBoardViews(db: Database, ctx: ServiceContext): Promise<SavedBoardViewRow[]> {
  const actor = requireEvidenceRole(ctx);
  return boardRepository.views(db, actor.userId);
}

/**
 * Saves the actor's filters under a name unique to them (409 on a repeat). The filters pass the
 * board's own checks first, so a saved view always opens.
 */
export async function saveBoardView(db: Database, ctx: ServiceContext, input: { name: string; filters: BoardFiltersInput }): Promise<SavedBoardViewRow> {
  const actor = requireEvidenceRole(ctx);
  const name = input.name.trim();
  if (name.length === 0) throw new AppError('VALIDATION_FAILED', '檢視名稱不可空白 (name is empty)', { field: 'name' });
  await resolveCriteria(db, ctx, input.filters, new Date());
  const duplicate = () => new AppError('CONFLICT', `已有名為「${name}」的檢視 (a view named ${name} already exists)`, { field: 'name' });
  if (await boardRepository.findViewByName(db, actor.userId, name)) throw duplicate();
  try {
    return await db.transaction(async (tx) => {
      const view = await boardRepository.insertView(tx, { userId: actor.userId, name, filters: input.filters });
      await recordAudit(tx, ctx, { action: 'case.board_view_create', objectType: 'board_view', objectId: view.id, details: { name } });
      return view;
    });
  } catch (error) {
    // Two saves of one name at once: the unique index decides, the loser hears 409.
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

/** Deletes one of the actor's views; anyone else's is "not found". */
export async function deleteBoardView(db: Database, ctx: ServiceContext, id: string): Promise<void> {
  const actor = requireEvidenceRole(ctx);
  await db.transaction(async (tx) => {
    const deleted = await boardRepository.deleteView(tx, actor.userId, id);
    if (!deleted) throw notFound('board view');
    await recordAudit(tx, ctx, { action: 'case.board_view_delete', objectType: 'board_view', objectId: id, details: { name: deleted.name } });
  });
}
