import { useMemo } from 'react';
import { Alert, App, Button, Card, Empty, Form, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { saveBlob } from '../evidence/evidence.api.ts';
import { HashText } from '../evidence/HashText.tsx';
import { mailKindKey } from './mail-kind.ts';
import { MAIL_LIST_LIMIT, MAIL_STATUSES, downloadEml, useMailList, type MailStatus, type MailSummary } from './mail.api.ts';
import '../evidence/evidence.css';
import './mail.css';

const STATUS_COLOR: Record<MailStatus, string> = { queued: 'blue', sent: 'green', written_to_outbox: 'cyan', failed: 'red' };

const isMailStatus = (value: string | null): value is MailStatus => (MAIL_STATUSES as readonly (string | null)[]).includes(value);

/** 寄件匣 (administrators): notices and reminders as sent or written to the .eml outbox, each downloadable with its SHA-256. */
export function MailOutboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const status = useMemo(() => {
    const value = searchParams.get('status');
    return isMailStatus(value) ? value : undefined;
  }, [searchParams]);
  const mail = useMailList(status);
  const none = t('common.none');

  const downloading = useMutation({
    mutationFn: downloadEml,
    onSuccess: (file) => saveBlob(file.blob, file.fileName),
    onError: (error) => void message.error(`${t('mail.downloadFailed')}：${errorText(t, error)}`),
  });

  const columns: TableColumnsType<MailSummary> = [
    {
      title: t('mail.columns.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (_, m) => {
        const key = mailKindKey(m.kind);
        return key ? (
          <Tooltip title={m.kind}>
            <span data-kind={m.kind}>{t(`mail.kinds.${key}`)}</span>
          </Tooltip>
        ) : (
          <Typography.Text code>{m.kind}</Typography.Text>
        );
      },
    },
    { title: t('mail.columns.recipients'), dataIndex: 'recipients', width: 190, ellipsis: { showTitle: true }, render: (_, m) => m.recipients.join(', ') },
    { title: t('mail.columns.subject'), dataIndex: 'subject', width: 240, ellipsis: { showTitle: true } },
    {
      title: t('mail.columns.status'),
      dataIndex: 'status',
      width: 110,
      render: (_, m) => (
        <Tag color={STATUS_COLOR[m.status]} data-testid="mail-status" data-status={m.status}>
          {t(`mail.statuses.${m.status}`)}
        </Tag>
      ),
    },
    { title: t('mail.columns.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
    { title: t('mail.columns.sha256'), dataIndex: 'sha256', width: 200, render: (_, m) => (m.sha256 ? <HashText value={m.sha256} testId="mail-sha256" /> : none) },
    { title: t('mail.columns.createdAt'), dataIndex: 'createdAt', width: 125, render: (_, m) => formatRocDateTime(m.createdAt) },
    { title: t('mail.columns.sentAt'), dataIndex: 'sentAt', width: 125, render: (_, m) => (m.sentAt ? formatRocDateTime(m.sentAt) : none) },
    {
      title: t('mail.columns.lastError'),
      dataIndex: 'lastError',
      width: 180,
      ellipsis: { showTitle: true },
      render: (_, m) => (m.lastError ? <Typography.Text type="danger">{m.lastError}</Typography.Text> : none),
    },
    {
      title: t('common.actions'),
      key: 'download',
      width: 120,
      // Scrolled sideways, the download stays in reach.
      fixed: 'end',
      render: (_, m) => (
        <Button
          size="small"
          icon={<DownloadOutlined />}
          loading={downloading.isPending && downloading.variables === m.id}
          onClick={() => downloading.mutate(m.id)}
          data-testid="mail-download"
        >
          {t('mail.download')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={<h1 className="page-title">{t('mail.title')}</h1>}
      extra={
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void mail.refetch()} />
        </Tooltip>
      }
    >
      <Typography.Paragraph type="secondary">{t('mail.intro')}</Typography.Paragraph>
      <Form layout="inline" className="filter-form mail-filters">
        <Form.Item label={t('mail.filters.status')}>
          <Select
            allowClear
            className="mail-status-select"
            placeholder={t('common.all')}
            value={status}
            options={MAIL_STATUSES.map((s) => ({ value: s, label: t(`mail.statuses.${s}`) }))}
            onChange={(value: MailStatus | undefined) => setSearchParams(value ? { status: value } : {})}
            data-testid="mail-filter-status"
          />
        </Form.Item>
      </Form>
      {mail.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, mail.error)} />}
      <Table<MailSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={mail.data ?? []}
        loading={mail.isFetching}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 1520 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mail.empty')} /> }}
        data-testid="mail-table"
      />
      {(mail.data?.length ?? 0) >= MAIL_LIST_LIMIT && <Typography.Text type="secondary">{t('mail.shown', { count: MAIL_LIST_LIMIT })}</Typography.Text>}
    </Card>
  );
}
