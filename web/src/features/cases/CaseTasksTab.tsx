import { Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { isRole } from '../../lib/roles.ts';
import type { CaseTask, TaskStatus } from './cases.api.ts';

const STATUS_COLOR: Record<TaskStatus, string> = { open: 'blue', done: 'green', cancelled: 'default' };

/** Open tasks first (the earliest due on top), then the finished ones, newest first. */
function ordered(tasks: readonly CaseTask[]): CaseTask[] {
  const due = (task: CaseTask) => (task.dueAt ? Date.parse(task.dueAt) : Number.POSITIVE_INFINITY);
  return [...tasks].sort((a, b) => {
    if ((a.status === 'open') !== (b.status === 'open')) return a.status === 'open' ? -1 : 1;
    if (a.status === 'open') return due(a) - due(b) || a.triggeredAt.localeCompare(b.triggeredAt);
    return (b.doneAt ?? b.triggeredAt).localeCompare(a.doneAt ?? a.triggeredAt);
  });
}

/**
 * 辦理事項: the playbook's steps for this case (the guideline's clauses as data), each with its
 * clause, who does it, its due time in the ROC calendar (red when overdue) and whether its due
 * rule is the department's practice rather than the guideline's or the Act's text.
 */
export function CaseTasksTab({ tasks }: { tasks: CaseTask[] }) {
  const { t, i18n } = useTranslation();
  const none = t('common.none');
  const english = i18n.resolvedLanguage === 'en';

  const columns: TableColumnsType<CaseTask> = [
    {
      title: t('cases.tasks.title'),
      key: 'title',
      render: (_, task) => (
        <Space size={6} wrap data-testid="case-task" data-step={task.stepCode} data-status={task.status} data-overdue={task.overdue ? 'true' : 'false'}>
          <span className={task.status === 'open' ? 'case-task-open' : undefined}>{english ? task.titleEn : task.titleZh}</span>
          {task.practice && (
            <Tooltip title={t('cases.tasks.practiceHint')}>
              <Tag color="default" data-testid="case-task-practice">
                {t('cases.tasks.practice')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: t('cases.tasks.clause'), dataIndex: 'clause', width: 110, render: (_, task) => <Tag>{task.clause}</Tag> },
    { title: t('cases.tasks.assignee'), dataIndex: 'assigneeRole', width: 120, render: (_, task) => (isRole(task.assigneeRole) ? t(`roles.${task.assigneeRole}`) : task.assigneeRole) },
    {
      title: t('cases.tasks.status'),
      dataIndex: 'status',
      width: 110,
      render: (_, task) => (
        <Space size={4}>
          <Tag color={STATUS_COLOR[task.status]}>{t(`cases.tasks.statuses.${task.status}`)}</Tag>
          {task.overdue && <Tag color="red">{t('cases.tasks.overdue')}</Tag>}
        </Space>
      ),
    },
    { title: t('cases.tasks.triggeredAt'), dataIndex: 'triggeredAt', width: 130, render: (_, task) => formatRocDateTime(task.triggeredAt) },
    {
      title: t('cases.tasks.dueAt'),
      dataIndex: 'dueAt',
      width: 130,
      render: (_, task) =>
        task.dueAt ? (
          <Typography.Text type={task.overdue ? 'danger' : undefined} strong={task.overdue} data-testid="case-task-due">
            {formatRocDateTime(task.dueAt)}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('cases.tasks.noDeadline')}</Typography.Text>
        ),
    },
    { title: t('cases.tasks.doneAt'), dataIndex: 'doneAt', width: 130, render: (_, task) => (task.doneAt ? formatRocDateTime(task.doneAt) : none) },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('cases.tasks.intro')}</Typography.Paragraph>
      <Table<CaseTask>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={ordered(tasks)}
        pagination={false}
        scroll={{ x: 960 }}
        rowClassName={(task) => (task.overdue ? 'case-task-overdue' : '')}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.tasks.none')} /> }}
        data-testid="case-tasks"
      />
    </>
  );
}
