import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { testIdProps } from '../findings/test-id.ts';
import { LEXICON_NAME_MAX, createLexicon, type LexiconDetail, type LexiconScope } from './lexicons.api.ts';

interface CreateValues {
  name: string;
  scope: LexiconScope;
}

/** 新增清單: an empty list, department-wide or for the user's own unit (only the scopes the user may create). */
export function LexiconCreateModal({ scopes, onClose, onCreated }: { scopes: LexiconScope[]; onClose: () => void; onCreated: (created: LexiconDetail) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateValues>();
  const creating = useMutation({ mutationFn: (values: CreateValues) => createLexicon({ name: values.name.trim(), scope: values.scope }), onSuccess: onCreated });
  return (
    <Modal
      open
      title={t('lexicons.create.title')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        if (!creating.isPending) onClose();
      }}
      confirmLoading={creating.isPending}
      mask={{ closable: false }}
      okButtonProps={testIdProps('lexicon-create-submit')}
    >
      {creating.isError && <Alert className="block-gap" type="error" showIcon title={errorText(t, creating.error)} />}
      <Form<CreateValues>
        form={form}
        layout="vertical"
        name="lexicon-create"
        initialValues={{ scope: scopes[0] }}
        disabled={creating.isPending}
        onFinish={(values) => creating.mutate(values)}
      >
        <Form.Item name="name" label={t('lexicons.create.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input autoFocus maxLength={LEXICON_NAME_MAX} showCount data-testid="lexicon-create-name" />
        </Form.Item>
        <Form.Item name="scope" label={t('lexicons.create.scope')} extra={t('lexicons.create.scopeHelp')}>
          <Radio.Group options={scopes.map((s) => ({ value: s, label: t(`lexicons.scopes.${s}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
