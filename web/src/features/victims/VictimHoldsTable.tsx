import { Button, Empty, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import type { VictimHold } from './victims.api.ts';

/**
 * Legal holds on a case's victims (the whole case, or one victim): who set each and why, and who
 * cleared it and why. While one is active the retention purge leaves the identities alone.
 */
export function VictimHoldsTable({
  holds,
  maskedNames,
  canHold,
  onClear,
  testId,
}: {
  holds: readonly VictimHold[];
  /** Masked names by victim id, for the "covers" column. */
  maskedNames: ReadonlyMap<string, string>;
  canHold: boolean;
  onClear: (hold: VictimHold) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const none = t('common.none');
  const columns: TableColumnsType<VictimHold> = [
    {
      title: t('victims.holds.covers'),
      key: 'covers',
      width: 150,
      render: (_, h) => (h.victimId === null ? <Tag color="purple">{t('victims.holds.wholeCase')}</Tag> : (maskedNames.get(h.victimId) ?? t('victims.holds.oneVictim'))),
    },
    { title: t('victims.holds.reason'), dataIndex: 'reason', render: (_, h) => <span className="pre-wrap-text">{h.reason}</span> },
    {
      title: t('victims.holds.setBy'),
      key: 'set',
      width: 170,
      render: (_, h) => (
        <Space orientation="vertical" size={0}>
          <span>{h.setBy}</span>
          <Typography.Text type="secondary">{formatRocDateTime(h.setAt)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 260,
      render: (_, h) =>
        h.active ? (
          <Tag color="red">{t('victims.holds.active')}</Tag>
        ) : (
          <Space orientation="vertical" size={0}>
            <Tag>{t('victims.holds.cleared')}</Tag>
            <Typography.Text type="secondary">
              {t('victims.holds.clearedBy', { user: h.clearedBy ?? none, time: h.clearedAt ? formatRocDateTime(h.clearedAt) : none })}
            </Typography.Text>
            {h.clearReason && <Typography.Text type="secondary">{t('victims.holds.clearedReason', { reason: h.clearReason })}</Typography.Text>}
          </Space>
        ),
    },
    ...(canHold
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, h: VictimHold) =>
              h.active ? (
                <Button size="small" danger onClick={() => onClear(h)} data-testid="victim-hold-clear">
                  {t('victims.holds.clear')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Table<VictimHold>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...holds]}
      pagination={false}
      scroll={{ x: 760 }}
      onRow={(h) => ({ 'data-testid': 'victim-hold-row', 'data-active': h.active ? 'true' : 'false', 'data-scope': h.victimId === null ? 'case' : 'victim' }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('victims.holds.none')} /> }}
      data-testid={testId}
    />
  );
}
