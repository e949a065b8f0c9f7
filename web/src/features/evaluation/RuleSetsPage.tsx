import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { UNIT_KINDS, type UnitKind } from '../admin-units/units.api.ts';
import { testIdProps } from '../findings/test-id.ts';
import { ApiErrorAlert } from '../patrol/ApiErrorAlert.tsx';
import { METRIC_KEYS, RULE_SETS_KEY, createRuleSet, useRuleSets, type MetricKey, type MetricRule, type RuleSet } from './evaluation.api.ts';
import './evaluation.css';

/** Limits the server checks too (evaluation-rules.ts). */
const LIMITS = { pointsPerItem: 1000, cap: 1_000_000, weight: 100 } as const;

type MetricForm = { enabled: boolean; pointsPerItem: number; cap: number | null; weight: number };
interface FormValues {
  name: string;
  basis: string;
  description?: string;
  rankedUnitKinds: UnitKind[];
  metrics: Record<MetricKey, MetricForm>;
}

/** The rule set's figures as rows: scored ones with their numbers, the rest "not scored". */
function RulesTable({ ruleSet }: { ruleSet: RuleSet }) {
  const { t } = useTranslation();
  return (
    <Table<{ metric: MetricKey; rule: MetricRule | undefined }>
      rowKey="metric"
      size="small"
      pagination={false}
      dataSource={METRIC_KEYS.map((metric) => ({ metric, rule: ruleSet.rules.metrics[metric] }))}
      columns={[
        { title: t('evaluation.breakdown.metric'), key: 'metric', render: (_, r) => t(`evaluation.metrics.${r.metric}`) },
        { title: t('evaluation.rules.pointsPerItem'), key: 'points', width: 120, align: 'right', render: (_, r) => r.rule?.pointsPerItem ?? t('evaluation.breakdown.notScored') },
        { title: t('evaluation.rules.cap'), key: 'cap', width: 100, align: 'right', render: (_, r) => (r.rule ? (r.rule.cap ?? t('evaluation.rules.noCap')) : '') },
        { title: t('evaluation.rules.weight'), key: 'weight', width: 80, align: 'right', render: (_, r) => r.rule?.weight ?? '' },
      ]}
    />
  );
}

/** A new version from an existing one: every figure's points, cap and weight; name and basis required. */
function RuleSetEditor({ base, onClose }: { base: RuleSet; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const initialMetrics = Object.fromEntries(
    METRIC_KEYS.map((metric) => {
      const rule = base.rules.metrics[metric];
      return [metric, rule ? { enabled: true, ...rule } : { enabled: false, pointsPerItem: 0, cap: null, weight: 1 }];
    }),
  ) as Record<MetricKey, MetricForm>;

  const save = useMutation({
    mutationFn: (values: FormValues) => {
      const metrics: Partial<Record<MetricKey, MetricRule>> = {};
      for (const metric of METRIC_KEYS) {
        const m = values.metrics[metric];
        if (m?.enabled) metrics[metric] = { pointsPerItem: m.pointsPerItem ?? 0, cap: m.cap ?? null, weight: m.weight ?? 0 };
      }
      return createRuleSet({ name: values.name.trim(), basis: values.basis.trim(), description: values.description?.trim() || null, rules: { rankedUnitKinds: values.rankedUnitKinds, metrics }, basedOnId: base.id });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: RULE_SETS_KEY });
      await queryClient.invalidateQueries({ queryKey: ['evaluation'] });
      onClose();
    },
  });

  return (
    <Modal
      open
      width={860}
      title={t('evaluation.rules.editorTitle', { version: base.version })}
      okText={t('evaluation.rules.publish')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        if (!save.isPending) onClose();
      }}
      mask={{ closable: false }}
      okButtonProps={testIdProps('rule-set-publish')}
      cancelButtonProps={testIdProps('rule-set-cancel')}
    >
      <Typography.Paragraph type="secondary">{t('evaluation.rules.editorIntro')}</Typography.Paragraph>
      {save.isError && <ApiErrorAlert error={save.error} testId="rule-set-error" />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ name: base.name, basis: base.basis, description: base.description ?? undefined, rankedUnitKinds: base.rules.rankedUnitKinds, metrics: initialMetrics }}
        onFinish={(values) => save.mutate(values)}
        data-testid="rule-set-form"
      >
        <Form.Item name="name" label={t('evaluation.rules.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 100 }]}>
          <Input maxLength={100} data-testid="rule-set-name" />
        </Form.Item>
        <Form.Item name="basis" label={t('evaluation.rules.basis')} extra={t('evaluation.rules.basisHint')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 300 }]}>
          <Input maxLength={300} data-testid="rule-set-basis" />
        </Form.Item>
        <Form.Item name="description" label={t('evaluation.rules.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="rule-set-description" />
        </Form.Item>
        <Form.Item name="rankedUnitKinds" label={t('evaluation.rules.rankedUnitKinds')} extra={t('evaluation.rules.rankedUnitKindsHint')} rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}>
          <Select mode="multiple" options={UNIT_KINDS.map((kind) => ({ value: kind, label: t(`units.kinds.${kind}`) }))} data-testid="rule-set-kinds" />
        </Form.Item>
        <Table<{ metric: MetricKey }>
          className="evaluation-rules-table"
          rowKey="metric"
          size="small"
          pagination={false}
          dataSource={METRIC_KEYS.map((metric) => ({ metric }))}
          onRow={(r) => {
            const attributes: Record<string, string> = { 'data-testid': 'rule-set-metric', 'data-metric': r.metric };
            return attributes;
          }}
          columns={[
            {
              title: t('evaluation.rules.scored'),
              key: 'enabled',
              width: 70,
              render: (_, r) => (
                <Form.Item name={['metrics', r.metric, 'enabled']} valuePropName="checked" noStyle>
                  <Checkbox data-testid="rule-set-metric-enabled" />
                </Form.Item>
              ),
            },
            { title: t('evaluation.breakdown.metric'), key: 'metric', render: (_, r) => t(`evaluation.metrics.${r.metric}`) },
            {
              title: t('evaluation.rules.pointsPerItem'),
              key: 'points',
              width: 130,
              render: (_, r) => (
                <Form.Item name={['metrics', r.metric, 'pointsPerItem']} noStyle>
                  <InputNumber min={-LIMITS.pointsPerItem} max={LIMITS.pointsPerItem} step={0.1} data-testid="rule-set-points" />
                </Form.Item>
              ),
            },
            {
              title: t('evaluation.rules.cap'),
              key: 'cap',
              width: 130,
              render: (_, r) => (
                <Form.Item name={['metrics', r.metric, 'cap']} noStyle>
                  <InputNumber min={0} max={LIMITS.cap} placeholder={t('evaluation.rules.noCap')} data-testid="rule-set-cap" />
                </Form.Item>
              ),
            },
            {
              title: t('evaluation.rules.weight'),
              key: 'weight',
              width: 130,
              render: (_, r) => (
                <Form.Item name={['metrics', r.metric, 'weight']} noStyle>
                  <InputNumber min={0} max={LIMITS.weight} step={0.1} data-testid="rule-set-weight" />
                </Form.Item>
              ),
            },
          ]}
        />
      </Form>
    </Modal>
  );
}

