import { Empty, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LexiconCategory } from '../lexicons/lexicons.api.ts';
import { LexiconCategoryTag } from '../lexicons/LexiconCategoryTag.tsx';
import { tallyTerms, type TermTally } from './highlight.ts';
import type { TriageMatch } from './findings.api.ts';

/**
 * Why a text scored what it did: each distinct term found, its category, the weight it adds (once,
 * however often it occurs) and how often it occurs.
 */
export function TriageTerms({ matches, testId }: { matches: readonly TriageMatch[]; testId?: string }) {
  const { t } = useTranslation();
  const rows = tallyTerms(matches);
  const columns: TableColumnsType<TermTally<LexiconCategory>> = [
    { title: t('findings.triage.term'), dataIndex: 'term', render: (_, r) => <mark>{r.term}</mark> },
    { title: t('findings.triage.category'), dataIndex: 'category', width: 130, render: (_, r) => <LexiconCategoryTag category={r.category} /> },
    { title: t('findings.triage.weight'), dataIndex: 'weight', width: 80, align: 'right' },
    { title: t('findings.triage.occurrences'), dataIndex: 'occurrences', width: 90, align: 'right' },
  ];
  return (
    <Table<TermTally<LexiconCategory>>
      rowKey="term"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('findings.triage.noTerms')} /> }}
      data-testid={testId}
    />
  );
}
