import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, EyeInvisibleOutlined, EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorCode, errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { useUnits } from '../admin-units/units.api.ts';
import { useUnitName } from '../admin-units/unit-names.ts';
import {
  contentUrl,
  evidenceDetailKey,
  getEvidence,
  isPreviewable,
  startDownload,
  type EvidenceFile,
  type EvidenceItem,
} from './evidence.api.ts';
import { ChatTranscript } from './ChatTranscript.tsx';
import { formatBytes } from './evidence-format.ts';
import { EphemeralTag, KindTag } from './EvidenceTags.tsx';
import { HashText } from './HashText.tsx';
import { ReasonModal } from './ReasonModal.tsx';
import { KnownImageMatchesCard } from '../hash-banks/KnownImageMatchesCard.tsx';
import './evidence.css';

type ReasonTarget = { action: 'reveal' | 'download'; file: EvidenceFile };

/** One image file: the server's blurred rendition until the user reveals it with a reason. */
function ImagePreview({
  itemId,
  file,
  revealReason,
  onReveal,
  onHide,
  onDownload,
}: {
  itemId: string;
  file: EvidenceFile;
  revealReason: string | undefined;
  onReveal: () => void;
  onHide: () => void;
  onDownload: () => void;
}) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState<string | null>(null);
  const revealed = revealReason !== undefined;
  const src = revealed ? contentUrl(itemId, file.name, 'reveal', revealReason) : contentUrl(itemId, file.name, 'preview');

  return (
    <figure className="evidence-figure" data-testid="evidence-figure">
      <figcaption>
        <Space size={4} wrap>
          <Typography.Text strong>{file.name}</Typography.Text>
          {revealed ? <Tag color="red">{t('evidence.viewer.original')}</Tag> : <Tag>{t('evidence.viewer.blurred')}</Tag>}
        </Space>
        <Space size={4} wrap>
          {revealed ? (
            <Button size="small" icon={<EyeInvisibleOutlined />} onClick={onHide} data-testid="evidence-hide">
              {t('evidence.viewer.hide')}
            </Button>
          ) : (
            <Button size="small" danger icon={<EyeOutlined />} onClick={onReveal} data-testid="evidence-reveal">
              {t('evidence.viewer.reveal')}
            </Button>
          )}
          <Button size="small" icon={<DownloadOutlined />} onClick={onDownload} data-testid="evidence-download">
            {t('evidence.viewer.download')}
          </Button>
        </Space>
      </figcaption>
      {revealed && <Alert className="block-gap" type="warning" showIcon title={t('evidence.viewer.revealedNotice')} data-testid="evidence-revealed-notice" />}
      {failed === src ? (
        <Alert type="error" showIcon title={t('evidence.viewer.imageFailed')} />
      ) : (
        <div className="evidence-image-frame">
          <img
            key={src}
            className="evidence-image"
            src={src}
            alt={revealed ? t('evidence.viewer.originalAlt', { name: file.name }) : t('evidence.viewer.previewAlt', { name: file.name })}
            data-testid="evidence-image"
            data-mode={revealed ? 'reveal' : 'preview'}
            referrerPolicy="no-referrer"
            onError={() => setFailed(src)}
          />
        </div>
      )}
    </figure>
  );
}

