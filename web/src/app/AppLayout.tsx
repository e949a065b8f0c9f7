import { Suspense, useState } from 'react';
import { App, Button, Layout, Menu, Space, Tag, Tooltip } from 'antd';
import { LockOutlined, LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { logout, useSession } from '../features/auth/session.ts';
import { errorText } from '../lib/errors.ts';
import { hasAnyRole, knownRoles } from '../lib/roles.ts';
import { FullPageSpin } from './FullPageSpin.tsx';
import { HealthBadge } from './HealthBadge.tsx';
import { LanguageToggle } from './LanguageToggle.tsx';
import { NAV_ITEMS, selectedNavPath } from './navigation.tsx';
import { useUnitName } from '../features/admin-units/unit-names.ts';

const { Header, Sider, Content, Footer } = Layout;

/** The signed-in frame: left menu by role, header with the user, language toggle and sign-out. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const unitName = useUnitName();
  const [collapsed, setCollapsed] = useState(false);
  const { message } = App.useApp();
  // The guard moves to the login page once the session turns anonymous.
  const signOut = useMutation({
    mutationFn: () => logout(queryClient),
    onError: (error) => void message.error(errorText(t, error)),
  });

  const user = session.data?.user;
  const roles = user ? user.roles : [];
  const items = NAV_ITEMS.filter((item) => hasAnyRole(roles, item.roles)).map((item) => ({
    key: item.path,
    icon: item.icon,
    label: (
      <Link to={item.path} data-testid={`nav-${item.key}`}>
        {t(`nav.${item.key}`)}
      </Link>
    ),
  }));

  return (
    <Layout className="app-shell">
      <Sider
        className="app-sider"
        theme="light"
        width={208}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
      >
        <div className="app-logo" title={t('app.title')}>
          <SafetyCertificateOutlined className="app-logo-icon" />
          {!collapsed && <span className="app-logo-text">{t('app.shortTitle')}</span>}
        </div>
        <nav aria-label={t('nav.menu')}>
          <Menu mode="inline" selectedKeys={[selectedNavPath(location.pathname)]} items={items} />
        </nav>
      </Sider>
      <Layout>
        <Header className="app-header">
          <div className="app-header-title">{t('app.organization')}</div>
          {user && (
            <Space size={8} className="app-user" wrap={false}>
              <UserOutlined />
              <span className="app-user-name" data-testid="header-display-name">
                {user.displayName}
              </span>
              <span className="app-user-unit" data-testid="header-unit" title={t('header.unit')}>
                {unitName(user.unit)}
              </span>
              <span className="app-user-roles" data-testid="header-roles" title={t('header.roles')}>
                {knownRoles(user.roles).map((role) => (
                  <Tag key={role} color="blue" variant="outlined">
                    {t(`roles.${role}`)}
                  </Tag>
                ))}
              </span>
            </Space>
          )}
          <Space size={4} className="app-header-actions">
            <LanguageToggle />
            <Tooltip title={t('header.changePassword')}>
              <Button
                type="text"
                icon={<LockOutlined />}
                aria-label={t('header.changePassword')}
                data-testid="change-password"
                onClick={() => void navigate('/account/password')}
              />
            </Tooltip>
            <Button
              type="text"
              icon={<LogoutOutlined />}
              loading={signOut.isPending}
              data-testid="logout"
              onClick={() => signOut.mutate()}
            >
              {t('header.logout')}
            </Button>
          </Space>
        </Header>
        <Content className="app-content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Content>
        <Footer className="app-footer">
          <HealthBadge />
          <span className="app-footer-text">{t('app.footer')}</span>
        </Footer>
      </Layout>
    </Layout>
  );
}
