import { Alert, Button, Card, Empty, Form, Input, Space, Switch, Table, Typography, Upload } from 'antd';
import type { TableColumnsType, UploadFile } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { formatBytes } from '../evidence/evidence-format.ts';
import { EVIDENCE_LIST_KEY, UPLOAD_MAX_FILE_BYTES, UPLOAD_MAX_FILES, type EvidenceItem } from '../evidence/evidence.api.ts';
import { EphemeralTag, KindTag } from '../evidence/EvidenceTags.tsx';
import { HashText } from '../evidence/HashText.tsx';
import { CaseErrorAlert } from './CaseParts.tsx';
import { CASE_EVIDENCE_LIMIT, caseEvidenceKey, caseTimelineKey, uploadCaseEvidence, useCaseEvidence, type CaseDetail } from './cases.api.ts';
import { isCaseWritable } from './case-format.ts';
import { KnownImageMatchesCard } from '../hash-banks/KnownImageMatchesCard.tsx';

interface UploadValues {
  files?: UploadFile[];
  notes?: string;
  ephemeral?: boolean;
}

const normFiles = (event: { fileList?: UploadFile[] } | UploadFile[] | undefined): UploadFile[] => (Array.isArray(event) ? event : (event?.fileList ?? []));

/** 證據: the case's evidence (its own and its findings'), each opening its sealed record; upload straight into the case. */
export function CaseEvidenceTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const c = detail.case;
  const evidence = useCaseEvidence(c.id);
  const [form] = Form.useForm<UploadValues>();
  const canUpload = detail.can.update && isCaseWritable(c.status);
  const maxSize = formatBytes(UPLOAD_MAX_FILE_BYTES);

  const upload = useMutation({
    mutationFn: (values: UploadValues) =>
      uploadCaseEvidence({
        caseId: c.id,
        files: (values.files ?? []).flatMap((f) => (f.originFileObj ? [f.originFileObj] : [])),
        notes: values.notes,
        ephemeral: values.ephemeral ?? false,
      }),
    onSuccess: async () => {
      form.resetFields();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: caseEvidenceKey(c.id) }),
        queryClient.invalidateQueries({ queryKey: EVIDENCE_LIST_KEY }),
        queryClient.invalidateQueries({ queryKey: caseTimelineKey(c.id) }),
      ]);
    },
  });

  const columns: TableColumnsType<EvidenceItem> = [
    {
      title: t('cases.evidence.file'),
      key: 'file',
      ellipsis: true,
      render: (_, e) => (
        <Link to={`/evidence/${e.id}`} data-testid="case-evidence-open">
          {e.originalFilename ?? e.id}
        </Link>
      ),
    },
    { title: t('cases.evidence.kind'), dataIndex: 'kind', width: 110, render: (_, e) => <KindTag kind={e.kind} /> },
    { title: t('cases.evidence.capturedAt'), dataIndex: 'capturedAt', width: 130, render: (_, e) => formatRocDateTime(e.capturedAt) },
    { title: t('cases.evidence.sha256'), dataIndex: 'sha256', width: 190, render: (_, e) => <HashText value={e.sha256} testId="case-evidence-sha256" /> },
    { title: t('cases.evidence.mediaType'), dataIndex: 'mediaType', width: 130 },
    { title: t('cases.evidence.size'), dataIndex: 'sizeBytes', width: 90, align: 'right', render: (_, e) => formatBytes(e.sizeBytes) },
    { title: t('cases.evidence.flags'), key: 'flags', width: 90, render: (_, e) => (e.ephemeral ? <EphemeralTag /> : null) },
  ];

  const rows = evidence.data ?? [];
  return (
    <Space orientation="vertical" size={16} className="finding-detail">
      {canUpload && (
        <Card size="small" title={<h2 className="card-title">{t('cases.evidence.uploadTitle')}</h2>}>
          <Typography.Paragraph type="secondary">{t('cases.evidence.uploadIntro')}</Typography.Paragraph>
          {upload.isSuccess && (
            <Alert className="block-gap" type="success" showIcon closable title={t('cases.evidence.uploaded', { count: upload.data.length })} data-testid="case-evidence-uploaded" />
          )}
          {upload.isError && <CaseErrorAlert error={upload.error} title={t('cases.evidence.uploadRefused')} testId="case-evidence-upload-error" />}
          <Form<UploadValues> form={form} name="case-evidence-upload" layout="vertical" initialValues={{ ephemeral: false }} disabled={upload.isPending} onFinish={(values) => upload.mutate(values)}>
            <Form.Item
              name="files"
              label={t('cases.evidence.files')}
              valuePropName="fileList"
              getValueFromEvent={normFiles}
              rules={[
                { required: true, type: 'array', min: 1, message: t('cases.evidence.filesRequired') },
                {
                  validator: (_, files: UploadFile[] | undefined) => {
                    const list = files ?? [];
                    if (list.length > UPLOAD_MAX_FILES) return Promise.reject(new Error(t('cases.evidence.tooManyFiles', { max: UPLOAD_MAX_FILES })));
                    const large = list.find((f) => (f.size ?? 0) > UPLOAD_MAX_FILE_BYTES);
                    return large ? Promise.reject(new Error(t('cases.evidence.fileTooLarge', { name: large.name, size: maxSize }))) : Promise.resolve();
                  },
                },
              ]}
            >
              <Upload.Dragger multiple beforeUpload={() => false} data-testid="case-evidence-dragger">
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('cases.evidence.dragText')}</p>
                <p className="ant-upload-hint">{t('cases.evidence.dragHint', { max: UPLOAD_MAX_FILES, size: maxSize })}</p>
              </Upload.Dragger>
            </Form.Item>
            <Form.Item name="notes" label={t('cases.evidence.notes')}>
              <Input.TextArea rows={2} maxLength={2000} showCount data-testid="case-evidence-notes" />
            </Form.Item>
            <Form.Item name="ephemeral" label={t('cases.evidence.ephemeral')} valuePropName="checked" extra={t('cases.evidence.ephemeralHelp')}>
              <Switch data-testid="case-evidence-ephemeral" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={upload.isPending} data-testid="case-evidence-upload">
              {t('cases.evidence.upload')}
            </Button>
          </Form>
        </Card>
      )}
      <Card size="small" title={<h2 className="card-title">{t('cases.evidence.heading')}</h2>}>
        {evidence.isError && <CaseErrorAlert error={evidence.error} testId="case-evidence-error" />}
        <Table<EvidenceItem>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={evidence.isFetching}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 960 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.evidence.none')} /> }}
          data-testid="case-evidence"
        />
        {rows.length >= CASE_EVIDENCE_LIMIT && (
          <Typography.Paragraph type="secondary" className="block-top-gap">
            {t('cases.evidence.limited', { count: CASE_EVIDENCE_LIMIT })}
          </Typography.Paragraph>
        )}
      </Card>
      {/* Known images anywhere in the case (G5.1): banks' labels and other cases, blurred, need-to-know applied by the server. */}
      {rows.length > 0 && <KnownImageMatchesCard key={c.id} scope="cases" id={c.id} />}
    </Space>
  );
}
