import { App, Form, Input, Modal, Select, Switch, Tag } from 'antd';
import type { SelectProps } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../patrol/ApiErrorAlert.tsx';
import { testIdProps } from '../findings/test-id.ts';
import {
  PLATFORM_CODE,
  PLATFORM_KINDS,
  PLATFORM_LIMITS,
  isPlatformKind,
  isValidDomain,
  isValidMarker,
  isValidTemplate,
  normaliseDomain,
  normaliseList,
  normaliseMarker,
  sameList,
  type PlatformKind,
} from './platform-rules.ts';
import { createPlatform, invalidatePlatforms, updatePlatform, type Platform, type PlatformFields, type UpdatePlatformInput } from './platforms-admin.api.ts';

interface FormValues {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: PlatformKind;
  domains: string[];
  searchUrlTemplates: string[];
  unavailableMarkers: string[];
  notes?: string;
  active: boolean;
}

export type PlatformFormTarget = { mode: 'create' } | { mode: 'edit'; platform: Platform };

type TagRender = NonNullable<SelectProps['tagRender']>;

/** Tags of a tags-mode field, those the rule refuses shown in red so the administrator sees which. */
function tagRenderFor(isValid: (value: string) => boolean): TagRender {
  return function ListTag({ label, value, closable, onClose }) {
    const ok = typeof value === 'string' && isValid(value);
    return (
      <Tag color={ok ? undefined : 'error'} closable={closable} onClose={onClose} className="platform-form-tag" data-valid={ok ? 'true' : 'false'}>
        {label}
      </Tag>
    );
  };
}

const domainTag = tagRenderFor(isValidDomain);
const templateTag = tagRenderFor(isValidTemplate);
const markerTag = tagRenderFor(isValidMarker);

/** The fields of a form, as the server takes them. */
function fieldsOf(values: FormValues): PlatformFields {
  return {
    nameZh: values.nameZh.trim(),
    nameEn: values.nameEn.trim(),
    kind: values.kind,
    domains: normaliseList(values.domains, normaliseDomain),
    searchUrlTemplates: normaliseList(values.searchUrlTemplates, (v) => v.trim()),
    unavailableMarkers: normaliseList(values.unavailableMarkers, normaliseMarker),
    notes: values.notes?.trim() || null,
  };
}

/** Only what changed, so the audit row names the fields really edited. */
function changedFields(before: Platform, after: PlatformFields & { active: boolean }): UpdatePlatformInput {
  const patch: UpdatePlatformInput = {};
  if (after.nameZh !== before.nameZh) patch.nameZh = after.nameZh;
  if (after.nameEn !== before.nameEn) patch.nameEn = after.nameEn;
  if (after.kind !== before.kind) patch.kind = after.kind;
  if (!sameList(after.domains, before.domains)) patch.domains = after.domains;
  if (!sameList(after.searchUrlTemplates, before.searchUrlTemplates)) patch.searchUrlTemplates = after.searchUrlTemplates;
  if (!sameList(after.unavailableMarkers, before.unavailableMarkers)) patch.unavailableMarkers = after.unavailableMarkers;
  if (after.notes !== before.notes) patch.notes = after.notes;
  if (after.active !== before.active) patch.active = after.active;
  return patch;
}

