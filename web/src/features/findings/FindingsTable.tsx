import type { MouseEvent } from 'react';
import { Empty, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { platformName } from './platform-name.ts';
import type { Finding } from './findings.api.ts';
import { TargetCategoryTag } from './TargetCategoryTag.tsx';
import { UrlText } from './UrlText.tsx';
import './findings.css';

const stop = (event: MouseEvent) => event.stopPropagation();

/** The account column: name, then ID (either may be missing). */
function accountLabel(f: Finding): string | null {
  if (f.accountName && f.accountId && f.accountName !== f.accountId) return `${f.accountName}（${f.accountId}）`;
  return f.accountName ?? f.accountId ?? null;
}

/**
 * A dense table of findings: seen time (ROC), platform, account, URL as copyable text, score,
 * target category and case. A row click opens the finding.
 */
export function FindingsTable({
  rows,
  loading,
  empty,
  testId,
}: {
  rows: Finding[];
  loading: boolean;
  empty: string;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const none = t('common.none');

  const columns: TableColumnsType<Finding> = [
    { title: t('findings.columns.seenAt'), dataIndex: 'seenAt', width: 130, render: (_, f) => formatRocDateTime(f.seenAt) },
    { title: t('findings.columns.platform'), key: 'platform', width: 110, ellipsis: true, render: (_, f) => platformName(f.platform, i18n.resolvedLanguage) },
    {
      title: t('findings.columns.account'),
      key: 'account',
      width: 160,
      ellipsis: true,
      render: (_, f) => accountLabel(f) ?? none,
    },
    { title: t('findings.columns.url'), dataIndex: 'url', render: (_, f) => <UrlText url={f.url} testId="finding-row-url" /> },
    {
      title: t('findings.columns.score'),
      dataIndex: 'triageScore',
      width: 70,
      align: 'right',
      render: (_, f) => <Typography.Text strong={f.triageScore > 0}>{f.triageScore}</Typography.Text>,
    },
    { title: t('findings.columns.targetCategory'), dataIndex: 'targetCategory', width: 150, render: (_, f) => <TargetCategoryTag category={f.targetCategory} /> },
    {
      title: t('findings.columns.case'),
      key: 'case',
      width: 130,
      render: (_, f) =>
        f.case ? (
          <Link to={`/cases/${f.case.id}`} onClick={stop} title={f.case.title} data-testid="finding-case-link">
            {f.case.number}
          </Link>
        ) : (
          none
        ),
    },
    {
      title: t('findings.columns.flags'),
      key: 'flags',
      width: 90,
      render: (_, f) => (f.ephemeral ? <Tag color="orange">{t('findings.ephemeralShort')}</Tag> : null),
    },
  ];

  return (
    <Table<Finding>
        rowKey="id"
        size="small"
        className="clickable-rows"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        scroll={{ x: 1100 }}
        onRow={(f) => ({
          onClick: () => void navigate(`/findings/${f.id}`),
          'data-testid': 'finding-row',
          'data-finding-id': f.id,
        })}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
        data-testid={testId}
      />
  );
}
