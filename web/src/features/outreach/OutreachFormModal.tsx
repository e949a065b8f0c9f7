import { useMemo, useState } from 'react';
import { DatePicker, Form, Input, InputNumber, Modal, Select, Switch, TreeSelect } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { buildUnitTree, subtreeIds, unitTreeOptions } from '../admin-units/unit-tree.ts';
import { useUnitName } from '../admin-units/unit-names.ts';
import { useUnits } from '../admin-units/units.api.ts';
import { useSession } from '../auth/session.ts';
import { pickedIso } from '../cases/CaseParts.tsx';
import { taipeiPickerValue } from '../findings/period.ts';
import { testIdProps } from '../findings/test-id.ts';
import { ApiErrorAlert } from '../patrol/ApiErrorAlert.tsx';
import {
  EVENT_FORMATS,
  INTERVIEW_MEDIA,
  OUTREACH_KEY,
  OUTREACH_KINDS,
  OUTREACH_LIMITS,
  SCHOOL_LEVELS,
  createActivity,
  updateActivity,
  usePeople,
  type Activity,
  type ActivityInput,
  type EventFormat,
  type InterviewMedium,
  type OutreachDetails,
  type OutreachKind,
  type SchoolLevel,
} from './outreach.api.ts';

interface FormValues {
  kind: OutreachKind;
  unitId: string;
  title: string;
  startsAt: Dayjs;
  endsAt?: Dayjs | null;
  audienceCount?: number | null;
  officerIds: string[];
  notes?: string;
  // Kind-specific fields, flat in the form; only the chosen kind's are sent.
  schoolName?: string;
  schoolLevel?: SchoolLevel;
  topics?: string[];
  withEducationBureauTour?: boolean;
  platform?: string;
  link?: string;
  reach?: number | null;
  medium?: InterviewMedium;
  outlet?: string;
  programme?: string;
  station?: string;
  mediaGroups?: string[];
  withPictures?: boolean;
  occasion?: string;
  format?: EventFormat;
  withParentsAndChildren?: boolean;
  venue?: string;
}

export type OutreachFormTarget = { mode: 'create'; day?: string } | { mode: 'edit'; activity: Activity };

const trimmed = (value: string | undefined) => value?.trim() ?? '';
const orNull = (value: string | undefined) => value?.trim() || null;
const rocDateTime = (value: Dayjs) => formatRocDateTime(pickedIso(value));

function detailsOf(values: FormValues): OutreachDetails {
  switch (values.kind) {
    case 'school_talk':
      return { kind: 'school_talk', schoolName: trimmed(values.schoolName), schoolLevel: values.schoolLevel ?? 'junior_high', topics: values.topics ?? [], withEducationBureauTour: values.withEducationBureauTour ?? false };
    case 'online_post':
      return { kind: 'online_post', platform: trimmed(values.platform), link: trimmed(values.link), reach: values.reach ?? null };
    case 'media_interview':
      return { kind: 'media_interview', medium: values.medium ?? 'electronic', outlet: trimmed(values.outlet), programme: orNull(values.programme) };
    case 'radio_programme':
      return { kind: 'radio_programme', station: trimmed(values.station), programme: trimmed(values.programme) };
    case 'press_release':
      return { kind: 'press_release', mediaGroups: values.mediaGroups ?? [], withPictures: values.withPictures ?? false };
    case 'special_day_event':
      return { kind: 'special_day_event', occasion: trimmed(values.occasion), format: values.format ?? 'in_person', withParentsAndChildren: values.withParentsAndChildren ?? false, venue: orNull(values.venue) };
  }
}

