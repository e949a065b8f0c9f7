import { useTranslation } from 'react-i18next';
import { niceMax } from './evaluation-format.ts';

export interface TrendSeries {
  key: string;
  label: string;
  values: (number | null)[];
}

const WIDTH = 760;
const HEIGHT = 280;
const LEFT = 48;
const RIGHT = 16;
const TOP = 16;
const BOTTOM = 36;
/** Distinguishable on white and in greyscale print, in this order. */
const COLOURS = ['#1d4f91', '#d4380d', '#389e0d', '#722ed1', '#d48806', '#08979c', '#c41d7f', '#595959'];
export const seriesColour = (index: number): string => COLOURS[index % COLOURS.length]!;

/**
 * Scores (or one figure) per month as lines, drawn as plain SVG: a y-axis from 0 to a round
 * maximum with four grid lines, the ROC months along the bottom, one line per unit with a dot per
 * month (the value in the dot's title), a gap where a month has no value.
 */
export function TrendChart({ labels, series, unitLabel }: { labels: string[]; series: TrendSeries[]; unitLabel: string }) {
  const { t } = useTranslation();
  const max = niceMax(series.flatMap((s) => s.values));
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (i: number) => LEFT + (labels.length <= 1 ? plotW / 2 : (i / (labels.length - 1)) * plotW);
  const y = (v: number) => TOP + plotH - (Math.max(0, v) / max) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);

  return (
    <svg className="evaluation-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('evaluation.trend.chartLabel', { what: unitLabel })} data-testid="evaluation-trend-chart">
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} className="evaluation-chart-grid" />
          <text x={LEFT - 6} y={y(tick) + 4} textAnchor="end" className="evaluation-chart-axis">
            {Number.isInteger(tick) ? tick : tick.toFixed(1)}
          </text>
        </g>
      ))}
      {labels.map((label, i) => (
        <text key={label} x={x(i)} y={HEIGHT - BOTTOM + 18} textAnchor="middle" className="evaluation-chart-axis">
          {label}
        </text>
      ))}
      {series.map((s, index) => {
        // A month without a value breaks the line instead of dropping it to zero.
        const segments: string[] = [];
        let current = '';
        s.values.forEach((v, i) => {
          if (v === null) {
            if (current) segments.push(current);
            current = '';
            return;
          }
          current += `${current ? ' L' : 'M'} ${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
        });
        if (current) segments.push(current);
        return (
          <g key={s.key} data-testid="evaluation-trend-series" data-key={s.key} style={{ color: seriesColour(index) }}>
            {segments.map((d) => (
              <path key={d} d={d} className="evaluation-chart-line" />
            ))}
            {s.values.map((v, i) =>
              v === null ? null : (
                <circle key={labels[i]} cx={x(i)} cy={y(v)} r={3.5} className="evaluation-chart-dot">
                  <title>{`${s.label} ${labels[i]}：${v}`}</title>
                </circle>
              ),
            )}
          </g>
        );
      })}
    </svg>
  );
}
