import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { metricText } from './evaluation-format.ts';
import type { EvaluatedRow, MetricScore } from './evaluation.api.ts';

/**
 * "How computed": for each figure of one unit, value × points per item = points, the cap when it
 * bit, × weight = contribution; figures the rule set does not score are listed as not scored.
 */
export function ScoreBreakdown({ row, ruleSetVersion }: { row: EvaluatedRow; ruleSetVersion: number }) {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <div className="evaluation-breakdown" data-testid="evaluation-breakdown">
      <Typography.Paragraph type="secondary" className="evaluation-breakdown-intro">
        {t('evaluation.breakdown.intro', { version: ruleSetVersion })}
      </Typography.Paragraph>
      <Table<MetricScore>
        rowKey="metric"
        size="small"
        pagination={false}
        dataSource={row.breakdown}
        onRow={(b) => {
          const attributes: Record<string, string> = { 'data-testid': 'evaluation-breakdown-row', 'data-metric': b.metric };
          return attributes;
        }}
        columns={[
          { title: t('evaluation.breakdown.metric'), dataIndex: 'metric', width: 170, render: (_, b) => t(`evaluation.metrics.${b.metric}`) },
          { title: t('evaluation.breakdown.value'), dataIndex: 'value', width: 80, align: 'right', render: (_, b) => metricText(b.metric, b.value, none) },
          {
            title: t('evaluation.breakdown.computation'),
            key: 'computation',
            render: (_, b) =>
              b.scored ? (
                <span data-testid="evaluation-breakdown-computation">
                  {t('evaluation.breakdown.formula', { value: b.value ?? 0, points: b.pointsPerItem, raw: b.rawPoints })}
                  {b.capped && <Typography.Text type="warning">{t('evaluation.breakdown.capped', { cap: b.cap ?? 0, points: b.points })}</Typography.Text>}
                  {t('evaluation.breakdown.weighted', { weight: b.weight })}
                </span>
              ) : (
                <Typography.Text type="secondary">{t('evaluation.breakdown.notScored')}</Typography.Text>
              ),
          },
          { title: t('evaluation.breakdown.contribution'), dataIndex: 'contribution', width: 80, align: 'right', render: (_, b) => (b.scored ? b.contribution : none) },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={3}>
              {t('evaluation.breakdown.total')}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong data-testid="evaluation-breakdown-total">{row.score}</strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </div>
  );
}
