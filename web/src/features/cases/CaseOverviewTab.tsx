import { useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Descriptions, Empty, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatRocDate, formatRocDateTime } from '../../lib/roc-date.ts';
import { useUnitName } from '../admin-units/unit-names.ts';
import { useSession } from '../auth/session.ts';
import { HashText } from '../evidence/HashText.tsx';
import { FindingsTable } from '../findings/FindingsTable.tsx';
import { CaseErrorAlert, caseErrorText } from './CaseParts.tsx';
import {
  AssignDialog,
  CibAnswerDialog,
  CibRequestDialog,
  CloudRegistrationDialog,
  PreservationDialog,
  PreservationOutcomeDialog,
  RecordNoticeDialog,
  SendNoticeDialog,
  SeriousDialog,
  StatusDialog,
  TransferDialog,
} from './CaseDialogs.tsx';
import { CaseStatusTag } from './CaseStatusTag.tsx';
import { Art40OutcomeTag, CibTag, NoticeKindTag } from './CaseTags.tsx';
import {
  CASE_LIMITS,
  addFollowUp,
  closeCib,
  downloadCaseDocument,
  useCaseStep,
  useCaseTimeline,
  type CaseDetail,
  type CaseDocument,
  type CaseNotice,
  type CibRequest,
  type NoticeKind,
  type Preservation,
} from './cases.api.ts';
import { actorOf, isCaseWritable } from './case-format.ts';

type Dialog =
  | { kind: 'status'; to: 'investigating' | 'closed' | 'open' }
  | { kind: 'serious' | 'cloud' | 'cibRequest' | 'cibAnswer' | 'assign' | 'preservation' | 'transfer' }
  | { kind: 'preservationOutcome'; requestId: string }
  | { kind: 'send'; notice: 'social_affairs' | 'fpo' }
  | { kind: 'recordNotice'; notice?: NoticeKind }
  | null;

