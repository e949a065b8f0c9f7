import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { CloudUploadOutlined, ExportOutlined, EyeOutlined, GlobalOutlined, MessageOutlined, ReloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { useUnits } from '../admin-units/units.api.ts';
import { useUnitName } from '../admin-units/unit-names.ts';
import {
  EVIDENCE_LIST_KEY,
  EVIDENCE_PAGE_SIZE,
  EXPORT_MAX_ITEMS,
  REASON_MIN_LENGTH,
  exportEvidence,
  listEvidence,
  saveBlob,
  type EvidenceItem,
} from './evidence.api.ts';
import { formatBytes, mergePages, nextBefore } from './evidence-format.ts';
import { EphemeralTag, KindTag } from './EvidenceTags.tsx';
import { HashText } from './HashText.tsx';
import { ReasonModal } from './ReasonModal.tsx';
import './evidence.css';

interface ExportResult {
  fileName: string;
  manifestSha256: string;
  count: number;
}

/** The outcome of the last export: the package's name and its manifest hash, to be written down. */
function ExportResultAlert({ result, onClose }: { result: ExportResult; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      className="block-gap evidence-export-result"
      type="success"
      showIcon
      closable={{ onClose }}
      data-testid="export-result"
      title={t('evidence.export.successTitle', { fileName: result.fileName })}
      description={
        <>
          <div>
            <Typography.Text strong>{t('evidence.export.manifestSha256')}</Typography.Text>
          </div>
          <HashText value={result.manifestSha256} full testId="export-manifest-sha256" />
          <div>
            <Typography.Text type="secondary">{t('evidence.export.successHint')}</Typography.Text>
          </div>
        </>
      }
    />
  );
}

/** 證據清單: the sealed items the user may see, newest first, loaded page by page. */
export function EvidenceListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const unitName = useUnitName();
  const units = useUnits();
  const unitByCode = useMemo(() => new Map((units.data ?? []).map((u) => [u.code, u])), [units.data]);
  const none = t('common.none');

  const evidence = useInfiniteQuery({
    queryKey: EVIDENCE_LIST_KEY,
    queryFn: ({ pageParam, signal }) => listEvidence(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last, _all, lastParam) => nextBefore(last, EVIDENCE_PAGE_SIZE, lastParam),
  });
  const rows = useMemo(() => mergePages(evidence.data?.pages ?? []), [evidence.data]);

  // Selection for an export package; kept across "load more" and refreshes.
  const [selected, setSelected] = useState<string[]>([]);
  const [asking, setAsking] = useState(false);
  const [exported, setExported] = useState<ExportResult | null>(null);
  const tooMany = selected.length > EXPORT_MAX_ITEMS;

  const exporting = useMutation({
    mutationFn: ({ itemIds, reason }: { itemIds: string[]; reason: string }) => exportEvidence(itemIds, reason),
    onSuccess: (pkg, { itemIds }) => {
      saveBlob(pkg.blob, pkg.fileName);
      setExported({ fileName: pkg.fileName, manifestSha256: pkg.manifestSha256, count: itemIds.length });
      setAsking(false);
      void message.success(t('evidence.export.success'));
    },
  });

  const rowSelection: TableProps<EvidenceItem>['rowSelection'] = {
    selectedRowKeys: selected,
    preserveSelectedRowKeys: true,
    columnWidth: 40,
    fixed: 'start',
    onChange: (keys) => setSelected(keys.map(String)),
    getCheckboxProps: (e) => ({ 'aria-label': e.originalFilename ?? e.sourceUrl ?? e.id }),
  };

  const columns: TableColumnsType<EvidenceItem> = [
    { title: t('evidence.list.columns.kind'), dataIndex: 'kind', width: 100, render: (_, e) => <KindTag kind={e.kind} /> },
    {
      title: t('evidence.list.columns.item'),
      key: 'item',
      render: (_, e) => {
        const label = e.originalFilename ?? e.sourceUrl ?? e.id;
        return (
          <Link to={`/evidence/${e.id}`} className="evidence-cell-name" title={label} data-testid="evidence-open">
            {label}
          </Link>
        );
      },
    },
    { title: t('evidence.list.columns.capturedAt'), dataIndex: 'capturedAt', width: 130, render: (_, e) => formatRocDateTime(e.capturedAt) },
    { title: t('evidence.list.columns.recordedAt'), dataIndex: 'recordedAt', width: 130, render: (_, e) => formatRocDateTime(e.recordedAt) },
    { title: t('evidence.list.columns.platform'), dataIndex: 'platform', width: 120, ellipsis: true, render: (_, e) => e.platform ?? none },
    { title: t('evidence.list.columns.size'), dataIndex: 'sizeBytes', width: 90, align: 'right', render: (_, e) => formatBytes(e.sizeBytes) },
    {
      title: t('evidence.list.columns.sha256'),
      dataIndex: 'sha256',
      width: 200,
      render: (_, e) => <HashText value={e.sha256} testId="evidence-sha256" />,
    },
    {
      title: t('evidence.list.columns.ephemeral'),
      dataIndex: 'ephemeral',
      width: 130,
      render: (_, e) => (e.ephemeral ? <EphemeralTag /> : none),
    },
    {
      title: t('evidence.list.columns.unit'),
      dataIndex: 'owningUnitCode',
      width: 140,
      render: (_, e) => {
        const unit = unitByCode.get(e.owningUnitCode);
        return unit ? <span title={e.owningUnitCode}>{unitName(unit)}</span> : e.owningUnitCode;
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      fixed: 'end',
      render: (_, e) => (
        <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => void navigate(`/evidence/${e.id}`)}>
          {t('evidence.list.open')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={<h1 className="page-title">{t('evidence.list.title')}</h1>}
      extra={
        <Space wrap>
          <Button type="primary" icon={<CloudUploadOutlined />} data-testid="evidence-upload-link" onClick={() => void navigate('/evidence/upload')}>
            {t('evidence.list.upload')}
          </Button>
          <Button icon={<GlobalOutlined />} data-testid="evidence-capture-link" onClick={() => void navigate('/evidence/capture')}>
            {t('evidence.list.capture')}
          </Button>
          <Button icon={<MessageOutlined />} data-testid="evidence-chat-import-link" onClick={() => void navigate('/evidence/chat-import')}>
            {t('evidence.list.chatImport')}
          </Button>
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void evidence.refetch()} />
          </Tooltip>
        </Space>
      }
    >
      {evidence.isError && (
        <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, evidence.error)} />
      )}
      {exported && <ExportResultAlert result={exported} onClose={() => setExported(null)} />}
      <div className="evidence-selection-bar block-gap">
        <Button
          icon={<ExportOutlined />}
          disabled={selected.length === 0 || tooMany}
          onClick={() => {
            exporting.reset();
            setAsking(true);
          }}
          data-testid="evidence-export"
        >
          {t('evidence.list.export')}
        </Button>
        {selected.length > 0 && (
          <>
            <Typography.Text data-testid="evidence-selected-count">{t('evidence.list.selected', { count: selected.length })}</Typography.Text>
            <Button type="link" size="small" onClick={() => setSelected([])}>
              {t('evidence.list.clearSelection')}
            </Button>
          </>
        )}
        {tooMany && <Typography.Text type="danger">{t('evidence.list.tooManySelected', { max: EXPORT_MAX_ITEMS })}</Typography.Text>}
      </div>
      <Table<EvidenceItem>
        rowKey="id"
        size="small"
        rowSelection={rowSelection}
        columns={columns}
        dataSource={rows}
        loading={evidence.isPending || (evidence.isRefetching && !evidence.isFetchingNextPage)}
        pagination={false}
        scroll={{ x: 1400 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evidence.list.empty')} /> }}
        data-testid="evidence-table"
      />
      <div className="load-more">
        <Typography.Text type="secondary">{t('common.loadedCount', { count: rows.length })}</Typography.Text>
        {evidence.hasNextPage ? (
          <Button onClick={() => void evidence.fetchNextPage()} loading={evidence.isFetchingNextPage} data-testid="evidence-load-more">
            {t('common.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
        )}
      </div>

      {asking && (
        <ReasonModal
          title={t('evidence.export.title', { count: selected.length })}
          okText={t('evidence.export.ok')}
          prompt={t('evidence.export.prompt', { min: REASON_MIN_LENGTH })}
          notice={<span data-testid="export-notice">{t('evidence.export.notice')}</span>}
          confirmLoading={exporting.isPending}
          error={exporting.isError ? errorText(t, exporting.error) : undefined}
          onCancel={() => {
            // The package is being built and recorded: let it finish and be saved.
            if (!exporting.isPending) setAsking(false);
          }}
          onSubmit={(reason) => exporting.mutate({ itemIds: selected, reason })}
        />
      )}
    </Card>
  );
}
