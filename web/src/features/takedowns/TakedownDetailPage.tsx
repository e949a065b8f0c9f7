import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Progress, Result, Row, Space, Spin, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import type { TableColumnsType, TimelineItemProps } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorCode, errorText } from '../../lib/errors.ts';
import { formatRocDate, formatRocDateTime } from '../../lib/roc-date.ts';
import { serverNowMs } from '../../lib/server-clock.ts';
import { useUnitName } from '../admin-units/unit-names.ts';
import { platformName } from '../findings/platform-name.ts';
import { contactLabel } from '../liaison/liaison.api.ts';
import { UrlText } from '../findings/UrlText.tsx';
import { TakedownDialogHost, type TakedownDialog } from './TakedownDialogs.tsx';
import { RocTime, TakedownErrorAlert, TakedownStateTag, useServerNow } from './TakedownParts.tsx';
import { clockOf, formatHms, hoursOneDecimal, REMINDER_DAYS, RETENTION_DAYS, retentionOf, takedownActions, wholeHours, type TakedownAction } from './takedown-format.ts';
import {
  CHECK_REASONS,
  TAKEDOWN_LISTS_KEY,
  checkInProgress,
  refreshSeal,
  requestCheck,
  useTakedown,
  useTakedownStep,
  type CheckOutcome,
  type CheckStatus,
  type DataRequest,
  type RemovalCheck,
  type TargetDetail,
} from './takedowns.api.ts';
import '../findings/findings.css';
import '../cases/cases.css';
import './takedowns.css';

const OUTCOME_COLOR: Record<CheckOutcome, string> = { removed: 'green', online: 'red', inconclusive: 'orange' };
const STATUS_COLOR: Record<CheckStatus, string> = { queued: 'default', running: 'processing', done: 'blue', failed: 'red' };
const isKnownReason = (reason: string): reason is (typeof CHECK_REASONS)[number] => (CHECK_REASONS as readonly string[]).includes(reason);

/**
 * The 24-hour clock (G5.2), ticking each second on the server's clock: the time left to T + 24 h,
 * the hours past due, or the removal with T → R.
 */
function ClockCard({ target }: { target: TargetDetail }) {
  const { t } = useTranslation();
  const now = useServerNow(1000);
  const clock = clockOf(target, now);
  let body: ReactNode;
  switch (clock.kind) {
    case 'countdown':
      body = (
        <>
          <div className="takedown-clock-label">{t('takedowns.clock.countdownLabel')}</div>
          <div className="takedown-clock-big takedown-clock-digits" data-testid="takedown-countdown">
            {formatHms(clock.remainingMs)}
          </div>
          <Typography.Text type="secondary">{t('takedowns.clock.dueAt', { time: formatRocDateTime(clock.dueAt) })}</Typography.Text>
        </>
      );
      break;
    case 'overdue':
      body = (
        <>
          <div className="takedown-clock-big takedown-clock-overdue" data-testid="takedown-overdue">
            {t('takedowns.clock.overdueHours', { hours: wholeHours(clock.overdueMs) })}
          </div>
          <Typography.Text type="danger" className="takedown-mono">
            {t('takedowns.clock.overdueFor', { time: formatHms(clock.overdueMs) })}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary">{t('takedowns.clock.dueAt', { time: formatRocDateTime(clock.dueAt) })}</Typography.Text>
          </div>
        </>
      );
      break;
    case 'removed':
      body = (
        <>
          <div className="takedown-clock-big takedown-clock-removed" data-testid="takedown-removed">
            {t('takedowns.clock.removedAt', { time: formatRocDateTime(clock.removedAt) })}
          </div>
          {clock.orderToRemovalMs !== null ? (
            <Space size={8} wrap>
              <Typography.Text data-testid="takedown-order-to-removal">
                {t('takedowns.clock.orderToRemoval', { time: formatHms(clock.orderToRemovalMs), hours: hoursOneDecimal(clock.orderToRemovalMs) })}
              </Typography.Text>
              <Tag color={clock.within24h ? 'green' : 'orange'} data-testid="takedown-within-24h" data-within={clock.within24h ? 'true' : 'false'}>
                {clock.within24h ? t('takedowns.clock.within24h') : t('takedowns.clock.after24h')}
              </Tag>
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('takedowns.clock.removedWithoutOrder')}</Typography.Text>
          )}
        </>
      );
      break;
    case 'withdrawn':
      body = (
        <>
          <div className="takedown-clock-big takedown-clock-idle" data-testid="takedown-withdrawn">
            {t('takedowns.states.withdrawn')}
          </div>
          {target.withdrawnReason && <Typography.Paragraph className="pre-wrap-text">{t('takedowns.clock.withdrawnReason', { reason: target.withdrawnReason })}</Typography.Paragraph>}
        </>
      );
      break;
    default:
      body = (
        <>
          <div className="takedown-clock-big takedown-clock-idle" data-testid="takedown-clock-idle">
            {t('takedowns.clock.notStarted')}
          </div>
          <Typography.Text type="secondary">{t('takedowns.clock.notStartedHelp')}</Typography.Text>
        </>
      );
  }
  return (
    <Card size="small" title={<h2 className="card-title">{t('takedowns.clock.title')}</h2>} className={`takedown-clock-card takedown-clock-${clock.kind}`} data-testid="takedown-clock-card" data-clock={clock.kind}>
      {body}
    </Card>
  );
}

