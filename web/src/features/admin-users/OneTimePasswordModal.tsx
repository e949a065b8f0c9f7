import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Shows a one-time password exactly once. The modal cannot be dismissed by clicking outside;
 * the administrator confirms having noted it, and the password is then dropped from memory.
 */
export function OneTimePasswordModal({ username, password, onClose }: { username: string; password: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('users.otp.title')}
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="otp-acknowledge">
          {t('users.otp.acknowledge')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('users.otp.warning')} className="block-gap" />
      <Typography.Paragraph>{t('users.otp.forUser', { username })}</Typography.Paragraph>
      <Typography.Paragraph copyable={{ text: password }} className="otp-value">
        <code data-testid="one-time-password">{password}</code>
      </Typography.Paragraph>
    </Modal>
  );
}
