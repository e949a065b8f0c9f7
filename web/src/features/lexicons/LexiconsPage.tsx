import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Input, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, HistoryOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { useUnitName } from '../admin-units/unit-names.ts';
import { useUnits } from '../admin-units/units.api.ts';
import { useSession } from '../auth/session.ts';
import { saveBlob } from '../evidence/evidence.api.ts';
import { canCreateLexicon, canEditLexicon } from './lexicon-rights.ts';
import {
  LEXICON_CATEGORIES,
  LEXICON_SCOPES,
  LEXICONS_KEY,
  exportLexiconCsv,
  lexiconDetailKey,
  useLexicon,
  useLexicons,
  type LexiconCategory,
  type LexiconDetail,
  type LexiconEntry,
  type LexiconSummary,
} from './lexicons.api.ts';
import { LexiconCategoryTag } from './LexiconCategoryTag.tsx';
import { LexiconCreateModal } from './LexiconCreateModal.tsx';
import { LexiconHistoryModal } from './LexiconHistoryModal.tsx';
import { LexiconImportModal } from './LexiconImportModal.tsx';
import '../findings/findings.css';

type Dialog = 'create' | 'import' | 'history' | null;

/** Department lists first, then by name. */
const byScopeThenName = (a: LexiconSummary, b: LexiconSummary) => (a.scope === b.scope ? a.name.localeCompare(b.name) : a.scope === 'department' ? -1 : 1);