/** The 180-day retention window from T (Act Art. 8) with the 150- and 170-day reminder marks. */
function RetentionCard({ target }: { target: TargetDetail }) {
  const { t } = useTranslation();
  const now = useServerNow(60_000);
  const window = retentionOf(target, now);
  const sent = [target.retentionReminder150At, target.retentionReminder170At];
  return (
    <Card size="small" title={<h2 className="card-title">{t('takedowns.retention.title')}</h2>} data-testid="takedown-retention">
      {window ? (
        <>
          <Space size={16} wrap className="block-gap">
            <span>
              {t('takedowns.retention.endsAt')}
              {'：'}
              <Typography.Text strong data-testid="takedown-retention-ends">
                {formatRocDateTime(window.endsAt)}
              </Typography.Text>
            </span>
            <Typography.Text type={window.daysLeft < 0 ? 'secondary' : window.daysLeft <= RETENTION_DAYS - REMINDER_DAYS[0] ? 'danger' : undefined} strong data-testid="takedown-retention-days-left">
              {window.daysLeft < 0 ? t('takedowns.retention.ended') : t('takedowns.retention.daysLeft', { days: window.daysLeft })}
            </Typography.Text>
          </Space>
          <Progress
            percent={Math.round((window.elapsedDays / RETENTION_DAYS) * 100)}
            showInfo={false}
            status={window.daysLeft < 0 ? 'normal' : 'active'}
            strokeColor={window.elapsedDays >= REMINDER_DAYS[0] ? '#cf1322' : undefined}
            aria-label={t('takedowns.retention.elapsed', { days: window.elapsedDays })}
          />
          <Typography.Text type="secondary">{t('takedowns.retention.elapsed', { days: window.elapsedDays })}</Typography.Text>
          <ul className="takedown-reminders">
            {REMINDER_DAYS.map((day, index) => {
              const at = sent[index];
              return (
                <li key={day} data-testid={`takedown-reminder-${day}`} data-sent={at ? 'true' : 'false'}>
                  {t('takedowns.retention.reminder', { day, date: formatRocDate(window.reminderAt[index] ?? 0) })}
                  {'　'}
                  {at ? <Tag color="blue">{t('takedowns.retention.reminderSent', { time: formatRocDateTime(at) })}</Tag> : <Tag>{t('takedowns.retention.reminderPending')}</Tag>}
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <Typography.Text type="secondary">{t('takedowns.retention.notStarted')}</Typography.Text>
      )}
    </Card>
  );
}

/** The transitions of the target, oldest first, with ROC date-times. */
function TransitionTimeline({ target }: { target: TargetDetail }) {
  const { t } = useTranslation();
  const entries: { at: number; seq: number; item: TimelineItemProps }[] = [];
  const add = (at: string | number | null, key: string, color: string, title: ReactNode, content?: ReactNode, timed = true) => {
    const ms = typeof at === 'number' ? at : at ? Date.parse(at) : Number.NaN;
    entries.push({
      at: Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms,
      seq: entries.length,
      item: {
        key,
        color,
        title: Number.isNaN(ms) || !timed ? undefined : formatRocDateTime(ms),
        content: (
          <div data-testid="takedown-timeline-entry" data-kind={key.split(':')[0]}>
            <Typography.Text strong>{title}</Typography.Text>
            {content && <div className="takedown-timeline-content">{content}</div>}
          </div>
        ),
      },
    });
  };

  add(target.createdAt, 'identified', 'gray', t('takedowns.timeline.identified'), target.findingSeenAt ? t('takedowns.timeline.findingSeen', { time: formatRocDateTime(target.findingSeenAt) }) : undefined);
  // The record keeps no sealing time: the entry sits right after the opening, without a time.
  if (target.sealedEvidenceId) {
    add(
      target.createdAt,
      'sealed',
      'cyan',
      t('takedowns.timeline.sealed'),
      <Link to={`/evidence/${target.sealedEvidenceId}`} data-testid="takedown-sealed-evidence-link">
        {t('takedowns.timeline.openEvidence')}
      </Link>,
      false,
    );
  }
  if (target.reportedAt) {
    const contact = target.reportContact;
    add(
      target.reportedAt,
      'reported',
      'blue',
      t('takedowns.timeline.reported'),
      <>
        <div>{t('takedowns.timeline.channel', { channel: target.reportChannel ? t(`takedowns.channels.${target.reportChannel}`) : t('common.none') })}</div>
        {contact && (
          <div>
            {t('takedowns.timeline.recipient', { recipient: contactLabel(t(`liaison.bodies.${contact.body}`), contact) })}
          </div>
        )}
        {target.reportReference && <div>{t('takedowns.timeline.reference', { reference: target.reportReference })}</div>}
      </>,
    );
  }
  if (target.orderIssuedAt) {
    add(
      target.orderIssuedAt,
      'order',
      'blue',
      t('takedowns.timeline.order'),
      <>
        <div>{t('takedowns.timeline.documentNumber', { number: target.orderDocumentNumber ?? t('common.none') })}</div>
        {target.dueAt && <div>{t('takedowns.timeline.due', { time: formatRocDateTime(target.dueAt) })}</div>}
      </>,
    );
  }
  for (const check of target.checks) {
    add(
      check.checkedAt ?? check.createdAt,
      `check:${check.id}`,
      check.outcome === 'removed' ? 'green' : check.outcome === 'online' ? 'red' : 'gray',
      t('takedowns.timeline.check', { trigger: t(`takedowns.checks.triggers.${check.trigger}`) }),
      check.outcome ? t(`takedowns.checks.outcomes.${check.outcome}`) : t(`takedowns.checks.statuses.${check.status}`),
    );
  }
  const pastDue = target.dueAt !== null && (['overdue', 'rpz_requested', 'rpz_applied'].includes(target.state) || (target.removedAt !== null && target.removedAt > target.dueAt));
  if (pastDue && target.dueAt) add(target.dueAt, 'overdue', 'red', t('takedowns.timeline.overdue'));
  if (target.rpzRequestedAt) {
    const contact = target.rpzContact;
    add(
      target.rpzRequestedAt,
      'rpz',
      'orange',
      t('takedowns.timeline.rpzRequested'),
      <>
        {target.rpzDomain && <div>{t('takedowns.timeline.domain', { domain: target.rpzDomain })}</div>}
        {contact && <div data-testid="takedown-rpz-recipient">{t('takedowns.timeline.recipient', { recipient: contactLabel(t(`liaison.bodies.${contact.body}`), contact) })}</div>}
      </>,
    );
  }
  if (target.rpzAppliedAt) add(target.rpzAppliedAt, 'rpzApplied', 'purple', t('takedowns.timeline.rpzApplied'));
  if (target.removedAt) {
    add(
      target.removedAt,
      'removed',
      'green',
      t('takedowns.timeline.removed'),
      target.removalEvidenceId ? (
        <Link to={`/evidence/${target.removalEvidenceId}`} data-testid="takedown-removal-evidence-link">
          {t('takedowns.timeline.openEvidence')}
        </Link>
      ) : undefined,
    );
  }
  // The record keeps no separate withdrawal time: the last update is the withdrawal.
  if (target.state === 'withdrawn') add(target.updatedAt, 'withdrawn', 'gray', t('takedowns.timeline.withdrawn'), target.withdrawnReason ?? undefined);

  const items = entries.sort((a, b) => a.at - b.at || a.seq - b.seq).map((e) => e.item);
  return (
    <Card size="small" title={<h2 className="card-title">{t('takedowns.timeline.title')}</h2>}>
      <Timeline mode="start" titleSpan={5} items={items} data-testid="takedown-timeline" />
    </Card>
  );
}

/** The removal checks, newest first. */
function ChecksCard({ target, onCheck, checking }: { target: TargetDetail; onCheck: (() => void) | null; checking: boolean }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const running = checkInProgress(target);
  const columns: TableColumnsType<RemovalCheck> = [
    { title: t('takedowns.checks.columns.trigger'), dataIndex: 'trigger', width: 110, render: (_, c) => t(`takedowns.checks.triggers.${c.trigger}`) },
    {
      title: t('takedowns.checks.columns.status'),
      dataIndex: 'status',
      width: 100,
      render: (_, c) => (
        <Tag color={STATUS_COLOR[c.status]} icon={c.status === 'running' ? <SyncOutlined spin /> : undefined}>
          {t(`takedowns.checks.statuses.${c.status}`)}
        </Tag>
      ),
    },
    {
      title: t('takedowns.checks.columns.outcome'),
      dataIndex: 'outcome',
      width: 110,
      render: (_, c) => (c.outcome ? <Tag color={OUTCOME_COLOR[c.outcome]}>{t(`takedowns.checks.outcomes.${c.outcome}`)}</Tag> : none),
    },
    {
      title: t('takedowns.checks.columns.reason'),
      dataIndex: 'reason',
      width: 200,
      render: (_, c) => (c.reason ? (isKnownReason(c.reason) ? t(`takedowns.checks.reasons.${c.reason}`) : c.reason) : none),
    },
    {
      title: t('takedowns.checks.columns.detail'),
      dataIndex: 'detail',
      ellipsis: { showTitle: false },
      render: (_, c) =>
        c.detail ? (
          <Tooltip title={c.detail} placement="topLeft">
            <span className="takedown-break">{c.detail}</span>
          </Tooltip>
        ) : (
          none
        ),
    },
    {
      title: t('takedowns.checks.columns.evidence'),
      dataIndex: 'evidenceId',
      width: 110,
      render: (_, c) =>
        c.evidenceId ? (
          <Link to={`/evidence/${c.evidenceId}`} data-testid="takedown-check-evidence-link">
            {t('takedowns.checks.openEvidence')}
          </Link>
        ) : (
          none
        ),
    },
    { title: t('takedowns.checks.columns.checkedAt'), dataIndex: 'checkedAt', width: 130, render: (_, c) => <RocTime value={c.checkedAt} /> },
  ];
  const rows = [...target.checks].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Card
      size="small"
      title={<h2 className="card-title">{t('takedowns.checks.title')}</h2>}
      extra={
        onCheck && (
          <Button type="primary" ghost loading={checking} disabled={running} onClick={onCheck} data-testid="takedown-check-now">
            {t('takedowns.checks.checkNow')}
          </Button>
        )
      }
      data-testid="takedown-checks-card"
    >
      <Typography.Paragraph type="secondary">{t('takedowns.checks.intro')}</Typography.Paragraph>
      {running && (
        <Alert className="block-gap" type="info" showIcon icon={<SyncOutlined spin />} title={t('takedowns.checks.running')} data-testid="takedown-check-running" />
      )}
      <Table<RemovalCheck>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(c) => {
          const attributes: Record<string, string> = { 'data-testid': 'takedown-check-row', 'data-status': c.status, 'data-outcome': c.outcome ?? '' };
          return attributes;
        }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('takedowns.checks.none')} /> }}
        data-testid="takedown-checks"
      />
    </Card>
  );
}

