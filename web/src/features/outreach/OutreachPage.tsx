import { useMemo, useState } from 'react';
import { Alert, Button, Calendar, Card, Empty, Form, Segmented, Select, Space, Table, Tooltip, TreeSelect, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { LeftOutlined, PlusOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { buildUnitTree, unitTreeOptions } from '../admin-units/unit-tree.ts';
import { useUnitName } from '../admin-units/unit-names.ts';
import { useUnits } from '../admin-units/units.api.ts';
import { taipeiToday } from '../findings/period.ts';
import { ActivityDrawer } from './ActivityDrawer.tsx';
import { KIND_COLOURS, KindTag } from './KindTag.tsx';
import { OutreachFormModal, type OutreachFormTarget } from './OutreachFormModal.tsx';
import { byTaipeiDay, calendarWindow, taipeiDayOf, taipeiTime, totalAudience } from './outreach-format.ts';
import { OUTREACH_KINDS, useActivities, type Activity, type OutreachKind } from './outreach.api.ts';
import '../findings/findings.css';
import './outreach.css';

type View = 'list' | 'calendar';

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
const shiftMonth = (month: string, by: number): string => dayjs(`${month}-01`).add(by, 'month').format('YYYY-MM');
const rocMonth = (month: string): string => `${Number(month.slice(0, 4)) - 1911}年${Number(month.slice(5, 7))}月`;

/**
 * 宣導活動 (G5.4, G4.1.5): the prevention work of the units the user may see — school talks with
 * the Education Bureau's tour, online posts, interviews, radio, press releases, special-day events
 * — as a month's list or calendar (ROC dates, Taipei days). The month, view, kind and unit live in
 * the address. Officers and supervisors record for their unit and its sub-units, the WCPD for any.
 */
export function OutreachPage() {
  const { t } = useTranslation();
  const unitName = useUnitName();
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const month = monthPattern.test(params.get('month') ?? '') ? params.get('month')! : taipeiToday().slice(0, 7);
  const view: View = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const kind = (OUTREACH_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as OutreachKind) : undefined;
  const unitId = params.get('unitId') ?? undefined;
  const [formTarget, setFormTarget] = useState<OutreachFormTarget | null>(null);
  const [open, setOpen] = useState<Activity | null>(null);

  const go = (next: Partial<{ month: string; view: View; kind: string | undefined; unitId: string | undefined }>) => {
    const merged = { month, view, kind, unitId, ...next };
    const out: Record<string, string> = { month: merged.month, view: merged.view };
    if (merged.kind) out.kind = merged.kind;
    if (merged.unitId) out.unitId = merged.unitId;
    setParams(out);
  };

  const range = useMemo(() => calendarWindow(month), [month]);
  const activities = useActivities({ ...range, kind, unitId });
  const all = activities.data?.items ?? [];
  const inMonth = useMemo(() => all.filter((a) => taipeiDayOf(a.startsAt).startsWith(month)), [all, month]);
  const days = useMemo(() => byTaipeiDay(all), [all]);
  const unitOptions = useMemo(() => unitTreeOptions(buildUnitTree(units.data ?? []), unitName, { allowInactive: true }), [units.data, unitName]);
  const canCreate = activities.data?.can.create ?? false;
  const none = t('common.none');

  const columns: TableColumnsType<Activity> = [
    { title: t('outreach.fields.startsAt'), dataIndex: 'startsAt', width: 150, render: (_, a) => <span data-testid="outreach-row-starts">{formatRocDateTime(a.startsAt)}</span> },
    { title: t('outreach.fields.kind'), dataIndex: 'kind', width: 130, render: (_, a) => <KindTag kind={a.kind} /> },
    {
      title: t('outreach.fields.title'),
      dataIndex: 'title',
      render: (_, a) => (
        <Typography.Link onClick={() => setOpen(a)} data-testid="outreach-row-title">
          {a.title}
        </Typography.Link>
      ),
    },
    { title: t('outreach.fields.unit'), key: 'unit', width: 170, render: (_, a) => unitName(a.unit) },
    { title: t('outreach.fields.audience'), dataIndex: 'audienceCount', width: 90, align: 'right', render: (_, a) => <span data-testid="outreach-row-audience">{a.audienceCount ?? none}</span> },
    { title: t('outreach.fields.officers'), key: 'officers', width: 200, render: (_, a) => (a.officers.length > 0 ? a.officers.map((o) => o.displayName).join('、') : none) },
    { title: t('outreach.attachments.title'), key: 'attachments', width: 80, align: 'right', render: (_, a) => a.attachments.length },
  ];

  const cell = (date: Dayjs) => {
    const list = days.get(date.format('YYYY-MM-DD')) ?? [];
    return (
      <ul className="outreach-calendar-day" data-testid="outreach-calendar-day" data-day={date.format('YYYY-MM-DD')}>
        {list.map((a) => (
          <li key={a.id}>
            <button
              type="button"
              className={`outreach-calendar-item outreach-kind-${KIND_COLOURS[a.kind]}`}
              onClick={(event) => {
                event.stopPropagation();
                setOpen(a);
              }}
              title={`${taipeiTime(a.startsAt)} ${a.title}（${t(`outreach.kinds.${a.kind}`)}）`}
              data-testid="outreach-calendar-item"
            >
              {taipeiTime(a.startsAt)} {a.title}
            </button>
          </li>
        ))}
      </ul>
    );
  };

  return (
    <Card
      title={<h1 className="page-title">{t('outreach.title')}</h1>}
      extra={
        <Space wrap>
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ mode: 'create' })} data-testid="outreach-create">
              {t('outreach.create')}
            </Button>
          )}
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void activities.refetch()} data-testid="outreach-refresh" />
          </Tooltip>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('outreach.intro')}</Typography.Paragraph>
      <Form layout="inline" className="filter-form block-gap" data-testid="outreach-filters">
        <Form.Item>
          <Space.Compact>
            <Button icon={<LeftOutlined />} aria-label={t('outreach.previousMonth')} onClick={() => go({ month: shiftMonth(month, -1) })} data-testid="outreach-month-previous" />
            <Button className="outreach-month-label" onClick={() => go({ month: taipeiToday().slice(0, 7) })} data-testid="outreach-month">
              {rocMonth(month)}
            </Button>
            <Button icon={<RightOutlined />} aria-label={t('outreach.nextMonth')} onClick={() => go({ month: shiftMonth(month, 1) })} data-testid="outreach-month-next" />
          </Space.Compact>
        </Form.Item>
        <Form.Item>
          <Segmented<View>
            value={view}
            onChange={(value) => go({ view: value })}
            options={[
              { value: 'list', label: t('outreach.views.list') },
              { value: 'calendar', label: t('outreach.views.calendar') },
            ]}
            data-testid="outreach-view"
          />
        </Form.Item>
        <Form.Item label={t('outreach.fields.kind')}>
          <Select
            allowClear
            className="outreach-kind-select"
            value={kind}
            placeholder={t('common.all')}
            onChange={(value?: string) => go({ kind: value })}
            options={OUTREACH_KINDS.map((k) => ({ value: k, label: t(`outreach.kinds.${k}`) }))}
            data-testid="outreach-filter-kind"
          />
        </Form.Item>
        <Form.Item label={t('outreach.fields.unit')}>
          <TreeSelect
            allowClear
            className="outreach-unit-select"
            treeData={unitOptions}
            value={unitId}
            placeholder={t('common.all')}
            showSearch={{ treeNodeFilterProp: 'title' }}
            onChange={(value?: string) => go({ unitId: value })}
            data-testid="outreach-filter-unit"
          />
        </Form.Item>
      </Form>
      <Typography.Paragraph data-testid="outreach-summary">{t('outreach.summary', { month: rocMonth(month), count: inMonth.length, audience: totalAudience(inMonth) })}</Typography.Paragraph>
      {activities.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, activities.error)} data-testid="outreach-error" />}
      {view === 'list' ? (
        <Table<Activity>
          rowKey="id"
          size="small"
          bordered
          columns={columns}
          dataSource={inMonth}
          loading={activities.isFetching}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 1100 }}
          onRow={(a) => {
            const attributes: Record<string, string> = { 'data-testid': 'outreach-row', 'data-activity-id': a.id, 'data-kind': a.kind };
            return attributes;
          }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('outreach.empty')} /> }}
          data-testid="outreach-table"
        />
      ) : (
        <Calendar
          className="outreach-calendar"
          // Today when the month holds it, so the highlighted day is today, not the 1st.
          value={dayjs(taipeiToday().startsWith(month) ? taipeiToday() : `${month}-01`)}
          headerRender={() => null}
          cellRender={(date, info) => (info.type === 'date' ? cell(date) : info.originNode)}
          onSelect={(date, info) => {
            if (info.source === 'date' && canCreate && date.format('YYYY-MM') === month) setFormTarget({ mode: 'create', day: date.format('YYYY-MM-DD') });
          }}
          data-testid="outreach-calendar"
        />
      )}
      {formTarget && <OutreachFormModal target={formTarget} onClose={() => setFormTarget(null)} onSaved={(saved) => formTarget.mode === 'edit' && setOpen(saved)} />}
      {open && <ActivityDrawer key={`${open.id}-${open.updatedAt}`} activity={open} onClose={() => setOpen(null)} onEdit={(activity) => setFormTarget({ mode: 'edit', activity })} />}
    </Card>
  );
}
