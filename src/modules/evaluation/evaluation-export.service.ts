/**
 * The evaluation as a file: CSV and XLSX (the ranking with every figure and every figure's points)
 * and the printed PDF report with ROC dates (G4.1.4). The same access as the page (the service
 * computes the report under the actor's scope); every export and print is audited.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../core/db/client.ts';
import type { PdfPrinter } from '../../core/documents/pdf-printer.ts';
import { buildXlsx, type XlsxCell } from '../../core/documents/xlsx.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { formatRocDate } from '../../core/time.ts';
import { formatCsvField } from '../../triage/csv.ts';
import { recordAuditNow } from '../audit/audit.service.ts';
import { METRIC_KEYS, METRICS } from './evaluation-metrics.ts';
import { evaluationReportDocument, rowName } from './evaluation-report.document.ts';
import { evaluate, type EvaluatedRow, type EvaluationQuery, type EvaluationReport } from './evaluation.service.ts';

export type ExportFormat = 'csv' | 'xlsx';

const SCOPE_ZH: Record<EvaluatedRow['scope'], string> = { subtree: '含下級單位', self: '本部', total: '合計' };

const COLUMNS: { header: string; width: number; value: (row: EvaluatedRow) => XlsxCell }[] = [
  { header: '名次', width: 6, value: (r) => r.rank },
  { header: '代碼', width: 10, value: (r) => r.unit.code },
  { header: '單位', width: 22, value: (r) => rowName(r) },
  { header: '範圍', width: 10, value: (r) => SCOPE_ZH[r.scope] },
  { header: '總分', width: 8, value: (r) => r.score },
  ...METRIC_KEYS.map((m) => ({ header: METRICS[m].zh, width: Math.max(8, METRICS[m].zh.length * 2), value: (r: EvaluatedRow) => r.values[m] })),
  ...METRIC_KEYS.map((m) => ({
    header: `得分：${METRICS[m].zh}`,
    width: Math.max(10, METRICS[m].zh.length * 2 + 4),
    value: (r: EvaluatedRow) => {
      const b = r.breakdown.find((x) => x.metric === m);
      return b?.scored ? b.contribution : null;
    },
  })),
];

/** A text cell a spreadsheet would read as a formula (`=…`, `+…`, `-…`, `@…`) is kept as text. */
const csvText = (value: XlsxCell): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return formatCsvField(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
};

const stampOf = (report: EvaluationReport) => `${formatRocDate(report.period.from).replaceAll('/', '-')}_${formatRocDate(new Date(report.period.to.getTime() - 1)).replaceAll('/', '-')}`;

/** The ranking (and the total) as CSV (UTF-8 with BOM, for Excel) or XLSX. */
export async function exportEvaluation(db: Database, ctx: ServiceContext, query: EvaluationQuery & { format: ExportFormat }, now = new Date()) {
  const report = await evaluate(db, ctx, query, now);
  const rows = [...report.rows, report.total];
  const body =
    query.format === 'csv'
      ? Buffer.from(`\uFEFF${[COLUMNS.map((c) => csvText(c.header)).join(','), ...rows.map((r) => COLUMNS.map((c) => csvText(c.value(r))).join(','))].join('\r\n')}\r\n`, 'utf8')
      : await buildXlsx({ name: `績效評核 ${report.period.label}`, header: COLUMNS.map((c) => c.header), rows: rows.map((r) => COLUMNS.map((c) => c.value(r))), columnWidths: COLUMNS.map((c) => c.width) }, now);
  await recordAuditNow(db, ctx, {
    action: 'evaluation.export',
    objectType: 'evaluation',
    objectId: report.group.id,
    details: { format: query.format, period: report.period.key, ruleSetVersion: report.ruleSet.version, rowCount: rows.length },
  });
  return {
    fileName: `evaluation-${report.group.code}-${stampOf(report)}-v${report.ruleSet.version}.${query.format}`,
    contentType: query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body,
    rowCount: rows.length,
  };
}

/** The printable report as an A4 landscape PDF (the same Chromium as the case documents). */
export async function printEvaluationReport(deps: { db: Database; printer: PdfPrinter }, ctx: ServiceContext, query: EvaluationQuery, now = new Date()) {
  const report = await evaluate(deps.db, ctx, query, now);
  const { document, footerHtml } = evaluationReportDocument(report, now);
  const pdf = await deps.printer.print(document, { footerHtml, landscape: true, margin: { top: '12mm', bottom: '14mm', left: '10mm', right: '10mm' } });
  await recordAuditNow(deps.db, ctx, {
    action: 'evaluation.print',
    objectType: 'evaluation',
    objectId: report.group.id,
    details: { period: report.period.key, ruleSetVersion: report.ruleSet.version, sha256: createHash('sha256').update(pdf).digest('hex') },
  });
  return { pdf, fileName: `evaluation-${report.group.code}-${stampOf(report)}-v${report.ruleSet.version}.pdf` };
}
