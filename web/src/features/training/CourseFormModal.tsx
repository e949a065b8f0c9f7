import { useMemo, useState } from 'react';
import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { rocPickerFormat, taipeiToday, ymd } from '../findings/period.ts';
import { testIdProps } from '../findings/test-id.ts';
import { usePeople } from '../outreach/outreach.api.ts';
import { ApiErrorAlert } from '../patrol/ApiErrorAlert.tsx';
import { TRAINING_KEY, TRAINING_LIMITS, createCourse, updateCourse, type Course, type CourseInput } from './training.api.ts';

interface FormValues {
  title: string;
  heldOn: Dayjs;
  hours: number;
  trainer: string;
  location?: string;
  notes?: string;
  traineeIds: string[];
}

export type CourseFormTarget = { mode: 'create' } | { mode: 'edit'; course: Course };

/** Records or changes a course (CIB and the WCPD). Rendered only while open. */
export function CourseFormModal({ target, onClose }: { target: CourseFormTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [query, setQuery] = useState('');
  const people = usePeople(query, '/api/training/people');
  const editing = target.mode === 'edit' ? target.course : null;

  const options = useMemo(() => {
    const known = new Map((editing?.trainees ?? []).map((p) => [p.id, p]));
    for (const p of people.data ?? []) known.set(p.id, p);
    return [...known.values()].map((p) => ({ value: p.id, label: `${p.displayName}（${p.unitCode}）` }));
  }, [people.data, editing]);

  const save = useMutation({
    mutationFn: (values: FormValues) => {
      const input: CourseInput = {
        title: values.title.trim(),
        heldOn: ymd(values.heldOn),
        hours: values.hours,
        trainer: values.trainer.trim(),
        location: values.location?.trim() || null,
        notes: values.notes?.trim() || null,
        traineeIds: values.traineeIds ?? [],
      };
      return editing ? updateCourse(editing.id, input) : createCourse(input);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: TRAINING_KEY });
      onClose();
    },
  });

  const initialValues: Partial<FormValues> = editing
    ? { title: editing.title, heldOn: dayjs(editing.heldOn), hours: editing.hours, trainer: editing.trainer, location: editing.location ?? undefined, notes: editing.notes ?? undefined, traineeIds: editing.trainees.map((p) => p.id) }
    : { heldOn: dayjs(taipeiToday()), hours: 3, traineeIds: [] };
  const required = [{ required: true, whitespace: true, message: t('common.required') }];

  return (
    <Modal
      open
      title={editing ? t('training.form.editTitle', { title: editing.title }) : t('training.form.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      width={640}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        if (!save.isPending) onClose();
      }}
      mask={{ closable: false }}
      okButtonProps={testIdProps('training-form-submit')}
      cancelButtonProps={testIdProps('training-form-cancel')}
    >
      {save.isError && <ApiErrorAlert error={save.error} testId="training-form-error" />}
      <Form<FormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={(values) => save.mutate(values)} data-testid="training-form">
        <Form.Item name="title" label={t('training.fields.title')} rules={[...required, { max: TRAINING_LIMITS.title }]}>
          <Input maxLength={TRAINING_LIMITS.title} data-testid="training-form-title" />
        </Form.Item>
        <Form.Item name="heldOn" label={t('training.fields.heldOn')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker format={rocPickerFormat} allowClear={false} data-testid="training-form-held-on" />
        </Form.Item>
        <Form.Item name="hours" label={t('training.fields.hours')} extra={t('training.form.hoursHint')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={0.5} max={TRAINING_LIMITS.hours} step={0.5} precision={1} data-testid="training-form-hours" />
        </Form.Item>
        <Form.Item name="trainer" label={t('training.fields.trainer')} rules={[...required, { max: TRAINING_LIMITS.trainer }]}>
          <Input maxLength={TRAINING_LIMITS.trainer} data-testid="training-form-trainer" />
        </Form.Item>
        <Form.Item name="location" label={t('training.fields.location')} rules={[{ max: TRAINING_LIMITS.location }]}>
          <Input maxLength={TRAINING_LIMITS.location} data-testid="training-form-location" />
        </Form.Item>
        <Form.Item name="traineeIds" label={t('training.fields.trainees')}>
          <Select mode="multiple" showSearch={{ filterOption: false, onSearch: setQuery }} options={options} loading={people.isFetching} maxCount={TRAINING_LIMITS.trainees} data-testid="training-form-trainees" />
        </Form.Item>
        <Form.Item name="notes" label={t('training.fields.notes')} rules={[{ max: TRAINING_LIMITS.notes }]}>
          <Input.TextArea rows={3} maxLength={TRAINING_LIMITS.notes} data-testid="training-form-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
