import { useState } from 'react';
import { Alert, AutoComplete, Button, Card, DatePicker, Form, Input, Result, Space, Switch, Table, Upload } from 'antd';
import type { TableColumnsType, UploadFile } from 'antd';
import { ArrowLeftOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../lib/api.ts';
import { errorCode, errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import {
  EVIDENCE_LIST_KEY,
  UPLOAD_MAX_FILE_BYTES,
  UPLOAD_MAX_FILES,
  uploadEvidence,
  type EvidenceItem,
} from './evidence.api.ts';
import { formatBytes, isHttpUrl, taipeiWallClockIso } from './evidence-format.ts';
import { HashText } from './HashText.tsx';
import { platformOptions } from './platforms.ts';
import './evidence.css';

interface UploadValues {
  files?: UploadFile[];
  seenAt?: Dayjs | null;
  platform?: string;
  sourceUrl?: string;
  notes?: string;
  ephemeral?: boolean;
}

/** Codes whose server message names the refused file and the reason; shown under the translation. */
const DETAILED_CODES: ReadonlySet<string> = new Set(['UPLOAD_TYPE_NOT_ALLOWED', 'UPLOAD_REFUSED', 'UPLOAD_TOO_LARGE', 'VALIDATION_FAILED']);

// The picked wall clock is a Taipei time, shown in the ROC calendar like everywhere else.
const taipeiIso = (value: Dayjs): string => taipeiWallClockIso(value.format('YYYY-MM-DDTHH:mm'));
const rocDateTimeFormat = (value: Dayjs): string => formatRocDateTime(taipeiIso(value));

const normFiles = (event: { fileList?: UploadFile[] } | UploadFile[] | undefined): UploadFile[] =>
  Array.isArray(event) ? event : (event?.fileList ?? []);

/** 上傳證據: drop several files, describe where they were seen, seal them in one request. */
export function EvidenceUploadPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<UploadValues>();
  const platformTyped = Form.useWatch('platform', form);
  const [sealed, setSealed] = useState<EvidenceItem[] | null>(null);
  const maxSize = formatBytes(UPLOAD_MAX_FILE_BYTES);

  const upload = useMutation({
    mutationFn: (values: UploadValues) =>
      uploadEvidence({
        files: (values.files ?? []).flatMap((f) => (f.originFileObj ? [f.originFileObj] : [])),
        ephemeral: values.ephemeral ?? false,
        notes: values.notes,
        platform: values.platform,
        sourceUrl: values.sourceUrl,
        seenAt: values.seenAt ? taipeiIso(values.seenAt) : undefined,
      }),
    onSuccess: async (items) => {
      setSealed(items);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: EVIDENCE_LIST_KEY });
    },
  });

  const serverDetail = upload.error instanceof ApiError && DETAILED_CODES.has(errorCode(upload.error)) ? upload.error.message : '';

  const resultColumns: TableColumnsType<EvidenceItem> = [
    {
      title: t('evidence.upload.columns.file'),
      key: 'file',
      width: 200,
      render: (_, e) => (
        <Link to={`/evidence/${e.id}`} data-testid="upload-result-open">
          {e.originalFilename ?? e.id}
        </Link>
      ),
    },
    { title: t('evidence.upload.columns.sha256'), dataIndex: 'sha256', render: (_, e) => <HashText value={e.sha256} full testId="upload-result-sha256" /> },
    { title: t('evidence.upload.columns.size'), dataIndex: 'sizeBytes', width: 90, align: 'right', render: (_, e) => formatBytes(e.sizeBytes) },
    { title: t('evidence.upload.columns.mediaType'), dataIndex: 'mediaType', width: 130 },
  ];

  return (
    <Card
      className="evidence-form-card"
      title={<h1 className="page-title">{t('evidence.upload.title')}</h1>}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/evidence')}>
          {t('evidence.upload.toList')}
        </Button>
      }
    >
      {sealed && (
        <Result
          status="success"
          className="block-gap"
          title={t('evidence.upload.successTitle', { count: sealed.length })}
          subTitle={t('evidence.upload.successHint')}
          data-testid="upload-result"
        >
          <Table<EvidenceItem> rowKey="id" size="small" columns={resultColumns} dataSource={sealed} pagination={false} />
        </Result>
      )}
      {upload.isError && (
        <Alert
          className="block-gap"
          type="error"
          showIcon
          closable
          data-testid="upload-error"
          title={t('evidence.upload.refused')}
          description={
            <>
              <div>{errorText(t, upload.error)}</div>
              {serverDetail && <div data-testid="upload-error-detail">{t('evidence.upload.serverDetail', { detail: serverDetail })}</div>}
            </>
          }
        />
      )}

      <Form<UploadValues>
        form={form}
        name="evidence-upload"
        layout="vertical"
        initialValues={{ ephemeral: false }}
        disabled={upload.isPending}
        onValuesChange={() => {
          if (upload.isError) upload.reset();
        }}
        onFinish={(values) => {
          setSealed(null);
          upload.mutate(values);
        }}
      >
        <Form.Item
          name="files"
          label={t('evidence.upload.files')}
          valuePropName="fileList"
          getValueFromEvent={normFiles}
          rules={[
            { required: true, type: 'array', min: 1, message: t('evidence.upload.filesRequired') },
            {
              validator: (_, files: UploadFile[] | undefined) => {
                const list = files ?? [];
                if (list.length > UPLOAD_MAX_FILES) return Promise.reject(new Error(t('evidence.upload.tooManyFiles', { max: UPLOAD_MAX_FILES })));
                const large = list.find((f) => (f.size ?? 0) > UPLOAD_MAX_FILE_BYTES);
                if (large) return Promise.reject(new Error(t('evidence.upload.fileTooLarge', { name: large.name, size: maxSize })));
                return Promise.resolve();
              },
            },
          ]}
        >
          <Upload.Dragger multiple beforeUpload={() => false} data-testid="upload-dragger">
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('evidence.upload.dragText')}</p>
            <p className="ant-upload-hint">{t('evidence.upload.dragHint', { max: UPLOAD_MAX_FILES, size: maxSize })}</p>
          </Upload.Dragger>
        </Form.Item>
        <Form.Item name="seenAt" label={t('evidence.upload.seenAt')} extra={t('evidence.upload.seenAtHelp')}>
          <DatePicker
            className="evidence-seen-at"
            showTime={{ format: 'HH:mm' }}
            format={rocDateTimeFormat}
            disabledDate={(day) => day.isAfter(dayjs(), 'day')}
            data-testid="upload-seen-at"
          />
        </Form.Item>
        <Form.Item name="platform" label={t('evidence.upload.platform')}>
          <AutoComplete
            options={platformOptions(platformTyped)}
            placeholder={t('evidence.upload.platformPlaceholder')}
            maxLength={100}
            allowClear
            data-testid="upload-platform"
          />
        </Form.Item>
        <Form.Item
          name="sourceUrl"
          label={t('evidence.upload.sourceUrl')}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                !value || value.trim() === '' || isHttpUrl(value) ? Promise.resolve() : Promise.reject(new Error(t('evidence.upload.sourceUrlInvalid'))),
            },
          ]}
        >
          <Input maxLength={2048} inputMode="url" autoComplete="off" placeholder="https://" data-testid="upload-source-url" />
        </Form.Item>
        <Form.Item name="notes" label={t('evidence.upload.notes')}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="upload-notes" />
        </Form.Item>
        <Form.Item name="ephemeral" label={t('evidence.upload.ephemeral')} valuePropName="checked" extra={t('evidence.upload.ephemeralHelp')}>
          <Switch data-testid="upload-ephemeral" />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={upload.isPending} data-testid="upload-submit">
              {t('evidence.upload.submit')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
