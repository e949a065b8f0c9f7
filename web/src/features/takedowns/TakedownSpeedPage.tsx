import { useMemo } from 'react';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Radio, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FileExcelOutlined, FileTextOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import { formatRocDate, taipeiDayStartIso } from '../../lib/roc-date.ts';
import { saveBlob } from '../evidence/evidence.api.ts';
import { rocPickerFormat, taipeiToday, ymd } from '../findings/period.ts';
import { SpeedChart, type SpeedChartRow } from './SpeedChart.tsx';
import { readSpeedQuery, secondsToHours } from './takedown-format.ts';
import { exportTakedownSpeed, useTakedownSpeed, type ExportFormat, type SpeedFigures, type SpeedGroupBy, type SpeedQuery } from './takedowns.api.ts';
import './takedowns.css';

type Row = SpeedFigures & { rowKey: string };
/** The key of the closing row with the whole period's figures (a group key is a UUID). */
const OVERALL = 'overall';

const afterToday = (day: Dayjs): boolean => day.isAfter(dayjs(taipeiToday()), 'day');

/**
 * 下架速度統計 (issue #6): for the targets opened in a period, by platform or by unit — how long
 * finding → report, report → order and order → removal took (median and 90th percentile, in hours),
 * the share removed within 24 h of the order, RPZ escalations and what is still online. The period
 * and grouping live in the address; the table exports as CSV or XLSX.
 */
