import { useMemo } from 'react';
import { App, Checkbox, Form, Input, Modal, Switch, TreeSelect } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { ROLES, breaksAdminSeparation } from '../../lib/roles.ts';
import { buildUnitTree, unitTreeOptions } from '../admin-units/unit-tree.ts';
import { useUnitName } from '../admin-units/unit-names.ts';
import type { Unit } from '../admin-units/units.api.ts';
import { createUser, updateUser, type User } from './users.api.ts';

interface FormValues {
  username: string;
  displayName: string;
  email?: string;
  unitId: string;
  roles: string[];
  active: boolean;
}

export type UserFormTarget = { mode: 'create' } | { mode: 'edit'; user: User };

/** Create or edit an account. Creating answers with a one-time password, handed to `onCreated`. */
export function UserFormModal({
  target,
  units,
  onClose,
  onCreated,
}: {
  target: UserFormTarget;
  units: readonly Unit[];
  onClose: () => void;
  onCreated: (user: User, oneTimePassword: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const unitName = useUnitName();
  const [form] = Form.useForm<FormValues>();
  const editing = target.mode === 'edit' ? target.user : null;
  const unitOptions = useMemo(() => unitTreeOptions(buildUnitTree(units), unitName), [units, unitName]);

  const save = useMutation({
    mutationFn: async (values: FormValues) => {
      const email = values.email?.trim() ?? '';
      if (editing) {
        const user = await updateUser(editing.id, {
          displayName: values.displayName.trim(),
          email: email === '' ? null : email,
          unitId: values.unitId,
          roles: values.roles,
          active: values.active,
        });
        return { user, oneTimePassword: null };
      }
      const created = await createUser({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        ...(email === '' ? {} : { email }),
        unitId: values.unitId,
        roles: values.roles,
      });
      return { user: created.user, oneTimePassword: created.oneTimePassword };
    },
    onSuccess: async ({ user, oneTimePassword }) => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      if (oneTimePassword !== null) {
        void message.success(t('users.messages.created', { username: user.username }));
        onCreated(user, oneTimePassword);
      } else {
        void message.success(t('users.messages.updated', { username: user.username }));
        onClose();
      }
    },
    onError: (error) => void message.error(errorText(t, error)),
  });

  const initialValues: Partial<FormValues> = editing
    ? { ...editing, email: editing.email ?? '' }
    : { roles: ['officer'], active: true };

  return (
    <Modal
      open
      title={editing ? t('users.form.editTitle', { username: editing.username }) : t('users.form.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      width={560}
    >
      <Form<FormValues>
        form={form}
        name="user"
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => save.mutate(values)}
        disabled={save.isPending}
      >
        <Form.Item
          name="username"
          label={t('users.form.username')}
          extra={editing ? undefined : t('users.form.usernameHelp')}
          rules={editing ? [] : [
            { required: true, message: t('common.required') },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, message: t('users.form.usernameInvalid') },
          ]}
        >
          <Input disabled={Boolean(editing)} maxLength={64} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.form.displayName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={100} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="email" label={t('users.form.email')} rules={[{ type: 'email', message: t('users.form.emailInvalid') }]}>
          <Input maxLength={254} autoComplete="off" data-testid="user-email" />
        </Form.Item>
        <Form.Item name="unitId" label={t('users.form.unit')} rules={[{ required: true, message: t('common.required') }]}>
          <TreeSelect treeData={unitOptions} showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll data-testid="user-unit" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('users.form.roles')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('users.form.rolesRequired') },
            {
              // Separation of duties (DESIGN.md): administrators never see case content.
              validator: (_, value: string[] | undefined) =>
                value && breaksAdminSeparation(value) ? Promise.reject(new Error(t('users.form.adminSeparation'))) : Promise.resolve(),
            },
          ]}
        >
          <Checkbox.Group options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))} className="role-checkboxes" />
        </Form.Item>
        {editing && (
          <Form.Item name="active" label={t('users.form.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