/** 證據檢視: an item's seal and metadata, its files, blurred previews and audited reveal/download. */
export function EvidenceViewerPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const unitName = useUnitName();
  const units = useUnits();
  const [reasonTarget, setReasonTarget] = useState<ReasonTarget | null>(null);
  // File name → the reason given to reveal it, for this item only; dropped when the page is left.
  const [revealState, setRevealState] = useState<{ id: string; reasons: Record<string, string> }>({ id, reasons: {} });
  const revealed = revealState.id === id ? revealState.reasons : {};
  const setRevealed = (update: (current: Record<string, string>) => Record<string, string>) =>
    setRevealState((state) => ({ id, reasons: update(state.id === id ? state.reasons : {}) }));
  const none = t('common.none');

  // Each load is a custody event on the server: nothing is kept in the cache after the page closes.
  const detail = useQuery({
    queryKey: evidenceDetailKey(id),
    queryFn: ({ signal }) => getEvidence(id, signal),
    enabled: id !== '',
    gcTime: 0,
  });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/evidence')}>
      {t('evidence.viewer.back')}
    </Button>
  );

  if (detail.isPending) {
    return (
      <Card title={<h1 className="page-title">{t('evidence.viewer.title')}</h1>} extra={back}>
        <div className="full-page-center">
          <Spin description={t('app.loading')} />
        </div>
      </Card>
    );
  }
  if (detail.isError) {
    return (
      <Card title={<h1 className="page-title">{t('evidence.viewer.title')}</h1>} extra={back}>
        <Result
          status={errorCode(detail.error) === 'NOT_FOUND' ? '404' : 'error'}
          title={t('common.loadFailed')}
          subTitle={errorText(t, detail.error)}
          extra={<Button onClick={() => void detail.refetch()}>{t('app.retry')}</Button>}
        />
      </Card>
    );
  }

  const { item, files } = detail.data;
  const images = files.filter((f) => isPreviewable(f.mediaType));
  const others = files.filter((f) => !isPreviewable(f.mediaType));
  const hasHtml = others.some((f) => f.mediaType.startsWith('text/html'));

  const submitReason = (reason: string) => {
    if (!reasonTarget) return;
    const { action, file } = reasonTarget;
    setReasonTarget(null);
    if (action === 'reveal') {
      setRevealed((current) => ({ ...current, [file.name]: reason }));
    } else {
      startDownload(contentUrl(item.id, file.name, 'download', reason));
      void message.info(t('evidence.viewer.downloadStarted'));
    }
  };

  const fileColumns: TableColumnsType<EvidenceFile> = [
    { title: t('evidence.viewer.fileColumns.name'), dataIndex: 'name', render: (_, f) => <span className="evidence-cell-name">{f.name}</span> },
    { title: t('evidence.viewer.fileColumns.mediaType'), dataIndex: 'mediaType', width: 150 },
    { title: t('evidence.viewer.fileColumns.size'), dataIndex: 'sizeBytes', width: 90, align: 'right', render: (_, f) => formatBytes(f.sizeBytes) },
    { title: t('evidence.viewer.fileColumns.sha256'), dataIndex: 'sha256', width: 220, render: (_, f) => <HashText value={f.sha256} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, f) => (
        <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => setReasonTarget({ action: 'download', file: f })}>
          {t('evidence.viewer.download')}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} className="evidence-viewer">
      <Card
        title={<h1 className="page-title">{t('evidence.viewer.title')}</h1>}
        extra={back}
      >
        <Alert
          className="block-gap"
          type="info"
          showIcon
          icon={<SafetyCertificateOutlined />}
          title={t('evidence.custodyNotice')}
          data-testid="evidence-custody-notice"
        />
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          title={<h2 className="card-title">{t('evidence.viewer.metadata')}</h2>}
          items={metadataItems(item, t, none, (code) => {
            const unit = (units.data ?? []).find((u) => u.code === code);
            return unit ? `${unitName(unit)}（${code}）` : code;
          })}
          data-testid="evidence-metadata"
        />
      </Card>

      {item.kind === 'chat_record' && <ChatTranscript key={item.id} itemId={item.id} />}

      {images.length > 0 && (
        <Card title={<h2 className="card-title">{t('evidence.viewer.previews')}</h2>}>
          <div className="evidence-previews">
            {images.map((file) => (
              <ImagePreview
                key={file.name}
                itemId={item.id}
                file={file}
                revealReason={revealed[file.name]}
                onReveal={() => setReasonTarget({ action: 'reveal', file })}
                onHide={() =>
                  setRevealed((current) => {
                    const next = { ...current };
                    delete next[file.name];
                    return next;
                  })
                }
                onDownload={() => setReasonTarget({ action: 'download', file })}
              />
            ))}
          </div>
        </Card>
      )}

      {/* Issue #8: its images against partners' hash banks and other cases, blurred, need-to-know applied by the server. */}
      {(images.length > 0 || item.kind === 'web_capture' || item.mediaType.startsWith('image/')) && <KnownImageMatchesCard key={item.id} scope="evidence" id={item.id} />}

      <Card title={<h2 className="card-title">{t('evidence.viewer.files')}</h2>}>
        {/* A chat record's export is shown above as its parsed conversation. */}
        {others.length > 0 && item.kind !== 'chat_record' && <Alert className="block-gap" type="info" showIcon title={t('evidence.viewer.noPreview')} />}
        {hasHtml && <Alert className="block-gap" type="warning" showIcon title={t('evidence.viewer.htmlWarning')} />}
        <Table<EvidenceFile>
          rowKey="name"
          size="small"
          columns={fileColumns}
          dataSource={files}
          pagination={false}
          scroll={{ x: 800 }}
          data-testid="evidence-files"
        />
      </Card>

      {reasonTarget && (
        <ReasonModal
          title={
            reasonTarget.action === 'reveal'
              ? t('evidence.reason.revealTitle', { name: reasonTarget.file.name })
              : t('evidence.reason.downloadTitle', { name: reasonTarget.file.name })
          }
          okText={reasonTarget.action === 'reveal' ? t('evidence.reason.revealOk') : t('evidence.reason.downloadOk')}
          onCancel={() => setReasonTarget(null)}
          onSubmit={submitReason}
        />
      )}
    </Space>
  );
}

