import { Alert, Button, Form, Input, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { verifyMfa } from './auth.api.ts';
import { normaliseTotp, totpRules } from './code-rules.ts';
import { logout, refreshSession } from './session.ts';

interface CodeValues {
  code: string;
}

/** Stage `mfa_required`: the 6-digit code from the user's authenticator app. */
export function MfaVerifyPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CodeValues>();
  const submit = useMutation({
    mutationFn: async ({ code }: CodeValues) => {
      await verifyMfa(code);
      return refreshSession(queryClient);
    },
    onError: () => form.setFieldValue('code', ''),
  });
  const cancel = useMutation({ mutationFn: () => logout(queryClient) });

  return (
    <div data-testid="mfa-verify-page">
      <h1 className="auth-title">{t('auth.mfa.title')}</h1>
      <Typography.Paragraph type="secondary">{t('auth.mfa.hint')}</Typography.Paragraph>
      {submit.isError && <Alert className="block-gap" type="error" showIcon title={errorText(t, submit.error)} data-testid="mfa-error" />}
      <Form<CodeValues> form={form} name="mfa" layout="vertical" requiredMark={false} onFinish={(values) => submit.mutate(values)}>
        <Form.Item name="code" label={t('auth.mfa.code')} rules={totpRules(t)} normalize={normaliseTotp}>
          <Input
            prefix={<SafetyOutlined />}
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            maxLength={7}
            className="totp-input"
            data-testid="mfa-code"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submit.isPending} data-testid="mfa-submit">
          {t('auth.mfa.submit')}
        </Button>
      </Form>
      <Button type="link" block className="block-top-gap" loading={cancel.isPending} onClick={() => cancel.mutate()}>
        {t('auth.mfa.useAnotherAccount')}
      </Button>
    </div>
  );
}