/** The data requests of the retention window, with their answers. */
function DataRequestsCard({ target, canCreate, onCreate, onAnswer }: { target: TargetDetail; canCreate: boolean; onCreate: () => void; onAnswer: (requestId: string) => void }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const columns: TableColumnsType<DataRequest> = [
    { title: t('takedowns.dataRequests.recipient'), dataIndex: 'recipient', ellipsis: true },
    { title: t('takedowns.dataRequests.sentAt'), dataIndex: 'sentAt', width: 130, render: (_, r) => formatRocDateTime(r.sentAt) },
    { title: t('takedowns.dataRequests.answeredAt'), dataIndex: 'answeredAt', width: 130, render: (_, r) => <RocTime value={r.answeredAt} /> },
    { title: t('takedowns.dataRequests.result'), dataIndex: 'result', render: (_, r) => (r.result ? <span className="pre-wrap-text">{r.result}</span> : none) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, r) =>
        !r.answeredAt && target.can.update ? (
          <Button size="small" onClick={() => onAnswer(r.id)} data-testid="takedown-data-answer-open">
            {t('takedowns.dataRequests.answer')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card
      size="small"
      title={<h2 className="card-title">{t('takedowns.dataRequests.title')}</h2>}
      extra={
        canCreate && (
          <Button onClick={onCreate} data-testid="takedown-action-data-request">
            {t('takedowns.actions.dataRequest')}
          </Button>
        )
      }
    >
      <Table<DataRequest>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={target.dataRequests}
        pagination={false}
        scroll={{ x: 760 }}
        onRow={(r) => {
          const attributes: Record<string, string> = { 'data-testid': 'takedown-data-request-row', 'data-answered': r.answeredAt ? 'true' : 'false' };
          return attributes;
        }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('takedowns.dataRequests.none')} /> }}
        data-testid="takedown-data-requests"
      />
    </Card>
  );
}