export function TakedownSpeedPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useMemo(() => readSpeedQuery(searchParams), [searchParams]);
  const speed = useTakedownSpeed(query);
  const english = i18n.resolvedLanguage === 'en';
  const none = t('common.none');

  const go = (next: SpeedQuery) => setSearchParams({ from: next.from, to: next.to, groupBy: next.groupBy });

  const exporting = useMutation({
    mutationFn: (format: ExportFormat) => exportTakedownSpeed(query, format),
    onSuccess: (file) => {
      saveBlob(file.blob, file.fileName);
      void message.success(t('takedowns.speed.exported'));
    },
    onError: (error) => void message.error(`${t('takedowns.speed.exportFailed')}：${errorText(t, error)}`),
  });

  const groupName = (f: SpeedFigures): string => {
    const name = english ? f.nameEn || f.nameZh : f.nameZh;
    if (name) return name;
    if (f.code) return f.code;
    return query.groupBy === 'platform' ? t('takedowns.speed.noPlatform') : t('takedowns.speed.noUnit');
  };

  const hoursCell = (seconds: number | null) => (seconds === null ? none : secondsToHours(seconds));
  const pair = (title: string, median: keyof SpeedFigures, p90: keyof SpeedFigures) => ({
    title,
    children: [
      { title: t('takedowns.speed.columns.median'), key: `${median}`, width: 80, align: 'right' as const, render: (_: unknown, r: Row) => hoursCell(r[median] as number | null) },
      { title: t('takedowns.speed.columns.p90'), key: `${p90}`, width: 80, align: 'right' as const, render: (_: unknown, r: Row) => hoursCell(r[p90] as number | null) },
    ],
  });

  const columns: TableColumnsType<Row> = [
    {
      title: query.groupBy === 'platform' ? t('takedowns.speed.columns.platform') : t('takedowns.speed.columns.unit'),
      key: 'name',
      width: 170,
      fixed: 'start',
      ellipsis: true,
      render: (_, r) => <span data-testid="takedown-speed-group">{r.rowKey === OVERALL ? t('takedowns.speed.overall') : groupName(r)}</span>,
    },
    { title: t('takedowns.speed.columns.targets'), dataIndex: 'targets', width: 80, align: 'right' },
    { title: t('takedowns.speed.columns.reported'), dataIndex: 'reported', width: 80, align: 'right' },
    { title: t('takedowns.speed.columns.ordered'), dataIndex: 'ordered', width: 80, align: 'right' },
    { title: t('takedowns.speed.columns.removed'), dataIndex: 'removed', width: 80, align: 'right' },
    pair(t('takedowns.speed.columns.findingToReport'), 'findingToReportMedian', 'findingToReportP90'),
    pair(t('takedowns.speed.columns.reportToOrder'), 'reportToOrderMedian', 'reportToOrderP90'),
    pair(t('takedowns.speed.columns.orderToRemoval'), 'orderToRemovalMedian', 'orderToRemovalP90'),
    {
      title: t('takedowns.speed.columns.within24h'),
      key: 'within24h',
      width: 130,
      align: 'right',
      render: (_, r) => (
        <span data-testid="takedown-speed-share">
          {t('takedowns.speed.countShare', { removed: r.removedWithin24h, share: r.removedWithin24hShare === null ? none : `${r.removedWithin24hShare.toFixed(1)}%` })}
        </span>
      ),
    },
    { title: t('takedowns.speed.columns.rpzEscalated'), dataIndex: 'rpzEscalated', width: 90, align: 'right' },
    {
      title: t('takedowns.speed.columns.stillOnline'),
      dataIndex: 'stillOnline',
      width: 90,
      align: 'right',
      render: (_, r) => <Typography.Text type={r.stillOnline > 0 ? 'danger' : undefined}>{r.stillOnline}</Typography.Text>,
    },
  ];

  const report = speed.data;
  const rows: Row[] = (report?.groups ?? []).map((g, index) => ({ ...g, rowKey: g.key ?? `none-${index}` }));
  // The whole period closes the table, as in the export.
  const overall: Row | null = report ? { ...report.overall, rowKey: OVERALL } : null;
  const chartRows: SpeedChartRow[] = rows.map((r) => ({ key: r.rowKey, label: groupName(r), share: r.removedWithin24hShare, medianSeconds: r.orderToRemovalMedian }));
  // The answer's period is authoritative; its end is exclusive (the next Taipei midnight).
  const periodFrom = report ? formatRocDate(report.from) : formatRocDate(taipeiDayStartIso(query.from));
  const periodTo = report ? formatRocDate(Date.parse(report.to) - 1) : formatRocDate(taipeiDayStartIso(query.to));

  return (
    <Card
      title={<h1 className="page-title">{t('takedowns.speed.title')}</h1>}
      extra={
        <Space wrap>
          <Button icon={<FileTextOutlined />} loading={exporting.isPending && exporting.variables === 'csv'} onClick={() => exporting.mutate('csv')} data-testid="takedown-speed-export-csv">
            {t('takedowns.speed.exportCsv')}
          </Button>
          <Button icon={<FileExcelOutlined />} loading={exporting.isPending && exporting.variables === 'xlsx'} onClick={() => exporting.mutate('xlsx')} data-testid="takedown-speed-export-xlsx">
            {t('takedowns.speed.exportXlsx')}
          </Button>
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void speed.refetch()} data-testid="takedown-speed-refresh" />
          </Tooltip>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('takedowns.speed.intro')} <Link to="/takedowns">{t('takedowns.speed.listLink')}</Link>
      </Typography.Paragraph>
      <Form layout="inline" className="filter-form block-gap" data-testid="takedown-speed-filters">
        <Form.Item label={t('takedowns.speed.period')}>
          <DatePicker.RangePicker
            format={rocPickerFormat}
            allowClear={false}
            disabledDate={afterToday}
            value={[dayjs(query.from), dayjs(query.to)]}
            onChange={(range) => {
              const [start, end] = range ?? [null, null];
              if (start && end) go({ ...query, from: ymd(start), to: ymd(end) });
            }}
            data-testid="takedown-speed-range"
          />
        </Form.Item>
        <Form.Item label={t('takedowns.speed.groupBy')}>
          <Radio.Group
            optionType="button"
            value={query.groupBy}
            onChange={(event) => go({ ...query, groupBy: event.target.value as SpeedGroupBy })}
            options={[
              { value: 'platform', label: t('takedowns.speed.byPlatform') },
              { value: 'unit', label: t('takedowns.speed.byUnit') },
            ]}
            data-testid="takedown-speed-group-by"
          />
        </Form.Item>
      </Form>
      <Typography.Paragraph data-testid="takedown-speed-period">
        {t('takedowns.speed.periodText', { from: periodFrom, to: periodTo })}
      </Typography.Paragraph>
      {speed.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, speed.error)} data-testid="takedown-speed-error" />}
      <Table<Row>
        rowKey="rowKey"
        size="small"
        bordered
        columns={columns}
        dataSource={overall && rows.length > 0 ? [...rows, overall] : rows}
        loading={speed.isFetching}
        pagination={false}
        scroll={{ x: 1300 }}
        rowClassName={(r) => (r.rowKey === OVERALL ? 'takedown-speed-overall' : '')}
        onRow={(r) => {
          const attributes: Record<string, string> = { 'data-testid': r.rowKey === OVERALL ? 'takedown-speed-overall' : 'takedown-speed-row', 'data-key': r.rowKey };
          return attributes;
        }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('takedowns.speed.empty')} /> }}
        data-testid="takedown-speed-table"
      />
      {rows.length > 0 && (
        <Card size="small" className="block-top-gap" title={<h2 className="card-title">{t('takedowns.speed.chart.title')}</h2>}>
          <SpeedChart rows={chartRows} />
        </Card>
      )}
    </Card>
  );
}
