import { useState, type ReactNode } from 'react';
import { App, Button, Descriptions, Drawer, List, Popconfirm, Space, Tag, Typography, Upload } from 'antd';
import type { DescriptionsProps, UploadFile } from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { useUnitName } from '../admin-units/unit-names.ts';
import { saveBlob } from '../evidence/evidence.api.ts';
import { ApiErrorAlert } from '../patrol/ApiErrorAlert.tsx';
import { fileSize } from './outreach-format.ts';
import { OUTREACH_KEY, OUTREACH_LIMITS, deleteActivity, deleteAttachment, downloadAttachment, uploadAttachments, type Activity, type Attachment } from './outreach.api.ts';
import { KindTag } from './KindTag.tsx';

/** The kind's own fields as description items. */
function detailItems(activity: Activity, t: TFunction): DescriptionsProps['items'] {
  const d = activity.details;
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const item = (label: string, children: ReactNode) => ({ key: label, label, children });
  switch (d.kind) {
    case 'school_talk':
      return [
        item(t('outreach.fields.schoolName'), d.schoolName),
        item(t('outreach.fields.schoolLevel'), t(`outreach.schoolLevels.${d.schoolLevel}`)),
        item(t('outreach.fields.topics'), d.topics.length > 0 ? d.topics.map((topic) => <Tag key={topic}>{topic}</Tag>) : t('common.none')),
        item(t('outreach.fields.withEducationBureauTour'), yesNo(d.withEducationBureauTour)),
      ];
    case 'online_post':
      return [
        item(t('outreach.fields.platform'), d.platform),
        item(
          t('outreach.fields.link'),
          <Typography.Link href={d.link} target="_blank" rel="noopener noreferrer nofollow" className="outreach-break" data-testid="outreach-detail-link">
            {d.link}
          </Typography.Link>,
        ),
        item(t('outreach.fields.reach'), d.reach ?? t('common.none')),
      ];
    case 'media_interview':
      return [item(t('outreach.fields.medium'), t(`outreach.media.${d.medium}`)), item(t('outreach.fields.outlet'), d.outlet), item(t('outreach.fields.programme'), d.programme ?? t('common.none'))];
    case 'radio_programme':
      return [item(t('outreach.fields.station'), d.station), item(t('outreach.fields.programme'), d.programme)];
    case 'press_release':
      return [item(t('outreach.fields.mediaGroups'), d.mediaGroups.map((g) => <Tag key={g}>{g}</Tag>)), item(t('outreach.fields.withPictures'), yesNo(d.withPictures))];
    case 'special_day_event':
      return [
        item(t('outreach.fields.occasion'), d.occasion),
        item(t('outreach.fields.format'), t(`outreach.formats.${d.format}`)),
        item(t('outreach.fields.withParentsAndChildren'), yesNo(d.withParentsAndChildren)),
        item(t('outreach.fields.venue'), d.venue ?? t('common.none')),
      ];
  }
}

/**
 * One activity: its shared and kind-specific fields, its officers, and its attachments — which
 * are downloaded, never shown inline (uploads are hostile input). Editors upload, remove, edit and
 * delete from here.
 */
