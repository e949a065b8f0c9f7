import { useState } from 'react';
import { Button, Empty, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import zhTW from '../../i18n/zh-TW.json';
import { formatRocDate, formatRocDateTime } from '../../lib/roc-date.ts';
import { CaseErrorAlert } from './CaseParts.tsx';
import { CASE_STATUSES, NOTICE_KINDS, PROSECUTOR_OFFICES, useCaseTimeline, type CaseDetail, type CaseTask, type TimelineEvent } from './cases.api.ts';
import { actionKey, detailText, isReadEvent } from './case-format.ts';

type ActionKey = keyof typeof zhTW.cases.timeline.actions;
const isKnownAction = (key: string): key is ActionKey => Object.hasOwn(zhTW.cases.timeline.actions, key);
const oneOf = <T extends string>(values: readonly T[], value: string | null): value is T => value !== null && (values as readonly string[]).includes(value);

/** An audit action as a readable label; an action the catalogue does not know shows as its code. */
function actionLabel(t: TFunction, action: string): string {
  const key = actionKey(action);
  return isKnownAction(key) ? t(`cases.timeline.actions.${key}`) : action;
}

/** The part of an event's details worth reading: the step, the notice, the status change, the decision. */
function eventDetail(t: TFunction, event: TimelineEvent, tasks: readonly CaseTask[], english: boolean): string {
  const step = detailText(event, 'step');
  if (step && event.action.startsWith('task.')) {
    const task = tasks.find((x) => x.stepCode === step);
    return task ? (english ? task.titleEn : task.titleZh) : step;
  }
  switch (event.action) {
    case 'case.notice': {
      const kind = detailText(event, 'kind');
      return oneOf(NOTICE_KINDS, kind) ? t(`cases.noticeKinds.${kind}`) : '';
    }
    case 'case.status':
    case 'case.reopen': {
      const from = detailText(event, 'from');
      const to = detailText(event, 'to');
      return oneOf(CASE_STATUSES, from) && oneOf(CASE_STATUSES, to) ? `${t(`cases.statuses.${from}`)} → ${t(`cases.statuses.${to}`)}` : '';
    }
    case 'case.assessment_review': {
      const decision = detailText(event, 'decision');
      return decision === 'approved' ? t('cases.assessment.approved') : decision === 'returned' ? t('cases.assessment.returned') : '';
    }
    case 'case.cib_answer': {
      const decision = detailText(event, 'decision');
      return decision === 'accepted' ? t('cases.cib.accepted') : decision === 'declined' ? t('cases.cib.declined') : '';
    }
    case 'case.transfer': {
      const office = detailText(event, 'office');
      const on = detailText(event, 'transferredOn');
      const number = detailText(event, 'documentNumber') ?? '';
      return [oneOf(PROSECUTOR_OFFICES, office) ? t(`cases.offices.${office}`) : '', on ? formatRocDate(`${on}T00:00:00+08:00`) : '', number].filter(Boolean).join('，');
    }
    case 'case.create':
      return detailText(event, 'number') ?? '';
    case 'case.preservation_request': {
      const office = detailText(event, 'office');
      return oneOf(PROSECUTOR_OFFICES, office) ? t(`cases.offices.${office}`) : '';
    }
    case 'case.preservation_outcome': {
      const outcome = detailText(event, 'outcome');
      return outcome === 'granted' || outcome === 'refused' || outcome === 'withdrawn' ? t(`cases.preservation.outcomes.${outcome}`) : '';
    }
    default:
      return '';
  }
}

/** 歷程: the audit trail of the case, its findings, evidence, suspects and reporters, oldest first. */
export function CaseTimelineTab({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const english = i18n.resolvedLanguage === 'en';
  const timeline = useCaseTimeline(detail.case.id);
  const [showReads, setShowReads] = useState(false);
  const rows = (timeline.data ?? []).filter((e) => showReads || !isReadEvent(e.action));
  const none = t('common.none');

  const columns: TableColumnsType<TimelineEvent> = [
    { title: t('cases.timeline.time'), dataIndex: 'occurredAt', width: 130, render: (_, e) => formatRocDateTime(e.occurredAt) },
    {
      title: t('cases.timeline.action'),
      dataIndex: 'action',
      width: 220,
      render: (_, e) => (
        <span data-testid="timeline-action" data-action={e.action}>
          {actionLabel(t, e.action)}
        </span>
      ),
    },
    { title: t('cases.timeline.detail'), key: 'detail', render: (_, e) => eventDetail(t, e, detail.tasks, english) || none },
    { title: t('cases.timeline.actor'), dataIndex: 'actorUsername', width: 140, render: (_, e) => e.actorUsername ?? t('cases.timeline.system') },
    { title: t('cases.timeline.unit'), dataIndex: 'actorUnitCode', width: 90, render: (_, e) => e.actorUnitCode ?? none },
    {
      title: t('cases.timeline.outcome'),
      dataIndex: 'outcome',
      width: 90,
      render: (_, e) => (e.outcome === 'success' ? <Tag color="green">{t('cases.timeline.success')}</Tag> : <Tag color="red">{e.outcome === 'denied' ? t('cases.timeline.denied') : e.outcome}</Tag>),
    },
  ];

  return (
    <>
      <Space wrap className="toolbar">
        <Typography.Text type="secondary">{t('cases.timeline.intro')}</Typography.Text>
        <Space size={6}>
          <Switch size="small" checked={showReads} onChange={setShowReads} data-testid="timeline-show-reads" />
          <span>{t('cases.timeline.showReads')}</span>
        </Space>
        <Button size="small" icon={<ReloadOutlined />} onClick={() => void timeline.refetch()} data-testid="timeline-refresh">
          {t('common.refresh')}
        </Button>
      </Space>
      {timeline.isError && <CaseErrorAlert error={timeline.error} testId="timeline-error" />}
      <Table<TimelineEvent>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={timeline.isFetching}
        pagination={{ pageSize: 100, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.timeline.none')} /> }}
        data-testid="case-timeline"
      />
    </>
  );
}
