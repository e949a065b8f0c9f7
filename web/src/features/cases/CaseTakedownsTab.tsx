import { useState, type HTMLAttributes } from 'react';
import { Button, Card, Empty, Form, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { platformName } from '../findings/platform-name.ts';
import { UrlText } from '../findings/UrlText.tsx';
import { ClockCell, TakedownStateTag, useServerNow } from '../takedowns/TakedownParts.tsx';
import { TAKEDOWN_LISTS_KEY, openTakedown, takedownDetailKey, useTakedowns, type Target, type TargetDetail } from '../takedowns/takedowns.api.ts';
import { CaseErrorAlert, CaseFormModal } from './CaseParts.tsx';
import { isCaseWritable } from './case-format.ts';
import type { Finding } from '../findings/findings.api.ts';
import type { CaseDetail } from './cases.api.ts';
import '../takedowns/takedowns.css';

/** The case's findings without a target yet (one target per URL: a finding whose URL has one is left out). */
function findingsWithoutTarget(detail: CaseDetail, targets: readonly Target[]): Finding[] {
  const taken = new Set(targets.flatMap((target) => [target.findingId ?? '', target.url]));
  return detail.findings.filter((f) => !taken.has(f.id) && !taken.has(f.url));
}

/** Opens the takedown target of one of the case's findings that has none yet, then shows it. */
function CreateTargetDialog({ caseId, free, onClose }: { caseId: string; free: readonly Finding[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <CaseFormModal<{ findingId: string }>
      title={t('takedowns.caseTab.createTitle')}
      okText={t('takedowns.caseTab.createOk')}
      intro={t('takedowns.caseTab.createIntro')}
      testId="case-takedown-create"
      width={720}
      initialValues={free.length === 1 ? { findingId: free[0]?.id } : {}}
      fields={['findingId']}
      onClose={onClose}
      submit={(v) => openTakedown(caseId, v.findingId)}
      onDone={(answer) => {
        const created = answer as TargetDetail;
        queryClient.setQueryData(takedownDetailKey(created.id), created);
        void queryClient.invalidateQueries({ queryKey: TAKEDOWN_LISTS_KEY });
        void navigate(`/takedowns/${created.id}`);
      }}
    >
      <Form.Item name="findingId" label={t('takedowns.caseTab.finding')} rules={[{ required: true, message: t('takedowns.caseTab.findingRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('takedowns.caseTab.findingPlaceholder')}
            options={free.map((f) => ({ value: f.id, label: `${formatRocDateTime(f.seenAt)}｜${platformName(f.platform, i18n.resolvedLanguage)}｜${f.url}` }))}
            data-testid="case-takedown-create-finding"
          />
        </Form.Item>
    </CaseFormModal>
  );
}

/** 下架: the case's takedown targets with their state and 24-hour clock; opens a target for a finding. */
export function CaseTakedownsTab({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const c = detail.case;
  const targets = useTakedowns({ caseId: c.id });
  const now = useServerNow(1000);
  const [creating, setCreating] = useState(false);
  const canCreate = detail.can.update && isCaseWritable(c.status);
  const none = t('common.none');
  const rows = targets.data ?? [];
  const free = findingsWithoutTarget(detail, rows);

  const columns: TableColumnsType<Target> = [
    { title: t('takedowns.columns.url'), dataIndex: 'url', ellipsis: true, render: (_, row) => <UrlText url={row.url} testId="case-takedown-url" /> },
    { title: t('takedowns.columns.platform'), key: 'platform', width: 120, ellipsis: true, render: (_, row) => (row.platform ? platformName(row.platform, i18n.resolvedLanguage) : none) },
    { title: t('takedowns.columns.state'), dataIndex: 'state', width: 190, render: (_, row) => <TakedownStateTag state={row.state} /> },
    { title: t('takedowns.columns.clock'), key: 'clock', width: 170, render: (_, row) => <ClockCell target={row} now={now} /> },
    { title: t('takedowns.columns.updatedAt'), dataIndex: 'updatedAt', width: 130, render: (_, row) => formatRocDateTime(row.updatedAt) },
  ];
  const rowProps = (row: Target): HTMLAttributes<HTMLElement> => {
    const attributes: Record<string, string> = { 'data-testid': 'case-takedown-row', 'data-takedown-id': row.id, 'data-state': row.state };
    return { ...attributes, onClick: () => void navigate(`/takedowns/${row.id}`) };
  };

  return (
    <Space orientation="vertical" size={16} className="finding-detail" data-testid="case-takedowns-tab">
      <Card
        size="small"
        title={<h2 className="card-title">{t('takedowns.caseTab.title')}</h2>}
        extra={
          canCreate && (
            <Tooltip title={targets.isSuccess && free.length === 0 ? t('takedowns.caseTab.noFreeFindings') : undefined}>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!targets.isSuccess || free.length === 0} data-testid="case-takedown-create-open">
                {t('takedowns.caseTab.create')}
              </Button>
            </Tooltip>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('takedowns.caseTab.intro')}</Typography.Paragraph>
        {targets.isError && <CaseErrorAlert error={targets.error} testId="case-takedowns-error" />}
        <Table<Target>
          rowKey="id"
          size="small"
          className="clickable-rows"
          columns={columns}
          dataSource={rows}
          loading={targets.isFetching}
          onRow={rowProps}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('takedowns.caseTab.none')} /> }}
          data-testid="case-takedowns"
        />
      </Card>
      {creating && <CreateTargetDialog caseId={c.id} free={free} onClose={() => setCreating(false)} />}
    </Space>
  );
}
