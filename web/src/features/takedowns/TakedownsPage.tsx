import { useMemo, type HTMLAttributes, type MouseEvent } from 'react';
import { Alert, Button, Card, Empty, Form, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { BarChartOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { usePlatforms } from '../findings/findings.api.ts';
import { platformName } from '../findings/platform-name.ts';
import { UrlText } from '../findings/UrlText.tsx';
import { ClockCell, TakedownStateTag, useServerNow } from './TakedownParts.tsx';
import { readTakedownFilters, takedownFilterParams } from './takedown-format.ts';
import { TAKEDOWN_LIMITS, TAKEDOWN_STATES, useTakedowns, type TakedownState, type Target, type TargetFilters } from './takedowns.api.ts';
import '../findings/findings.css';
import './takedowns.css';

const stop = (event: MouseEvent) => event.stopPropagation();

/** 下架追蹤 (G5.2, G6.2): every takedown target the user may see, with its state and 24-hour clock; the filters live in the address. */
export function TakedownsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  // The address bar is the source of truth, so back/forward and reload keep the filters.
  const filters = useMemo(() => readTakedownFilters(searchParams), [searchParams]);
  const targets = useTakedowns(filters);
  const platforms = usePlatforms();
  const now = useServerNow(1000);
  const none = t('common.none');

  const go = (next: TargetFilters) => setSearchParams(takedownFilterParams(next));
  const platformOptions = (platforms.data ?? []).map((p) => ({ value: p.id, label: platformName(p, i18n.resolvedLanguage) }));

  const columns: TableColumnsType<Target> = [
    { title: t('takedowns.columns.url'), dataIndex: 'url', ellipsis: true, render: (_, row) => <UrlText url={row.url} testId="takedown-row-url" /> },
    {
      title: t('takedowns.columns.case'),
      dataIndex: 'caseNumber',
      width: 140,
      render: (_, row) => (
        <Link to={`/cases/${row.caseId}`} onClick={stop} data-testid="takedown-row-case">
          {row.caseNumber}
        </Link>
      ),
    },
    { title: t('takedowns.columns.platform'), key: 'platform', width: 120, ellipsis: true, render: (_, row) => (row.platform ? platformName(row.platform, i18n.resolvedLanguage) : none) },
    { title: t('takedowns.columns.state'), dataIndex: 'state', width: 190, render: (_, row) => <TakedownStateTag state={row.state} /> },
    { title: t('takedowns.columns.clock'), key: 'clock', width: 170, render: (_, row) => <ClockCell target={row} now={now} /> },
    { title: t('takedowns.columns.updatedAt'), dataIndex: 'updatedAt', width: 130, render: (_, row) => formatRocDateTime(row.updatedAt) },
  ];

  const rowProps = (row: Target): HTMLAttributes<HTMLElement> => {
    const attributes: Record<string, string> = { 'data-testid': 'takedown-row', 'data-takedown-id': row.id, 'data-state': row.state };
    return { ...attributes, onClick: () => void navigate(`/takedowns/${row.id}`) };
  };

  const rows = targets.data ?? [];
  return (
    <Card
      title={<h1 className="page-title">{t('takedowns.list.title')}</h1>}
      extra={
        <Space wrap>
          <Link to="/takedowns/speed" data-testid="takedowns-speed-link">
            <Button icon={<BarChartOutlined />}>{t('nav.takedownSpeed')}</Button>
          </Link>
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void targets.refetch()} data-testid="takedowns-refresh" />
          </Tooltip>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('takedowns.list.intro')}</Typography.Paragraph>
      <Form layout="inline" className="filter-form takedown-filters" data-testid="takedowns-filters">
        <Form.Item label={t('takedowns.filters.state')}>
          <Select<TakedownState[]>
            mode="multiple"
            allowClear
            className="takedown-state-select"
            placeholder={t('common.all')}
            value={filters.state ?? []}
            onChange={(state) => go({ ...filters, state })}
            options={TAKEDOWN_STATES.map((s) => ({ value: s, label: t(`takedowns.states.${s}`) }))}
            data-testid="takedowns-filter-state"
          />
        </Form.Item>
        <Form.Item label={t('takedowns.filters.platform')}>
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            className="takedown-platform-select"
            placeholder={t('common.all')}
            value={filters.platformId}
            onChange={(platformId) => go({ ...filters, platformId: platformId ?? undefined })}
            options={platformOptions}
            loading={platforms.isPending}
            data-testid="takedowns-filter-platform"
          />
        </Form.Item>
        <Form.Item>
          <Button onClick={() => go({})} data-testid="takedowns-reset">
            {t('common.reset')}
          </Button>
        </Form.Item>
      </Form>
      {targets.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, targets.error)} data-testid="takedowns-error" />}
      <Table<Target>
        rowKey="id"
        size="small"
        className="clickable-rows"
        columns={columns}
        dataSource={rows}
        loading={targets.isFetching}
        onRow={rowProps}
        scroll={{ x: 1000 }}
        pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (count) => <span data-testid="takedowns-total">{t('takedowns.list.total', { total: count })}</span> }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('takedowns.list.empty')} /> }}
        data-testid="takedowns-table"
      />
      {rows.length >= TAKEDOWN_LIMITS.list && (
        <Typography.Paragraph type="secondary" className="block-top-gap">
          {t('takedowns.list.limited', { count: TAKEDOWN_LIMITS.list })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
