import { Alert, DatePicker, Form, Input, Modal, Select, Switch } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { editInitialValues, findingPatch, looksLikeIp, pickerIso, type EditValues } from './finding-edit.ts';
import { FINDING_LIMITS, TARGET_CATEGORIES, TARGET_KINDS, updateFinding, type Finding, type FindingPatch } from './findings.api.ts';
import { testIdProps } from './test-id.ts';

const rocDateTimeFormat = (value: Dayjs): string => formatRocDateTime(pickerIso(value));

/** 編輯發現: corrects the fields an officer may change; changed text is scored again by the server. */
export function FindingEditModal({ finding, onClose, onSaved }: { finding: Finding; onClose: () => void; onSaved: (updated: Finding) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditValues>();
  const saving = useMutation({
    mutationFn: (patch: FindingPatch) => updateFinding(finding.id, patch),
    onSuccess: onSaved,
  });

  const submit = (values: EditValues) => {
    const patch = findingPatch(finding, values);
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    saving.mutate(patch);
  };

  return (
    <Modal
      open
      width={720}
      title={t('findings.edit.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        if (!saving.isPending) onClose();
      }}
      confirmLoading={saving.isPending}
      mask={{ closable: false }}
      okButtonProps={testIdProps('finding-edit-save')}
    >
      {saving.isError && <Alert className="block-gap" type="error" showIcon title={errorText(t, saving.error)} data-testid="finding-edit-error" />}
      <Form<EditValues> form={form} layout="vertical" name="finding-edit" initialValues={editInitialValues(finding)} disabled={saving.isPending} onFinish={submit}>
        <Form.Item name="targetCategory" label={t('findings.fields.targetCategory')} extra={t('findings.edit.targetCategoryHelp')}>
          <Select
            options={TARGET_CATEGORIES.map((c) => ({ value: c, label: t(`findings.targetCategoryHints.${c}`) }))}
            data-testid="finding-edit-category"
          />
        </Form.Item>
        <Form.Item name="targetKind" label={t('findings.fields.targetKind')}>
          <Select
            allowClear
            placeholder={t('findings.edit.targetKindPlaceholder')}
            options={TARGET_KINDS.map((k) => ({ value: k, label: t(`findings.targetKinds.${k}`) }))}
            data-testid="finding-edit-target-kind"
          />
        </Form.Item>
        <Form.Item name="accountName" label={t('findings.fields.accountName')}>
          <Input maxLength={FINDING_LIMITS.account} autoComplete="off" data-testid="finding-edit-account-name" />
        </Form.Item>
        <Form.Item name="accountId" label={t('findings.fields.accountId')}>
          <Input maxLength={FINDING_LIMITS.account} autoComplete="off" data-testid="finding-edit-account-id" />
        </Form.Item>
        <Form.Item
          name="posterIp"
          label={t('findings.fields.posterIp')}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                !value?.trim() || looksLikeIp(value) ? Promise.resolve() : Promise.reject(new Error(t('findings.edit.posterIpInvalid'))),
            },
          ]}
        >
          <Input maxLength={FINDING_LIMITS.posterIp} autoComplete="off" className="mono-text" data-testid="finding-edit-poster-ip" />
        </Form.Item>
        <Form.Item name="postedAt" label={t('findings.fields.postedAt')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={rocDateTimeFormat} disabledDate={(day) => day.isAfter(dayjs(), 'day')} data-testid="finding-edit-posted-at" />
        </Form.Item>
        <Form.Item name="ephemeral" label={t('findings.fields.ephemeral')} valuePropName="checked">
          <Switch data-testid="finding-edit-ephemeral" />
        </Form.Item>
        <Form.Item name="contentText" label={t('findings.fields.contentText')} extra={t('findings.edit.contentHelp')}>
          <Input.TextArea rows={6} maxLength={FINDING_LIMITS.contentText} data-testid="finding-edit-content" />
        </Form.Item>
        <Form.Item name="notes" label={t('findings.fields.notes')}>
          <Input.TextArea rows={3} maxLength={FINDING_LIMITS.notes} showCount data-testid="finding-edit-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