type Translate = TFunction;

/** The Descriptions rows of an item: identity, seal, times, source and EXIF. */
function metadataItems(item: EvidenceItem, t: Translate, none: string, unitLabel: (code: string) => string): DescriptionsProps['items'] {
  const { width, height, exif } = item.metadata;
  const device = [exif?.make, exif?.model].filter(Boolean).join(' ');
  const rows: NonNullable<DescriptionsProps['items']> = [
    { key: 'id', label: t('evidence.viewer.fields.id'), children: <Typography.Text className="evidence-mono" copyable>{item.id}</Typography.Text> },
    { key: 'kind', label: t('evidence.viewer.fields.kind'), children: <KindTag kind={item.kind} /> },
    { key: 'sha256', label: t('evidence.viewer.fields.sha256'), span: 'filled', children: <HashText value={item.sha256} full testId="evidence-detail-sha256" /> },
    { key: 'md5', label: t('evidence.viewer.fields.md5'), span: 'filled', children: item.md5 ? <HashText value={item.md5} full /> : none },
    { key: 'capturedAt', label: t('evidence.viewer.fields.capturedAt'), children: formatRocDateTime(item.capturedAt) },
    { key: 'recordedAt', label: t('evidence.viewer.fields.recordedAt'), children: formatRocDateTime(item.recordedAt) },
    { key: 'unit', label: t('evidence.viewer.fields.unit'), children: unitLabel(item.owningUnitCode) },
    { key: 'case', label: t('evidence.viewer.fields.case'), children: item.caseId ?? none },
    { key: 'platform', label: t('evidence.viewer.fields.platform'), children: item.platform ?? none },
    { key: 'ephemeral', label: t('evidence.viewer.fields.ephemeral'), children: item.ephemeral ? <EphemeralTag /> : t('common.no') },
    {
      key: 'sourceUrl',
      label: t('evidence.viewer.fields.sourceUrl'),
      span: 'filled',
      // Plain text on purpose: a captured source is hostile; copy it into an isolated browser.
      children: item.sourceUrl ? <Typography.Text className="evidence-mono" copyable>{item.sourceUrl}</Typography.Text> : none,
    },
    { key: 'originalFilename', label: t('evidence.viewer.fields.originalFilename'), children: item.originalFilename ?? none },
    { key: 'mediaType', label: t('evidence.viewer.fields.mediaType'), children: item.mediaType },
    { key: 'size', label: t('evidence.viewer.fields.size'), children: `${formatBytes(item.sizeBytes)}（${item.sizeBytes.toLocaleString()} B）` },
    {
      key: 'dimensions',
      label: t('evidence.viewer.fields.dimensions'),
      children: width && height ? t('evidence.viewer.dimensionsValue', { width, height }) : none,
    },
    { key: 'exifTakenAt', label: t('evidence.viewer.fields.exifTakenAt'), children: exif?.takenAt ? formatRocDateTime(exif.takenAt) : none },
    { key: 'exifDevice', label: t('evidence.viewer.fields.exifDevice'), children: device || none },
    { key: 'notes', label: t('evidence.viewer.fields.notes'), span: 'filled', children: item.notes ? <span className="pre-wrap">{item.notes}</span> : none },
  ];
  if (item.supersedesId) {
    rows.push({
      key: 'supersedes',
      label: t('evidence.viewer.fields.supersedes'),
      span: 'filled',
      children: <Link to={`/evidence/${item.supersedesId}`}>{item.supersedesId}</Link>,
    });
  }
  return rows;
}