function initialValues(target: OutreachFormTarget, unitId: string): Partial<FormValues> {
  if (target.mode === 'create') {
    const start = taipeiPickerValue(`${target.day ?? new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)}T01:00:00.000Z`);
    return { kind: 'school_talk', unitId, officerIds: [], startsAt: start ?? undefined, schoolLevel: 'junior_high', topics: [], withEducationBureauTour: true };
  }
  const a = target.activity;
  const base: Partial<FormValues> = {
    kind: a.kind,
    unitId: a.unit.id,
    title: a.title,
    startsAt: taipeiPickerValue(a.startsAt) ?? undefined,
    endsAt: taipeiPickerValue(a.endsAt),
    audienceCount: a.audienceCount,
    officerIds: a.officers.map((o) => o.id),
    notes: a.notes ?? undefined,
  };
  const d = a.details;
  switch (d.kind) {
    case 'school_talk':
      return { ...base, schoolName: d.schoolName, schoolLevel: d.schoolLevel, topics: d.topics, withEducationBureauTour: d.withEducationBureauTour };
    case 'online_post':
      return { ...base, platform: d.platform, link: d.link, reach: d.reach };
    case 'media_interview':
      return { ...base, medium: d.medium, outlet: d.outlet, programme: d.programme ?? undefined };
    case 'radio_programme':
      return { ...base, station: d.station, programme: d.programme };
    case 'press_release':
      return { ...base, mediaGroups: d.mediaGroups, withPictures: d.withPictures };
    case 'special_day_event':
      return { ...base, occasion: d.occasion, format: d.format, withParentsAndChildren: d.withParentsAndChildren, venue: d.venue ?? undefined };
  }
}

/**
 * Records or changes a prevention activity (G5.4): the fields every kind shares, then the chosen
 * kind's own. The unit list offers the user's own unit and its sub-units (every unit for the
 * WCPD); the server checks the same. Rendered only while open.
 */
