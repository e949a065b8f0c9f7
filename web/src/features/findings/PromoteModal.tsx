import { Alert, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { FINDING_LIMITS, promoteFinding, type Finding } from './findings.api.ts';
import { testIdProps } from './test-id.ts';

interface PromoteValues {
  title: string;
  summary?: string;
}

/** 立案列管: opens a new case of the user's unit with this finding; the server issues the number. */
export function PromoteModal({ finding, onClose, onDone }: { finding: Finding; onClose: () => void; onDone: (updated: Finding) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PromoteValues>();
  const promoting = useMutation({
    mutationFn: (values: PromoteValues) => promoteFinding(finding.id, { title: values.title.trim(), summary: values.summary?.trim() || undefined }),
    onSuccess: onDone,
  });
  return (
    <Modal
      open
      title={t('findings.promote.title')}
      okText={t('findings.promote.ok')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        if (!promoting.isPending) onClose();
      }}
      confirmLoading={promoting.isPending}
      mask={{ closable: false }}
      okButtonProps={testIdProps('promote-submit')}
    >
      <Alert className="block-gap" type="info" showIcon title={t('findings.promote.intro')} />
      {promoting.isError && <Alert className="block-gap" type="error" showIcon title={errorText(t, promoting.error)} data-testid="promote-error" />}
      <Form<PromoteValues> form={form} layout="vertical" name="finding-promote" disabled={promoting.isPending} onFinish={(values) => promoting.mutate(values)}>
        <Form.Item name="title" label={t('findings.promote.caseTitle')} rules={[{ required: true, whitespace: true, message: t('findings.promote.caseTitleRequired') }]}>
          <Input autoFocus maxLength={FINDING_LIMITS.caseTitle} showCount data-testid="promote-title" />
        </Form.Item>
        <Form.Item name="summary" label={t('findings.promote.summary')}>
          <Input.TextArea rows={4} maxLength={FINDING_LIMITS.caseSummary} showCount data-testid="promote-summary" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
