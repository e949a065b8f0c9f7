import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { HashText } from '../evidence/HashText.tsx';
import { testIdProps } from '../findings/test-id.ts';
import {
  HASH_BANK_DESCRIPTION_MAX,
  HASH_BANK_NAME_MAX,
  HASH_BANKS_KEY,
  createHashBank,
  setHashBankEnabled,
  useHashBank,
  useHashBanks,
  type HashBank,
  type HashBankImport,
} from './hash-banks.api.ts';
import { HashBankImportModal } from './HashBankImportModal.tsx';
import '../evidence/evidence.css';
import './hash-banks.css';

/** 新增雜湊庫: a name (unique) and an optional description of the partner's list. */
function HashBankCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (bank: HashBank) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; description?: string }>();
  const creating = useMutation({ mutationFn: createHashBank, onSuccess: onCreated });
  return (
    <Modal
      open
      title={t('hashBanks.create.title')}
      okText={t('hashBanks.create.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={creating.isPending}
      onOk={() => void form.validateFields().then((values) => creating.mutate({ name: values.name.trim(), description: values.description?.trim() || undefined }))}
      onCancel={() => {
        if (!creating.isPending) onClose();
      }}
      okButtonProps={testIdProps('hash-bank-create-submit')}
    >
      {creating.isError && <Alert className="block-gap" type="error" showIcon title={errorText(t, creating.error)} data-testid="hash-bank-create-error" />}
      <Form form={form} layout="vertical" disabled={creating.isPending}>
        <Form.Item name="name" label={t('hashBanks.create.name')} rules={[{ required: true, whitespace: true, message: t('hashBanks.create.nameRequired') }]}>
          <Input maxLength={HASH_BANK_NAME_MAX} data-testid="hash-bank-name" />
        </Form.Item>
        <Form.Item name="description" label={t('hashBanks.create.description')}>
          <Input.TextArea rows={3} maxLength={HASH_BANK_DESCRIPTION_MAX} data-testid="hash-bank-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Every import into one bank: who, when, how many rows, and the file's SHA-256. */
function ImportHistory({ bankId }: { bankId: string }) {
  const { t } = useTranslation();
  const detail = useHashBank(bankId);
  const columns: TableColumnsType<HashBankImport> = [
    { title: t('hashBanks.columns.importedAt'), dataIndex: 'importedAt', width: 170, render: (_, i) => formatRocDateTime(i.importedAt) },
    { title: t('hashBanks.columns.importedBy'), dataIndex: 'importedByUsername', width: 140 },
    { title: t('hashBanks.columns.rows'), dataIndex: 'rows', width: 90, align: 'right' },
    { title: t('hashBanks.columns.added'), dataIndex: 'added', width: 90, align: 'right' },
    { title: t('hashBanks.columns.csvSha256'), dataIndex: 'csvSha256', width: 200, render: (_, i) => <HashText value={i.csvSha256} /> },
    { title: t('hashBanks.columns.note'), dataIndex: 'note', ellipsis: true, render: (_, i) => i.note ?? t('common.none') },
  ];
  if (detail.isError) return <Alert type="error" showIcon title={t('common.loadFailed')} description={errorText(t, detail.error)} />;
  return (
    <Table<HashBankImport>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={detail.data?.imports ?? []}
      loading={detail.isPending}
      pagination={false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hashBanks.history.empty')} /> }}
      data-testid="hash-bank-imports"
    />
  );
}

type Dialog = { kind: 'create' } | { kind: 'import'; bank: HashBank } | null;

/**
 * 雜湊庫 (issue #8; G5.1): partners' lists of known images, kept by the WCPD and administrators.
 * New evidence images are matched against every enabled bank; a disabled bank stays as history.
 */
export function HashBanksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const banks = useHashBanks();
  const [dialog, setDialog] = useState<Dialog>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: HASH_BANKS_KEY });

  const toggling = useMutation({
    mutationFn: ({ bank, enabled }: { bank: HashBank; enabled: boolean }) => setHashBankEnabled(bank.id, enabled),
    onSuccess: (bank) => {
      refresh();
      void message.success(bank.enabled ? t('hashBanks.toggle.enabled', { name: bank.name }) : t('hashBanks.toggle.disabled', { name: bank.name }));
    },
    onError: (error) => void message.error(errorText(t, error)),
  });

  const columns: TableColumnsType<HashBank> = [
    {
      title: t('hashBanks.columns.name'),
      dataIndex: 'name',
      render: (_, b) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong data-testid="hash-bank-name-cell">
            {b.name}
          </Typography.Text>
          {b.description && <Typography.Text type="secondary">{b.description}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('hashBanks.columns.status'),
      key: 'status',
      width: 90,
      render: (_, b) => (
        <Tag color={b.enabled ? 'green' : 'default'} data-testid="hash-bank-status" data-enabled={b.enabled}>
          {b.enabled ? t('hashBanks.status.enabled') : t('hashBanks.status.disabled')}
        </Tag>
      ),
    },
    {
      title: t('hashBanks.columns.entries'),
      key: 'entries',
      width: 200,
      render: (_, b) => (
        <Tooltip title={t('hashBanks.columns.byType', { pdq: b.counts.pdq, md5: b.counts.md5, sha256: b.counts.sha256 })}>
          <span data-testid="hash-bank-total">{b.counts.total.toLocaleString()}</span>
          <Typography.Text type="secondary">{` (PDQ ${b.counts.pdq.toLocaleString()} · MD5 ${b.counts.md5.toLocaleString()} · SHA-256 ${b.counts.sha256.toLocaleString()})`}</Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: t('hashBanks.columns.lastImport'),
      key: 'lastImport',
      width: 220,
      render: (_, b) =>
        b.lastImport ? t('hashBanks.columns.lastImportValue', { time: formatRocDateTime(b.lastImport.importedAt), user: b.lastImport.importedByUsername, added: b.lastImport.added }) : t('hashBanks.columns.neverImported'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, b) => (
        <Space size={4} wrap>
          <Button size="small" icon={<UploadOutlined />} onClick={() => setDialog({ kind: 'import', bank: b })} data-testid="hash-bank-import">
            {t('hashBanks.actions.import')}
          </Button>
          {b.enabled ? (
            <Popconfirm
              title={t('hashBanks.toggle.confirmDisable', { name: b.name })}
              okText={t('hashBanks.actions.disable')}
              cancelText={t('common.cancel')}
              onConfirm={() => toggling.mutate({ bank: b, enabled: false })}
              okButtonProps={testIdProps('hash-bank-disable-confirm')}
            >
              <Button size="small" danger data-testid="hash-bank-disable">
                {t('hashBanks.actions.disable')}
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" onClick={() => toggling.mutate({ bank: b, enabled: true })} data-testid="hash-bank-enable">
              {t('hashBanks.actions.enable')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={<h1 className="page-title">{t('hashBanks.title')}</h1>}
      extra={
        <Space size={4}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="hash-bank-create">
            {t('hashBanks.create.button')}
          </Button>
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={refresh} />
          </Tooltip>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('hashBanks.intro')}</Typography.Paragraph>
      {banks.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, banks.error)} />}
      <Table<HashBank>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={banks.data ?? []}
        loading={banks.isPending}
        pagination={false}
        scroll={{ x: 900 }}
        expandable={{ expandedRowRender: (b) => <ImportHistory bankId={b.id} />, columnWidth: 32 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hashBanks.empty')} /> }}
        data-testid="hash-banks-table"
      />
      {dialog?.kind === 'create' && (
        <HashBankCreateModal
          onClose={() => setDialog(null)}
          onCreated={(bank) => {
            refresh();
            setDialog({ kind: 'import', bank });
            void message.success(t('hashBanks.create.done', { name: bank.name }));
          }}
        />
      )}
      {dialog?.kind === 'import' && (
        <HashBankImportModal
          bank={dialog.bank}
          onClose={() => setDialog(null)}
          onImported={(result) => {
            refresh();
            setDialog(null);
            void message.success(t('hashBanks.import.done', { rows: result.rows, added: result.added, already: result.alreadyInBank }));
          }}
        />
      )}
    </Card>
  );
}
