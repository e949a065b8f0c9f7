import { useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { useSession } from '../auth/session.ts';
import { LiaisonFormModal, type LiaisonFormTarget } from './LiaisonFormModal.tsx';
import { LIAISON_EDITORS, sortedContacts, useLiaison, type LiaisonContact } from './liaison.api.ts';
import '../findings/findings.css';
import './liaison.css';

/**
 * 聯繫窗口 (G4.1.2): the partner bodies' windows — iWIN, the Social Affairs Bureau, TWNIC, the
 * prosecutors… — grouped by body. Every takedown report names its recipient from here. WCPD
 * coordinators and administrators keep the directory; everyone else reads it.
 */
export function LiaisonPage() {
  const { t } = useTranslation();
  const session = useSession();
  const contacts = useLiaison();
  const [formTarget, setFormTarget] = useState<LiaisonFormTarget | null>(null);
  const canEdit = hasAnyRole(session.data?.user?.roles ?? [], LIAISON_EDITORS);
  const none = t('common.none');

  const rows = useMemo(() => sortedContacts(contacts.data ?? []), [contacts.data]);
  // One body cell spans its windows, so the table reads as groups.
  const spans = useMemo(() => {
    const out = new Map<string, number>();
    rows.forEach((row, index) => {
      if (index > 0 && rows[index - 1]?.body === row.body) {
        out.set(row.id, 0);
        return;
      }
      let count = 1;
      while (rows[index + count]?.body === row.body) count += 1;
      out.set(row.id, count);
    });
    return out;
  }, [rows]);

  const columns: TableColumnsType<LiaisonContact> = [
    {
      title: t('liaison.fields.body'),
      dataIndex: 'body',
      width: 150,
      onCell: (c) => ({ rowSpan: spans.get(c.id) ?? 1 }),
      render: (_, c) => (
        <Tag color="blue" data-testid="liaison-body">
          {t(`liaison.bodies.${c.body}`)}
        </Tag>
      ),
    },
    { title: t('liaison.fields.organisation'), dataIndex: 'organisation', width: 220, render: (_, c) => <span data-testid="liaison-organisation">{c.organisation}</span> },
    { title: t('liaison.fields.windowName'), dataIndex: 'windowName', width: 160, render: (_, c) => c.windowName ?? none },
    {
      title: t('liaison.fields.email'),
      dataIndex: 'email',
      width: 220,
      render: (_, c) => (c.email ? <Typography.Text copyable={{ text: c.email }}>{c.email}</Typography.Text> : none),
    },
    { title: t('liaison.fields.phone'), dataIndex: 'phone', width: 140, render: (_, c) => c.phone ?? none },
    {
      title: t('liaison.fields.channels'),
      dataIndex: 'channels',
      width: 200,
      render: (_, c) =>
        c.channels.length > 0 ? (
          <Space size={[0, 4]} wrap>
            {c.channels.map((channel) => (
              <Tag key={channel}>{t(`liaison.channels.${channel}`)}</Tag>
            ))}
          </Space>
        ) : (
          none
        ),
    },
    { title: t('liaison.fields.notes'), dataIndex: 'notes', render: (_, c) => (c.notes ? <span className="pre-wrap-text">{c.notes}</span> : none) },
    {
      title: t('liaison.fields.active'),
      dataIndex: 'active',
      width: 80,
      render: (_, c) => (c.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
    },
    { title: t('liaison.fields.updatedAt'), dataIndex: 'updatedAt', width: 130, render: (_, c) => formatRocDateTime(c.updatedAt) },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            fixed: 'end' as const,
            render: (_: unknown, c: LiaisonContact) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setFormTarget({ mode: 'edit', contact: c })} data-testid="liaison-edit">
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={<h1 className="page-title">{t('liaison.title')}</h1>}
      extra={
        <Space wrap>
          {canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ mode: 'create' })} data-testid="liaison-create">
              {t('liaison.create')}
            </Button>
          )}
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void contacts.refetch()} data-testid="liaison-refresh" />
          </Tooltip>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{canEdit ? t('liaison.introEditor') : t('liaison.intro')}</Typography.Paragraph>
      {contacts.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, contacts.error)} data-testid="liaison-error" />}
      <Table<LiaisonContact>
        rowKey="id"
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        loading={contacts.isFetching}
        pagination={false}
        scroll={{ x: 1500 }}
        rowClassName={(c) => (c.active ? '' : 'liaison-inactive')}
        onRow={(c) => {
          const attributes: Record<string, string> = { 'data-testid': 'liaison-row', 'data-contact-id': c.id, 'data-body': c.body, 'data-active': c.active ? 'true' : 'false' };
          return attributes;
        }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('liaison.empty')} /> }}
        data-testid="liaison-table"
      />
      {formTarget && <LiaisonFormModal target={formTarget} onClose={() => setFormTarget(null)} />}
    </Card>
  );
}
