import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Segmented, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { formatRocDate, taipeiDayStartIso } from '../../lib/roc-date.ts';
import { useUnits } from '../admin-units/units.api.ts';
import { useUnitName } from '../admin-units/unit-names.ts';
import { MAX_LOG_DAYS, usePatrolLog, type LogPeriod, type PatrolLogQuery, type PatrolLogRow } from './patrol.api.ts';
import { formatMinutes, formatRocPeriod, nextDay, nextMonthStart, taipeiToday } from './patrol-format.ts';
import './patrol.css';

type Range = [Dayjs, Dayjs];

/** This month (day view) or this year (month view), in Taipei's calendar. */
function defaultRange(period: LogPeriod): Range {
  const today = dayjs(taipeiToday());
  return period === 'day' ? [today.startOf('month'), today.endOf('month').startOf('day')] : [today.startOf('year'), today.endOf('year').startOf('month')];
}

/** The picked Taipei days or months as the server's UTC bounds (`to` exclusive); null beyond the server's longest range. */
function toQuery(period: LogPeriod, [start, end]: Range): PatrolLogQuery | null {
  const from = period === 'day' ? start.format('YYYY-MM-DD') : start.format('YYYY-MM-01');
  const until = period === 'day' ? nextDay(end.format('YYYY-MM-DD')) : nextMonthStart(end.format('YYYY-MM-01'));
  const query = { period, from: taipeiDayStartIso(from), to: taipeiDayStartIso(until) };
  return Date.parse(query.to) - Date.parse(query.from) > MAX_LOG_DAYS * 86_400_000 ? null : query;
}

// The pickers show ROC dates; the picked values are read back with format().
const rocDayFormat = (value: Dayjs): string => formatRocDate(`${value.format('YYYY-MM-DD')}T12:00:00+08:00`);
const rocMonthFormat = (value: Dayjs): string => formatRocPeriod(value.format('YYYY-MM'));

interface Totals {
  sessions: number;
  minutes: number;
  findingsRecorded: number;
  sightings: number;
}

/** 巡查日誌 (G5.1): patrols per officer per day or month; an officer sees their own, a supervisor their units'. */
export function PatrolLogPage() {
  const { t } = useTranslation();
  const unitName = useUnitName();
  const units = useUnits();
  const unitByCode = useMemo(() => new Map((units.data ?? []).map((u) => [u.code, u])), [units.data]);
  const [period, setPeriod] = useState<LogPeriod>('day');
  const [range, setRange] = useState<Range>(() => defaultRange('day'));
  const query = useMemo(() => toQuery(period, range), [period, range]);
  const log = usePatrolLog(query);
  const rows = useMemo(() => log.data ?? [], [log.data]);

  const totals = useMemo<Totals>(
    () =>
      rows.reduce<Totals>(
        (sum, row) => ({
          sessions: sum.sessions + row.sessions,
          minutes: sum.minutes + row.minutes,
          findingsRecorded: sum.findingsRecorded + row.findingsRecorded,
          sightings: sum.sightings + row.sightings,
        }),
        { sessions: 0, minutes: 0, findingsRecorded: 0, sightings: 0 },
      ),
    [rows],
  );

  const columns: TableColumnsType<PatrolLogRow> = [
    {
      title: period === 'day' ? t('patrol.log.columns.day') : t('patrol.log.columns.month'),
      dataIndex: 'period',
      width: 110,
      render: (_, r) => <span data-testid="patrol-log-period">{formatRocPeriod(r.period)}</span>,
    },
    {
      title: t('patrol.log.columns.officer'),
      key: 'officer',
      render: (_, r) => (
        <span title={r.officerUsername}>
          {r.officerDisplayName}
          <Typography.Text type="secondary" className="patrol-username">
            {r.officerUsername}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('patrol.log.columns.unit'),
      dataIndex: 'unitCode',
      width: 160,
      render: (_, r) => {
        const unit = unitByCode.get(r.unitCode);
        return unit ? <span title={r.unitCode}>{unitName(unit)}</span> : r.unitCode;
      },
    },
    { title: t('patrol.log.columns.sessions'), dataIndex: 'sessions', width: 100, align: 'right' },
    {
      title: <Tooltip title={t('patrol.log.minutesHelp')}>{t('patrol.log.columns.minutes')}</Tooltip>,
      dataIndex: 'minutes',
      width: 110,
      align: 'right',
      render: (_, r) => formatMinutes(r.minutes),
    },
    { title: t('patrol.log.columns.findingsRecorded'), dataIndex: 'findingsRecorded', width: 120, align: 'right' },
    {
      title: <Tooltip title={t('patrol.log.sightingsHelp')}>{t('patrol.log.columns.sightings')}</Tooltip>,
      dataIndex: 'sightings',
      width: 120,
      align: 'right',
    },
  ];

  const changePeriod = (next: LogPeriod) => {
    setPeriod(next);
    setRange(defaultRange(next));
  };

  return (
    <Card
      title={<h1 className="page-title">{t('patrol.log.title')}</h1>}
      extra={
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void log.refetch()} disabled={query === null} />
        </Tooltip>
      }
    >
      <Space wrap size={12} className="block-gap">
        <Segmented<LogPeriod>
          value={period}
          onChange={changePeriod}
          options={[
            { value: 'day', label: t('patrol.log.byDay') },
            { value: 'month', label: t('patrol.log.byMonth') },
          ]}
          data-testid="patrol-log-period-switch"
        />
        <Typography.Text>{t('patrol.log.range')}</Typography.Text>
        <DatePicker.RangePicker
          key={period}
          picker={period === 'day' ? 'date' : 'month'}
          format={period === 'day' ? rocDayFormat : rocMonthFormat}
          value={range}
          allowClear={false}
          onChange={(values) => {
            const [start, end] = values ?? [];
            if (start && end) setRange([start, end]);
          }}
          data-testid="patrol-log-range"
        />
      </Space>
      {query === null && <Alert className="block-gap" type="warning" showIcon title={t('patrol.log.rangeTooLong', { days: MAX_LOG_DAYS })} />}
      {log.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, log.error)} />}
      <Table<PatrolLogRow>
        rowKey={(r) => `${r.period}|${r.officerId}|${r.unitCode}`}
        size="small"
        columns={columns}
        dataSource={rows}
        loading={query !== null && log.isPending}
        pagination={{ pageSize: 100, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('patrol.log.empty')} /> }}
        data-testid="patrol-log-table"
        summary={() =>
          rows.length === 0 ? null : (
            <Table.Summary fixed>
              <Table.Summary.Row data-testid="patrol-log-totals">
                <Table.Summary.Cell index={0} colSpan={3}>
                  <Typography.Text strong>{t('patrol.log.total')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  <Typography.Text strong>{totals.sessions}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  <Typography.Text strong>{formatMinutes(totals.minutes)}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  <Typography.Text strong>{totals.findingsRecorded}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  <Typography.Text strong>{totals.sightings}</Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          )
        }
      />
    </Card>
  );
}
