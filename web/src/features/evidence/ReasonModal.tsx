import type { ReactNode } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { REASON_MAX_LENGTH, REASON_MIN_LENGTH } from './evidence.api.ts';

interface ReasonValues {
  reason: string;
}

/**
 * Asks why the user reveals, downloads, prints or exports evidence. The reason is required (at
 * least {@link REASON_MIN_LENGTH} characters after trimming) and goes into the audit trail.
 *
 * `prompt` replaces the default "why view or download" line; `notice` adds an explanation under
 * it; `confirmLoading` keeps the dialog open while the action runs, and `error` shows its failure.
 */
export function ReasonModal({
  title,
  okText,
  onCancel,
  onSubmit,
  prompt,
  notice,
  confirmLoading = false,
  error,
}: {
  title: string;
  okText: string;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
  prompt?: string;
  notice?: ReactNode;
  confirmLoading?: boolean;
  error?: ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReasonValues>();
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={confirmLoading}
      mask={{ closable: false }}
    >
      <Alert className="block-gap" type="info" showIcon title={prompt ?? t('evidence.reason.prompt', { min: REASON_MIN_LENGTH })} description={notice} />
      {error && <Alert className="block-gap" type="error" showIcon title={error} data-testid="reason-error" />}
      <Form<ReasonValues>
        form={form}
        layout="vertical"
        name="evidence-reason"
        disabled={confirmLoading}
        onFinish={(values) => onSubmit(values.reason.trim())}
      >
        <Form.Item
          name="reason"
          label={t('evidence.reason.label')}
          rules={[
            { required: true, whitespace: true, message: t('evidence.reason.required') },
            {
              validator: (_, value: string | undefined) =>
                !value || value.trim().length === 0 || value.trim().length >= REASON_MIN_LENGTH
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('evidence.reason.tooShort', { min: REASON_MIN_LENGTH }))),
            },
          ]}
        >
          <Input.TextArea
            autoFocus
            rows={3}
            maxLength={REASON_MAX_LENGTH}
            showCount
            placeholder={t('evidence.reason.placeholder')}
            data-testid="reason-input"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
