import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Form, Input, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import { formatRocDate, taipeiDayStartIso } from '../../lib/roc-date.ts';
import { parseYmd, rocPickerFormat, ymd } from '../findings/period.ts';
import { ApiErrorAlert } from '../patrol/ApiErrorAlert.tsx';
import { CourseFormModal, type CourseFormTarget } from './CourseFormModal.tsx';
import { TRAINING_KEY, deleteCourse, useCourses, type Course } from './training.api.ts';
import '../findings/findings.css';

/** `114/07/08` for a Taipei day `YYYY-MM-DD`. */
export const rocDay = (day: string): string => formatRocDate(taipeiDayStartIso(day));

/**
 * 技術偵查訓練 (G4.1.4): the courses CIB gives field officers — day, hours, trainer, who attended.
 * CIB and the WCPD record them; everyone sees the courses, and the trainees they may know of
 * (themself, a supervisor's units, everyone for CIB and the WCPD), each linking to their history.
 */
export function TrainingPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const from = parseYmd(params.get('from'));
  const to = parseYmd(params.get('to'));
  const q = params.get('q') ?? undefined;
  const courses = useCourses({ from, to, q });
  const [formTarget, setFormTarget] = useState<CourseFormTarget | null>(null);
  const remove = useMutation({ mutationFn: (id: string) => deleteCourse(id), onSuccess: () => queryClient.invalidateQueries({ queryKey: TRAINING_KEY }) });
  const canCreate = courses.data?.can.create ?? false;
  const none = t('common.none');

  const go = (next: { from?: string; to?: string; q?: string }) => {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries({ from, to, q, ...next })) if (value) out[key] = value;
    setParams(out);
  };

  const columns: TableColumnsType<Course> = [
    { title: t('training.fields.heldOn'), dataIndex: 'heldOn', width: 110, render: (_, c) => rocDay(c.heldOn) },
    { title: t('training.fields.title'), dataIndex: 'title', render: (_, c) => <span data-testid="training-row-title">{c.title}</span> },
    { title: t('training.fields.hours'), dataIndex: 'hours', width: 80, align: 'right' },
    { title: t('training.fields.trainer'), dataIndex: 'trainer', width: 160 },
    { title: t('training.fields.location'), dataIndex: 'location', width: 160, render: (_, c) => c.location ?? none },
    {
      title: t('training.fields.trainees'),
      key: 'trainees',
      width: 320,
      render: (_, c) => (
        <Space size={[0, 4]} wrap data-testid="training-row-trainees">
          <Typography.Text type="secondary">{t('training.traineeCount', { count: c.traineeCount })}</Typography.Text>
          {c.trainees.map((p) => (
            <Link key={p.id} to={`/training/officers/${p.id}`} data-testid="training-trainee-link">
              <Tag>{`${p.displayName}（${p.unitCode}）`}</Tag>
            </Link>
          ))}
        </Space>
      ),
    },
    ...(canCreate
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            fixed: 'end' as const,
            render: (_: unknown, c: Course) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setFormTarget({ mode: 'edit', course: c })} data-testid="training-edit">
                  {t('common.edit')}
                </Button>
                <Popconfirm title={t('training.deleteConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => remove.mutate(c.id)}>
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="training-delete">
                    {t('training.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={<h1 className="page-title">{t('training.title')}</h1>}
      extra={
        <Space wrap>
          <Link to="/training/me">
            <Button icon={<UserOutlined />} data-testid="training-my-history">
              {t('training.myHistory')}
            </Button>
          </Link>
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ mode: 'create' })} data-testid="training-create">
              {t('training.create')}
            </Button>
          )}
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void courses.refetch()} data-testid="training-refresh" />
          </Tooltip>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('training.intro')}</Typography.Paragraph>
      <Form layout="inline" className="filter-form block-gap" data-testid="training-filters">
        <Form.Item label={t('training.period')}>
          <DatePicker.RangePicker
            format={rocPickerFormat}
            value={from && to ? [dayjs(from), dayjs(to)] : null}
            onChange={(range) => {
              const [start, end] = range ?? [null, null];
              go({ from: start ? ymd(start) : undefined, to: end ? ymd(end) : undefined });
            }}
            data-testid="training-filter-range"
          />
        </Form.Item>
        <Form.Item label={t('training.fields.title')}>
          <Input.Search allowClear defaultValue={q} maxLength={100} onSearch={(value) => go({ q: value.trim() || undefined })} data-testid="training-filter-q" />
        </Form.Item>
      </Form>
      {remove.isError && <ApiErrorAlert error={remove.error} testId="training-delete-error" />}
      {courses.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, courses.error)} data-testid="training-error" />}
      <Table<Course>
        rowKey="id"
        size="small"
        bordered
        columns={columns}
        dataSource={courses.data?.items ?? []}
        loading={courses.isFetching}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1200 }}
        onRow={(c) => {
          const attributes: Record<string, string> = { 'data-testid': 'training-row', 'data-course-id': c.id };
          return attributes;
        }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('training.empty')} /> }}
        data-testid="training-table"
      />
      {formTarget && <CourseFormModal target={formTarget} onClose={() => setFormTarget(null)} />}
    </Card>
  );
}
