import { Alert, App, Button, Card, Form, Input, Select, Space, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { ArrowLeftOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../lib/api.ts';
import { errorCode, errorText } from '../../lib/errors.ts';
import { CHAT_FORMATS, CHAT_IMPORT_MAX_BYTES, EVIDENCE_LIST_KEY, importChat, type ChatFormatChoice } from './evidence.api.ts';
import { formatBytes } from './evidence-format.ts';
import './evidence.css';

interface ChatImportValues {
  file?: UploadFile[];
  format: ChatFormatChoice;
  notes?: string;
}

/** Codes whose server message says what was refused (for a parse failure: which line, and why). */
const DETAILED_CODES: ReadonlySet<string> = new Set(['CHAT_PARSE_FAILED', 'UPLOAD_TYPE_NOT_ALLOWED', 'UPLOAD_REFUSED', 'UPLOAD_TOO_LARGE', 'VALIDATION_FAILED']);

// The dragger keeps one file: a newly dropped file replaces the previous one.
const normFile = (event: { fileList?: UploadFile[] } | UploadFile[] | undefined): UploadFile[] =>
  (Array.isArray(event) ? event : (event?.fileList ?? [])).slice(-1);

/** 匯入對話紀錄: one LINE export or chat CSV, sealed as received, then opened in the viewer. */
export function EvidenceChatImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ChatImportValues>();
  const maxSize = formatBytes(CHAT_IMPORT_MAX_BYTES);

  const submit = useMutation({
    mutationFn: (values: ChatImportValues) => {
      const file = values.file?.[0]?.originFileObj;
      if (!file) throw new Error('no file chosen');
      return importChat({ file, format: values.format, notes: values.notes });
    },
    onSuccess: async ({ item }) => {
      void message.success(t('evidence.chatImport.success'));
      await queryClient.invalidateQueries({ queryKey: EVIDENCE_LIST_KEY });
      await navigate(`/evidence/${item.id}`);
    },
  });

  const code = errorCode(submit.error);
  // The general upload messages list the image types; a chat import has its own rules.
  const summary =
    code === 'UPLOAD_TYPE_NOT_ALLOWED'
      ? t('evidence.chatImport.typeRefused')
      : code === 'UPLOAD_TOO_LARGE'
        ? t('evidence.chatImport.tooLarge', { size: maxSize })
        : errorText(t, submit.error);
  const serverDetail = submit.error instanceof ApiError && DETAILED_CODES.has(code) ? submit.error.message : '';

  return (
    <Card
      className="evidence-form-card"
      title={<h1 className="page-title">{t('evidence.chatImport.title')}</h1>}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/evidence')}>
          {t('evidence.upload.toList')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('evidence.chatImport.intro')}</Typography.Paragraph>
      {submit.isError && (
        <Alert
          className="block-gap"
          type="error"
          showIcon
          closable
          data-testid="chat-import-error"
          title={t('evidence.chatImport.refused')}
          description={
            <>
              <div>{summary}</div>
              {serverDetail && <div data-testid="chat-import-error-detail">{t('evidence.upload.serverDetail', { detail: serverDetail })}</div>}
            </>
          }
        />
      )}

      <Form<ChatImportValues>
        form={form}
        name="evidence-chat-import"
        layout="vertical"
        initialValues={{ format: 'auto' }}
        disabled={submit.isPending}
        onValuesChange={() => {
          if (submit.isError) submit.reset();
        }}
        onFinish={(values) => submit.mutate(values)}
      >
        <Form.Item
          name="file"
          label={t('evidence.chatImport.file')}
          valuePropName="fileList"
          getValueFromEvent={normFile}
          rules={[
            { required: true, type: 'array', min: 1, message: t('evidence.chatImport.fileRequired') },
            {
              validator: (_, files: UploadFile[] | undefined) => {
                const large = (files ?? []).find((f) => (f.size ?? 0) > CHAT_IMPORT_MAX_BYTES);
                return large
                  ? Promise.reject(new Error(t('evidence.chatImport.fileTooLarge', { name: large.name, size: maxSize })))
                  : Promise.resolve();
              },
            },
          ]}
        >
          <Upload.Dragger maxCount={1} accept=".txt,.csv,text/plain,text/csv" beforeUpload={() => false} data-testid="chat-import-dragger">
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('evidence.chatImport.dragText')}</p>
            <p className="ant-upload-hint">{t('evidence.chatImport.dragHint', { size: maxSize })}</p>
          </Upload.Dragger>
        </Form.Item>
        <Form.Item name="format" label={t('evidence.chatImport.format')} extra={t('evidence.chatImport.formatHelp')}>
          <Select<ChatFormatChoice>
            className="chat-import-format"
            options={CHAT_FORMATS.map((format) => ({ value: format, label: t(`evidence.chatImport.formats.${format}`) }))}
            data-testid="chat-import-format"
          />
        </Form.Item>
        <Form.Item name="notes" label={t('evidence.chatImport.notes')}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="chat-import-notes" />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="chat-import-submit">
              {t('evidence.chatImport.submit')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
