import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { CaseErrorAlert } from '../cases/CaseParts.tsx';
import type { CaseDetail } from '../cases/cases.api.ts';
import { AddVictimDialog, ClearHoldDialog, HoldDialog } from './VictimDialogs.tsx';
import { VictimDetailDrawer } from './VictimDetailDrawer.tsx';
import { VictimHoldsTable } from './VictimHoldsTable.tsx';
import { AgeTag } from './VictimParts.tsx';
import { formatRocDay } from './victim-format.ts';
import { useCaseVictims, type VictimHold, type VictimSummary } from './victims.api.ts';
import './victims.css';

type Dialog = { kind: 'add' } | { kind: 'caseHold' } | { kind: 'clearHold'; hold: VictimHold };

/**
 * 被害人 (G5.3, G6.3.6): the case's victims, masked in the list (王O明, A12****789), minor or adult
 * by the age on the incident date; one opens in a drawer (kept in the address as `victim=`). Legal
 * holds on the case's victims are listed and, for the WCPD and the case's supervisors, set and
 * cleared with a reason.
 */
export function CaseVictimsTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const caseId = detail.case.id;
  const victims = useCaseVictims(caseId);
  const [searchParams, setSearchParams] = useSearchParams();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const openVictim = searchParams.get('victim');
  const close = () => setDialog(null);
  const none = t('common.none');

  const setOpenVictim = (id: string | null) =>
    setSearchParams(
      (params) => {
        const next = new URLSearchParams(params);
        if (id) next.set('victim', id);
        else next.delete('victim');
        return next;
      },
      { replace: true },
    );

  const data = victims.data;
  const can = data?.can;
  const maskedNames = new Map((data?.items ?? []).map((v) => [v.id, v.maskedName]));
  const caseHoldActive = (data?.holds ?? []).some((h) => h.victimId === null && h.active);

  const columns: TableColumnsType<VictimSummary> = [
    {
      title: t('victims.fields.maskedName'),
      dataIndex: 'maskedName',
      width: 120,
      render: (_, v) => (
        <Button type="link" className="victim-name-link" onClick={() => setOpenVictim(v.id)} data-testid="victim-open">
          <span data-testid="victim-masked-name">{v.maskedName}</span>
        </Button>
      ),
    },
    { title: t('victims.fields.maskedNationalId'), dataIndex: 'maskedNationalId', width: 130, render: (_, v) => <span data-testid="victim-masked-id">{v.maskedNationalId ?? none}</span> },
    { title: t('victims.fields.age'), key: 'age', width: 130, render: (_, v) => <AgeTag victim={v} /> },
    { title: t('victims.fields.incidentDate'), dataIndex: 'incidentDate', width: 100, render: (_, v) => formatRocDay(v.incidentDate) },
    { title: t('victims.fields.sex'), dataIndex: 'sex', width: 70, render: (_, v) => (v.sex ? t(`victims.sexes.${v.sex}`) : none) },
    {
      title: t('victims.list.sipc'),
      key: 'sipc',
      width: 170,
      render: (_, v) =>
        v.sipc.filed === 0 ? (
          <Typography.Text type="secondary">{t('victims.list.sipcNone')}</Typography.Text>
        ) : (
          <Space size={4} wrap>
            <Tag>{t('victims.list.sipcFiled', { count: v.sipc.filed })}</Tag>
            {v.sipc.open > 0 && <Tag color="blue">{t('victims.list.sipcOpen', { count: v.sipc.open })}</Tag>}
            {v.sipc.overdue > 0 && <Tag color="red">{t('victims.list.sipcOverdue', { count: v.sipc.overdue })}</Tag>}
          </Space>
        ),
    },
    {
      title: t('victims.fields.createdBy'),
      key: 'created',
      width: 150,
      render: (_, v) => (
        <Space orientation="vertical" size={0}>
          <span>{v.createdBy}</span>
          <Typography.Text type="secondary">{formatRocDateTime(v.createdAt)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, v) => (
        <Button size="small" onClick={() => setOpenVictim(v.id)}>
          {t('victims.list.open')}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} className="finding-detail" data-testid="victims-tab">
      <Alert type="info" showIcon title={t('victims.confidential')} />
      {can && (can.create || !can.seeIdentity) && (
        <Space wrap className="toolbar">
          {can.create && (
            <Button type="primary" onClick={() => setDialog({ kind: 'add' })} data-testid="victim-add">
              {t('victims.add')}
            </Button>
          )}
          {!can.seeIdentity && (
            <Typography.Text type="secondary" data-testid="victims-no-identity-rights">
              {t('victims.noIdentityRights')}
            </Typography.Text>
          )}
        </Space>
      )}
      {victims.isError && <CaseErrorAlert error={victims.error} testId="victims-error" />}
      <Table<VictimSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={victims.isFetching}
        pagination={false}
        scroll={{ x: 960 }}
        onRow={(v) => ({ 'data-testid': 'victim-row', 'data-victim-id': v.id, 'data-minor': v.isMinor ? 'true' : 'false' }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('victims.list.none')} /> }}
        data-testid="case-victims"
      />

      <Card
        size="small"
        title={t('victims.holds.title')}
        extra={
          can?.hold &&
          !caseHoldActive && (
            <Button onClick={() => setDialog({ kind: 'caseHold' })} data-testid="victim-case-hold-set">
              {t('victims.holds.setCase')}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('victims.holds.intro')}</Typography.Paragraph>
        <VictimHoldsTable
          holds={data?.holds ?? []}
          maskedNames={maskedNames}
          canHold={can?.hold ?? false}
          onClear={(hold) => setDialog({ kind: 'clearHold', hold })}
          testId="case-victim-holds"
        />
      </Card>

      {dialog?.kind === 'add' && <AddVictimDialog caseId={caseId} onClose={close} onCreated={(victim) => setOpenVictim(victim.id)} />}
      {dialog?.kind === 'caseHold' && <HoldDialog caseId={caseId} victim={null} onClose={close} />}
      {dialog?.kind === 'clearHold' && <ClearHoldDialog caseId={caseId} hold={dialog.hold} onClose={close} />}
      {openVictim && <VictimDetailDrawer caseDetail={detail} victimId={openVictim} onClose={() => setOpenVictim(null)} />}
    </Space>
  );
}
