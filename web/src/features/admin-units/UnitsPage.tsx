import { useMemo, useState, type Key } from 'react';
import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { buildUnitTree, idsAboveDepth, parentIds, type UnitNode } from './unit-tree.ts';
import { UnitFormModal, type UnitFormTarget } from './UnitFormModal.tsx';
import { useUnits } from './units.api.ts';

/** 單位管理: the unit tree as an expandable table; administrators add and edit units. */
export function UnitsPage() {
  const { t } = useTranslation();
  const units = useUnits();
  const tree = useMemo(() => buildUnitTree(units.data ?? []), [units.data]);
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const [target, setTarget] = useState<UnitFormTarget | null>(null);
  const expandedKeys = expanded ?? idsAboveDepth(tree, 1);

  const columns: TableColumnsType<UnitNode> = [
    { title: t('units.columns.code'), dataIndex: 'code', width: 200 },
    { title: t('units.columns.nameZh'), dataIndex: 'nameZh' },
    { title: t('units.columns.nameEn'), dataIndex: 'nameEn' },
    { title: t('units.columns.kind'), dataIndex: 'kind', width: 110, render: (_, unit) => t(`units.kinds.${unit.kind}`) },
    {
      title: t('units.columns.status'),
      dataIndex: 'active',
      width: 90,
      render: (_, unit) => (unit.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, unit) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setTarget({ mode: 'edit', unit })}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create', parentId: unit.id })}>
            {t('units.addChild')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={<h1 className="page-title">{t('units.title')}</h1>}
      extra={
        <Space>
          <Button onClick={() => setExpanded(parentIds(tree))}>{t('units.expandAll')}</Button>
          <Button onClick={() => setExpanded([])}>{t('units.collapseAll')}</Button>
          <Button type="primary" icon={<PlusOutlined />} data-testid="unit-create" onClick={() => setTarget({ mode: 'create', parentId: tree[0]?.id ?? null })}>
            {t('units.create')}
          </Button>
        </Space>
      }
    >
      {units.isError && <Alert type="error" showIcon title={t('common.loadFailed')} description={errorText(t, units.error)} className="block-gap" />}
      <Table<UnitNode>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={tree}
        loading={units.isPending}
        pagination={false}
        expandable={{ expandedRowKeys: expandedKeys, onExpandedRowsChange: (keys) => setExpanded(keys) }}
        data-testid="units-table"
      />
      {target && <UnitFormModal target={target} units={units.data ?? []} onClose={() => setTarget(null)} />}
    </Card>
  );
}
