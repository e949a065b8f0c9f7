import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Segmented, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { SOURCE_GROUPS, sortSources, usePlatforms, useSourceCounts, type SourceGroup, type SourceRow } from './findings.api.ts';
import { addDays, dayAfterStartIso, dayStartIso, rocPickerFormat, taipeiToday, ymd } from './period.ts';
import { platformName } from './platform-name.ts';
import './findings.css';

/** The default period: the last 90 Taipei days, today included. */
const DEFAULT_DAYS = 90;
/** How many sources the bar chart shows (the table lists them all). */
const BAR_ROWS = 15;

const percent = (part: number, whole: number): string => `${whole > 0 ? Math.max((part / whole) * 100, part > 0 ? 0.5 : 0) : 0}%`;

/** Plain bars sized by share of the busiest source: findings light, cases dark. */
function SourceBars({ rows, label }: { rows: SourceRow[]; label: (row: SourceRow) => string }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.map((r) => Math.max(r.findings, r.cases)));
  return (
    <>
      <div className="source-legend" aria-hidden="true">
        <span>
          <span className="source-legend-swatch findings" />
          {t('findings.sources.findings')}
        </span>
        <span>
          <span className="source-legend-swatch cases" />
          {t('findings.sources.cases')}
        </span>
      </div>
      <div className="source-bars" data-testid="sources-bars">
        {rows.map((row) => (
          <div key={row.key} className="source-bar-row" role="presentation">
            <span className="source-bar-label" title={label(row)}>
              {label(row)}
            </span>
            <span className="source-bar-track" role="img" aria-label={t('findings.sources.barLabel', { label: label(row), findings: row.findings, cases: row.cases })}>
              <span className="source-bar-findings" style={{ width: percent(row.findings, max) }} />
              <span className="source-bar-cases" style={{ width: percent(row.cases, max) }} />
            </span>
            <span className="source-bar-value">{t('findings.sources.barValue', { findings: row.findings, cases: row.cases })}</span>
          </div>
        ))}
      </div>
    </>
  );
}

/** 案源分析 (G5.1): where findings and cases come from — by platform, domain or account — over a period. */
export function SourcesPage() {
  const { t, i18n } = useTranslation();
  const today = taipeiToday();
  const [range, setRange] = useState<[string, string]>([addDays(today, -(DEFAULT_DAYS - 1)), today]);
  const [groupBy, setGroupBy] = useState<SourceGroup>('platform');
  const query = useMemo(() => ({ from: dayStartIso(range[0]), to: dayAfterStartIso(range[1]), groupBy }), [range, groupBy]);
  const sources = useSourceCounts(query);
  const platforms = usePlatforms();
  const rows = useMemo(() => sortSources(sources.data ?? []), [sources.data]);
  const none = t('common.none');

  const platformByCode = useMemo(() => new Map((platforms.data ?? []).map((p) => [p.code, p])), [platforms.data]);
  const platformLabel = (code: string | null) => {
    if (!code) return none;
    const platform = platformByCode.get(code);
    return platform ? platformName(platform, i18n.resolvedLanguage) : code;
  };
  // A platform row is named in the UI language; domains and accounts are shown as the server has them.
  const label = (row: SourceRow) => (groupBy === 'platform' ? platformLabel(row.platformCode ?? row.key) : row.label);
  const totalFindings = rows.reduce((sum, r) => sum + r.findings, 0);

  const columns: TableColumnsType<SourceRow> = [
    { title: t('findings.sources.rank'), key: 'rank', width: 60, align: 'right', render: (_, _r, index) => index + 1 },
    { title: t(`findings.sources.groups.${groupBy}`), key: 'label', ellipsis: true, render: (_, r) => <span data-testid="source-label">{label(r)}</span> },
    ...(groupBy === 'account'
      ? [{ title: t('findings.sources.platform'), key: 'platform', width: 130, render: (_: unknown, r: SourceRow) => platformLabel(r.platformCode) }]
      : []),
    { title: t('findings.sources.cases'), dataIndex: 'cases', width: 90, align: 'right', render: (_, r) => <span data-testid="source-cases">{r.cases}</span> },
    { title: t('findings.sources.findings'), dataIndex: 'findings', width: 90, align: 'right', render: (_, r) => <span data-testid="source-findings">{r.findings}</span> },
    {
      title: t('findings.sources.share'),
      key: 'share',
      width: 90,
      align: 'right',
      render: (_, r) => (totalFindings > 0 ? `${((r.findings / totalFindings) * 100).toFixed(1)}%` : none),
    },
    { title: t('findings.sources.units'), dataIndex: 'units', width: 90, align: 'right' },
    { title: t('findings.sources.lastSeenAt'), dataIndex: 'lastSeenAt', width: 140, render: (_, r) => (r.lastSeenAt ? formatRocDateTime(r.lastSeenAt) : none) },
  ];

  return (
    <Card
      title={<h1 className="page-title">{t('findings.sources.title')}</h1>}
      extra={
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void sources.refetch()} />
        </Tooltip>
      }
    >
      <Typography.Paragraph type="secondary">{t('findings.sources.intro')}</Typography.Paragraph>
      <Space wrap className="toolbar">
        <span>{t('findings.sources.period')}</span>
        <DatePicker.RangePicker
          format={rocPickerFormat}
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          disabledDate={(day) => day.isAfter(dayjs(today), 'day')}
          onChange={(values: [Dayjs | null, Dayjs | null] | null) => {
            const [start, end] = values ?? [null, null];
            if (start && end) setRange([ymd(start), ymd(end)]);
          }}
          data-testid="sources-range"
        />
        <Segmented<SourceGroup>
          value={groupBy}
          onChange={setGroupBy}
          options={SOURCE_GROUPS.map((g) => ({ value: g, label: t(`findings.sources.groups.${g}`) }))}
          data-testid="sources-group"
        />
      </Space>
      {sources.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, sources.error)} />}
      {rows.length > 0 && <SourceBars rows={rows.slice(0, BAR_ROWS)} label={label} />}
      <Table<SourceRow>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={sources.isFetching}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('findings.sources.empty')} /> }}
        data-testid="sources-table"
      />
    </Card>
  );
}