export function ActivityDrawer({ activity, onClose, onEdit }: { activity: Activity; onClose: () => void; onEdit: (activity: Activity) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const unitName = useUnitName();
  const [current, setCurrent] = useState(activity);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const none = t('common.none');

  const refresh = async (next: Activity) => {
    setCurrent(next);
    await queryClient.invalidateQueries({ queryKey: OUTREACH_KEY });
  };
  const upload = useMutation({
    mutationFn: () => uploadAttachments(current.id, files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => Boolean(f))),
    onSuccess: async (next) => {
      setFiles([]);
      await refresh(next);
      void message.success(t('outreach.attachments.uploaded'));
    },
  });
  const remove = useMutation({ mutationFn: (attachment: Attachment) => deleteAttachment(current.id, attachment.id), onSuccess: refresh });
  const download = useMutation({
    mutationFn: (attachment: Attachment) => downloadAttachment(current.id, attachment),
    onSuccess: (file) => saveBlob(file.blob, file.fileName),
    onError: (error) => void message.error(errorText(t, error)),
  });
  const drop = useMutation({
    mutationFn: () => deleteActivity(current.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: OUTREACH_KEY });
      void message.success(t('outreach.deleted'));
      onClose();
    },
  });

  return (
    <Drawer
      open
      size={640}
      title={<span data-testid="outreach-detail-title">{current.title}</span>}
      onClose={onClose}
      extra={
        current.can.edit && (
          <Space>
            <Button icon={<EditOutlined />} onClick={() => onEdit(current)} data-testid="outreach-detail-edit">
              {t('common.edit')}
            </Button>
            <Popconfirm title={t('outreach.deleteConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => drop.mutate()} okButtonProps={{ danger: true }}>
              <Button danger icon={<DeleteOutlined />} loading={drop.isPending} data-testid="outreach-detail-delete">
                {t('outreach.delete')}
              </Button>
            </Popconfirm>
          </Space>
        )
      }
      data-testid="outreach-detail"
    >
      {drop.isError && <ApiErrorAlert error={drop.error} testId="outreach-delete-error" />}
      <div data-testid="outreach-detail-fields">
        <Descriptions
          column={1}
          size="small"
          bordered
          items={[
            { key: 'kind', label: t('outreach.fields.kind'), children: <KindTag kind={current.kind} /> },
            { key: 'unit', label: t('outreach.fields.unit'), children: unitName(current.unit) },
            { key: 'startsAt', label: t('outreach.fields.startsAt'), children: formatRocDateTime(current.startsAt) },
            { key: 'endsAt', label: t('outreach.fields.endsAt'), children: current.endsAt ? formatRocDateTime(current.endsAt) : none },
            {
              key: 'audience',
              label: current.kind === 'online_post' ? t('outreach.fields.audienceOnline') : t('outreach.fields.audience'),
              children: <span data-testid="outreach-detail-audience">{current.audienceCount ?? none}</span>,
            },
            ...(detailItems(current, t) ?? []),
            { key: 'officers', label: t('outreach.fields.officers'), children: current.officers.length > 0 ? current.officers.map((o) => <Tag key={o.id}>{`${o.displayName}（${o.unitCode}）`}</Tag>) : none },
            { key: 'notes', label: t('outreach.fields.notes'), children: current.notes ? <span className="pre-wrap-text">{current.notes}</span> : none },
          ]}
        />
      </div>

      <h2 className="card-title block-top-gap">{t('outreach.attachments.title')}</h2>
      <Typography.Paragraph type="secondary">{t('outreach.attachments.hint')}</Typography.Paragraph>
      {(remove.isError || upload.isError) && <ApiErrorAlert error={remove.error ?? upload.error} testId="outreach-attachment-error" />}
      <List
        size="small"
        bordered
        dataSource={current.attachments}
        locale={{ emptyText: t('outreach.attachments.empty') }}
        renderItem={(file) => (
          <List.Item
            data-testid="outreach-attachment"
            actions={[
              <Button key="download" type="link" size="small" icon={<DownloadOutlined />} loading={download.isPending && download.variables?.id === file.id} onClick={() => download.mutate(file)} data-testid="outreach-attachment-download">
                {t('outreach.attachments.download')}
              </Button>,
              ...(current.can.edit
                ? [
                    <Popconfirm key="remove" title={t('outreach.attachments.removeConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => remove.mutate(file)}>
                      <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="outreach-attachment-remove">
                        {t('outreach.attachments.remove')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []),
            ]}
          >
            <List.Item.Meta title={<span data-testid="outreach-attachment-name">{file.fileName}</span>} description={`${fileSize(file.sizeBytes)} · ${formatRocDateTime(file.uploadedAt)}`} />
          </List.Item>
        )}
      />
      {current.can.edit && (
        <Space className="block-top-gap" align="start" wrap>
          <Upload
            multiple
            fileList={files}
            maxCount={OUTREACH_LIMITS.attachmentFiles}
            accept=".png,.jpg,.jpeg,.gif,.webp,.pdf,.mp4,.pptx,.docx,.xlsx"
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList)}
            data-testid="outreach-attachment-picker"
          >
            <Button icon={<UploadOutlined />}>{t('outreach.attachments.choose')}</Button>
          </Upload>
          <Button type="primary" disabled={files.length === 0} loading={upload.isPending} onClick={() => upload.mutate()} data-testid="outreach-attachment-upload">
            {t('outreach.attachments.upload')}
          </Button>
        </Space>
      )}
    </Drawer>
  );
}
