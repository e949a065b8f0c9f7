import { Alert, Button, Card, Empty, Input, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import { formatRocDate } from '../../lib/roc-date.ts';
import { useUnitName } from '../admin-units/unit-names.ts';
import { CASE_SEARCH_MAX, CASES_LIMIT, useCases, type Case } from './cases.api.ts';
import { CaseStatusTag } from './CaseStatusTag.tsx';
import { Art40OutcomeTag, SeriousTag } from './CaseTags.tsx';
import '../findings/findings.css';

/** 案件: the cases the user may see, newest first, searched by number or title. */
export function CasesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unitName = useUnitName();
  // The search lives in the address bar, so "back" from a case keeps it.
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const cases = useCases(q);
  const rows = cases.data ?? [];

  const columns: TableColumnsType<Case> = [
    {
      title: t('cases.columns.number'),
      dataIndex: 'number',
      width: 140,
      render: (_, c) => (
        <Link to={`/cases/${c.id}`} onClick={(e) => e.stopPropagation()} data-testid="case-number">
          {c.number}
        </Link>
      ),
    },
    { title: t('cases.columns.title'), dataIndex: 'title', ellipsis: true },
    { title: t('cases.columns.status'), dataIndex: 'status', width: 100, render: (_, c) => <CaseStatusTag status={c.status} /> },
    {
      title: t('cases.columns.art40'),
      key: 'art40',
      width: 170,
      render: (_, c) => (
        <Space size={4} wrap>
          {c.art40Outcome ? <Art40OutcomeTag outcome={c.art40Outcome} /> : <Typography.Text type="secondary">{t('cases.overview.art40Pending')}</Typography.Text>}
          {c.serious && <SeriousTag />}
        </Space>
      ),
    },
    { title: t('cases.columns.owningUnit'), key: 'unit', width: 180, ellipsis: true, render: (_, c) => unitName(c.owningUnit) },
    { title: t('cases.columns.createdAt'), dataIndex: 'createdAt', width: 110, render: (_, c) => formatRocDate(c.createdAt) },
    { title: t('cases.columns.updatedAt'), dataIndex: 'updatedAt', width: 110, render: (_, c) => formatRocDate(c.updatedAt) },
  ];

  return (
    <Card
      title={<h1 className="page-title">{t('cases.list.title')}</h1>}
      extra={
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void cases.refetch()} />
        </Tooltip>
      }
    >
      <Typography.Paragraph type="secondary">{t('cases.list.intro')}</Typography.Paragraph>
      <Space wrap className="toolbar">
        <Input.Search
          key={q}
          className="toolbar-search"
          allowClear
          defaultValue={q}
          maxLength={CASE_SEARCH_MAX}
          placeholder={t('cases.list.searchPlaceholder')}
          aria-label={t('cases.list.searchPlaceholder')}
          enterButton={t('common.search')}
          onSearch={(value) => setSearchParams(value.trim() ? { q: value.trim() } : {})}
          data-testid="cases-search"
        />
      </Space>
      {cases.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, cases.error)} />}
      <Table<Case>
        rowKey="id"
        size="small"
        className="clickable-rows"
        columns={columns}
        dataSource={rows}
        loading={cases.isFetching}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 1070 }}
        onRow={(c) => ({ onClick: () => void navigate(`/cases/${c.id}`) })}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q ? t('cases.list.noMatch') : t('cases.list.empty')} /> }}
        data-testid="cases-table"
      />
      {rows.length >= CASES_LIMIT && (
        <Typography.Paragraph type="secondary" className="block-top-gap">
          {t('cases.list.limited', { count: CASES_LIMIT })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
