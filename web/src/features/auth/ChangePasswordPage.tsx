import { Card } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { refreshSession, useSession } from './session.ts';

/** Stage `password_change_required`: first sign-in or after a reset, a new password is compulsory. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const session = useSession();
  return (
    <div data-testid="password-page">
      <h1 className="auth-title">{t('auth.password.title')}</h1>
      <ChangePasswordForm username={session.data?.user?.username} forced onChanged={() => refreshSession(queryClient)} />
    </div>
  );
}

/** 變更密碼 for a signed-in user, from the header. */
export function AccountPasswordPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const session = useSession();
  return (
    <Card title={<h1 className="page-title">{t('auth.password.title')}</h1>} className="narrow-card">
      <ChangePasswordForm username={session.data?.user?.username} forced={false} onChanged={() => refreshSession(queryClient)} />
    </Card>
  );
}
