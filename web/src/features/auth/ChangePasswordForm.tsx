import { Alert, Button, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { changePassword, type StageAnswer } from './auth.api.ts';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** The server's password policy, checked here first so the user gets an immediate answer. */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * Current + new + confirmation. `forced` is the first-sign-in case (the current password is the
 * one-time password an administrator handed over).
 */
export function ChangePasswordForm({
  username,
  forced,
  onChanged,
}: {
  username: string | undefined;
  forced: boolean;
  onChanged: (answer: StageAnswer) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PasswordValues>();
  const submit = useMutation({
    mutationFn: async (values: PasswordValues) => onChanged(await changePassword(values.currentPassword, values.newPassword)),
    onSuccess: () => {
      if (!forced) form.resetFields();
    },
  });

  return (
    <>
      <Typography.Paragraph type="secondary">{forced ? t('auth.password.forcedHint') : t('auth.password.voluntaryHint')}</Typography.Paragraph>
      {submit.isError && <Alert className="block-gap" type="error" showIcon title={errorText(t, submit.error)} data-testid="password-error" />}
      {submit.isSuccess && !forced && <Alert className="block-gap" type="success" showIcon title={t('auth.password.changed')} />}
      <Form<PasswordValues> form={form} name="password" layout="vertical" requiredMark={false} onFinish={(values) => submit.mutate(values)}>
        <input type="text" name="username" autoComplete="username" value={username ?? ''} readOnly hidden />
        <Form.Item
          name="currentPassword"
          label={forced ? t('auth.password.currentForced') : t('auth.password.current')}
          rules={[{ required: true, message: t('auth.password.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" maxLength={256} autoFocus data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.password.new')}
          extra={t('auth.password.policy')}
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t('auth.password.newRequired') },
            { min: MIN_PASSWORD_LENGTH, message: t('auth.password.tooShort') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) => {
                if (!value) return Promise.resolve();
                if (username && value.toLowerCase() === username.toLowerCase()) return Promise.reject(new Error(t('auth.password.sameAsUsername')));
                if (value === getFieldValue('currentPassword')) return Promise.reject(new Error(t('auth.password.sameAsCurrent')));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={256} data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('auth.password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('auth.password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('auth.password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={256} data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block={forced} loading={submit.isPending} data-testid="password-submit">
          {t('auth.password.submit')}
        </Button>
      </Form>
    </>
  );
}
