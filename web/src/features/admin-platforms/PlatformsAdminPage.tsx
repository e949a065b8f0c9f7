import { useState } from 'react';
import { Alert, Button, Card, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { PlatformFormModal, type PlatformFormTarget } from './PlatformFormModal.tsx';
import { isPlatformKind, type PlatformKind } from './platform-rules.ts';
import { usePlatformsAdmin, type Platform } from './platforms-admin.api.ts';
import './platforms-admin.css';

const KIND_COLOR: Record<PlatformKind, string> = { social: 'blue', forum: 'purple', messaging: 'cyan', video: 'magenta', game: 'orange', other: 'default' };

/** A list cell: the count, with the entries in a tooltip. */
function CountCell({ items, testId }: { items: readonly string[]; testId: string }) {
  const count = <span data-testid={testId}>{items.length}</span>;
  if (items.length === 0) return count;
  return (
    <Tooltip
      title={
        <>
          {items.map((item) => (
            <div key={item}>{item}</div>
          ))}
        </>
      }
    >
      {count}
    </Tooltip>
  );
}

/**
 * 平台管理 (G3.1): the platforms officers patrol — social networks, forums, messaging apps, video
 * sites and mobile games. Domains let a URL find its platform, search templates feed the patrol
 * toolkit's one-click searches, and "content unavailable" markers decide removal checks (G5.2).
 * Administrators only (the route and the server both check).
 */
export function PlatformsAdminPage() {
  const { t } = useTranslation();
  const platforms = usePlatformsAdmin();
  const [formTarget, setFormTarget] = useState<PlatformFormTarget | null>(null);
  const none = t('common.none');

  const columns: TableColumnsType<Platform> = [
    {
      title: t('platformsAdmin.fields.code'),
      dataIndex: 'code',
      width: 140,
      render: (_, p) => <Typography.Text code>{p.code}</Typography.Text>,
    },
    {
      title: t('platformsAdmin.fields.name'),
      key: 'name',
      width: 220,
      render: (_, p) => (
        <>
          <div data-testid="platform-name-zh">{p.nameZh}</div>
          <Typography.Text type="secondary">{p.nameEn}</Typography.Text>
        </>
      ),
    },
    {
      title: t('platformsAdmin.fields.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (_, p) =>
        isPlatformKind(p.kind) ? (
          <Tag color={KIND_COLOR[p.kind]} data-kind={p.kind}>
            {t(`platformsAdmin.kinds.${p.kind}`)}
          </Tag>
        ) : (
          <Tag data-kind={p.kind}>{p.kind}</Tag>
        ),
    },
    {
      title: t('platformsAdmin.fields.domains'),
      dataIndex: 'domains',
      render: (_, p) =>
        p.domains.length > 0 ? (
          <Space size={[0, 4]} wrap>
            {p.domains.map((domain) => (
              <Tag key={domain}>{domain}</Tag>
            ))}
          </Space>
        ) : (
          none
        ),
    },
    {
      title: t('platformsAdmin.fields.templatesCount'),
      dataIndex: 'searchUrlTemplates',
      width: 100,
      align: 'right',
      render: (_, p) => <CountCell items={p.searchUrlTemplates} testId="platform-templates-count" />,
    },
    {
      title: t('platformsAdmin.fields.markersCount'),
      dataIndex: 'unavailableMarkers',
      width: 100,
      align: 'right',
      render: (_, p) => <CountCell items={p.unavailableMarkers} testId="platform-markers-count" />,
    },
    {
      title: t('platformsAdmin.fields.active'),
      dataIndex: 'active',
      width: 80,
      render: (_, p) => (p.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'end',
      render: (_, p) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setFormTarget({ mode: 'edit', platform: p })} data-testid="platform-edit">
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={<h1 className="page-title">{t('platformsAdmin.title')}</h1>}
      extra={
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ mode: 'create' })} data-testid="platform-create">
            {t('platformsAdmin.create')}
          </Button>
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void platforms.refetch()} data-testid="platforms-admin-refresh" />
          </Tooltip>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('platformsAdmin.intro')}</Typography.Paragraph>
      {platforms.isError && (
        <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, platforms.error)} data-testid="platforms-admin-error" />
      )}
      <Table<Platform>
        rowKey="id"
        size="small"
        bordered
        columns={columns}
        dataSource={platforms.data ?? []}
        loading={platforms.isFetching}
        pagination={false}
        scroll={{ x: 1100 }}
        rowClassName={(p) => (p.active ? '' : 'platforms-admin-inactive')}
        onRow={(p) => {
          const attributes: Record<string, string> = { 'data-testid': 'platform-row', 'data-code': p.code, 'data-active': p.active ? 'true' : 'false' };
          return attributes;
        }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('platformsAdmin.empty')} /> }}
        data-testid="platforms-admin-table"
      />
      {formTarget && <PlatformFormModal target={formTarget} onClose={() => setFormTarget(null)} />}
    </Card>
  );
}
