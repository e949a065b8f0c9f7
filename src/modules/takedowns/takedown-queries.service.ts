/**
 * Reading takedown targets (issue #6): the scoped list, one target with its clock, and how fast
 * things come down per platform or unit (G5.2, G6.2). Access follows the case: a target is seen by
 * whoever may read its case; lists and figures carry the actor's case scope in SQL.
 */
import { canAccessCase, caseScopeFor } from '../../core/access/policy.ts';
import type { Database } from '../../core/db/client.ts';
import { buildXlsx } from '../../core/documents/xlsx.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { formatRocDate } from '../../core/time.ts';
import { formatCsvField } from '../../triage/csv.ts';
import { recordAuditNow } from '../audit/audit.service.ts';
import { parseBoundary } from '../cases/board.service.ts';
import type { CaseListScope } from '../cases/cases.repository.ts';
import { caseAccessFacts, loadCaseFor } from '../cases/cases.service.ts';
import { requireEvidenceRole } from '../evidence/evidence.service.ts';
import { takedownQueriesRepository, type SpeedFigures, type SpeedGroupBy } from './takedown-queries.repository.ts';
import { takedownsRepository } from './takedowns.repository.ts';
import type { TakedownState } from './takedowns.tables.ts';

const DAY_MS = 86_400_000;
/** The longest period the speed figures cover in one request. */
export const SPEED_MAX_DAYS = 3 * 366;

function listScope(ctx: ServiceContext): CaseListScope | null {
  const scope = caseScopeFor(ctx.actor);
  if (scope.kind === 'none') return null;
  return scope.kind === 'all'
    ? { unitPathPrefix: null, includeCibRequests: false }
    : { unitPathPrefix: scope.unitPath, includeCibRequests: scope.includeCibRequests, includeAssignedTo: scope.includeAssignedTo };
}

/** Targets of the cases the actor may see, most recently changed first. */
export async function listTargets(db: Database, ctx: ServiceContext, filter: { states?: TakedownState[]; platformId?: string; caseId?: string; limit?: number }) {
  requireEvidenceRole(ctx);
  if (filter.caseId) await loadCaseFor(db, ctx, filter.caseId, 'read');
  const scope = listScope(ctx);
  if (!scope) return [];
  return takedownQueriesRepository.list(db, { scope, states: filter.states, platformId: filter.platformId, caseId: filter.caseId, limit: Math.min(filter.limit ?? 200, 500) });
}

export type TargetDetail = NonNullable<Awaited<ReturnType<typeof takedownQueriesRepository.withCase>>> & {
  dataRequests: Awaited<ReturnType<typeof takedownsRepository.dataRequests>>;
  /** May the actor move the target on? Access follows the case; a closed case is read-only (a transferred one is not: content must still come down). */
  canUpdate: boolean;
};

/** One target with its case, report recipient and data requests; reading it is audited (G6.2). */
export async function getTargetDetail(db: Database, ctx: ServiceContext, id: string): Promise<TargetDetail> {
  requireEvidenceRole(ctx);
  const found = await takedownQueriesRepository.withCase(db, id);
  if (!found) {
    await recordAuditNow(db, ctx, { action: 'takedown.view', objectType: 'takedown', objectId: id, outcome: 'denied' });
    throw notFound('takedown target');
  }
  const owner = await loadCaseFor(db, ctx, found.target.caseId, 'read');
  const dataRequests = await takedownsRepository.dataRequests(db, id);
  await recordAuditNow(db, ctx, { action: 'takedown.view', objectType: 'takedown', objectId: id, details: { caseId: found.target.caseId } });
  const canUpdate = owner.case.status !== 'closed' && canAccessCase(ctx.actor, caseAccessFacts(owner), 'update');
  return { ...found, dataRequests, canUpdate };
}

export type SpeedQuery = { from?: string; to?: string; groupBy?: SpeedGroupBy };
export type SpeedReport = { from: Date; to: Date; groupBy: SpeedGroupBy; groups: SpeedFigures[]; overall: SpeedFigures };

/**
 * "How fast things come down" (issue #6) for targets opened in the period: finding → report,
 * report → order, order → removal (median, p90), share removed within 24 h, RPZ escalations and
 * what is still online. Default period: the last 90 days.
 */
export async function takedownSpeed(db: Database, ctx: ServiceContext, query: SpeedQuery, now = new Date()): Promise<SpeedReport> {
  requireEvidenceRole(ctx);
  const to = query.to ? boundary('to', query.to) : now;
  const from = query.from ? parseBoundary('from', query.from).instant : new Date(to.getTime() - 90 * DAY_MS);
  if (from >= to) throw new AppError('VALIDATION_FAILED', `期間起日須早於迄日 (from must be before to)`, { field: 'to' });
  if (to.getTime() - from.getTime() > SPEED_MAX_DAYS * DAY_MS) throw new AppError('VALIDATION_FAILED', `期間最長 ${SPEED_MAX_DAYS} 日 (at most ${SPEED_MAX_DAYS} days)`, { field: 'from' });
  const groupBy = query.groupBy ?? 'platform';
  const scope = listScope(ctx);
  const empty = emptyFigures();
  if (!scope) return { from, to, groupBy, groups: [], overall: empty };
  const figures = await takedownQueriesRepository.speed(db, { scope, from, to, groupBy });
  return { from, to, groupBy, ...figures };
}

