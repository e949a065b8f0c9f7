import { useMemo } from 'react';
import { App, Form, Input, Modal, Select, Switch, TreeSelect } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { buildUnitTree, subtreeIds, unitTreeOptions } from './unit-tree.ts';
import { UNITS_QUERY_KEY, UNIT_KINDS, createUnit, updateUnit, type Unit, type UnitKind } from './units.api.ts';
import { useUnitName } from './unit-names.ts';

interface FormValues {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: UnitKind;
  parentId?: string | null;
  active: boolean;
}

export type UnitFormTarget = { mode: 'create'; parentId: string | null } | { mode: 'edit'; unit: Unit };

/** Unit codes appear in case numbers: upper-case, starting with a letter (server contract). */
const UNIT_CODE = /^[A-Z][A-Z0-9-]{0,15}$/;

/** Create a unit (optionally under a parent) or edit one. Rendered only while open. */
export function UnitFormModal({ target, units, onClose }: { target: UnitFormTarget; units: readonly Unit[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const unitName = useUnitName();
  const [form] = Form.useForm<FormValues>();

  const editing = target.mode === 'edit' ? target.unit : null;
  // The root unit (the department) has no parent and cannot be given one.
  const isRoot = editing !== null && editing.parentId === null;
  const parentOptions = useMemo(() => {
    const disabledIds = editing ? subtreeIds(units, editing.id) : new Set<string>();
    return unitTreeOptions(buildUnitTree(units), unitName, { disabledIds });
  }, [units, editing, unitName]);

  const save = useMutation({
    mutationFn: async (values: FormValues): Promise<Unit> => {
      const parentId = values.parentId ?? undefined;
      if (editing) {
        return updateUnit(editing.id, {
          nameZh: values.nameZh.trim(),
          nameEn: values.nameEn.trim(),
          kind: values.kind,
          ...(isRoot || parentId === undefined ? {} : { parentId }),
          active: values.active,
        });
      }
      if (parentId === undefined) throw new Error('parent unit required'); // the form rule prevents this
      return createUnit({
        code: values.code.trim().toUpperCase(),
        nameZh: values.nameZh.trim(),
        nameEn: values.nameEn.trim(),
        kind: values.kind,
        parentId,
      });
    },
    onSuccess: async (unit) => {
      void message.success(editing ? t('units.messages.updated', { code: unit.code }) : t('units.messages.created', { code: unit.code }));
      await queryClient.invalidateQueries({ queryKey: UNITS_QUERY_KEY });
      onClose();
    },
    onError: (error) => void message.error(errorText(t, error)),
  });

  const initialValues: Partial<FormValues> = editing
    ? { ...editing }
    : { parentId: target.mode === 'create' ? (target.parentId ?? undefined) : undefined, kind: 'station', active: true };

  return (
    <Modal
      open
      title={editing ? t('units.form.editTitle', { code: editing.code }) : t('units.form.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        name="unit"
        initialValues={initialValues}
        onFinish={(values) => save.mutate(values)}
        disabled={save.isPending}
      >
        <Form.Item
          name="code"
          label={t('units.form.code')}
          extra={editing ? undefined : t('units.form.codeHelp')}
          normalize={(value: string) => value.toUpperCase()}
          rules={editing ? [] : [
            { required: true, message: t('common.required') },
            { pattern: UNIT_CODE, message: t('units.form.codeInvalid') },
          ]}
        >
          <Input disabled={Boolean(editing)} maxLength={16} data-testid="unit-code" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('units.form.nameZh')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={100} data-testid="unit-name-zh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('units.form.nameEn')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={200} data-testid="unit-name-en" />
        </Form.Item>
        <Form.Item name="kind" label={t('units.form.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={UNIT_KINDS.map((kind) => ({ value: kind, label: t(`units.kinds.${kind}`) }))} />
        </Form.Item>
        <Form.Item
          name="parentId"
          label={t('units.form.parent')}
          rules={isRoot ? [] : [{ required: true, message: t('units.form.parentRequired') }]}
        >
          <TreeSelect
            treeData={parentOptions}
            disabled={isRoot}
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={isRoot ? t('units.form.noParent') : undefined}
            treeDefaultExpandAll
          />
        </Form.Item>
        {editing && (
          <Form.Item name="active" label={t('units.form.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
