import { Card, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { LanguageToggle } from './LanguageToggle.tsx';

/** The frame of the sign-in pages: brand, one card, the authorised-use notice. */
export function AuthLayout() {
  const { t } = useTranslation();
  return (
    <div className="auth-shell">
      <div className="auth-topbar">
        <LanguageToggle />
      </div>
      <main className="auth-main">
        <div className="auth-brand">
          <SafetyCertificateOutlined className="auth-brand-icon" />
          <div>
            <div className="auth-brand-title">{t('app.title')}</div>
            <Typography.Text type="secondary">{t('app.organization')}</Typography.Text>
          </div>
        </div>
        <Card className="auth-card">
          <Outlet />
        </Card>
        <Typography.Paragraph type="secondary" className="auth-notice">
          {t('auth.notice')}
        </Typography.Paragraph>
      </main>
    </div>
  );
}