/** A whole day `to` includes that day (up to the next midnight in Taipei). */
function boundary(field: 'to', text: string): Date {
  const parsed = parseBoundary(field, text);
  return parsed.wholeDay ? new Date(parsed.instant.getTime() + DAY_MS) : parsed.instant;
}

function emptyFigures(): SpeedFigures {
  return {
    key: null,
    code: null,
    nameZh: null,
    nameEn: null,
    targets: 0,
    reported: 0,
    ordered: 0,
    removed: 0,
    findingToReportMedian: null,
    findingToReportP90: null,
    reportToOrderMedian: null,
    reportToOrderP90: null,
    orderToRemovalMedian: null,
    orderToRemovalP90: null,
    removedWithin24h: 0,
    rpzEscalated: 0,
    stillOnline: 0,
  };
}

const hours = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 3600) * 10) / 10);
/** Share of orders verified removed by T + 24 h, in percent with one decimal; null without orders. */
export const shareWithin24h = (f: Pick<SpeedFigures, 'ordered' | 'removedWithin24h'>) => (f.ordered === 0 ? null : Math.round((f.removedWithin24h / f.ordered) * 1000) / 10);

const SPEED_COLUMNS: { header: string; width: number; value: (f: SpeedFigures) => string | number | null }[] = [
  { header: '代碼', width: 14, value: (f) => f.code ?? '合計' },
  { header: '名稱', width: 24, value: (f) => f.nameZh ?? '合計' },
  { header: '下架目標數', width: 12, value: (f) => f.targets },
  { header: '已通報', width: 10, value: (f) => f.reported },
  { header: '已處分', width: 10, value: (f) => f.ordered },
  { header: '已移除', width: 10, value: (f) => f.removed },
  { header: '發現至通報中位數（時）', width: 22, value: (f) => hours(f.findingToReportMedian) },
  { header: '發現至通報 P90（時）', width: 20, value: (f) => hours(f.findingToReportP90) },
  { header: '通報至處分中位數（時）', width: 22, value: (f) => hours(f.reportToOrderMedian) },
  { header: '通報至處分 P90（時）', width: 20, value: (f) => hours(f.reportToOrderP90) },
  { header: '處分至移除中位數（時）', width: 22, value: (f) => hours(f.orderToRemovalMedian) },
  { header: '處分至移除 P90（時）', width: 20, value: (f) => hours(f.orderToRemovalP90) },
  { header: '24 小時內移除比率（%）', width: 20, value: (f) => shareWithin24h(f) },
  { header: '轉請 DNS RPZ', width: 14, value: (f) => f.rpzEscalated },
  { header: '仍在線上', width: 10, value: (f) => f.stillOnline },
];

/** The speed table as CSV or XLSX (ROC dates in the file name); an export is audited. */
export async function exportTakedownSpeed(db: Database, ctx: ServiceContext, query: SpeedQuery & { format: 'csv' | 'xlsx' }, now = new Date()) {
  const report = await takedownSpeed(db, ctx, query, now);
  const rows = [...report.groups, report.overall];
  const stamp = `${formatRocDate(report.from).replaceAll('/', '-')}_${formatRocDate(new Date(report.to.getTime() - 1)).replaceAll('/', '-')}`;
  const body =
    query.format === 'csv'
      ? Buffer.from(`\uFEFF${[SPEED_COLUMNS.map((c) => formatCsvField(c.header)).join(','), ...rows.map((r) => SPEED_COLUMNS.map((c) => formatCsvField(String(c.value(r) ?? ''))).join(','))].join('\r\n')}\r\n`, 'utf8')
      : await buildXlsx({ name: '下架速度', header: SPEED_COLUMNS.map((c) => c.header), rows: rows.map((r) => SPEED_COLUMNS.map((c) => c.value(r))), columnWidths: SPEED_COLUMNS.map((c) => c.width) }, now);
  await recordAuditNow(db, ctx, { action: 'takedown.speed_export', objectType: 'takedown', details: { format: query.format, groupBy: report.groupBy, from: report.from.toISOString(), to: report.to.toISOString(), rowCount: rows.length } });
  return {
    fileName: `takedown-speed-${report.groupBy}-${stamp}.${query.format}`,
    contentType: query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body,
    rowCount: rows.length,
  };
}