/** 案件概要: the case's facts and every workflow step the user may take from here. */
export function CaseOverviewTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const unitName = useUnitName();
  const session = useSession();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const c = detail.case;
  const can = detail.can;
  const writable = isCaseWritable(c.status);
  const none = t('common.none');
  const isCib = session.data?.user?.roles.includes('cib_investigator') ?? false;
  const step = useCaseStep(c.id);
  const endCib = useMutation({ mutationFn: () => step(closeCib(c.id)) });

  const actions = [
    can.update && c.status === 'assessed' && (
      <Button key="investigate" type="primary" onClick={() => setDialog({ kind: 'status', to: 'investigating' })} data-testid="case-action-investigate">
        {t('cases.status.investigate.button')}
      </Button>
    ),
    can.update && writable && !c.serious && (
      <Button key="serious" onClick={() => setDialog({ kind: 'serious' })} data-testid="case-action-serious">
        {t('cases.serious.button')}
      </Button>
    ),
    can.update && writable && c.serious && (
      <Button key="cloud" onClick={() => setDialog({ kind: 'cloud' })} data-testid="case-action-cloud">
        {c.cloudRegistrationNumber ? t('cases.cloud.buttonAgain') : t('cases.cloud.button')}
      </Button>
    ),
    can.update && writable && (c.cibAssistance === 'none' || c.cibAssistance === 'declined' || c.cibAssistance === 'closed') && (
      <Button key="cib" onClick={() => setDialog({ kind: 'cibRequest' })} data-testid="case-action-cib-request">
        {t('cases.cib.requestButton')}
      </Button>
    ),
    isCib && c.cibAssistance === 'requested' && (
      <Button key="cib-answer" type="primary" onClick={() => setDialog({ kind: 'cibAnswer' })} data-testid="case-action-cib-answer">
        {t('cases.cib.answerButton')}
      </Button>
    ),
    can.update && (c.cibAssistance === 'requested' || c.cibAssistance === 'accepted') && (
      <Popconfirm key="cib-close" title={t('cases.cib.closeConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => endCib.mutate()}>
        <Button loading={endCib.isPending} data-testid="case-action-cib-close">
          {t('cases.cib.closeButton')}
        </Button>
      </Popconfirm>
    ),
    can.assign && c.status === 'closed' && (
      <Button key="reopen" onClick={() => setDialog({ kind: 'status', to: 'open' })} data-testid="case-action-reopen">
        {t('cases.status.reopen.button')}
      </Button>
    ),
    can.assign && c.status !== 'closed' && (
      <Button key="close" danger onClick={() => setDialog({ kind: 'status', to: 'closed' })} data-testid="case-action-close">
        {t('cases.status.close.button')}
      </Button>
    ),
  ].filter(Boolean);

  return (
    <Space orientation="vertical" size={16} className="finding-detail" data-testid="case-overview-tab">
      <Card size="small" title={<h2 className="card-title">{t('cases.overview.facts')}</h2>}>
        {actions.length > 0 && (
          <Space wrap className="block-gap" data-testid="case-actions">
            {actions}
          </Space>
        )}
        {endCib.isError && <CaseErrorAlert error={endCib.error} testId="case-cib-close-error" />}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          data-testid="case-overview"
          items={[
            { key: 'number', label: t('cases.columns.number'), children: <Typography.Text copyable>{c.number}</Typography.Text> },
            { key: 'status', label: t('cases.columns.status'), children: <CaseStatusTag status={c.status} testId="case-overview-status" /> },
            { key: 'title', label: t('cases.columns.title'), span: 'filled', children: c.title },
            { key: 'unit', label: t('cases.columns.owningUnit'), children: `${unitName(c.owningUnit)}（${c.owningUnit.code}）` },
            {
              key: 'art40',
              label: t('cases.overview.art40'),
              children: c.art40Outcome ? (
                <Space size={4} wrap>
                  <Art40OutcomeTag outcome={c.art40Outcome} />
                  {c.art40ConfirmedAt && <Typography.Text type="secondary">{t('cases.overview.confirmedAt', { time: formatRocDateTime(c.art40ConfirmedAt) })}</Typography.Text>}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('cases.overview.art40Pending')}</Typography.Text>
              ),
            },
            {
              key: 'serious',
              label: t('cases.overview.serious'),
              children: c.serious ? (
                <span data-testid="case-serious">
                  <Tag color="volcano">{t('cases.serious.tag')}</Tag>
                  {c.seriousReason && <span className="pre-wrap-text">{c.seriousReason}</span>}
                </span>
              ) : (
                t('common.no')
              ),
            },
            {
              key: 'cloud',
              label: t('cases.overview.cloud'),
              children: c.cloudRegistrationNumber ? (
                <span data-testid="case-cloud-registration">
                  {c.cloudRegistrationNumber}
                  {c.cloudRegisteredAt && `（${formatRocDateTime(c.cloudRegisteredAt)}）`}
                </span>
              ) : c.serious ? (
                <Typography.Text type="warning">{t('cases.cloud.missing')}</Typography.Text>
              ) : (
                none
              ),
            },
            { key: 'cib', label: t('cases.overview.cib'), children: <CibTag state={c.cibAssistance} /> },
            { key: 'createdAt', label: t('cases.detail.createdAt'), children: formatRocDateTime(c.createdAt) },
            { key: 'updatedAt', label: t('cases.detail.updatedAt'), children: formatRocDateTime(c.updatedAt) },
            ...(c.closedAt ? [{ key: 'closedAt', label: t('cases.overview.closedAt'), children: formatRocDateTime(c.closedAt) }] : []),
            { key: 'summary', label: t('cases.detail.summary'), span: 'filled' as const, children: c.summary ? <span className="pre-wrap-text">{c.summary}</span> : none },
          ]}
        />
      </Card>

      <Card size="small" title={<h2 className="card-title">{t('cases.detail.findings')}</h2>}>
        <FindingsTable rows={detail.findings} loading={false} empty={t('cases.detail.noFindings')} testId="case-findings" />
      </Card>
      <AssigneesCard detail={detail} onAssign={() => setDialog({ kind: 'assign' })} />
      {detail.cibRequests.length > 0 && <CibRequestsCard requests={detail.cibRequests} />}
      <NoticesCard detail={detail} onSend={(notice) => setDialog({ kind: 'send', notice })} onRecord={(notice) => setDialog({ kind: 'recordNotice', notice })} />
      <PreservationsCard detail={detail} onRequest={() => setDialog({ kind: 'preservation' })} onOutcome={(requestId) => setDialog({ kind: 'preservationOutcome', requestId })} />
      <TransferCard detail={detail} onTransfer={() => setDialog({ kind: 'transfer' })} />
      <FollowUpsCard detail={detail} />

      {dialog?.kind === 'status' && <StatusDialog caseId={c.id} to={dialog.to} onClose={close} />}
      {dialog?.kind === 'serious' && <SeriousDialog caseId={c.id} onClose={close} />}
      {dialog?.kind === 'cloud' && <CloudRegistrationDialog caseId={c.id} onClose={close} />}
      {dialog?.kind === 'cibRequest' && <CibRequestDialog caseId={c.id} onClose={close} />}
      {dialog?.kind === 'cibAnswer' && <CibAnswerDialog caseId={c.id} onClose={close} />}
      {dialog?.kind === 'assign' && <AssignDialog caseId={c.id} current={detail.assignees} onClose={close} />}
      {dialog?.kind === 'preservation' && <PreservationDialog caseId={c.id} onClose={close} />}
      {dialog?.kind === 'preservationOutcome' && <PreservationOutcomeDialog caseId={c.id} requestId={dialog.requestId} onClose={close} />}
      {dialog?.kind === 'send' && <SendNoticeDialog caseId={c.id} kind={dialog.notice} onClose={close} />}
      {dialog?.kind === 'recordNotice' && <RecordNoticeDialog caseId={c.id} defaultKind={dialog.notice} onClose={close} />}
      {dialog?.kind === 'transfer' && <TransferDialog caseId={c.id} onClose={close} />}
    </Space>
  );
}

