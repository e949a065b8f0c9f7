import { Alert, Empty, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { usePatrolFindings, type Finding, type TargetCategory } from './patrol.api.ts';
import { nameIn } from './patrol-format.ts';
import { scoreColor } from './TriagePanel.tsx';

const CATEGORY_COLOR: Record<TargetCategory, string> = {
  unassessed: 'default',
  art2_1_1: 'red',
  art2_1_2: 'red',
  art2_1_3: 'red',
  harmful: 'orange',
  not_target: 'green',
};

/** 本次巡查的發現: the findings first recorded in this patrol, newest first; each opens its page. */
export function PatrolFindingsTable({ patrolId }: { patrolId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'zh-TW';
  const findings = usePatrolFindings(patrolId);
  const none = t('common.none');

  const columns: TableColumnsType<Finding> = [
    {
      title: t('patrol.findings.columns.url'),
      dataIndex: 'url',
      ellipsis: true,
      render: (_, f) => (
        <Link to={`/findings/${f.id}`} title={f.url} data-testid="patrol-finding-open">
          {f.url}
        </Link>
      ),
    },
    { title: t('patrol.findings.columns.platform'), dataIndex: 'platform', width: 130, ellipsis: true, render: (_, f) => nameIn(language, f.platform) },
    {
      title: t('patrol.findings.columns.account'),
      key: 'account',
      width: 180,
      ellipsis: true,
      render: (_, f) => {
        const parts = [f.accountName, f.accountId ? `(${f.accountId})` : null].filter(Boolean);
        return parts.length > 0 ? parts.join(' ') : none;
      },
    },
    {
      title: t('patrol.findings.columns.score'),
      dataIndex: 'triageScore',
      width: 80,
      align: 'right',
      render: (_, f) => <Tag color={scoreColor(f.triageScore)}>{f.triageScore}</Tag>,
    },
    {
      title: t('patrol.findings.columns.category'),
      dataIndex: 'targetCategory',
      width: 150,
      render: (_, f) => (
        <Tooltip title={t(`patrol.categories.${f.targetCategory}`)}>
          <Tag color={CATEGORY_COLOR[f.targetCategory]}>{t(`patrol.categoriesShort.${f.targetCategory}`)}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('patrol.findings.columns.seenAt'),
      dataIndex: 'seenAt',
      width: 140,
      render: (_, f) => (
        <>
          {formatRocDateTime(f.seenAt)}
          {f.ephemeral && (
            <Tag className="patrol-inline-tag" color="orange">
              {t('patrol.findings.ephemeral')}
            </Tag>
          )}
        </>
      ),
    },
  ];

  return (
    <>
      {findings.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, findings.error)} />}
      <Table<Finding>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={findings.data ?? []}
        loading={findings.isPending}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('patrol.findings.empty')} /> }}
        data-testid="patrol-findings-table"
      />
    </>
  );
}