/** 關鍵字清單 (G6.1 toolkit): the lists, one list's entries, and the actions the user's roles allow. */
export function LexiconsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const unitName = useUnitName();
  const session = useSession();
  const units = useUnits();
  const user = session.data?.user ?? null;
  const roles = user?.roles ?? [];
  const [searchParams, setSearchParams] = useSearchParams();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [filterText, setFilterText] = useState('');
  const [filterCategory, setFilterCategory] = useState<LexiconCategory | undefined>();

  const lexicons = useLexicons();
  const list = useMemo(() => [...(lexicons.data ?? [])].sort(byScopeThenName), [lexicons.data]);
  // The chosen list lives in the address; without one, the first (department) list is shown.
  const selectedId = searchParams.get('id') ?? list[0]?.id ?? null;
  const detail = useLexicon(selectedId);
  const selected = detail.data?.lexicon ?? list.find((l) => l.id === selectedId) ?? null;

  const unitByCode = useMemo(() => new Map((units.data ?? []).map((u) => [u.code, u])), [units.data]);
  const unitLabel = (code: string | null) => {
    if (!code) return t('lexicons.scopes.department');
    const unit = unitByCode.get(code);
    return unit ? unitName(unit) : code;
  };
  const creatableScopes = LEXICON_SCOPES.filter((scope) => canCreateLexicon(roles, scope));
  const canEdit = user !== null && selected !== null && canEditLexicon({ roles, unitId: user.unit.id }, selected, units.data ?? []);

  const select = (id: string) => {
    setFilterText('');
    setFilterCategory(undefined);
    setSearchParams({ id });
  };

  const refreshAfterChange = (changed: LexiconDetail) => {
    queryClient.setQueryData(lexiconDetailKey(changed.lexicon.id), changed);
    void queryClient.invalidateQueries({ queryKey: LEXICONS_KEY });
  };

  const exporting = useMutation({
    mutationFn: (id: string) => exportLexiconCsv(id),
    onSuccess: (file) => saveBlob(file.blob, file.fileName),
    onError: (error) => void message.error(errorText(t, error)),
  });

  const entries = useMemo(() => {
    const needle = filterText.trim().toLowerCase();
    return (detail.data?.entries ?? []).filter(
      (e) => (!filterCategory || e.category === filterCategory) && (!needle || e.term.toLowerCase().includes(needle) || e.note.toLowerCase().includes(needle)),
    );
  }, [detail.data, filterText, filterCategory]);

  const listColumns: TableColumnsType<LexiconSummary> = [
    { title: t('lexicons.columns.name'), dataIndex: 'name', ellipsis: true },
    {
      title: t('lexicons.columns.scope'),
      key: 'scope',
      width: 130,
      ellipsis: true,
      render: (_, l) => (l.scope === 'department' ? <Tag color="blue">{t('lexicons.scopes.department')}</Tag> : unitLabel(l.unitCode)),
    },
    { title: t('lexicons.columns.version'), dataIndex: 'version', width: 60, align: 'right' },
    { title: t('lexicons.columns.entryCount'), dataIndex: 'entryCount', width: 70, align: 'right' },
  ];

  const entryColumns: TableColumnsType<LexiconEntry> = [
    { title: t('lexicons.columns.term'), dataIndex: 'term', width: 180, render: (_, e) => <span data-testid="lexicon-term">{e.term}</span> },
    { title: t('lexicons.columns.category'), dataIndex: 'category', width: 130, render: (_, e) => <LexiconCategoryTag category={e.category} /> },
    { title: t('lexicons.columns.weight'), dataIndex: 'weight', width: 80, align: 'right', sorter: (a, b) => a.weight - b.weight },
    { title: t('lexicons.columns.note'), dataIndex: 'note', ellipsis: true, render: (_, e) => e.note || t('common.none') },
  ];

  return (
    <Row gutter={[16, 16]} className="lexicon-layout">
      <Col xs={24} xl={9}>
        <Card
          title={<h1 className="page-title">{t('lexicons.title')}</h1>}
          extra={
            <Space size={4}>
              {creatableScopes.length > 0 && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')} data-testid="lexicon-create">
                  {t('lexicons.create.button')}
                </Button>
              )}
              <Tooltip title={t('common.refresh')}>
                <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void queryClient.invalidateQueries({ queryKey: LEXICONS_KEY })} />
              </Tooltip>
            </Space>
          }
        >
          <Typography.Paragraph type="secondary">{t('lexicons.intro')}</Typography.Paragraph>
          {lexicons.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, lexicons.error)} />}
          <Table<LexiconSummary>
            rowKey="id"
            size="small"
            className="clickable-rows"
            columns={listColumns}
            dataSource={list}
            loading={lexicons.isPending}
            pagination={false}
            rowSelection={{ type: 'radio', selectedRowKeys: selectedId ? [selectedId] : [], columnWidth: 32, onChange: (keys) => keys[0] && select(String(keys[0])) }}
            onRow={(l) => ({ onClick: () => select(l.id) })}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lexicons.empty')} /> }}
            data-testid="lexicons-table"
          />
        </Card>
      </Col>
      <Col xs={24} xl={15}>
        <Card
          title={<h2 className="card-title">{selected ? selected.name : t('lexicons.entries.title')}</h2>}
          data-testid="lexicon-detail"
          extra={
            selected && (
              <Space size={4} wrap>
                {canEdit && (
                  <Button icon={<UploadOutlined />} onClick={() => setDialog('import')} data-testid="lexicon-import">
                    {t('lexicons.actions.import')}
                  </Button>
                )}
                <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate(selected.id)} data-testid="lexicon-export">
                  {t('lexicons.actions.export')}
                </Button>
                <Button icon={<HistoryOutlined />} onClick={() => setDialog('history')} data-testid="lexicon-history-button">
                  {t('lexicons.actions.history')}
                </Button>
              </Space>
            )
          }
        >
          {!selected && !lexicons.isPending && <Empty description={t('lexicons.entries.choose')} />}
          {selected && (
            <>
              <Space size={12} wrap className="block-gap">
                <Typography.Text type="secondary">
                  {t('lexicons.entries.meta', { version: selected.version, count: selected.entryCount, time: formatRocDateTime(selected.updatedAt) })}
                </Typography.Text>
                {!canEdit && <Tag>{t('lexicons.entries.readOnly')}</Tag>}
              </Space>
              {detail.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, detail.error)} />}
              <Space wrap className="toolbar">
                <Input.Search
                  allowClear
                  className="toolbar-search"
                  placeholder={t('lexicons.entries.filterPlaceholder')}
                  aria-label={t('lexicons.entries.filterPlaceholder')}
                  value={filterText}
                  onChange={(e) => setFilterText(e.target.value)}
                  data-testid="lexicon-entry-filter"
                />
                <Select
                  allowClear
                  className="filter-select-wide"
                  placeholder={t('lexicons.entries.allCategories')}
                  value={filterCategory}
                  onChange={setFilterCategory}
                  options={LEXICON_CATEGORIES.map((c) => ({ value: c, label: t(`lexicons.categories.${c}`) }))}
                  aria-label={t('lexicons.columns.category')}
                />
                <Typography.Text type="secondary">{t('lexicons.entries.shown', { shown: entries.length, total: detail.data?.entries.length ?? 0 })}</Typography.Text>
              </Space>
              <Table<LexiconEntry>
                rowKey="term"
                size="small"
                columns={entryColumns}
                dataSource={entries}
                loading={detail.isPending}
                pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
                scroll={{ x: 600 }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lexicons.entries.empty')} /> }}
                data-testid="lexicon-entries"
              />
            </>
          )}
        </Card>
      </Col>

      {dialog === 'create' && (
        <LexiconCreateModal
          scopes={creatableScopes}
          onClose={() => setDialog(null)}
          onCreated={(created) => {
            refreshAfterChange(created);
            setDialog(null);
            select(created.lexicon.id);
            void message.success(t('lexicons.create.done'));
          }}
        />
      )}
      {dialog === 'import' && selected && (
        <LexiconImportModal
          lexicon={selected}
          onClose={() => setDialog(null)}
          onImported={(updated) => {
            refreshAfterChange(updated);
            setDialog(null);
            void message.success(t('lexicons.import.done', { version: updated.lexicon.version, count: updated.entries.length }));
          }}
        />
      )}
      {dialog === 'history' && selected && <LexiconHistoryModal lexicon={selected} onClose={() => setDialog(null)} />}
    </Row>
  );
}
