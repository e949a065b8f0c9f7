import { useEffect, useRef } from 'react';
import { Alert, Button, Col, Form, Input, Result, Row, Spin, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { confirmMfaEnrollment, startMfaEnrollment } from './auth.api.ts';
import { normaliseTotp, totpRules } from './code-rules.ts';
import { refreshSession } from './session.ts';

interface CodeValues {
  code: string;
}

/** Base32 in groups of four, easier to type into an authenticator app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Stage `mfa_enrollment_required`: a new TOTP secret as QR code and as text, then the first code
 * from the app proves the enrolment.
 */
export function MfaEnrollPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CodeValues>();
  const start = useMutation({ mutationFn: startMfaEnrollment });
  const confirm = useMutation({
    mutationFn: async ({ code }: CodeValues) => {
      await confirmMfaEnrollment(code);
      return refreshSession(queryClient);
    },
    onError: () => form.setFieldValue('code', ''),
  });

  // Ask for a secret once per visit (StrictMode runs effects twice; a second secret would
  // replace the first on the server while the page still showed the first).
  const requested = useRef(false);
  const begin = start.mutate;
  useEffect(() => {
    if (requested.current) return;
    requested.current = true;
    begin();
  }, [begin]);

  if (start.isError) {
    return (
      <Result
        status="error"
        title={t('auth.enroll.startFailed')}
        subTitle={errorText(t, start.error)}
        extra={
          <Button type="primary" onClick={() => start.mutate()}>
            {t('app.retry')}
          </Button>
        }
      />
    );
  }

  const enrollment = start.data;
  return (
    <div data-testid="mfa-enroll-page">
      <h1 className="auth-title">{t('auth.enroll.title')}</h1>
      <Typography.Paragraph type="secondary">{t('auth.enroll.intro')}</Typography.Paragraph>
      {!enrollment ? (
        <div className="enroll-pending">
          <Spin description={t('auth.enroll.preparing')}>
            <div className="enroll-pending-box" />
          </Spin>
        </div>
      ) : (
        <>
          <Typography.Paragraph>{t('auth.enroll.step1')}</Typography.Paragraph>
          <Row justify="center" className="block-gap">
            <Col>
              <img className="enroll-qr" src={enrollment.qrDataUrl} alt={t('auth.enroll.qrAlt')} width={192} height={192} data-testid="mfa-qr" />
            </Col>
          </Row>
          <Typography.Paragraph>{t('auth.enroll.step2')}</Typography.Paragraph>
          <div className="enroll-secret">
            <span className="enroll-secret-label">{t('auth.enroll.secret')}</span>
            <Typography.Text copyable={{ text: enrollment.secret }}>
              <code data-testid="mfa-secret" data-secret={enrollment.secret}>
                {groupSecret(enrollment.secret)}
              </code>
            </Typography.Text>
          </div>
          <Typography.Paragraph>{t('auth.enroll.step3')}</Typography.Paragraph>
          {confirm.isError && <Alert className="block-gap" type="error" showIcon title={errorText(t, confirm.error)} data-testid="mfa-error" />}
          <Form<CodeValues> form={form} name="mfa-enroll" layout="vertical" requiredMark={false} onFinish={(values) => confirm.mutate(values)}>
            <Form.Item name="code" label={t('auth.mfa.code')} rules={totpRules(t)} normalize={normaliseTotp}>
              <Input
                prefix={<SafetyOutlined />}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={7}
                className="totp-input"
                data-testid="mfa-code"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={confirm.isPending} data-testid="mfa-submit">
              {t('auth.enroll.submit')}
            </Button>
          </Form>
        </>
      )}
    </div>
  );
}