/** Create a platform or edit one (administrators, G3.1). Rendered only while open. */
export function PlatformFormModal({ target, onClose }: { target: PlatformFormTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const editing = target.mode === 'edit' ? target.platform : null;

  /** A tags-field rule: the first entry `isValid` refuses is named in the message, then the count is checked. */
  const listRule = (isValid: (value: string) => boolean, badMessage: (value: string) => string, max: number, tooManyMessage: string) => ({
    validator: (_: unknown, value: string[] | undefined) => {
      const bad = (value ?? []).find((entry) => !isValid(entry));
      if (bad !== undefined) return Promise.reject(new Error(badMessage(bad.length > 60 ? `${bad.slice(0, 60)}…` : bad)));
      if ((value ?? []).length > max) return Promise.reject(new Error(tooManyMessage));
      return Promise.resolve();
    },
  });

  const save = useMutation({
    mutationFn: async (values: FormValues): Promise<Platform | null> => {
      const fields = fieldsOf(values);
      if (!editing) return createPlatform({ code: values.code.trim(), ...fields });
      const patch = changedFields(editing, { ...fields, active: values.active });
      // The server refuses an empty patch; nothing changed means nothing to save.
      return Object.keys(patch).length > 0 ? updatePlatform(editing.id, patch) : null;
    },
    onSuccess: async (platform) => {
      if (platform) {
        void message.success(editing ? t('platformsAdmin.messages.updated', { code: platform.code }) : t('platformsAdmin.messages.created', { code: platform.code }));
        await invalidatePlatforms(queryClient);
      }
      onClose();
    },
  });

  const initialValues: Partial<FormValues> = editing
    ? {
        code: editing.code,
        nameZh: editing.nameZh,
        nameEn: editing.nameEn,
        kind: isPlatformKind(editing.kind) ? editing.kind : 'other',
        domains: editing.domains,
        searchUrlTemplates: editing.searchUrlTemplates,
        unavailableMarkers: editing.unavailableMarkers,
        notes: editing.notes ?? undefined,
        active: editing.active,
      }
    : { kind: 'social', domains: [], searchUrlTemplates: [], unavailableMarkers: [], active: true };

  return (
    <Modal
      open
      title={editing ? t('platformsAdmin.form.editTitle', { code: editing.code }) : t('platformsAdmin.form.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      width={720}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        if (!save.isPending) onClose();
      }}
      mask={{ closable: false }}
      okButtonProps={testIdProps('platform-form-submit')}
      cancelButtonProps={testIdProps('platform-form-cancel')}
    >
      {save.isError && <ApiErrorAlert error={save.error} testId="platform-form-error" />}
      <Form<FormValues> form={form} layout="vertical" name="platform-form" initialValues={initialValues} disabled={save.isPending} onFinish={(values) => save.mutate(values)}>
        <Form.Item
          name="code"
          label={t('platformsAdmin.fields.code')}
          extra={editing ? t('platformsAdmin.form.codeFixed') : t('platformsAdmin.form.codeHelp')}
          normalize={(value: string | undefined) => value?.toLowerCase()}
          rules={
            editing
              ? []
              : [
                  { required: true, whitespace: true, message: t('common.required') },
                  { pattern: PLATFORM_CODE, message: t('platformsAdmin.form.codeInvalid') },
                ]
          }
        >
          <Input disabled={editing !== null} maxLength={32} autoComplete="off" spellCheck={false} data-testid="platform-form-code" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('platformsAdmin.fields.nameZh')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={PLATFORM_LIMITS.name} data-testid="platform-form-name-zh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('platformsAdmin.fields.nameEn')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={PLATFORM_LIMITS.name} data-testid="platform-form-name-en" />
        </Form.Item>
        <Form.Item name="kind" label={t('platformsAdmin.fields.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={PLATFORM_KINDS.map((kind) => ({ value: kind, label: t(`platformsAdmin.kinds.${kind}`) }))} data-testid="platform-form-kind" />
        </Form.Item>
        <Form.Item
          name="domains"
          label={t('platformsAdmin.fields.domains')}
          extra={t('platformsAdmin.form.domainsHelp', { max: PLATFORM_LIMITS.domains })}
          normalize={(value: string[] | undefined) => normaliseList(value, normaliseDomain)}
          rules={[
            listRule(
              isValidDomain,
              (value) => t('platformsAdmin.form.badDomain', { value }),
              PLATFORM_LIMITS.domains,
              t('platformsAdmin.form.tooManyDomains', { max: PLATFORM_LIMITS.domains }),
            ),
          ]}
        >
          <Select mode="tags" tokenSeparators={[',', '，', '、', ' ', '\n']} open={false} suffixIcon={null} tagRender={domainTag} placeholder="dcard.tw" data-testid="platform-form-domains" />
        </Form.Item>
        <Form.Item
          name="searchUrlTemplates"
          label={t('platformsAdmin.fields.templates')}
          extra={t('platformsAdmin.form.templatesHelp', { max: PLATFORM_LIMITS.templates })}
          normalize={(value: string[] | undefined) => normaliseList(value, (v) => v.trim())}
          rules={[
            listRule(
              isValidTemplate,
              (value) => t('platformsAdmin.form.badTemplate', { value }),
              PLATFORM_LIMITS.templates,
              t('platformsAdmin.form.tooManyTemplates', { max: PLATFORM_LIMITS.templates }),
            ),
          ]}
        >
          <Select
            mode="tags"
            tokenSeparators={[' ', '\n']}
            open={false}
            suffixIcon={null}
            tagRender={templateTag}
            placeholder="https://www.dcard.tw/search?query={q}"
            data-testid="platform-form-templates"
          />
        </Form.Item>
        <Form.Item
          name="unavailableMarkers"
          label={t('platformsAdmin.fields.markers')}
          extra={t('platformsAdmin.form.markersHelp', { min: PLATFORM_LIMITS.marker.min, max: PLATFORM_LIMITS.marker.max, limit: PLATFORM_LIMITS.markers })}
          normalize={(value: string[] | undefined) => normaliseList(value, normaliseMarker)}
          rules={[
            listRule(
              isValidMarker,
              (value) => t('platformsAdmin.form.badMarker', { value, min: PLATFORM_LIMITS.marker.min, max: PLATFORM_LIMITS.marker.max }),
              PLATFORM_LIMITS.markers,
              t('platformsAdmin.form.tooManyMarkers', { max: PLATFORM_LIMITS.markers }),
            ),
          ]}
        >
          {/* Markers hold spaces and commas ("Sorry, this page isn't available."): only a new line separates them. */}
          <Select mode="tags" tokenSeparators={['\n']} open={false} suffixIcon={null} tagRender={markerTag} data-testid="platform-form-markers" />
        </Form.Item>
        <Form.Item name="notes" label={t('platformsAdmin.fields.notes')}>
          <Input.TextArea rows={3} maxLength={PLATFORM_LIMITS.notes} showCount data-testid="platform-form-notes" />
        </Form.Item>
        {/* The server creates platforms active; the switch edits an existing one. */}
        {editing && (
          <Form.Item name="active" label={t('platformsAdmin.fields.active')} valuePropName="checked" extra={t('platformsAdmin.form.activeHelp')}>
            <Switch data-testid="platform-form-active" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