/**
 * 評核規則 (G4.1.4): the evaluation plan's scoring rules, every version kept and selectable on the
 * evaluation page. Administrators and CIB publish a new version from any existing one; old ones
 * are never changed, so a past report can be recomputed with the rules it was made under.
 */
export function RuleSetsPage() {
  const { t } = useTranslation();
  const ruleSets = useRuleSets();
  const [base, setBase] = useState<RuleSet | null>(null);
  const canManage = ruleSets.data?.can.manage ?? false;
  const none = t('common.none');

  const columns: TableColumnsType<RuleSet> = [
    {
      title: t('evaluation.rules.version'),
      dataIndex: 'version',
      width: 110,
      render: (_, r) => (
        <Space size={4}>
          <span data-testid="rule-set-version">{t('evaluation.rules.versionText', { version: r.version })}</span>
          {r.current && <Tag color="green">{t('evaluation.rules.current')}</Tag>}
        </Space>
      ),
    },
    { title: t('evaluation.rules.name'), dataIndex: 'name' },
    { title: t('evaluation.rules.basis'), dataIndex: 'basis', width: 300 },
    { title: t('evaluation.rules.createdAt'), dataIndex: 'createdAt', width: 150, render: (_, r) => formatRocDateTime(r.createdAt) },
    { title: t('evaluation.rules.createdBy'), key: 'createdBy', width: 140, render: (_, r) => r.createdBy?.displayName ?? t('evaluation.rules.system') },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            render: (_: unknown, r: RuleSet) => (
              <Button type="link" size="small" icon={<CopyOutlined />} onClick={() => setBase(r)} data-testid="rule-set-new-version">
                {t('evaluation.rules.newVersion')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card title={<h1 className="page-title">{t('evaluation.rules.title')}</h1>}>
      <Typography.Paragraph type="secondary">{canManage ? t('evaluation.rules.introManager') : t('evaluation.rules.intro')}</Typography.Paragraph>
      {ruleSets.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, ruleSets.error)} data-testid="rule-sets-error" />}
      <Table<RuleSet>
        rowKey="id"
        size="small"
        bordered
        columns={columns}
        dataSource={ruleSets.data?.items ?? []}
        loading={ruleSets.isFetching}
        pagination={false}
        expandable={{
          expandedRowRender: (r) => (
            <div>
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'description', label: t('evaluation.rules.description'), children: r.description ?? none },
                  { key: 'kinds', label: t('evaluation.rules.rankedUnitKinds'), children: r.rules.rankedUnitKinds.map((kind) => <Tag key={kind}>{t(`units.kinds.${kind}`)}</Tag>) },
                ]}
              />
              <RulesTable ruleSet={r} />
            </div>
          ),
        }}
        onRow={(r) => {
          const attributes: Record<string, string> = { 'data-testid': 'rule-set-row', 'data-version': String(r.version) };
          return attributes;
        }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        data-testid="rule-sets-table"
      />
      {base && <RuleSetEditor base={base} onClose={() => setBase(null)} />}
    </Card>
  );
}
