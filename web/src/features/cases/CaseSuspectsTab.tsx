import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { shortHash } from '../evidence/evidence-format.ts';
import type { EvidenceItem } from '../evidence/evidence.api.ts';
import { usePlatforms } from '../findings/findings.api.ts';
import { platformName } from '../findings/platform-name.ts';
import { CaseErrorAlert, CaseFormModal, RocDateTimePicker, pickedIso, taipeiNow } from './CaseParts.tsx';
import {
  IDENTIFIER_KINDS,
  SUSPECT_LIMITS,
  addIdentifier,
  caseSuspectsKey,
  createSubscriberRequest,
  createSuspect,
  lookupIdentifierMatches,
  markRequestSent,
  recordLocationComparison,
  recordRequestAnswer,
  useCaseSuspects,
  type Identifier,
  type IdentifierKind,
  type IdentifierWarning,
  type SubscriberRequest,
  type Suspect,
} from './case-suspects.api.ts';
import { caseTimelineKey, useCaseEvidence, type CaseDetail } from './cases.api.ts';
import { isCaseWritable } from './case-format.ts';

type Ids = { suspectId: string; identifierId: string };
type Dialog =
  | { kind: 'suspect' }
  | { kind: 'identifier'; suspectId: string }
  | ({ kind: 'request' | 'location' } & Ids)
  | ({ kind: 'sent' | 'answer'; requestId: string } & Ids)
  | null;

interface IdentifierValues {
  kind: IdentifierKind;
  value: string;
  platformId?: string;
  observedAt?: Dayjs | null;
  port?: number | null;
  evidenceIds?: string[];
}

const REQUEST_COLOR: Record<SubscriberRequest['status'], string> = { drafted: 'default', sent: 'blue', answered: 'green' };

