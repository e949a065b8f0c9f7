import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Dropdown, Input, Space, Table, Tag, Tooltip, TreeSelect } from 'antd';
import type { MenuProps, TableColumnsType } from 'antd';
import { EditOutlined, MoreOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { formatRocDate, formatRocDateTime } from '../../lib/roc-date.ts';
import { knownRoles } from '../../lib/roles.ts';
import { buildUnitTree, unitTreeOptions } from '../admin-units/unit-tree.ts';
import { useUnitName } from '../admin-units/unit-names.ts';
import { useUnits } from '../admin-units/units.api.ts';
import { OneTimePasswordModal } from './OneTimePasswordModal.tsx';
import { UserFormModal, type UserFormTarget } from './UserFormModal.tsx';
import {
  isLocked,
  listUsers,
  resetMfa,
  resetPassword,
  unlockUser,
  usersQueryKey,
  type User,
  type UserFilters,
} from './users.api.ts';

/** 使用者管理: accounts, roles, lock-outs; every one-time password is shown once. */
export function UsersPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const unitName = useUnitName();
  const [filters, setFilters] = useState<UserFilters>({});
  const [formTarget, setFormTarget] = useState<UserFormTarget | null>(null);
  const [otp, setOtp] = useState<{ username: string; password: string } | null>(null);

  const units = useUnits();
  const unitById = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u])), [units.data]);
  const unitOptions = useMemo(() => unitTreeOptions(buildUnitTree(units.data ?? []), unitName, { allowInactive: true }), [units.data, unitName]);
  const users = useQuery({
    queryKey: usersQueryKey(filters),
    queryFn: ({ signal }) => listUsers(filters, signal),
    placeholderData: keepPreviousData,
  });

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });

  const confirmAction = (user: User, action: 'resetPassword' | 'resetMfa' | 'unlock') => {
    const username = user.username;
    const texts = {
      resetPassword: { title: t('users.confirm.resetPasswordTitle', { username }), content: t('users.confirm.resetPasswordBody') },
      resetMfa: { title: t('users.confirm.resetMfaTitle', { username }), content: t('users.confirm.resetMfaBody') },
      unlock: { title: t('users.confirm.unlockTitle', { username }), content: undefined },
    }[action];
    modal.confirm({
      ...texts,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          if (action === 'resetPassword') {
            const { oneTimePassword } = await resetPassword(user.id);
            setOtp({ username, password: oneTimePassword });
          } else if (action === 'resetMfa') {
            await resetMfa(user.id);
            void message.success(t('users.messages.mfaReset', { username }));
          } else {
            await unlockUser(user.id);
            void message.success(t('users.messages.unlocked', { username }));
          }
          await refresh();
        } catch (error) {
          void message.error(errorText(t, error));
        }
      },
    });
  };

  const columns: TableColumnsType<User> = [
    { title: t('users.columns.username'), dataIndex: 'username', width: 150, fixed: 'start' },
    { title: t('users.columns.displayName'), dataIndex: 'displayName', width: 120 },
    { title: t('users.columns.email'), dataIndex: 'email', ellipsis: true, render: (_, u) => u.email ?? t('common.none') },
    {
      title: t('users.columns.unit'),
      dataIndex: 'unitId',
      render: (_, u) => {
        const unit = unitById.get(u.unitId);
        return unit ? unitName(unit) : u.unitId;
      },
    },
    {
      title: t('users.columns.roles'),
      dataIndex: 'roles',
      render: (_, u) => knownRoles(u.roles).map((role) => <Tag key={role}>{t(`roles.${role}`)}</Tag>),
    },
    {
      title: t('users.columns.status'),
      key: 'status',
      width: 170,
      render: (_, u) => (
        <Space size={4} wrap>
          {u.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>}
          {isLocked(u) && u.lockedUntil && (
            <Tag color="red">{t('users.lockedUntil', { until: formatRocDateTime(u.lockedUntil) })}</Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('users.columns.mfa'),
      dataIndex: 'mfaEnrolled',
      width: 80,
      render: (_, u) => (u.mfaEnrolled ? <Tag color="blue">{t('users.mfaEnrolled')}</Tag> : <Tag color="orange">{t('users.mfaNotEnrolled')}</Tag>),
    },
    {
      title: t('users.columns.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      width: 130,
      render: (_, u) => (u.lastLoginAt ? formatRocDateTime(u.lastLoginAt) : t('users.neverLoggedIn')),
    },
    { title: t('users.columns.createdAt'), dataIndex: 'createdAt', width: 100, render: (_, u) => formatRocDate(u.createdAt) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      fixed: 'end',
      render: (_, u) => {
        const items: MenuProps['items'] = [
          { key: 'resetPassword', label: t('users.actions.resetPassword') },
          { key: 'resetMfa', label: t('users.actions.resetMfa'), disabled: !u.mfaEnrolled },
          { key: 'unlock', label: t('users.actions.unlock'), disabled: !isLocked(u) },
        ];
        return (
          <Space size={0}>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setFormTarget({ mode: 'edit', user: u })}>
              {t('common.edit')}
            </Button>
            <Dropdown
              trigger={['click']}
              menu={{ items, onClick: ({ key }) => confirmAction(u, key as 'resetPassword' | 'resetMfa' | 'unlock') }}
            >
              <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('common.more')} />
            </Dropdown>
          </Space>
        );
      },
    },
  ];

  return (
    <Card
      title={<h1 className="page-title">{t('users.title')}</h1>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} data-testid="user-create" onClick={() => setFormTarget({ mode: 'create' })}>
          {t('users.create')}
        </Button>
      }
    >
      <Space wrap className="toolbar">
        <TreeSelect
          className="toolbar-unit"
          treeData={unitOptions}
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          placeholder={t('users.unitFilter')}
          value={filters.unitId}
          onChange={(unitId?: string) => setFilters((f) => ({ ...f, unitId: unitId ?? undefined }))}
          aria-label={t('users.unitFilter')}
        />
        <Input.Search
          className="toolbar-search"
          allowClear
          placeholder={t('users.searchPlaceholder')}
          aria-label={t('users.searchPlaceholder')}
          enterButton={t('common.search')}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
          data-testid="user-search"
        />
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void refresh()} />
        </Tooltip>
      </Space>
      {users.isError && <Alert type="error" showIcon title={t('common.loadFailed')} description={errorText(t, users.error)} className="block-gap" />}
      <Table<User>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={users.data ?? []}
        loading={users.isFetching}
        scroll={{ x: 1300 }}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        data-testid="users-table"
      />
      {formTarget && (
        <UserFormModal
          target={formTarget}
          units={units.data ?? []}
          onClose={() => setFormTarget(null)}
          onCreated={(user, password) => {
            setFormTarget(null);
            setOtp({ username: user.username, password });
          }}
        />
      )}
      {otp && <OneTimePasswordModal username={otp.username} password={otp.password} onClose={() => setOtp(null)} />}
    </Card>
  );
}