/** 承辦人: who works on the case besides the owning unit; supervisors assign. */
function AssigneesCard({ detail, onAssign }: { detail: CaseDetail; onAssign: () => void }) {
  const { t } = useTranslation();
  const canAssign = detail.can.assign && isCaseWritable(detail.case.status);
  return (
    <Card
      size="small"
      title={<h2 className="card-title">{t('cases.assignees.heading')}</h2>}
      extra={
        canAssign && (
          <Button onClick={onAssign} data-testid="case-action-assign">
            {t('cases.assignees.button')}
          </Button>
        )
      }
    >
      {detail.assignees.length === 0 ? (
        <Typography.Text type="secondary">{t('cases.assignees.none')}</Typography.Text>
      ) : (
        <Space wrap data-testid="case-assignees">
          {detail.assignees.map((a) => (
            <Tag key={a.userId} data-testid="case-assignee">
              {a.displayName}（{a.username}）· {formatRocDate(a.assignedAt)}
            </Tag>
          ))}
        </Space>
      )}
    </Card>
  );
}

/** The CIB assistance requests and their answers (G4.1.3, G6.3.5). */
function CibRequestsCard({ requests }: { requests: CibRequest[] }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const columns: TableColumnsType<CibRequest> = [
    { title: t('cases.cib.requestedAt'), dataIndex: 'requestedAt', width: 130, render: (_, r) => formatRocDateTime(r.requestedAt) },
    { title: t('cases.cib.reason'), dataIndex: 'reason', render: (_, r) => <span className="pre-wrap-text">{r.reason}</span> },
    {
      title: t('cases.cib.decision'),
      dataIndex: 'decision',
      width: 110,
      render: (_, r) => (r.decision === 'accepted' ? <Tag color="blue">{t('cases.cib.accepted')}</Tag> : r.decision === 'declined' ? <Tag>{t('cases.cib.declined')}</Tag> : <Tag color="gold">{t('cases.cib.awaiting')}</Tag>),
    },
    { title: t('cases.cib.note'), dataIndex: 'decisionNote', render: (_, r) => r.decisionNote ?? none },
    { title: t('cases.cib.answeredAt'), dataIndex: 'answeredAt', width: 130, render: (_, r) => (r.answeredAt ? formatRocDateTime(r.answeredAt) : none) },
    { title: t('cases.cib.closedAt'), dataIndex: 'closedAt', width: 130, render: (_, r) => (r.closedAt ? formatRocDateTime(r.closedAt) : none) },
  ];
  return (
    <Card size="small" title={<h2 className="card-title">{t('cases.cib.heading')}</h2>}>
      <Table<CibRequest> rowKey="id" size="small" columns={columns} dataSource={requests} pagination={false} scroll={{ x: 800 }} data-testid="case-cib-requests" />
    </Card>
  );
}

/**
 * 通報與通知: the social-affairs notice (G4.2.2), the child-protection report (Act Art. 7) and the
 * FPO notice (G4.2.3), sent from here or recorded when sent another way; the documents as PDFs.
 */