/** 嫌疑人: suspects, their identifiers and the subscriber-data requests about them (G6.3.4). */
export function CaseSuspectsTab({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const c = detail.case;
  const suspects = useCaseSuspects(c.id);
  const evidence = useCaseEvidence(c.id);
  const platforms = usePlatforms();
  const [dialog, setDialog] = useState<Dialog>(null);
  // Identifiers with requests show them unfolded, unless the user folded them.
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const close = () => setDialog(null);
  const canWrite = detail.can.update && isCaseWritable(c.status);
  const evidenceById = new Map((evidence.data ?? []).map((e) => [e.id, e]));
  const none = t('common.none');

  const refresh = async () => {
    await Promise.all([queryClient.invalidateQueries({ queryKey: caseSuspectsKey(c.id) }), queryClient.invalidateQueries({ queryKey: caseTimelineKey(c.id) })]);
  };

  const lookup = useMutation({
    mutationFn: (identifier: Identifier) => lookupIdentifierMatches({ kind: identifier.kind, value: identifier.value, platformId: identifier.platform?.id, caseId: c.id }),
  });

  const evidenceOptions = (evidence.data ?? []).map((e: EvidenceItem) => ({ value: e.id, label: `${e.originalFilename ?? e.kind} · ${shortHash(e.sha256, 8, 4)}` }));

  const requestColumns = (suspectId: string, identifierId: string): TableColumnsType<SubscriberRequest> => [
    { title: t('cases.suspects.recipient'), dataIndex: 'recipient', width: 160 },
    { title: t('cases.suspects.legalBasis'), dataIndex: 'legalBasis', render: (_, r) => <span className="pre-wrap-text">{r.legalBasis}</span> },
    {
      title: t('cases.suspects.communications'),
      dataIndex: 'touchesCommunications',
      width: 120,
      render: (_, r) => (r.touchesCommunications ? <Tag color="red">{t('cases.suspects.touchesCommunications')}</Tag> : <Tag>{t('cases.suspects.subscriberOnly')}</Tag>),
    },
    { title: t('cases.suspects.requestStatus'), dataIndex: 'status', width: 90, render: (_, r) => <Tag color={REQUEST_COLOR[r.status]}>{t(`cases.suspects.requestStatuses.${r.status}`)}</Tag> },
    { title: t('cases.suspects.sentAt'), dataIndex: 'sentAt', width: 130, render: (_, r) => (r.sentAt ? formatRocDateTime(r.sentAt) : none) },
    { title: t('cases.suspects.answeredAt'), dataIndex: 'answeredAt', width: 130, render: (_, r) => (r.answeredAt ? formatRocDateTime(r.answeredAt) : none) },
    { title: t('cases.suspects.result'), dataIndex: 'result', render: (_, r) => (r.result ? <span className="pre-wrap-text">{r.result}</span> : none) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, r) =>
        canWrite && r.status !== 'answered' ? (
          <Button
            size="small"
            onClick={() => setDialog({ kind: r.status === 'drafted' ? 'sent' : 'answer', suspectId, identifierId, requestId: r.id })}
            data-testid={r.status === 'drafted' ? 'request-mark-sent' : 'request-record-answer'}
          >
            {r.status === 'drafted' ? t('cases.suspects.markSent') : t('cases.suspects.recordAnswer')}
          </Button>
        ) : null,
    },
  ];

  const identifierColumns = (suspect: Suspect): TableColumnsType<Identifier> => [
    { title: t('cases.suspects.kind'), dataIndex: 'kind', width: 110, render: (_, i) => <Tag color="geekblue">{t(`cases.suspects.kinds.${i.kind}`)}</Tag> },
    {
      title: t('cases.suspects.value'),
      dataIndex: 'value',
      render: (_, i) => (
        <Typography.Text className="mono-text" copyable data-testid="identifier-value">
          {i.value}
        </Typography.Text>
      ),
    },
    { title: t('cases.suspects.platform'), key: 'platform', width: 120, render: (_, i) => (i.platform ? platformName(i.platform, i18n.resolvedLanguage) : none) },
    {
      title: t('cases.suspects.observedAt'),
      dataIndex: 'observedAt',
      width: 150,
      render: (_, i) => (
        <>
          {i.observedAt ? formatRocDateTime(i.observedAt) : none}
          {i.port !== null && <div className="mono-text">{t('cases.suspects.portValue', { port: i.port })}</div>}
        </>
      ),
    },
    {
      title: t('cases.suspects.evidence'),
      dataIndex: 'evidenceIds',
      width: 160,
      render: (_, i) =>
        i.evidenceIds.length === 0 ? (
          <Tag color="orange">{t('cases.suspects.warnings.evidence_missing')}</Tag>
        ) : (
          <Space size={4} wrap>
            {i.evidenceIds.map((id) => (
              <Link key={id} to={`/evidence/${id}`}>
                {evidenceById.get(id)?.originalFilename ?? shortHash(id, 8, 4)}
              </Link>
            ))}
          </Space>
        ),
    },
    {
      title: t('cases.suspects.location'),
      key: 'location',
      width: 170,
      render: (_, i) =>
        i.kind !== 'phone' ? (
          none
        ) : i.locationComparison ? (
          <span data-testid="identifier-location">
            <span className="pre-wrap-text">{i.locationComparison}</span>
            {i.locationComparedAt && <Typography.Text type="secondary"> （{formatRocDateTime(i.locationComparedAt)}）</Typography.Text>}
          </span>
        ) : (
          <Tag color="orange">{t('cases.suspects.locationMissing')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, i) => (
        <Space orientation="vertical" size={4}>
          {canWrite && (
            <Button size="small" onClick={() => setDialog({ kind: 'request', suspectId: suspect.id, identifierId: i.id })} data-testid="identifier-request">
              {t('cases.suspects.requestButton')}
            </Button>
          )}
          {canWrite && i.kind === 'phone' && (
            <Button size="small" onClick={() => setDialog({ kind: 'location', suspectId: suspect.id, identifierId: i.id })} data-testid="identifier-location-button">
              {t('cases.suspects.locationButton')}
            </Button>
          )}
          <Button size="small" type="link" loading={lookup.isPending && lookup.variables.id === i.id} onClick={() => lookup.mutate(i)} data-testid="identifier-lookup">
            {t('cases.suspects.lookup')}
          </Button>
        </Space>
      ),
    },
  ];

  const list = suspects.data?.items ?? [];
  return (
    <Space orientation="vertical" size={16} className="finding-detail" data-testid="suspects-tab">
      {suspects.data?.cssaReminder && (
        <Alert type="warning" showIcon className="case-cssa" title={t('cases.suspects.cssaTitle')} description={suspects.data.cssaReminder} data-testid="cssa-reminder" />
      )}
      <Space wrap className="toolbar">
        <Typography.Text type="secondary">{t('cases.suspects.intro')}</Typography.Text>
        {canWrite && (
          <Button type="primary" onClick={() => setDialog({ kind: 'suspect' })} data-testid="suspect-add">
            {t('cases.suspects.addSuspect')}
          </Button>
        )}
      </Space>
      {suspects.isError && <CaseErrorAlert error={suspects.error} testId="suspects-error" />}
      {lookup.isError && <CaseErrorAlert error={lookup.error} testId="identifier-lookup-error" />}
      {suspects.isPending ? null : list.length === 0 ? (
        <Empty description={t('cases.suspects.none')} />
      ) : (
        list.map((suspect) => (
          <Card
            key={suspect.id}
            size="small"
            data-testid="suspect-card"
            title={<span data-testid="suspect-label">{suspect.label}</span>}
            extra={
              canWrite && (
                <Button size="small" onClick={() => setDialog({ kind: 'identifier', suspectId: suspect.id })} data-testid="identifier-add">
                  {t('cases.suspects.addIdentifier')}
                </Button>
              )
            }
          >
            {suspect.notes && <Typography.Paragraph className="pre-wrap-text">{suspect.notes}</Typography.Paragraph>}
            <Table<Identifier>
              rowKey="id"
              size="small"
              columns={identifierColumns(suspect)}
              dataSource={suspect.identifiers}
              pagination={false}
              scroll={{ x: 1000 }}
              expandable={{
                rowExpandable: (i) => i.requests.length > 0,
                expandedRowKeys: suspect.identifiers.filter((i) => i.requests.length > 0 && !folded.has(i.id)).map((i) => i.id),
                onExpand: (expanded, i) =>
                  setFolded((current) => {
                    const next = new Set(current);
                    if (expanded) next.delete(i.id);
                    else next.add(i.id);
                    return next;
                  }),
                expandedRowRender: (i) => (
                  <Table<SubscriberRequest>
                    rowKey="id"
                    size="small"
                    columns={requestColumns(suspect.id, i.id)}
                    dataSource={i.requests}
                    pagination={false}
                    scroll={{ x: 1000 }}
                    data-testid="identifier-requests"
                  />
                ),
              }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.suspects.noIdentifiers')} /> }}
              data-testid="suspect-identifiers"
            />
          </Card>
        ))
      )}

      {lookup.isSuccess && (
        <Modal open title={t('cases.suspects.matchesTitle', { value: lookup.data.value })} onCancel={() => lookup.reset()} footer={null}>
          <div data-testid="identifier-matches">
            {lookup.data.total === 0 ? (
              <p>{t('cases.suspects.matchesNone')}</p>
            ) : (
              <>
                <p>{t('cases.suspects.matchesTotal', { count: lookup.data.total })}</p>
                {lookup.data.cases.length > 0 && (
                  <Space wrap className="block-gap">
                    {lookup.data.cases.map((m) => (
                      <Link key={m.id} to={`/cases/${m.id}`} onClick={() => lookup.reset()}>
                        {m.number}（{m.unitCode}）
                      </Link>
                    ))}
                  </Space>
                )}
                {lookup.data.hidden > 0 && <p>{t('cases.suspects.matchesHidden', { count: lookup.data.hidden })}</p>}
              </>
            )}
          </div>
        </Modal>
      )}

      {dialog?.kind === 'suspect' && (
        <CaseFormModal<{ label: string; notes?: string }>
          title={t('cases.suspects.addSuspect')}
          okText={t('common.create')}
          testId="suspect-dialog"
          fields={['label', 'notes']}
          onClose={close}
          onDone={() => void refresh()}
          submit={(v) => createSuspect(c.id, { label: v.label.trim(), notes: v.notes?.trim() || null })}
        >
          <Form.Item name="label" label={t('cases.suspects.label')} extra={t('cases.suspects.labelHelp')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={SUSPECT_LIMITS.label} data-testid="suspect-dialog-label" />
          </Form.Item>
          <Form.Item name="notes" label={t('cases.suspects.notes')}>
            <Input.TextArea rows={3} maxLength={SUSPECT_LIMITS.notes} showCount data-testid="suspect-dialog-notes" />
          </Form.Item>
        </CaseFormModal>
      )}

      {dialog?.kind === 'identifier' && (
        <CaseFormModal<IdentifierValues>
          title={t('cases.suspects.addIdentifier')}
          okText={t('common.create')}
          testId="identifier-dialog"
          width={600}
          initialValues={{ kind: 'ip', evidenceIds: [] }}
          fields={['value', 'platformId', 'observedAt', 'port', 'evidenceIds', 'kind']}
          onClose={close}
          onDone={(answer) => {
            void refresh();
            const warnings = (answer as { warnings?: IdentifierWarning[] }).warnings ?? [];
            if (warnings.length > 0) void message.warning(warnings.map((w) => t(`cases.suspects.warnings.${w}`)).join('；'), 8);
          }}
          submit={(v) =>
            // Absent fields are left out rather than sent as null: the server's validator coerces a null port to 0.
            addIdentifier(c.id, dialog.suspectId, {
              kind: v.kind,
              value: v.value.trim(),
              ...(v.kind === 'platform_account' && v.platformId ? { platformId: v.platformId } : {}),
              ...(v.observedAt ? { observedAt: pickedIso(v.observedAt) } : {}),
              ...(v.kind === 'ip' && typeof v.port === 'number' ? { port: v.port } : {}),
              evidenceIds: v.evidenceIds ?? [],
            })
          }
        >
          {(form) => (
            <>
              <Form.Item name="kind" label={t('cases.suspects.kind')} rules={[{ required: true, message: t('common.required') }]}>
                <Select options={IDENTIFIER_KINDS.map((k) => ({ value: k, label: t(`cases.suspects.kinds.${k}`) }))} data-testid="identifier-dialog-kind" />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a: IdentifierValues, b: IdentifierValues) => a.kind !== b.kind}>
                {() => {
                  const kind = form.getFieldValue('kind') as IdentifierKind;
                  return (
                    <>
                      <Form.Item name="value" label={t('cases.suspects.value')} extra={t(`cases.suspects.valueHelp.${kind}`)} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                        <Input maxLength={SUSPECT_LIMITS.value} autoComplete="off" data-testid="identifier-dialog-value" />
                      </Form.Item>
                      {kind === 'platform_account' && (
                        <Form.Item name="platformId" label={t('cases.suspects.platform')} rules={[{ required: true, message: t('common.required') }]}>
                          <Select
                            showSearch={{ optionFilterProp: 'label' }}
                            loading={platforms.isPending}
                            options={(platforms.data ?? []).map((p) => ({ value: p.id, label: platformName(p, i18n.resolvedLanguage) }))}
                            data-testid="identifier-dialog-platform"
                          />
                        </Form.Item>
                      )}
                      <Form.Item
                        name="observedAt"
                        label={t('cases.suspects.observedAt')}
                        extra={kind === 'ip' ? t('cases.suspects.observedAtIpHelp') : undefined}
                        rules={kind === 'ip' ? [{ required: true, message: t('cases.suspects.observedAtRequired') }] : []}
                      >
                        <RocDateTimePicker testId="identifier-dialog-observed-at" />
                      </Form.Item>
                      {kind === 'ip' && (
                        <Form.Item name="port" label={t('cases.suspects.port')} extra={t('cases.suspects.portHelp')}>
                          <InputNumber min={0} max={65535} precision={0} className="case-port-input" data-testid="identifier-dialog-port" />
                        </Form.Item>
                      )}
                    </>
                  );
                }}
              </Form.Item>
              <Form.Item name="evidenceIds" label={t('cases.suspects.evidence')} extra={t('cases.suspects.evidenceHelp')}>
                <Select mode="multiple" allowClear maxCount={SUSPECT_LIMITS.evidence} options={evidenceOptions} showSearch={{ optionFilterProp: 'label' }} data-testid="identifier-dialog-evidence" />
              </Form.Item>
            </>
          )}
        </CaseFormModal>
      )}

      {dialog?.kind === 'request' && (
        <CaseFormModal<{ recipient: string; legalBasis: string; touchesCommunications: boolean }>
          title={t('cases.suspects.requestTitle')}
          okText={t('common.create')}
          intro={t('cases.suspects.requestIntro')}
          testId="request-dialog"
          initialValues={{ touchesCommunications: false }}
          fields={['recipient', 'legalBasis']}
          onClose={close}
          onDone={() => void refresh()}
          submit={(v) => createSubscriberRequest(c.id, dialog.suspectId, dialog.identifierId, { recipient: v.recipient.trim(), legalBasis: v.legalBasis.trim(), touchesCommunications: v.touchesCommunications })}
        >
          {(form) => (
            <>
              <Form.Item name="recipient" label={t('cases.suspects.recipient')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                <Input maxLength={SUSPECT_LIMITS.recipient} placeholder={t('cases.suspects.recipientPlaceholder')} data-testid="request-dialog-recipient" />
              </Form.Item>
              <Form.Item name="legalBasis" label={t('cases.suspects.legalBasis')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                <Input.TextArea rows={2} maxLength={SUSPECT_LIMITS.legalBasis} showCount data-testid="request-dialog-legal-basis" />
              </Form.Item>
              <Form.Item name="touchesCommunications" label={t('cases.suspects.touchesQuestion')} valuePropName="checked" extra={t('cases.suspects.touchesHelp')}>
                <Switch data-testid="request-dialog-communications" />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() => (form.getFieldValue('touchesCommunications') ? <Alert type="warning" showIcon title={t('cases.suspects.cssaTitle')} description={t('cases.suspects.cssaDialog')} /> : null)}
              </Form.Item>
            </>
          )}
        </CaseFormModal>
      )}

      {dialog?.kind === 'sent' && (
        <CaseFormModal<{ sentAt: Dayjs }>
          title={t('cases.suspects.markSent')}
          okText={t('common.save')}
          testId="request-sent-dialog"
          initialValues={{ sentAt: taipeiNow() }}
          fields={['sentAt']}
          onClose={close}
          onDone={() => void refresh()}
          submit={(v) => markRequestSent(c.id, dialog.suspectId, dialog.identifierId, dialog.requestId, pickedIso(v.sentAt))}
        >
          <Form.Item name="sentAt" label={t('cases.suspects.sentAt')} rules={[{ required: true, message: t('common.required') }]}>
            <RocDateTimePicker testId="request-sent-dialog-at" />
          </Form.Item>
        </CaseFormModal>
      )}

      {dialog?.kind === 'answer' && (
        <CaseFormModal<{ answeredAt: Dayjs; result: string }>
          title={t('cases.suspects.recordAnswer')}
          okText={t('common.save')}
          testId="request-answer-dialog"
          initialValues={{ answeredAt: taipeiNow() }}
          fields={['answeredAt', 'result']}
          onClose={close}
          onDone={() => void refresh()}
          submit={(v) => recordRequestAnswer(c.id, dialog.suspectId, dialog.identifierId, dialog.requestId, { answeredAt: pickedIso(v.answeredAt), result: v.result.trim() })}
        >
          <Form.Item name="answeredAt" label={t('cases.suspects.answeredAt')} rules={[{ required: true, message: t('common.required') }]}>
            <RocDateTimePicker testId="request-answer-dialog-at" />
          </Form.Item>
          <Form.Item name="result" label={t('cases.suspects.result')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={4} maxLength={SUSPECT_LIMITS.result} showCount data-testid="request-answer-dialog-result" />
          </Form.Item>
        </CaseFormModal>
      )}

      {dialog?.kind === 'location' && (
        <CaseFormModal<{ locationComparison: string; comparedAt: Dayjs }>
          title={t('cases.suspects.locationTitle')}
          okText={t('common.save')}
          intro={t('cases.suspects.locationIntro')}
          testId="location-dialog"
          initialValues={{ comparedAt: taipeiNow() }}
          fields={['locationComparison', 'comparedAt']}
          onClose={close}
          onDone={() => void refresh()}
          submit={(v) => recordLocationComparison(c.id, dialog.suspectId, dialog.identifierId, { locationComparison: v.locationComparison.trim(), comparedAt: pickedIso(v.comparedAt) })}
        >
          <Form.Item name="locationComparison" label={t('cases.suspects.locationResult')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={4} maxLength={SUSPECT_LIMITS.locationComparison} showCount data-testid="location-dialog-text" />
          </Form.Item>
          <Form.Item name="comparedAt" label={t('cases.suspects.comparedAt')} rules={[{ required: true, message: t('common.required') }]}>
            <RocDateTimePicker testId="location-dialog-at" />
          </Form.Item>
        </CaseFormModal>
      )}
    </Space>
  );
}
