import { useEffect } from 'react';
import { Alert, App, AutoComplete, Button, Card, Descriptions, Empty, Form, Input, Space, Steps, Switch, Table, Tag, Typography } from 'antd';
import type { StepsProps, TableColumnsType } from 'antd';
import { ArrowLeftOutlined, GlobalOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../lib/api.ts';
import { errorCode, errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import {
  CAPTURE_LIST_KEY,
  CAPTURE_POLL_MS,
  EVIDENCE_LIST_KEY,
  captureKey,
  getCapture,
  isCaptureDone,
  listCaptures,
  requestCapture,
  type Capture,
  type CaptureStatus,
} from './evidence.api.ts';
import { isHttpUrl } from './evidence-format.ts';
import { platformOptions } from './platforms.ts';
import './evidence.css';

interface CaptureValues {
  url: string;
  platform?: string;
  notes?: string;
  ephemeral?: boolean;
}

const STATUS_COLOR: Record<CaptureStatus, string> = { queued: 'default', running: 'processing', sealed: 'success', failed: 'error' };

const trimmed = (value: string | undefined): string | undefined => {
  const v = value?.trim();
  return v ? v : undefined;
};

/** The progress of one capture: queued → running → sealed, or failed where it stopped. */
function CaptureProgress({ id }: { id: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const capture = useQuery({
    queryKey: captureKey(id),
    queryFn: ({ signal }) => getCapture(id, signal),
    // Poll every 1.5 s until the capture is sealed or has failed.
    refetchInterval: (query) => (isCaptureDone(query.state.data?.status) ? false : CAPTURE_POLL_MS),
  });

  const finalStatus = isCaptureDone(capture.data?.status) ? capture.data?.status : undefined;
  useEffect(() => {
    // Once the capture settles, the lists that show it (and its sealed item) are out of date.
    if (!finalStatus) return;
    void queryClient.invalidateQueries({ queryKey: CAPTURE_LIST_KEY });
    if (finalStatus === 'sealed') void queryClient.invalidateQueries({ queryKey: EVIDENCE_LIST_KEY });
  }, [finalStatus, queryClient]);

  if (capture.isError) {
    return <Alert type="error" showIcon title={t('common.loadFailed')} description={errorText(t, capture.error)} />;
  }
  const data = capture.data;
  const status = data?.status ?? 'queued';
  const failed = status === 'failed';
  // The last step is where a capture ends: sealed, or failed (shown in red).
  const current = status === 'queued' ? 0 : status === 'running' ? 1 : 2;
  const items: StepsProps['items'] = [
    { title: t('evidence.capture.statuses.queued') },
    { title: t('evidence.capture.statuses.running') },
    { title: failed ? t('evidence.capture.statuses.failed') : t('evidence.capture.statuses.sealed') },
  ];

  return (
    <div data-testid="capture-progress" data-status={data?.status ?? ''}>
      <Steps
        className="evidence-capture-steps"
        size="small"
        current={current}
        status={failed ? 'error' : status === 'sealed' ? 'finish' : 'process'}
        items={items}
      />
      {data && (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: 'url', label: t('evidence.capture.columns.url'), children: <Typography.Text className="evidence-mono">{data.url}</Typography.Text> },
            {
              key: 'status',
              label: t('evidence.capture.columns.status'),
              children: (
                <Space size={8} wrap>
                  <Tag color={STATUS_COLOR[data.status]}>{t(`evidence.capture.statuses.${data.status}`)}</Tag>
                  <Typography.Text type="secondary">{t('evidence.capture.attempts', { count: data.attempts })}</Typography.Text>
                </Space>
              ),
            },
            { key: 'createdAt', label: t('evidence.capture.columns.createdAt'), children: formatRocDateTime(data.createdAt) },
            { key: 'updatedAt', label: t('evidence.capture.columns.updatedAt'), children: formatRocDateTime(data.updatedAt) },
          ]}
        />
      )}
      {failed && data?.error && (
        <Alert className="block-top-gap" type="error" showIcon title={t('evidence.capture.failedDetail', { error: data.error })} />
      )}
      {status === 'sealed' && data?.evidenceItemId && (
        <div className="block-top-gap">
          <Link to={`/evidence/${data.evidenceItemId}`} data-testid="capture-open-item">
            {t('evidence.capture.openItem')}
          </Link>
        </div>
      )}
    </div>
  );
}