function NoticesCard({ detail, onSend, onRecord }: { detail: CaseDetail; onSend: (kind: 'social_affairs' | 'fpo') => void; onRecord: (kind?: NoticeKind) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const c = detail.case;
  const confirmed = c.art40Outcome === 'art40';
  const canNotify = detail.can.update && c.status !== 'closed';
  const none = t('common.none');
  const download = useMutation({
    mutationFn: (kind: CaseDocument) => downloadCaseDocument(c.id, kind),
    onSuccess: (fileName) => void message.success(t('cases.notices.downloaded', { fileName })),
  });
  const columns: TableColumnsType<CaseNotice> = [
    { title: t('cases.notices.kind'), dataIndex: 'kind', width: 130, render: (_, n) => <NoticeKindTag kind={n.kind} /> },
    { title: t('cases.notices.recipient'), dataIndex: 'recipient', ellipsis: true },
    { title: t('cases.notices.channel'), dataIndex: 'channel', width: 130, render: (_, n) => t(`cases.channels.${n.channel}`) },
    { title: t('cases.notices.sentAt'), dataIndex: 'sentAt', width: 130, render: (_, n) => formatRocDateTime(n.sentAt) },
    { title: t('cases.notices.reference'), dataIndex: 'reference', width: 150, ellipsis: true, render: (_, n) => n.reference ?? none },
    { title: t('cases.notices.document'), dataIndex: 'documentSha256', width: 170, render: (_, n) => (n.documentSha256 ? <HashText value={n.documentSha256} /> : none) },
  ];
  return (
    <Card size="small" title={<h2 className="card-title">{t('cases.notices.heading')}</h2>}>
      <Space wrap className="block-gap">
        {canNotify && confirmed && c.status !== 'transferred' && (
          <Button type="primary" onClick={() => onSend('social_affairs')} data-testid="case-action-send-social-affairs">
            {t('cases.notices.sendSocialAffairs')}
          </Button>
        )}
        {canNotify && c.status === 'transferred' && (
          <Button type="primary" onClick={() => onSend('fpo')} data-testid="case-action-send-fpo">
            {t('cases.notices.sendFpo')}
          </Button>
        )}
        {canNotify && (
          <Button onClick={() => onRecord(confirmed && c.status !== 'transferred' ? 'child_protection' : c.status === 'transferred' ? 'fpo' : undefined)} data-testid="case-action-record-notice">
            {t('cases.notices.recordButton')}
          </Button>
        )}
        {confirmed && (
          <Button onClick={() => download.mutate('social_affairs')} loading={download.isPending && download.variables === 'social_affairs'} data-testid="case-download-social-affairs">
            {t('cases.notices.downloadSocialAffairs')}
          </Button>
        )}
        <Button onClick={() => download.mutate('case_file')} loading={download.isPending && download.variables === 'case_file'} data-testid="case-download-case-file">
          {t('cases.notices.downloadCaseFile')}
        </Button>
      </Space>
      {!confirmed && <Typography.Paragraph type="secondary">{t('cases.notices.gate')}</Typography.Paragraph>}
      {download.isError && <CaseErrorAlert error={download.error} title={t('cases.notices.downloadFailed')} testId="case-download-error" />}
      <Table<CaseNotice>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={detail.notices}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.notices.none')} /> }}
        onRow={(n) => ({ 'data-kind': n.kind }) as HTMLAttributes<HTMLElement>}
        data-testid="case-notices"
      />
    </Card>
  );
}

/** 證據保全 (G6.3.2): requests to the prosecutor with their outcomes. */
function PreservationsCard({ detail, onRequest, onOutcome }: { detail: CaseDetail; onRequest: () => void; onOutcome: (requestId: string) => void }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const canWrite = detail.can.update && isCaseWritable(detail.case.status);
  const columns: TableColumnsType<Preservation> = [
    { title: t('cases.preservation.office'), dataIndex: 'prosecutorOffice', width: 180, render: (_, p) => t(`cases.offices.${p.prosecutorOffice}`) },
    { title: t('cases.preservation.requestedAt'), dataIndex: 'requestedAt', width: 130, render: (_, p) => formatRocDateTime(p.requestedAt) },
    { title: t('cases.preservation.subject'), dataIndex: 'subject', render: (_, p) => <span className="pre-wrap-text">{p.subject}</span> },
    {
      title: t('cases.preservation.outcome'),
      dataIndex: 'outcome',
      width: 100,
      render: (_, p) => <Tag color={p.outcome === 'granted' ? 'green' : p.outcome === 'pending' ? 'gold' : 'default'}>{t(`cases.preservation.outcomes.${p.outcome}`)}</Tag>,
    },
    { title: t('cases.preservation.outcomeAt'), dataIndex: 'outcomeAt', width: 130, render: (_, p) => (p.outcomeAt ? formatRocDateTime(p.outcomeAt) : none) },
    { title: t('cases.preservation.note'), dataIndex: 'outcomeNote', render: (_, p) => p.outcomeNote ?? none },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, p) =>
        canWrite && p.outcome === 'pending' ? (
          <Button size="small" onClick={() => onOutcome(p.id)} data-testid="case-preservation-record-outcome">
            {t('cases.preservation.recordOutcome')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card
      size="small"
      title={<h2 className="card-title">{t('cases.preservation.heading')}</h2>}
      extra={
        canWrite && (
          <Button onClick={onRequest} data-testid="case-action-preservation">
            {t('cases.preservation.button')}
          </Button>
        )
      }
    >
      <Table<Preservation>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={detail.preservations}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.preservation.none')} /> }}
        data-testid="case-preservations"
      />
    </Card>
  );
}

/** 移送 (G4.2.3): the record, or the supervisor's button once the Art. 40 check is signed off. */
function TransferCard({ detail, onTransfer }: { detail: CaseDetail; onTransfer: () => void }) {
  const { t } = useTranslation();
  const c = detail.case;
  const transfer = detail.transfer;
  const canTransfer = detail.can.transfer && isCaseWritable(c.status);
  return (
    <Card size="small" title={<h2 className="card-title">{t('cases.transfer.heading')}</h2>}>
      {transfer ? (
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 3 }}
          data-testid="case-transfer-record"
          items={[
            { key: 'office', label: t('cases.transfer.office'), children: t(`cases.offices.${transfer.prosecutorOffice}`) },
            { key: 'date', label: t('cases.transfer.date'), children: formatRocDate(`${transfer.transferredOn}T00:00:00+08:00`) },
            { key: 'number', label: t('cases.transfer.documentNumber'), children: transfer.documentNumber },
          ]}
        />
      ) : canTransfer && c.art40Outcome === 'art40' ? (
        <Space orientation="vertical">
          <Typography.Text type="secondary">{t('cases.transfer.ready')}</Typography.Text>
          <Button type="primary" danger onClick={onTransfer} data-testid="case-action-transfer">
            {t('cases.transfer.button')}
          </Button>
        </Space>
      ) : (
        <Typography.Text type="secondary">{c.art40Outcome === 'art40' ? t('cases.transfer.supervisorOnly') : t('cases.transfer.gate')}</Typography.Text>
      )}
    </Card>
  );
}

