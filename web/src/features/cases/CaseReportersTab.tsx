import { useState } from 'react';
import { Alert, Button, Descriptions, Empty, Form, Input, Modal, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { testIdProps } from '../findings/test-id.ts';
import { CaseErrorAlert, CaseFormModal } from './CaseParts.tsx';
import { REPORTER_LIMITS, addReporter, caseReportersKey, revealReporter, useCaseReporters, type MaskedReporter, type RevealedReporter } from './case-reporters.api.ts';
import { caseTimelineKey, type CaseDetail } from './cases.api.ts';
import { isCaseWritable } from './case-format.ts';

/**
 * Reveals one reporter: asks why (recorded in the audit trail), then shows the identity. The
 * identity lives in this component's state only — never in the query or mutation cache — and is
 * dropped when the dialog closes.
 */
function RevealDialog({ caseId, reporter, onClose }: { caseId: string; reporter: MaskedReporter; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [identity, setIdentity] = useState<RevealedReporter | null>(null);

  const close = () => {
    setIdentity(null);
    form.resetFields();
    onClose();
  };

  const reveal = async (reason: string) => {
    setPending(true);
    setError(null);
    try {
      setIdentity(await revealReporter(caseId, reporter.id, reason));
      void queryClient.invalidateQueries({ queryKey: caseTimelineKey(caseId) });
    } catch (cause) {
      setError(cause);
    } finally {
      setPending(false);
    }
  };

  if (identity) {
    return (
      <Modal
        open
        title={t('cases.reporters.identityTitle', { masked: reporter.maskedName })}
        onCancel={close}
        footer={
          <Button type="primary" onClick={close} data-testid="reporter-identity-close">
            {t('common.close')}
          </Button>
        }
        mask={{ closable: false }}
      >
        <Alert className="block-gap" type="warning" showIcon title={t('cases.reporters.identityWarning')} />
        <Descriptions
          size="small"
          bordered
          column={1}
          data-testid="reporter-identity"
          items={[
            { key: 'name', label: t('cases.reporters.name'), children: <span data-testid="reporter-identity-name">{identity.name}</span> },
            { key: 'contact', label: t('cases.reporters.contact'), children: identity.contact ?? t('common.none') },
          ]}
        />
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={t('cases.reporters.revealTitle', { masked: reporter.maskedName })}
      okText={t('cases.reporters.reveal')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        if (!pending) close();
      }}
      confirmLoading={pending}
      mask={{ closable: false }}
      okButtonProps={testIdProps('reporter-reveal-submit')}
    >
      <Alert className="block-gap" type="info" showIcon title={t('cases.reporters.revealPrompt', { min: REPORTER_LIMITS.reasonMin })} />
      {error !== null && <CaseErrorAlert error={error} testId="reporter-reveal-error" />}
      <Form form={form} layout="vertical" name="reporter-reveal" disabled={pending} onFinish={(v) => void reveal(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('cases.reporters.reason')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            {
              validator: (_, value: string | undefined) =>
                !value || value.trim().length === 0 || [...value.trim()].length >= REPORTER_LIMITS.reasonMin
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('cases.reporters.reasonTooShort', { min: REPORTER_LIMITS.reasonMin }))),
            },
          ]}
        >
          <Input.TextArea autoFocus rows={3} maxLength={REPORTER_LIMITS.reasonMax} showCount data-testid="reporter-reveal-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 檢舉人: masked names only (Act Art. 7, G6.3.6); a reveal asks why and is audited. */
export function CaseReportersTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const c = detail.case;
  const reporters = useCaseReporters(c.id);
  const [adding, setAdding] = useState(false);
  const [revealing, setRevealing] = useState<MaskedReporter | null>(null);
  const canAdd = detail.can.update && isCaseWritable(c.status);
  const none = t('common.none');

  const columns: TableColumnsType<MaskedReporter> = [
    { title: t('cases.reporters.maskedName'), dataIndex: 'maskedName', width: 140, render: (_, r) => <span data-testid="reporter-masked">{r.maskedName}</span> },
    { title: t('cases.reporters.relation'), dataIndex: 'relation', render: (_, r) => r.relation ?? none },
    { title: t('cases.reporters.createdAt'), dataIndex: 'createdAt', width: 130, render: (_, r) => formatRocDateTime(r.createdAt) },
    { title: t('cases.reporters.createdBy'), dataIndex: 'createdBy', width: 140 },
    ...(detail.can.revealReporters
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            render: (_: unknown, r: MaskedReporter) => (
              <Button size="small" onClick={() => setRevealing(r)} data-testid="reporter-reveal">
                {t('cases.reporters.reveal')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size={16} className="finding-detail" data-testid="reporters-tab">
      <Alert type="info" showIcon title={t('cases.reporters.confidential')} />
      {(canAdd || !detail.can.revealReporters) && (
        <Space wrap className="toolbar">
          {canAdd && (
            <Button type="primary" onClick={() => setAdding(true)} data-testid="reporter-add">
              {t('cases.reporters.add')}
            </Button>
          )}
          {!detail.can.revealReporters && <Typography.Text type="secondary">{t('cases.reporters.noReveal')}</Typography.Text>}
        </Space>
      )}
      {reporters.isError && <CaseErrorAlert error={reporters.error} testId="reporters-error" />}
      <Table<MaskedReporter>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={reporters.data ?? []}
        loading={reporters.isFetching}
        pagination={false}
        scroll={{ x: 700 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.reporters.none')} /> }}
        data-testid="case-reporters"
      />

      {adding && (
        <CaseFormModal<{ name: string; contact?: string; relation?: string }>
          title={t('cases.reporters.add')}
          okText={t('common.create')}
          intro={t('cases.reporters.addIntro')}
          testId="reporter-dialog"
          fields={['name', 'contact', 'relation']}
          onClose={() => setAdding(false)}
          onDone={() => {
            void queryClient.invalidateQueries({ queryKey: caseReportersKey(c.id) });
            void queryClient.invalidateQueries({ queryKey: caseTimelineKey(c.id) });
          }}
          submit={(v) => addReporter(c.id, { name: v.name.trim(), contact: v.contact?.trim() || null, relation: v.relation?.trim() || null })}
        >
          <Form.Item name="name" label={t('cases.reporters.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={REPORTER_LIMITS.name} autoComplete="off" data-testid="reporter-dialog-name" />
          </Form.Item>
          <Form.Item name="contact" label={t('cases.reporters.contact')}>
            <Input maxLength={REPORTER_LIMITS.contact} autoComplete="off" data-testid="reporter-dialog-contact" />
          </Form.Item>
          <Form.Item name="relation" label={t('cases.reporters.relation')} extra={t('cases.reporters.relationHelp')}>
            <Input maxLength={REPORTER_LIMITS.relation} data-testid="reporter-dialog-relation" />
          </Form.Item>
        </CaseFormModal>
      )}
      {revealing && <RevealDialog caseId={c.id} reporter={revealing} onClose={() => setRevealing(null)} />}
    </Space>
  );
}
