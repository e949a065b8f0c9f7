import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../lib/errors.ts';
import { ApiErrorAlert } from '../patrol/ApiErrorAlert.tsx';
import { testIdProps } from '../findings/test-id.ts';
import { isEmailAddress } from '../cases/case-format.ts';
import { LIAISON_BODIES, LIAISON_CHANNELS, LIAISON_KEY, LIAISON_LIMITS, createLiaison, updateLiaison, type LiaisonBody, type LiaisonChannel, type LiaisonContact } from './liaison.api.ts';

interface FormValues {
  body: LiaisonBody;
  organisation: string;
  windowName?: string;
  email?: string;
  phone?: string;
  channels: LiaisonChannel[];
  notes?: string;
  active: boolean;
}

export type LiaisonFormTarget = { mode: 'create' } | { mode: 'edit'; contact: LiaisonContact };

const orNull = (value: string | undefined): string | null => value?.trim() || null;

/** Create a liaison window or edit one (WCPD coordinators and administrators). Rendered only while open. */
export function LiaisonFormModal({ target, onClose }: { target: LiaisonFormTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const editing = target.mode === 'edit' ? target.contact : null;

  const save = useMutation({
    mutationFn: (values: FormValues) => {
      const fields = {
        organisation: values.organisation.trim(),
        windowName: orNull(values.windowName),
        email: orNull(values.email),
        phone: orNull(values.phone),
        channels: values.channels,
        notes: orNull(values.notes),
        active: values.active,
      };
      return editing ? updateLiaison(editing.id, fields) : createLiaison({ body: values.body, ...fields });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: LIAISON_KEY });
      onClose();
    },
  });

  const initialValues: Partial<FormValues> = editing
    ? {
        body: editing.body,
        organisation: editing.organisation,
        windowName: editing.windowName ?? undefined,
        email: editing.email ?? undefined,
        phone: editing.phone ?? undefined,
        channels: editing.channels,
        notes: editing.notes ?? undefined,
        active: editing.active,
      }
    : { body: 'iwin', channels: [], active: true };

  return (
    <Modal
      open
      title={editing ? t('liaison.form.editTitle', { organisation: editing.organisation }) : t('liaison.form.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      width={640}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        if (!save.isPending) onClose();
      }}
      mask={{ closable: false }}
      okButtonProps={testIdProps('liaison-form-submit')}
      cancelButtonProps={testIdProps('liaison-form-cancel')}
    >
      {save.isError &&
        (errorCode(save.error) === 'FORBIDDEN' ? (
          <Alert className="block-gap" type="error" showIcon title={t('liaison.form.forbidden')} data-testid="liaison-form-error" />
        ) : (
          <ApiErrorAlert error={save.error} testId="liaison-form-error" />
        ))}
      <Form<FormValues> form={form} layout="vertical" name="liaison-form" initialValues={initialValues} disabled={save.isPending} onFinish={(values) => save.mutate(values)}>
        <Form.Item name="body" label={t('liaison.fields.body')} extra={editing ? t('liaison.form.bodyFixed') : undefined} rules={[{ required: true, message: t('common.required') }]}>
          <Select disabled={editing !== null} options={LIAISON_BODIES.map((b) => ({ value: b, label: t(`liaison.bodies.${b}`) }))} data-testid="liaison-form-body" />
        </Form.Item>
        <Form.Item name="organisation" label={t('liaison.fields.organisation')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={LIAISON_LIMITS.organisation} data-testid="liaison-form-organisation" />
        </Form.Item>
        <Form.Item name="windowName" label={t('liaison.fields.windowName')} extra={t('liaison.form.windowHelp')}>
          <Input maxLength={LIAISON_LIMITS.windowName} data-testid="liaison-form-window" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('liaison.fields.email')}
          rules={[{ validator: (_, value: string | undefined) => (!value?.trim() || isEmailAddress(value.trim()) ? Promise.resolve() : Promise.reject(new Error(t('liaison.form.badEmail')))) }]}
        >
          <Input maxLength={LIAISON_LIMITS.email} inputMode="email" data-testid="liaison-form-email" />
        </Form.Item>
        <Form.Item name="phone" label={t('liaison.fields.phone')}>
          <Input maxLength={LIAISON_LIMITS.phone} inputMode="tel" data-testid="liaison-form-phone" />
        </Form.Item>
        <Form.Item name="channels" label={t('liaison.fields.channels')}>
          <Select mode="multiple" allowClear options={LIAISON_CHANNELS.map((c) => ({ value: c, label: t(`liaison.channels.${c}`) }))} data-testid="liaison-form-channels" />
        </Form.Item>
        <Form.Item name="notes" label={t('liaison.fields.notes')}>
          <Input.TextArea rows={3} maxLength={LIAISON_LIMITS.notes} showCount data-testid="liaison-form-notes" />
        </Form.Item>
        <Form.Item name="active" label={t('liaison.fields.active')} valuePropName="checked">
          <Switch data-testid="liaison-form-active" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