export function OutreachFormModal({ target, onClose, onSaved }: { target: OutreachFormTarget; onClose: () => void; onSaved?: (activity: Activity) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const session = useSession();
  const units = useUnits();
  const unitName = useUnitName();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? (target.mode === 'edit' ? target.activity.kind : 'school_talk');
  const [peopleQuery, setPeopleQuery] = useState('');
  const people = usePeople(peopleQuery);
  const user = session.data?.user;
  const editing = target.mode === 'edit' ? target.activity : null;

  const unitOptions = useMemo(() => {
    const all = units.data ?? [];
    const writable = user?.roles.includes('wcpd_coordinator') ? new Set(all.map((u) => u.id)) : subtreeIds(all, user?.unit.id ?? '');
    const disabled = new Set(all.filter((u) => !writable.has(u.id)).map((u) => u.id));
    return unitTreeOptions(buildUnitTree(all), unitName, { disabledIds: disabled });
  }, [units.data, user, unitName]);

  // The chosen officers stay listed while the search shows others.
  const personOptions = useMemo(() => {
    const known = new Map((editing?.officers ?? []).map((p) => [p.id, p]));
    for (const p of people.data ?? []) known.set(p.id, p);
    return [...known.values()].map((p) => ({ value: p.id, label: `${p.displayName}（${p.unitCode}）` }));
  }, [people.data, editing]);

  const save = useMutation({
    mutationFn: (values: FormValues) => {
      const input: ActivityInput = {
        unitId: values.unitId,
        title: values.title.trim(),
        startsAt: pickedIso(values.startsAt),
        endsAt: values.endsAt ? pickedIso(values.endsAt) : null,
        audienceCount: values.audienceCount ?? null,
        officerIds: values.officerIds ?? [],
        notes: orNull(values.notes),
        details: detailsOf(values),
      };
      return editing ? updateActivity(editing.id, input) : createActivity(input);
    },
    onSuccess: async (activity) => {
      await queryClient.invalidateQueries({ queryKey: OUTREACH_KEY });
      onSaved?.(activity);
      onClose();
    },
  });

  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const text = (max: number) => [...required, { max }];

  return (
    <Modal
      open
      title={editing ? t('outreach.form.editTitle', { title: editing.title }) : t('outreach.form.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      width={720}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        if (!save.isPending) onClose();
      }}
      mask={{ closable: false }}
      okButtonProps={testIdProps('outreach-form-submit')}
      cancelButtonProps={testIdProps('outreach-form-cancel')}
    >
      {save.isError && <ApiErrorAlert error={save.error} testId="outreach-form-error" />}
      <Form<FormValues> form={form} layout="vertical" initialValues={initialValues(target, user?.unit.id ?? '')} onFinish={(values) => save.mutate(values)} data-testid="outreach-form">
        <Form.Item name="kind" label={t('outreach.fields.kind')} rules={[{ required: true }]}>
          <Select options={OUTREACH_KINDS.map((k) => ({ value: k, label: t(`outreach.kinds.${k}`) }))} data-testid="outreach-form-kind" />
        </Form.Item>
        <Form.Item name="unitId" label={t('outreach.fields.unit')} rules={[{ required: true, message: t('common.required') }]}>
          <TreeSelect treeData={unitOptions} showSearch={{ treeNodeFilterProp: 'title' }} loading={units.isPending} data-testid="outreach-form-unit" />
        </Form.Item>
        <Form.Item name="title" label={t('outreach.fields.title')} rules={text(OUTREACH_LIMITS.title)}>
          <Input maxLength={OUTREACH_LIMITS.title} data-testid="outreach-form-title" />
        </Form.Item>
        <div className="outreach-form-row">
          <Form.Item name="startsAt" label={t('outreach.fields.startsAt')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={rocDateTime} allowClear={false} data-testid="outreach-form-starts" />
          </Form.Item>
          <Form.Item name="endsAt" label={t('outreach.fields.endsAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={rocDateTime} data-testid="outreach-form-ends" />
          </Form.Item>
          <Form.Item name="audienceCount" label={kind === 'online_post' ? t('outreach.fields.audienceOnline') : t('outreach.fields.audience')}>
            <InputNumber min={0} max={OUTREACH_LIMITS.audience} precision={0} data-testid="outreach-form-audience" />
          </Form.Item>
        </div>

        {kind === 'school_talk' && (
          <>
            <div className="outreach-form-row">
              <Form.Item name="schoolName" label={t('outreach.fields.schoolName')} rules={text(OUTREACH_LIMITS.text)}>
                <Input maxLength={OUTREACH_LIMITS.text} data-testid="outreach-form-school" />
              </Form.Item>
              <Form.Item name="schoolLevel" label={t('outreach.fields.schoolLevel')} rules={[{ required: true }]}>
                <Select options={SCHOOL_LEVELS.map((l) => ({ value: l, label: t(`outreach.schoolLevels.${l}`) }))} data-testid="outreach-form-level" />
              </Form.Item>
            </div>
            <Form.Item name="topics" label={t('outreach.fields.topics')} extra={t('outreach.form.tagsHint')}>
              <Select mode="tags" maxCount={20} tokenSeparators={['、', ',']} data-testid="outreach-form-topics" />
            </Form.Item>
            <Form.Item name="withEducationBureauTour" label={t('outreach.fields.withEducationBureauTour')} valuePropName="checked">
              <Switch data-testid="outreach-form-tour" />
            </Form.Item>
          </>
        )}
        {kind === 'online_post' && (
          <div className="outreach-form-row">
            <Form.Item name="platform" label={t('outreach.fields.platform')} rules={text(OUTREACH_LIMITS.text)}>
              <Input maxLength={OUTREACH_LIMITS.text} data-testid="outreach-form-platform" />
            </Form.Item>
            <Form.Item name="link" label={t('outreach.fields.link')} rules={[...text(OUTREACH_LIMITS.link), { pattern: /^https?:\/\/\S+$/i, message: t('outreach.form.linkInvalid') }]}>
              <Input maxLength={OUTREACH_LIMITS.link} placeholder="https://" data-testid="outreach-form-link" />
            </Form.Item>
            <Form.Item name="reach" label={t('outreach.fields.reach')}>
              <InputNumber min={0} precision={0} data-testid="outreach-form-reach" />
            </Form.Item>
          </div>
        )}
        {kind === 'media_interview' && (
          <div className="outreach-form-row">
            <Form.Item name="medium" label={t('outreach.fields.medium')} rules={[{ required: true }]} initialValue="electronic">
              <Select options={INTERVIEW_MEDIA.map((m) => ({ value: m, label: t(`outreach.media.${m}`) }))} data-testid="outreach-form-medium" />
            </Form.Item>
            <Form.Item name="outlet" label={t('outreach.fields.outlet')} rules={text(OUTREACH_LIMITS.text)}>
              <Input maxLength={OUTREACH_LIMITS.text} data-testid="outreach-form-outlet" />
            </Form.Item>
            <Form.Item name="programme" label={t('outreach.fields.programme')} rules={[{ max: OUTREACH_LIMITS.text }]}>
              <Input maxLength={OUTREACH_LIMITS.text} data-testid="outreach-form-programme" />
            </Form.Item>
          </div>
        )}
        {kind === 'radio_programme' && (
          <div className="outreach-form-row">
            <Form.Item name="station" label={t('outreach.fields.station')} rules={text(OUTREACH_LIMITS.text)}>
              <Input maxLength={OUTREACH_LIMITS.text} data-testid="outreach-form-station" />
            </Form.Item>
            <Form.Item name="programme" label={t('outreach.fields.programme')} rules={text(OUTREACH_LIMITS.text)}>
              <Input maxLength={OUTREACH_LIMITS.text} data-testid="outreach-form-programme" />
            </Form.Item>
          </div>
        )}
        {kind === 'press_release' && (
          <>
            <Form.Item name="mediaGroups" label={t('outreach.fields.mediaGroups')} extra={t('outreach.form.tagsHint')} rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}>
              <Select mode="tags" maxCount={50} tokenSeparators={['、', ',']} data-testid="outreach-form-media-groups" />
            </Form.Item>
            <Form.Item name="withPictures" label={t('outreach.fields.withPictures')} valuePropName="checked" initialValue={false}>
              <Switch data-testid="outreach-form-pictures" />
            </Form.Item>
          </>
        )}
        {kind === 'special_day_event' && (
          <>
            <div className="outreach-form-row">
              <Form.Item name="occasion" label={t('outreach.fields.occasion')} rules={text(OUTREACH_LIMITS.text)}>
                <Input maxLength={OUTREACH_LIMITS.text} placeholder={t('outreach.form.occasionPlaceholder')} data-testid="outreach-form-occasion" />
              </Form.Item>
              <Form.Item name="format" label={t('outreach.fields.format')} rules={[{ required: true }]} initialValue="in_person">
                <Select options={EVENT_FORMATS.map((f) => ({ value: f, label: t(`outreach.formats.${f}`) }))} data-testid="outreach-form-format" />
              </Form.Item>
              <Form.Item name="venue" label={t('outreach.fields.venue')} rules={[{ max: OUTREACH_LIMITS.venue }]}>
                <Input maxLength={OUTREACH_LIMITS.venue} data-testid="outreach-form-venue" />
              </Form.Item>
            </div>
            <Form.Item name="withParentsAndChildren" label={t('outreach.fields.withParentsAndChildren')} valuePropName="checked" initialValue={true}>
              <Switch data-testid="outreach-form-parents" />
            </Form.Item>
          </>
        )}

        <Form.Item name="officerIds" label={t('outreach.fields.officers')}>
          <Select
            mode="multiple"
            showSearch={{ filterOption: false, onSearch: setPeopleQuery }}
            options={personOptions}
            loading={people.isFetching}
            maxCount={OUTREACH_LIMITS.officers}
            data-testid="outreach-form-officers"
          />
        </Form.Item>
        <Form.Item name="notes" label={t('outreach.fields.notes')} rules={[{ max: OUTREACH_LIMITS.notes }]}>
          <Input.TextArea rows={3} maxLength={OUTREACH_LIMITS.notes} data-testid="outreach-form-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