/** 網頁擷取: queue a capture of a public page and follow it until it is sealed. */
export function EvidenceCapturePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CaptureValues>();
  const platformTyped = Form.useWatch('platform', form);
  // The capture being followed lives in the address, so a reload keeps following it.
  const [searchParams, setSearchParams] = useSearchParams();
  const trackedId = searchParams.get('id');

  const captures = useQuery({
    queryKey: CAPTURE_LIST_KEY,
    queryFn: ({ signal }) => listCaptures(signal),
    refetchInterval: (query) => ((query.state.data ?? []).some((c) => !isCaptureDone(c.status)) ? 5_000 : false),
  });

  const start = useMutation({
    mutationFn: (values: CaptureValues) =>
      requestCapture({
        url: values.url.trim(),
        platform: trimmed(values.platform),
        notes: trimmed(values.notes),
        ephemeral: values.ephemeral ?? false,
      }),
    onSuccess: async ({ id }) => {
      void message.success(t('evidence.capture.queued'));
      form.resetFields();
      setSearchParams({ id });
      await queryClient.invalidateQueries({ queryKey: CAPTURE_LIST_KEY });
    },
  });

  const columns: TableColumnsType<Capture> = [
    { title: t('evidence.capture.columns.url'), dataIndex: 'url', ellipsis: true, render: (_, c) => <span title={c.url}>{c.url}</span> },
    { title: t('evidence.capture.columns.platform'), dataIndex: 'platform', width: 120, ellipsis: true, render: (_, c) => c.platform ?? t('common.none') },
    {
      title: t('evidence.capture.columns.status'),
      dataIndex: 'status',
      width: 110,
      render: (_, c) => <Tag color={STATUS_COLOR[c.status]}>{t(`evidence.capture.statuses.${c.status}`)}</Tag>,
    },
    { title: t('evidence.capture.columns.createdAt'), dataIndex: 'createdAt', width: 130, render: (_, c) => formatRocDateTime(c.createdAt) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setSearchParams({ id: c.id })}>
            {t('evidence.capture.track')}
          </Button>
          {c.evidenceItemId && (
            <Button type="link" size="small" onClick={() => void navigate(`/evidence/${c.evidenceItemId}`)}>
              {t('evidence.list.open')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} className="evidence-viewer">
      <Card
        className="evidence-form-card"
        title={<h1 className="page-title">{t('evidence.capture.title')}</h1>}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/evidence')}>
            {t('evidence.upload.toList')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('evidence.capture.intro')}</Typography.Paragraph>
        {start.isError && (
          <Alert
            className="block-gap"
            type="error"
            showIcon
            closable
            title={errorText(t, start.error)}
            description={
              // The server says which part of the URL it refused (scheme, credentials, length).
              errorCode(start.error) === 'VALIDATION_FAILED' && start.error instanceof ApiError && start.error.message
                ? t('evidence.upload.serverDetail', { detail: start.error.message })
                : undefined
            }
            data-testid="capture-error"
          />
        )}
        <Form<CaptureValues>
          form={form}
          name="evidence-capture"
          layout="vertical"
          initialValues={{ ephemeral: false }}
          disabled={start.isPending}
          onFinish={(values) => start.mutate(values)}
        >
          <Form.Item
            name="url"
            label={t('evidence.capture.url')}
            rules={[
              { required: true, whitespace: true, message: t('evidence.capture.urlRequired') },
              {
                validator: (_, value: string | undefined) =>
                  !value || value.trim() === '' || isHttpUrl(value) ? Promise.resolve() : Promise.reject(new Error(t('evidence.capture.urlInvalid'))),
              },
            ]}
          >
            <Input maxLength={2048} inputMode="url" autoComplete="off" placeholder="https://" prefix={<GlobalOutlined />} data-testid="capture-url" />
          </Form.Item>
          <Form.Item name="platform" label={t('evidence.capture.platform')}>
            <AutoComplete
              options={platformOptions(platformTyped)}
              placeholder={t('evidence.upload.platformPlaceholder')}
              maxLength={100}
              allowClear
              data-testid="capture-platform"
            />
          </Form.Item>
          <Form.Item name="notes" label={t('evidence.capture.notes')}>
            <Input.TextArea rows={2} maxLength={2000} showCount data-testid="capture-notes" />
          </Form.Item>
          <Form.Item name="ephemeral" label={t('evidence.capture.ephemeral')} valuePropName="checked">
            <Switch data-testid="capture-ephemeral" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={start.isPending} data-testid="capture-submit">
              {t('evidence.capture.submit')}
            </Button>
          </Form.Item>
        </Form>
      </Card>

      {trackedId && (
        <Card className="evidence-form-card" title={<h2 className="card-title">{t('evidence.capture.progress')}</h2>}>
          <CaptureProgress key={trackedId} id={trackedId} />
        </Card>
      )}

      <Card title={<h2 className="card-title">{t('evidence.capture.recent')}</h2>}>
        {captures.isError && (
          <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, captures.error)} />
        )}
        <Table<Capture>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={captures.data ?? []}
          loading={captures.isPending}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evidence.capture.empty')} /> }}
          data-testid="capture-table"
        />
      </Card>
    </Space>
  );
}
