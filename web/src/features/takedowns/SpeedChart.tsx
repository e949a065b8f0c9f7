import { useTranslation } from 'react-i18next';
import { secondsToHours } from './takedown-format.ts';

export interface SpeedChartRow {
  key: string;
  label: string;
  /** Percent removed within 24 h of the order, or null without orders. */
  share: number | null;
  /** Median order → removal, in seconds, or null. */
  medianSeconds: number | null;
}

const LABEL_W = 170;
const PANEL_W = 300;
const GAP = 40;
const ROW_H = 30;
const BAR_H = 16;
const HEAD_H = 34;
const VALUE_W = 72;
const WIDTH = LABEL_W + 2 * PANEL_W + GAP;

/** A label cut to fit the label column (the full name is in the SVG title). */
const cut = (text: string, max = 12) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The speed figures as two bar panels per group, drawn as plain SVG: the share removed within
 * 24 h of the order (0–100 %), and the median order → removal in hours with the 24-hour line.
 * Groups without data show a dash instead of a bar.
 */
export function SpeedChart({ rows }: { rows: SpeedChartRow[] }) {
  const { t } = useTranslation();
  const hours = rows.map((r) => (r.medianSeconds === null ? null : r.medianSeconds / 3600));
  // The hour scale always shows the 24-hour line.
  const maxHours = Math.max(24, ...hours.filter((h): h is number => h !== null)) * 1.1;
  const plot = PANEL_W - VALUE_W;
  const height = HEAD_H + rows.length * ROW_H + 8;
  const shareX = LABEL_W;
  const hoursX = LABEL_W + PANEL_W + GAP;
  const line24 = hoursX + (24 / maxHours) * plot;

  return (
    <svg
      className="takedown-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={t('takedowns.speed.chart.label')}
      data-testid="takedown-speed-chart"
    >
      <text x={shareX} y={16} className="takedown-chart-head">
        {t('takedowns.speed.chart.share')}
      </text>
      <text x={hoursX} y={16} className="takedown-chart-head">
        {t('takedowns.speed.chart.median')}
      </text>
      <line x1={line24} x2={line24} y1={HEAD_H - 10} y2={height - 4} className="takedown-chart-24h" />
      <text x={line24 + 3} y={HEAD_H - 2} className="takedown-chart-axis">
        {t('takedowns.speed.chart.line24')}
      </text>
      {rows.map((row, index) => {
        const y = HEAD_H + index * ROW_H;
        const barY = y + (ROW_H - BAR_H) / 2;
        const textY = y + ROW_H / 2 + 4;
        const h = hours[index] ?? null;
        return (
          <g key={row.key} data-testid="takedown-speed-chart-row" data-key={row.key}>
            <title>{row.label}</title>
            <text x={LABEL_W - 8} y={textY} textAnchor="end" className="takedown-chart-label">
              {cut(row.label)}
            </text>
            <rect x={shareX} y={barY} width={plot} height={BAR_H} className="takedown-chart-track" />
            {row.share !== null && <rect x={shareX} y={barY} width={(Math.min(100, Math.max(0, row.share)) / 100) * plot} height={BAR_H} className="takedown-chart-share" />}
            <text x={shareX + plot + 6} y={textY} className="takedown-chart-value">
              {row.share === null ? t('common.none') : `${row.share.toFixed(1)}%`}
            </text>
            <rect x={hoursX} y={barY} width={plot} height={BAR_H} className="takedown-chart-track" />
            {h !== null && (
              <rect x={hoursX} y={barY} width={(h / maxHours) * plot} height={BAR_H} className={h > 24 ? 'takedown-chart-hours takedown-chart-late' : 'takedown-chart-hours'} />
            )}
            <text x={hoursX + plot + 6} y={textY} className="takedown-chart-value">
              {row.medianSeconds === null ? t('common.none') : t('takedowns.speed.hours', { hours: secondsToHours(row.medianSeconds) })}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
