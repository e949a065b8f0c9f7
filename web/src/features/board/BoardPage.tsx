import { useEffect, useMemo, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { SortOrder as AntSortOrder } from 'antd/es/table/interface';
import { FileExcelOutlined, FileTextOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import { formatRocDate, formatRocDateTime } from '../../lib/roc-date.ts';
import { useUnitName } from '../admin-units/unit-names.ts';
import { CaseStatusTag } from '../cases/CaseStatusTag.tsx';
import { saveBlob } from '../evidence/evidence.api.ts';
import { platformName } from '../findings/platform-name.ts';
import { Art40OutcomeTag } from './Art40OutcomeTag.tsx';
import { BoardFilterBar } from './BoardFilterBar.tsx';
import { BOARD_PAGE_SIZES, BOARD_SORTS, defaultOrder, locationParams, readBoardLocation, type BoardFilters, type BoardSort } from './board-filters.ts';
import { exportBoard, useBoardPage, type BoardItem, type ExportFormat } from './board.api.ts';
import { SavedViews } from './SavedViews.tsx';
import './board.css';

/** Test hooks on each row (antd's row props type lists no data attributes). */
const rowAttributes = (c: BoardItem): HTMLAttributes<HTMLElement> => {
  const attributes: Record<string, string> = { 'data-testid': 'board-row', 'data-case-id': c.id, 'data-case-number': c.number };
  return attributes;
};

const isBoardSort = (key: unknown): key is BoardSort => (BOARD_SORTS as readonly unknown[]).includes(key);

/** 列管看板 (G4.1.1): every case the user may see, filtered, sorted and paged by the server, with saved views and exports. */
export function BoardPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const unitName = useUnitName();
  const [searchParams, setSearchParams] = useSearchParams();
  // The address bar is the source of truth, so back/forward and reload keep the filters.
  const location = useMemo(() => readBoardLocation(searchParams), [searchParams]);
  const { filters, page, pageSize } = location;
  const board = useBoardPage(filters, page, pageSize);
  const none = t('common.none');

  const go = (next: { filters?: BoardFilters; page?: number; pageSize?: number }) =>
    setSearchParams(locationParams({ filters: next.filters ?? filters, page: next.page ?? 1, pageSize: next.pageSize ?? pageSize }));

  // A page past the end (fewer cases than the address expects): show the last page instead.
  const total = board.data?.total;
  useEffect(() => {
    if (total === undefined || board.isPlaceholderData) return;
    const lastPage = Math.max(1, Math.ceil(total / pageSize));
    if (page > lastPage) setSearchParams(locationParams({ filters, page: lastPage, pageSize }), { replace: true });
  }, [total, page, pageSize, filters, board.isPlaceholderData, setSearchParams]);

  const exporting = useMutation({
    mutationFn: (format: ExportFormat) => exportBoard(filters, format),
    onSuccess: (file) => {
      saveBlob(file.blob, file.fileName);
      const count = Number(file.headers.get('x-row-count'));
      if (Number.isFinite(count)) void message.success(t('board.export.done', { count }));
    },
    onError: (error) => void message.error(`${t('board.export.failed')}：${errorText(t, error)}`),
  });

  const sortKey: BoardSort = filters.sort ?? 'createdAt';
  const sortOrder = filters.order ?? defaultOrder(sortKey);
  const sortedBy = (key: BoardSort): AntSortOrder => (key === sortKey ? (sortOrder === 'asc' ? 'ascend' : 'descend') : null);
  const sortable = (key: BoardSort) => ({ key, sorter: true, sortOrder: sortedBy(key), sortDirections: ['ascend', 'descend'] as AntSortOrder[] });
  const now = Date.now();

  const columns: TableColumnsType<BoardItem> = [
    {
      title: t('board.columns.number'),
      dataIndex: 'number',
      width: 140,
      ...sortable('number'),
      render: (_, c) => (
        <Link to={`/cases/${c.id}`} data-testid="board-case-link">
          {c.number}
        </Link>
      ),
    },
    { title: t('board.columns.title'), dataIndex: 'title', ellipsis: { showTitle: true }, render: (_, c) => <span data-testid="board-case-title">{c.title}</span> },
    { title: t('board.columns.unit'), key: 'unit', width: 150, ellipsis: true, render: (_, c) => unitName(c.owningUnit) },
    { title: t('board.columns.platform'), key: 'platform', width: 120, ellipsis: true, render: (_, c) => (c.platform ? platformName(c.platform, i18n.resolvedLanguage) : none) },
    { title: t('board.columns.status'), dataIndex: 'status', width: 100, ...sortable('status'), render: (_, c) => <CaseStatusTag status={c.status} /> },
    { title: t('board.columns.art40'), key: 'art40', width: 150, render: (_, c) => <Art40OutcomeTag outcome={c.art40Outcome} /> },
    {
      title: t('board.columns.serious'),
      dataIndex: 'serious',
      width: 70,
      align: 'center',
      render: (_, c) => (c.serious ? <Tag color="red">{t('board.seriousTag')}</Tag> : none),
    },
    {
      title: t('board.columns.tasks'),
      key: 'tasks',
      width: 100,
      align: 'center',
      render: (_, c) => (
        <span data-testid="board-task-counts">
          {c.openTaskCount}
          {' / '}
          <Typography.Text type={c.overdueTaskCount > 0 ? 'danger' : undefined} className={c.overdueTaskCount > 0 ? 'board-overdue' : undefined}>
            {c.overdueTaskCount}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('board.columns.nextDue'),
      dataIndex: 'nextDueAt',
      width: 140,
      ...sortable('dueNext'),
      render: (_, c) => {
        if (!c.nextDueAt) return none;
        const late = Date.parse(c.nextDueAt) < now;
        return (
          <Typography.Text type={late ? 'danger' : undefined} className={late ? 'board-overdue' : undefined}>
            {formatRocDateTime(c.nextDueAt)}
          </Typography.Text>
        );
      },
    },
    { title: t('board.columns.createdAt'), dataIndex: 'createdAt', width: 110, ...sortable('createdAt'), render: (_, c) => formatRocDate(c.createdAt) },
  ];

  const onTableChange: TableProps<BoardItem>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const one = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = one?.columnKey;
      // Clearing a sort falls back to the server's default: newest first.
      const next: BoardFilters = isBoardSort(key) && one?.order ? { ...filters, sort: key, order: one.order === 'ascend' ? 'asc' : 'desc' } : { ...filters, sort: undefined, order: undefined };
      go({ filters: next });
      return;
    }
    const nextSize = pagination.pageSize ?? pageSize;
    go({ page: nextSize === pageSize ? (pagination.current ?? 1) : 1, pageSize: nextSize });
  };

  return (
    <Card
      title={<h1 className="page-title">{t('board.title')}</h1>}
      extra={
        <Space wrap>
          <Button icon={<FileTextOutlined />} loading={exporting.isPending && exporting.variables === 'csv'} onClick={() => exporting.mutate('csv')} data-testid="board-export-csv">
            {t('board.export.csv')}
          </Button>
          <Button icon={<FileExcelOutlined />} loading={exporting.isPending && exporting.variables === 'xlsx'} onClick={() => exporting.mutate('xlsx')} data-testid="board-export-xlsx">
            {t('board.export.xlsx')}
          </Button>
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void board.refetch()} />
          </Tooltip>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('board.intro')}</Typography.Paragraph>
      <SavedViews filters={filters} onPick={(picked) => go({ filters: picked })} />
      <BoardFilterBar filters={filters} onSearch={(next) => go({ filters: next })} />
      {board.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, board.error)} data-testid="board-error" />}
      <Table<BoardItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={board.data?.items ?? []}
        loading={board.isFetching}
        onChange={onTableChange}
        scroll={{ x: 1250 }}
        onRow={rowAttributes}
        pagination={{
          current: page,
          pageSize,
          total: board.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: BOARD_PAGE_SIZES.map(String),
          showTotal: (count) => <span data-testid="board-total">{t('board.total', { total: count })}</span>,
        }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.empty')} /> }}
        data-testid="board-table"
      />
    </Card>
  );
}
