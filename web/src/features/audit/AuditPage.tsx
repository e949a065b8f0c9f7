import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SafetyOutlined, SearchOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { formatRocDate, formatRocDateTime, taipeiDayEndIso, taipeiDayStartIso } from '../../lib/roc-date.ts';
import { knownRoles } from '../../lib/roles.ts';
import {
  AUDIT_OUTCOMES,
  listAuditEvents,
  verifyAuditChain,
  type AuditEvent,
  type AuditFilters,
  type AuditOutcome,
} from './audit.api.ts';

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: AuditOutcome;
}

const OUTCOME_COLOR: Record<AuditOutcome, string> = { success: 'green', denied: 'orange', failure: 'red' };

const trimmed = (value: string | undefined): string | undefined => {
  const v = value?.trim();
  return v ? v : undefined;
};

/** Form values → query filters; picked days are Taipei calendar days, sent as UTC bounds. */
function toFilters(values: FilterValues): AuditFilters {
  const [start, end] = values.range ?? [null, null];
  return {
    from: start ? taipeiDayStartIso(start.format('YYYY-MM-DD')) : undefined,
    to: end ? taipeiDayEndIso(end.format('YYYY-MM-DD')) : undefined,
    actor: trimmed(values.actor),
    action: trimmed(values.action),
    objectType: trimmed(values.objectType),
    objectId: trimmed(values.objectId),
    outcome: values.outcome,
  };
}

// The picker shows ROC dates too; the picked day is read back with format('YYYY-MM-DD').
const rocPickerFormat = (value: Dayjs): string => formatRocDate(`${value.format('YYYY-MM-DD')}T12:00:00+08:00`);

/** 稽核紀錄: filter, page back through history, and verify the hash chain. */
export function AuditPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<AuditFilters>({});

  const events = useInfiniteQuery({
    queryKey: ['audit', 'events', filters],
    queryFn: ({ pageParam, signal }) => listAuditEvents(filters, pageParam, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const verify = useMutation({ mutationFn: verifyAuditChain });
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.columns.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.columns.occurredAt'), dataIndex: 'occurredAt', width: 130, render: (_, e) => formatRocDateTime(e.occurredAt) },
    { title: t('audit.columns.actor'), dataIndex: 'actorUsername', width: 130, render: (_, e) => e.actorUsername ?? t('common.none') },
    { title: t('audit.columns.unit'), dataIndex: 'actorUnitCode', width: 80, render: (_, e) => e.actorUnitCode ?? t('common.none') },
    {
      title: t('audit.columns.roles'),
      dataIndex: 'actorRoles',
      width: 150,
      render: (_, e) => knownRoles(e.actorRoles).map((role) => <Tag key={role}>{t(`roles.${role}`)}</Tag>),
    },
    { title: t('audit.columns.action'), dataIndex: 'action', width: 220, render: (_, e) => <Typography.Text code>{e.action}</Typography.Text> },
    {
      title: t('audit.columns.object'),
      key: 'object',
      ellipsis: true,
      render: (_, e) => (e.objectType ? `${e.objectType}${e.objectId ? ` / ${e.objectId}` : ''}` : t('common.none')),
    },
    {
      title: t('audit.columns.outcome'),
      dataIndex: 'outcome',
      width: 80,
      render: (_, e) => <Tag color={OUTCOME_COLOR[e.outcome]}>{t(`audit.outcomes.${e.outcome}`)}</Tag>,
    },
    { title: t('audit.columns.sourceIp'), dataIndex: 'sourceIp', width: 130, render: (_, e) => e.sourceIp ?? t('common.none') },
    { title: t('audit.columns.reason'), dataIndex: 'reason', ellipsis: true, render: (_, e) => e.reason ?? t('common.none') },
  ];

  const expandedRow = (e: AuditEvent) => (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        { key: 'requestId', label: t('audit.columns.requestId'), children: e.requestId ?? t('common.none') },
        { key: 'userAgent', label: t('audit.columns.userAgent'), children: e.userAgent ?? t('common.none') },
        { key: 'hash', label: t('audit.columns.hash'), children: <Typography.Text code copyable>{e.hash}</Typography.Text> },
      ]}
    />
  );

  return (
    <Card
      title={<h1 className="page-title">{t('audit.title')}</h1>}
      extra={
        <Button icon={<SafetyOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      }
    >
      {verify.data && (
        <Alert
          className="block-gap"
          showIcon
          closable
          type={verify.data.ok ? 'success' : 'error'}
          data-testid="audit-verify-result"
          title={
            verify.data.ok || !verify.data.firstBroken
              ? t('audit.verifyOk', { checked: verify.data.checked })
              : t('audit.verifyBroken', {
                  seq: verify.data.firstBroken.seq,
                  problem: verify.data.firstBroken.problem,
                  checked: verify.data.checked,
                })
          }
        />
      )}
      {verify.isError && <Alert className="block-gap" showIcon type="error" title={t('audit.verifyFailed')} description={errorText(t, verify.error)} />}

      <Form<FilterValues> form={form} layout="inline" className="filter-form" onFinish={(values) => setFilters(toFilters(values))}>
        <Form.Item name="range" label={t('audit.filters.range')}>
          <DatePicker.RangePicker format={rocPickerFormat} allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="actor" label={t('audit.filters.actor')}>
          <Input allowClear className="filter-input" />
        </Form.Item>
        <Form.Item name="action" label={t('audit.filters.action')}>
          <Input allowClear className="filter-input" />
        </Form.Item>
        <Form.Item name="objectType" label={t('audit.filters.objectType')}>
          <Input allowClear className="filter-input" />
        </Form.Item>
        <Form.Item name="objectId" label={t('audit.filters.objectId')}>
          <Input allowClear className="filter-input" />
        </Form.Item>
        <Form.Item name="outcome" label={t('audit.filters.outcome')}>
          <Select
            allowClear
            className="filter-select"
            placeholder={t('common.all')}
            options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcomes.${o}`) }))}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>

      {events.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, events.error)} />}
      <Table<AuditEvent>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={events.isPending}
        pagination={false}
        scroll={{ x: 1400 }}
        expandable={{ expandedRowRender: expandedRow }}
        data-testid="audit-table"
      />
      <div className="load-more">
        <Typography.Text type="secondary">{t('common.loadedCount', { count: rows.length })}</Typography.Text>
        {events.hasNextPage ? (
          <Button onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage} data-testid="audit-load-more">
            {t('common.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
        )}
      </div>
    </Card>
  );
}