/** Buttons of the steps the state allows, in workflow order. */
type DialogKind = Exclude<TakedownDialog['kind'], 'answer'>;
const ACTION_BUTTONS: { action: Exclude<TakedownAction, 'refreshSeal' | 'check' | 'dataRequest'>; dialog: DialogKind; testId: string; primary?: boolean; danger?: boolean }[] = [
  { action: 'report', dialog: 'report', testId: 'takedown-action-report', primary: true },
  { action: 'order', dialog: 'order', testId: 'takedown-action-order', primary: true },
  { action: 'rpz', dialog: 'rpz', testId: 'takedown-action-rpz', primary: true },
  { action: 'rpzApplied', dialog: 'rpzApplied', testId: 'takedown-action-rpz-applied' },
  { action: 'removal', dialog: 'removal', testId: 'takedown-action-removal' },
  { action: 'withdraw', dialog: 'withdraw', testId: 'takedown-action-withdraw', danger: true },
];

/**
 * 下架目標: one URL to bring down (G5.2, G6.2) — its 24-hour clock on the server's time, the
 * 180-day retention window, the transitions, the removal checks and data requests, and the steps
 * the state allows (offered only to those who may update the case).
 */
export function TakedownDetailPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const unitName = useUnitName();
  const { id = '' } = useParams();
  const detail = useTakedown(id);
  const step = useTakedownStep(id);
  const [dialog, setDialog] = useState<TakedownDialog | null>(null);
  const queryClient = useQueryClient();

  // A finished check may have moved the target (removed, overdue): the lists follow.
  const running = checkInProgress(detail.data);
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) void queryClient.invalidateQueries({ queryKey: TAKEDOWN_LISTS_KEY });
    wasRunning.current = running;
  }, [running, queryClient]);

  const check = useMutation({ mutationFn: () => step(requestCheck(id)) });
  const seal = useMutation({
    mutationFn: () => step(refreshSeal(id)),
    onSuccess: (answer) => void (answer.state === 'identified' ? message.warning(t('takedowns.seal.stillMissing')) : message.success(t('takedowns.seal.sealed'))),
  });

  const goBack = () => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/takedowns'));
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void goBack()} data-testid="takedown-back">
      {t('takedowns.detail.back')}
    </Button>
  );

  if (detail.isPending) {
    return (
      <Card title={<h1 className="page-title">{t('takedowns.detail.title')}</h1>} extra={back}>
        <div className="full-page-center">
          <Spin description={t('app.loading')} />
        </div>
      </Card>
    );
  }
  if (detail.isError) {
    const notFound = errorCode(detail.error) === 'NOT_FOUND';
    return (
      <Card title={<h1 className="page-title">{t('takedowns.detail.title')}</h1>} extra={back}>
        <Result
          status={notFound ? '404' : 'error'}
          title={notFound ? t('takedowns.detail.notFound') : t('common.loadFailed')}
          subTitle={errorText(t, detail.error)}
          extra={<Button onClick={() => void detail.refetch()}>{t('app.retry')}</Button>}
          data-testid="takedown-load-error"
        />
      </Card>
    );
  }

  const target = detail.data;
  const actions = takedownActions(target, serverNowMs());
  const open = (kind: DialogKind) => setDialog({ kind });

  const buttons = ACTION_BUTTONS.filter((b) => actions.has(b.action)).map((b) => (
    <Button key={b.action} type={b.primary ? 'primary' : 'default'} danger={b.danger} onClick={() => open(b.dialog)} data-testid={b.testId}>
      {t(`takedowns.actions.${b.action}`)}
    </Button>
  ));
  if (actions.has('refreshSeal')) {
    buttons.unshift(
      <Button key="refreshSeal" loading={seal.isPending} onClick={() => seal.mutate()} data-testid="takedown-action-refresh-seal">
        {t('takedowns.actions.refreshSeal')}
      </Button>,
    );
  }

  return (
    <Space orientation="vertical" size={16} className="finding-detail" data-testid="takedown-detail" data-state={target.state}>
      <Card
        title={
          <h1 className="page-title">
            {t('takedowns.detail.title')}
            {'　'}
            <TakedownStateTag state={target.state} />
          </h1>
        }
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void detail.refetch()} loading={detail.isFetching} data-testid="takedown-refresh" />
            {back}
          </Space>
        }
      >
        {target.state === 'identified' && (
          <Alert
            className="block-gap"
            type="warning"
            showIcon
            data-testid="takedown-not-sealed"
            title={t('takedowns.seal.missingTitle')}
            description={
              <>
                {t('takedowns.seal.missing')}{' '}
                <Link to={`/cases/${target.caseId}?tab=evidence`} data-testid="takedown-not-sealed-evidence-link">
                  {t('takedowns.errors.evidenceLink')}
                </Link>
              </>
            }
          />
        )}
        {seal.isError && <TakedownErrorAlert error={seal.error} caseId={target.caseId} testId="takedown-refresh-seal-error" />}
        {buttons.length > 0 && (
          <Space wrap className="block-gap" data-testid="takedown-actions">
            {buttons}
          </Space>
        )}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          data-testid="takedown-facts"
          items={[
            { key: 'url', label: t('takedowns.fields.url'), span: 'filled', children: <UrlText url={target.url} full testId="takedown-url" /> },
            {
              key: 'case',
              label: t('takedowns.fields.case'),
              children: (
                <Link to={`/cases/${target.caseId}?tab=takedowns`} data-testid="takedown-case-link">
                  {target.caseNumber}
                </Link>
              ),
            },
            { key: 'unit', label: t('takedowns.fields.unit'), children: unitName(target.owningUnit) },
            { key: 'platform', label: t('takedowns.fields.platform'), children: target.platform ? platformName(target.platform, i18n.resolvedLanguage) : t('common.none') },
            {
              key: 'sealed',
              label: t('takedowns.fields.sealedEvidence'),
              children: target.sealedEvidenceId ? (
                <Link to={`/evidence/${target.sealedEvidenceId}`} data-testid="takedown-sealed-evidence">
                  {t('takedowns.timeline.openEvidence')}
                </Link>
              ) : (
                <Typography.Text type="warning">{t('takedowns.fields.notSealed')}</Typography.Text>
              ),
            },
            {
              key: 'finding',
              label: t('takedowns.fields.finding'),
              children: target.findingId ? (
                <Link to={`/findings/${target.findingId}`} data-testid="takedown-finding-link">
                  {target.findingSeenAt ? t('takedowns.fields.findingSeen', { time: formatRocDateTime(target.findingSeenAt) }) : t('takedowns.fields.openFinding')}
                </Link>
              ) : (
                t('common.none')
              ),
            },
            { key: 'updated', label: t('takedowns.fields.updatedAt'), children: formatRocDateTime(target.updatedAt) },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ClockCard target={target} />
        </Col>
        <Col xs={24} lg={12}>
          <RetentionCard target={target} />
        </Col>
      </Row>
      <TransitionTimeline target={target} />
      {check.isError && <TakedownErrorAlert error={check.error} caseId={target.caseId} testId="takedown-check-error" />}
      <ChecksCard target={target} onCheck={actions.has('check') ? () => check.mutate() : null} checking={check.isPending} />
      <DataRequestsCard target={target} canCreate={actions.has('dataRequest')} onCreate={() => open('dataRequest')} onAnswer={(requestId) => setDialog({ kind: 'answer', requestId })} />
      <TakedownDialogHost dialog={dialog} target={target} onClose={() => setDialog(null)} />
    </Space>
  );
}
