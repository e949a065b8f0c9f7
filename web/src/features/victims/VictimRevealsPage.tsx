import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { useVictimReveals, type VictimReveal } from './victims.api.ts';

/**
 * 被害人身分檢視紀錄 (G6.3.6), for auditors: who revealed or printed which victim's identity, when
 * and why — newest first, paged back by the audit sequence. Only masked names are listed; reading
 * the list is itself audited by the server.
 */
export function VictimRevealsPage() {
  const { t } = useTranslation();
  const reveals = useVictimReveals();
  const rows = reveals.data?.pages.flat() ?? [];
  const none = t('common.none');

  const columns: TableColumnsType<VictimReveal> = [
    { title: t('victims.reveals.seq'), dataIndex: 'seq', width: 80 },
    { title: t('victims.reveals.occurredAt'), dataIndex: 'occurredAt', width: 130, render: (_, r) => formatRocDateTime(r.occurredAt) },
    { title: t('victims.reveals.actor'), dataIndex: 'actorUsername', width: 140, render: (_, r) => <span data-testid="victim-reveal-actor">{r.actorUsername ?? none}</span> },
    { title: t('victims.reveals.unit'), dataIndex: 'actorUnitCode', width: 90, render: (_, r) => r.actorUnitCode ?? none },
    {
      title: t('victims.reveals.action'),
      dataIndex: 'action',
      width: 150,
      render: (_, r) => (
        <Tag color={r.action === 'victim.reveal' ? 'blue' : 'volcano'} data-testid="victim-reveal-action" data-action={r.action}>
          {t(r.action === 'victim.reveal' ? 'victims.reveals.actions.reveal' : 'victims.reveals.actions.export')}
        </Tag>
      ),
    },
    { title: t('victims.reveals.caseNumber'), dataIndex: 'caseNumber', width: 130, render: (_, r) => <span data-testid="victim-reveal-case">{r.caseNumber}</span> },
    { title: t('victims.reveals.victim'), dataIndex: 'maskedName', width: 110, render: (_, r) => <span data-testid="victim-reveal-masked">{r.maskedName}</span> },
    {
      title: t('victims.reveals.reason'),
      dataIndex: 'reason',
      render: (_, r) => (
        <span className="pre-wrap-text" data-testid="victim-reveal-reason">
          {r.reason ?? none}
        </span>
      ),
    },
  ];

  return (
    <Card title={<h1 className="page-title">{t('victims.reveals.title')}</h1>}>
      <Typography.Paragraph type="secondary">{t('victims.reveals.intro')}</Typography.Paragraph>
      {reveals.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, reveals.error)} />}
      <Table<VictimReveal>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={reveals.isPending}
        pagination={false}
        scroll={{ x: 1100 }}
        onRow={(r) => ({ 'data-testid': 'victim-reveal-row', 'data-victim-id': r.victimId, 'data-action': r.action }) as HTMLAttributes<HTMLElement>}
        data-testid="victim-reveals-table"
      />
      <div className="load-more">
        <Typography.Text type="secondary">{t('common.loadedCount', { count: rows.length })}</Typography.Text>
        {reveals.hasNextPage ? (
          <Button onClick={() => void reveals.fetchNextPage()} loading={reveals.isFetchingNextPage} data-testid="victim-reveals-load-more">
            {t('common.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
        )}
      </div>
    </Card>
  );
}
