import { useEffect } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import { login } from './auth.api.ts';
import { clearLoginReason, refreshSession } from './session.ts';

interface LoginValues {
  username: string;
  password: string;
}

/** Why the user is on the login page (`?reason=`), when it is worth saying. */
function useReasonText(): { type: 'info' | 'warning'; text: string } | null {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  switch (params.get('reason')) {
    case 'expired':
      return { type: 'warning', text: t('auth.login.sessionExpired') };
    case 'signin':
      return { type: 'warning', text: t('auth.login.signInRequired') };
    case 'loggedOut':
      return { type: 'info', text: t('auth.login.loggedOut') };
    default:
      return null;
  }
}

/** Step 1 of sign-in: username and password. The next stage comes from the server. */
export function LoginPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const reason = useReasonText();
  const [form] = Form.useForm<LoginValues>();
  useEffect(() => clearLoginReason(), []);
  const submit = useMutation({
    mutationFn: async (values: LoginValues) => {
      await login(values.username.trim(), values.password);
      // The stage changed and the CSRF token rotated; the route guard moves on from here.
      return refreshSession(queryClient);
    },
    onError: () => form.setFieldValue('password', ''),
  });

  return (
    <div data-testid="login-page">
      <h1 className="auth-title">{t('auth.login.title')}</h1>
      {reason && !submit.isError && <Alert className="block-gap" type={reason.type} showIcon title={reason.text} data-testid="login-reason" />}
      {submit.isError && <Alert className="block-gap" type="error" showIcon title={errorText(t, submit.error)} data-testid="login-error" />}
      <Form<LoginValues> form={form} name="login" layout="vertical" requiredMark={false} onFinish={(values) => submit.mutate(values)}>
        <Form.Item name="username" label={t('auth.login.username')} rules={[{ required: true, whitespace: true, message: t('auth.login.usernameRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus maxLength={64} data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.login.password')} rules={[{ required: true, message: t('auth.login.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={256} data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submit.isPending} data-testid="login-submit">
          {t('auth.login.submit')}
        </Button>
      </Form>
    </div>
  );
}
