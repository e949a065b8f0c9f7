import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Popover, Segmented, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowUpOutlined, FileExcelOutlined, FilePdfOutlined, FileTextOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import { useUnitName } from '../admin-units/unit-names.ts';
import { useSession } from '../auth/session.ts';
import { saveBlob } from '../evidence/evidence.api.ts';
import { rocPickerFormat, taipeiToday, ymd } from '../findings/period.ts';
import { ScoreBreakdown } from './ScoreBreakdown.tsx';
import { TrendChart, seriesColour, type TrendSeries } from './TrendChart.tsx';
import { evaluationSearch, metricText, readEvaluationQuery, rocMonthKey, rocPeriodName } from './evaluation-format.ts';
import {
  METRIC_GROUPS,
  METRIC_KEYS,
  exportEvaluation,
  useEvaluation,
  useEvaluationTrend,
  useRuleSets,
  type EvaluatedRow,
  type EvaluationQuery,
  type ExportFormat,
  type MetricKey,
  type PeriodKind,
} from './evaluation.api.ts';
import '../findings/findings.css';
import './evaluation.css';

const afterToday = (day: dayjs.Dayjs): boolean => day.isAfter(dayjs(taipeiToday()), 'day');
/** How many units the trend shows at first: the top of the ranking. */
const TREND_DEFAULT_UNITS = 5;

/**
 * 績效評核 (G4.1.4): every figure of one level of the unit tree for a month, quarter, year or
 * custom days (ROC names, Taipei days), scored under a rule set (the current version unless
 * another is picked) and ranked; a score opens "how computed"; a unit with sub-units opens one
 * level down; the trend shows the last 12 months; the table goes out as XLSX, CSV or a PDF report.
 * WCPD and CIB see the department; a supervisor their own unit's subtree and its rank.
 */
