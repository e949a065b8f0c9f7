/**
 * The printed evaluation report (G4.1.4): period in ROC dates, the rule set it was scored under,
 * the ranking with every figure, each unit's points per figure, and how the figures are counted.
 * Pure: the report in, HTML out; unit names are data and are escaped like any other text.
 */
import { html, trustedHtml, type SafeHtml } from '../../core/documents/html.ts';
import { PAGE_X_OF_Y, printableDocument } from '../../core/documents/pdf-printer.ts';
import { formatRocDate, formatRocDateTime } from '../../core/time.ts';
import { METRIC_KEYS, METRICS, type MetricKey } from './evaluation-metrics.ts';
import type { EvaluatedRow, EvaluationReport } from './evaluation.service.ts';

// Constant CSS (printableDocument wraps it in its <style> element).
const STYLES = trustedHtml(`
  @page { size: A4 landscape; }
  h1 { font-size: 16pt; text-align: center; margin: 0 0 3mm; }
  h2 { font-size: 12pt; margin: 5mm 0 2mm; border-bottom: 1px solid #444; }
  table { width: 100%; border-collapse: collapse; font-size: 7.5pt; }
  th, td { border: 1px solid #777; padding: 1mm 1.2mm; vertical-align: top; }
  th { background: #eee; font-weight: 700; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .meta th { width: 18%; text-align: left; }
  .meta { font-size: 9pt; }
  .note { font-size: 8pt; color: #333; }
  tr.total td { font-weight: 700; background: #f6f6f6; }
`);

const show = (value: number | null) => (value === null ? '—' : String(value));

/** The unit's name as the row means it: with its sub-units, its own records, or the whole group. */
export function rowName(row: EvaluatedRow): string {
  if (row.scope === 'self') return `${row.unit.nameZh}（本部）`;
  if (row.scope === 'total') return `${row.unit.nameZh}（合計）`;
  return row.unit.nameZh;
}

function ruleText(metric: MetricKey, report: EvaluationReport): string {
  const rule = report.ruleSet.rules.metrics[metric];
  if (!rule) return '不計分';
  return `每單位 ${rule.pointsPerItem} 分，上限 ${rule.cap === null ? '無' : rule.cap} 分，權重 ${rule.weight}`;
}

export function evaluationReportDocument(report: EvaluationReport, printedAt: Date): { document: SafeHtml; footerHtml: SafeHtml } {
  const rows = [...report.rows, report.total];
  const body = html`
    <h1>網路兒少性剝削防制工作績效評核報告</h1>
    <table class="meta">
      <tr><th>評核期間</th><td>${report.period.label}（${formatRocDate(report.period.from)}–${formatRocDate(new Date(report.period.to.getTime() - 1))}，臺北時間）</td></tr>
      <tr><th>評核範圍</th><td>${report.group.nameZh}${report.group.isDepartment ? '（全局，依評核規則之受評單位類別排名）' : '（所屬各單位，含其下級單位）'}</td></tr>
      <tr><th>評核規則</th><td>第 ${report.ruleSet.version} 版：${report.ruleSet.name}（${report.ruleSet.basis}）</td></tr>
      ${report.departmentRank ? html`<tr><th>全局排名</th><td>${report.departmentRank.unit.nameZh}：第 ${report.departmentRank.rank} 名／共 ${report.departmentRank.of} 個單位（${report.departmentRank.score} 分）</td></tr>` : null}
    </table>
    <h2>排名與各項數據</h2>
    <table>
      <tr><th>名次</th><th>單位</th><th>總分</th>${METRIC_KEYS.map((m) => html`<th>${METRICS[m].zh}</th>`)}</tr>
      ${rows.map(
        (row) =>
          html`<tr class="${row.scope === 'total' ? 'total' : ''}"><td class="n">${row.rank ?? '—'}</td><td>${rowName(row)}</td><td class="n">${row.score}</td>${METRIC_KEYS.map((m) => html`<td class="n">${show(row.values[m])}</td>`)}</tr>`,
      )}
    </table>
    <h2>各項得分（數值 × 每單位分數，套用上限，乘以權重）</h2>
    <table>
      <tr><th>單位</th>${METRIC_KEYS.map((m) => html`<th>${METRICS[m].zh}</th>`)}<th>總分</th></tr>
      ${rows.map(
        (row) =>
          html`<tr class="${row.scope === 'total' ? 'total' : ''}"><td>${rowName(row)}</td>${row.breakdown.map((b) => html`<td class="n">${b.scored ? `${b.contribution}${b.capped ? '*' : ''}` : '—'}</td>`)}<td class="n">${row.score}</td></tr>`,
      )}
    </table>
    <p class="note">* 已達該項上限。「—」表示該項不計分或無資料。</p>
    <h2>指標定義與計分規則</h2>
    <table>
      <tr><th style="width:16%">指標</th><th style="width:8%">依據</th><th>計算方式</th><th style="width:26%">計分（第 ${report.ruleSet.version} 版）</th></tr>
      ${METRIC_KEYS.map((m) => html`<tr><td>${METRICS[m].zh}</td><td>${METRICS[m].clause}</td><td>${METRICS[m].definition}</td><td>${ruleText(m, report)}</td></tr>`)}
    </table>
    <p class="note">各單位數據含其下級單位。期間以臺北時間計算。列印時間：${formatRocDateTime(printedAt)}。本報告僅含統計數字，不含案件內容或個人資料。</p>`;
  const footerHtml = html`<div style="font-size:8pt;width:100%;text-align:center;">績效評核 ${report.period.label} · 規則第 ${report.ruleSet.version} 版 · ${PAGE_X_OF_Y}</div>`;
  return { document: printableDocument({ title: `績效評核報告 ${report.period.label}`, body, styles: STYLES }), footerHtml };
}