/** 後續紀錄: notes added at any time, also after the transfer. */
function FollowUpsCard({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const c = detail.case;
  const step = useCaseStep(c.id);
  const canAdd = detail.can.update && c.status !== 'closed';
  // The timeline names who wrote each entry (the record itself carries a user id).
  const timeline = useCaseTimeline(c.id, detail.followUps.length > 0);
  const add = useMutation({
    mutationFn: (note: string) => step(addFollowUp(c.id, note)),
    onSuccess: () => form.resetFields(),
  });
  const entries = [...detail.followUps].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Card size="small" title={<h2 className="card-title">{t('cases.followUps.heading')}</h2>}>
      {canAdd && (
        <Form form={form} layout="vertical" name="case-follow-up" disabled={add.isPending} onFinish={(v) => add.mutate(v.note.trim())}>
          <Form.Item name="note" label={t('cases.followUps.note')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={2} maxLength={CASE_LIMITS.followUp} showCount data-testid="case-follow-up-note" />
          </Form.Item>
          {add.isError && <CaseErrorAlert error={add.error} testId="case-follow-up-error" />}
          <Button htmlType="submit" loading={add.isPending} data-testid="case-follow-up-submit">
            {t('cases.followUps.add')}
          </Button>
        </Form>
      )}
      {entries.length === 0 ? (
        <Typography.Paragraph type="secondary" className="block-top-gap">
          {t('cases.followUps.none')}
        </Typography.Paragraph>
      ) : (
        <ul className="case-entry-list block-top-gap" data-testid="case-follow-ups">
          {entries.map((f) => (
            <li key={f.id} data-testid="case-follow-up">
              <Space size={8} className="case-entry-head">
                <span>{formatRocDateTime(f.createdAt)}</span>
                <Typography.Text type="secondary">{actorOf(timeline.data, 'case.follow_up', 'followUpId', f.id) ?? ''}</Typography.Text>
              </Space>
              <div className="pre-wrap-text">{f.note}</div>
            </li>
          ))}
        </ul>
      )}
      {timeline.isError && <Typography.Text type="secondary">{caseErrorText(t, timeline.error)}</Typography.Text>}
    </Card>
  );
}