export function EvaluationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const unitName = useUnitName();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const today = taipeiToday();
  const query = useMemo(() => readEvaluationQuery(params, today), [params, today]);
  const report = useEvaluation(query);
  const ruleSets = useRuleSets();
  const [trendMetric, setTrendMetric] = useState<'score' | MetricKey>('score');
  const [trendKeys, setTrendKeys] = useState<string[] | null>(null);
  const trend = useEvaluationTrend({ months: 12, end: query.periodKind === 'custom' ? (query.to ?? today) : (query.anchor ?? today), ruleSetId: query.ruleSetId, unitId: query.unitId });
  const data = report.data;
  const none = t('common.none');

  const go = (next: Partial<EvaluationQuery>) => {
    setTrendKeys(null);
    setParams(evaluationSearch({ ...query, ...next }));
  };

  const exporting = useMutation({
    mutationFn: (format: ExportFormat) => exportEvaluation(query, format),
    onSuccess: (file) => {
      saveBlob(file.blob, file.fileName);
      void message.success(t('evaluation.exported'));
    },
    onError: (error) => void message.error(`${t('evaluation.exportFailed')}：${errorText(t, error)}`),
  });

  const rowName = (row: EvaluatedRow) => {
    if (row.scope === 'self') return t('evaluation.selfRow', { name: unitName(row.unit) });
    if (row.scope === 'total') return t('evaluation.totalRow', { name: unitName(row.unit) });
    return unitName(row.unit);
  };

  const metricColumn = (metric: MetricKey) => ({
    title: t(`evaluation.metricsShort.${metric}`),
    key: metric,
    width: 88,
    align: 'right' as const,
    render: (_: unknown, row: EvaluatedRow) => (
      <span data-testid="evaluation-value" data-metric={metric}>
        {metricText(metric, row.values[metric], none)}
      </span>
    ),
  });

  const columns: TableColumnsType<EvaluatedRow> = [
    { title: t('evaluation.columns.rank'), key: 'rank', width: 64, fixed: 'start', align: 'center', render: (_, row) => <span data-testid="evaluation-rank">{row.rank ?? none}</span> },
    {
      title: t('evaluation.columns.unit'),
      key: 'unit',
      width: 190,
      fixed: 'start',
      render: (_, row) =>
        row.hasSubunits ? (
          <Tooltip title={t('evaluation.drillDown')}>
            <Typography.Link onClick={() => go({ unitId: row.unit.id })} data-testid="evaluation-unit-link">
              {rowName(row)}
            </Typography.Link>
          </Tooltip>
        ) : (
          <span data-testid="evaluation-unit">{rowName(row)}</span>
        ),
    },
    {
      title: t('evaluation.columns.score'),
      key: 'score',
      width: 96,
      fixed: 'start',
      align: 'right',
      render: (_, row) => (
        <Popover trigger="click" placement="right" title={t('evaluation.breakdown.title', { name: rowName(row) })} content={data ? <ScoreBreakdown row={row} ruleSetVersion={data.ruleSet.version} /> : null}>
          <Button type="link" size="small" className="evaluation-score" data-testid="evaluation-score">
            {row.score}
          </Button>
        </Popover>
      ),
    },
    ...METRIC_GROUPS.map((group) => ({ title: t(`evaluation.groups.${group.key}`), key: group.key, children: group.metrics.map(metricColumn) })),
  ];

  const rows = data ? [...data.rows, data.total] : [];
  const shownKeys = trendKeys ?? (data?.rows.filter((r) => r.scope === 'subtree').slice(0, TREND_DEFAULT_UNITS).map((r) => r.key) ?? []);
  const seriesOptions = (trend.data?.series ?? []).map((s) => ({ value: s.key, label: s.scope === 'subtree' ? unitName(s.unit) : s.scope === 'self' ? t('evaluation.selfRow', { name: unitName(s.unit) }) : t('evaluation.totalRow', { name: unitName(s.unit) }) }));
  const chartSeries: TrendSeries[] = (trend.data?.series ?? [])
    .filter((s) => shownKeys.includes(s.key))
    .map((s) => ({ key: s.key, label: seriesOptions.find((o) => o.value === s.key)?.label ?? s.unit.code, values: trendMetric === 'score' ? s.scores : s.values.map((v) => v[trendMetric]) }));
  const monthLabels = (trend.data?.months ?? []).map((m) => rocMonthKey(m.key));
  const user = session.data?.user;
  const canGoUp = data && !data.group.isDepartment && data.group.parentId && (data.seesDepartment || data.group.id !== user?.unit.id);
  const pickerKind = query.periodKind === 'custom' ? 'month' : query.periodKind;

  return (
    <Card
      title={<h1 className="page-title">{t('evaluation.title')}</h1>}
      extra={
        <Space wrap>
          <Button icon={<FileExcelOutlined />} loading={exporting.isPending && exporting.variables === 'xlsx'} onClick={() => exporting.mutate('xlsx')} data-testid="evaluation-export-xlsx">
            {t('evaluation.exportXlsx')}
          </Button>
          <Button icon={<FileTextOutlined />} loading={exporting.isPending && exporting.variables === 'csv'} onClick={() => exporting.mutate('csv')} data-testid="evaluation-export-csv">
            {t('evaluation.exportCsv')}
          </Button>
          <Button icon={<FilePdfOutlined />} loading={exporting.isPending && exporting.variables === 'pdf'} onClick={() => exporting.mutate('pdf')} data-testid="evaluation-export-pdf">
            {t('evaluation.exportPdf')}
          </Button>
          <Link to="/evaluation/rules">
            <Button icon={<SettingOutlined />} data-testid="evaluation-rules-link">
              {t('evaluation.rulesLink')}
            </Button>
          </Link>
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void report.refetch()} data-testid="evaluation-refresh" />
          </Tooltip>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('evaluation.intro')}</Typography.Paragraph>
      <Form layout="inline" className="filter-form block-gap" data-testid="evaluation-filters">
        <Form.Item label={t('evaluation.period')}>
          <Segmented<PeriodKind>
            value={query.periodKind}
            onChange={(kind) => go(kind === 'custom' ? { periodKind: 'custom', from: query.from ?? `${today.slice(0, 8)}01`, to: query.to ?? today } : { periodKind: kind })}
            options={(['month', 'quarter', 'year', 'custom'] as const).map((kind) => ({ value: kind, label: t(`evaluation.periodKinds.${kind}`) }))}
            data-testid="evaluation-period-kind"
          />
        </Form.Item>
        <Form.Item>
          {query.periodKind === 'custom' ? (
            <DatePicker.RangePicker
              format={rocPickerFormat}
              allowClear={false}
              disabledDate={afterToday}
              value={[dayjs(query.from), dayjs(query.to)]}
              onChange={(range) => {
                const [start, end] = range ?? [null, null];
                if (start && end) go({ from: ymd(start), to: ymd(end) });
              }}
              data-testid="evaluation-period-range"
            />
          ) : (
            <DatePicker
              picker={pickerKind}
              allowClear={false}
              disabledDate={afterToday}
              format={(value) => rocPeriodName(pickerKind, value.format('YYYY-MM-DD'))}
              value={dayjs(query.anchor ?? today)}
              onChange={(value) => value && go({ anchor: ymd(value) })}
              data-testid="evaluation-period-picker"
            />
          )}
        </Form.Item>
        <Form.Item label={t('evaluation.ruleSet')}>
          <Select
            className="evaluation-rule-select"
            value={query.ruleSetId ?? ruleSets.data?.items.find((r) => r.current)?.id}
            loading={ruleSets.isPending}
            onChange={(id: string) => go({ ruleSetId: ruleSets.data?.items.find((r) => r.id === id)?.current ? undefined : id })}
            options={(ruleSets.data?.items ?? []).map((r) => ({ value: r.id, label: t(r.current ? 'evaluation.ruleSetCurrent' : 'evaluation.ruleSetOption', { version: r.version, name: r.name }) }))}
            data-testid="evaluation-rule-set"
          />
        </Form.Item>
      </Form>

      {report.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, report.error)} data-testid="evaluation-error" />}
      {data && (
        <div className="block-gap">
          <Space wrap align="center" size="middle">
            {canGoUp && (
              <Button icon={<ArrowUpOutlined />} onClick={() => go({ unitId: data.group.parentId ?? undefined })} data-testid="evaluation-up">
                {t('evaluation.up')}
              </Button>
            )}
            <Typography.Text strong data-testid="evaluation-heading">
              {t('evaluation.heading', { unit: unitName(data.group), period: data.period.label })}
            </Typography.Text>
            <Tag data-testid="evaluation-rule-set-tag">{t('evaluation.ruleSetOption', { version: data.ruleSet.version, name: data.ruleSet.name })}</Tag>
            <Typography.Text type="secondary">{data.ruleSet.basis}</Typography.Text>
          </Space>
          {data.departmentRank && (
            <Card size="small" className="block-top-gap evaluation-own-rank" data-testid="evaluation-department-rank">
              <Space size="large" wrap>
                <Statistic title={t('evaluation.departmentRank.title', { name: unitName(data.departmentRank.unit) })} value={data.departmentRank.rank} suffix={`/ ${data.departmentRank.of}`} />
                <Statistic title={t('evaluation.departmentRank.score')} value={data.departmentRank.score} />
                <Typography.Text type="secondary">{t('evaluation.departmentRank.note')}</Typography.Text>
              </Space>
            </Card>
          )}
        </div>
      )}
      <Table<EvaluatedRow>
        rowKey="key"
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        loading={report.isFetching}
        pagination={false}
        scroll={{ x: 1900 }}
        rowClassName={(row) => (row.scope === 'total' ? 'evaluation-total' : row.scope === 'self' ? 'evaluation-self' : '')}
        onRow={(row) => {
          const attributes: Record<string, string> = { 'data-testid': row.scope === 'total' ? 'evaluation-total' : 'evaluation-row', 'data-unit-code': row.unit.code, 'data-scope': row.scope };
          return attributes;
        }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evaluation.empty')} /> }}
        data-testid="evaluation-table"
      />
      <Typography.Paragraph type="secondary" className="block-top-gap">
        {t('evaluation.notes')}
      </Typography.Paragraph>

      <Card size="small" className="block-top-gap" title={<h2 className="card-title">{t('evaluation.trend.title')}</h2>} data-testid="evaluation-trend">
        <Form layout="inline" className="filter-form block-gap">
          <Form.Item label={t('evaluation.trend.what')}>
            <Select
              className="evaluation-trend-metric"
              value={trendMetric}
              onChange={setTrendMetric}
              options={[{ value: 'score', label: t('evaluation.columns.score') }, ...METRIC_KEYS.map((m) => ({ value: m, label: t(`evaluation.metrics.${m}`) }))]}
              data-testid="evaluation-trend-metric"
            />
          </Form.Item>
          <Form.Item label={t('evaluation.trend.units')}>
            <Select mode="multiple" className="evaluation-trend-units" value={shownKeys} onChange={setTrendKeys} options={seriesOptions} maxCount={8} data-testid="evaluation-trend-units" />
          </Form.Item>
        </Form>
        {trend.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, trend.error)} />}
        {chartSeries.length > 0 ? (
          <>
            <TrendChart labels={monthLabels} series={chartSeries} unitLabel={trendMetric === 'score' ? t('evaluation.columns.score') : t(`evaluation.metrics.${trendMetric}`)} />
            <Space wrap className="evaluation-legend">
              {chartSeries.map((s, index) => (
                <span key={s.key} className="evaluation-legend-item" data-testid="evaluation-trend-legend">
                  <span className="evaluation-legend-swatch" style={{ background: seriesColour(index) }} />
                  {s.label}
                </span>
              ))}
            </Space>
          </>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evaluation.trend.empty')} />
        )}
      </Card>
    </Card>
  );
}
