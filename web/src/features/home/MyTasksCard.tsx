import type { HTMLAttributes } from 'react';
import { Alert, Card, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { sortByDue, useMyTasks, type MyTask } from './tasks.api.ts';
import './home.css';

/** Test hooks and the overdue highlight on each row (antd's row props type lists no data attributes). */
const rowAttributes = (task: MyTask): HTMLAttributes<HTMLElement> => {
  const attributes: Record<string, string> = {
    'data-testid': 'my-task-row',
    'data-step': task.stepCode,
    'data-case-number': task.caseNumber,
    'data-overdue': String(task.overdue),
  };
  return attributes;
};

/**
 * 我的案件待辦: the playbook steps waiting for the user (G6.3 deadlines), earliest deadline first;
 * an overdue step is marked red.
 */
export function MyTasksCard() {
  const { t, i18n } = useTranslation();
  const english = i18n.resolvedLanguage === 'en';
  const tasks = useMyTasks();

  const columns: TableColumnsType<MyTask> = [
    {
      title: t('home.myTasks.case'),
      dataIndex: 'caseNumber',
      width: 140,
      render: (_, task) => (
        <Tooltip title={task.caseTitle}>
          <Link to={`/cases/${task.caseId}`} data-testid="my-task-case">
            {task.caseNumber}
          </Link>
        </Tooltip>
      ),
    },
    { title: t('home.myTasks.step'), key: 'step', render: (_, task) => <span data-testid="my-task-title">{english ? task.titleEn : task.titleZh}</span> },
    { title: t('home.myTasks.clause'), dataIndex: 'clause', width: 100, render: (_, task) => (task.clause ? <Tag>{task.clause}</Tag> : t('common.none')) },
    {
      title: t('home.myTasks.due'),
      dataIndex: 'dueAt',
      width: 210,
      render: (_, task) => {
        if (!task.dueAt) return <Typography.Text type="secondary">{t('home.myTasks.noDue')}</Typography.Text>;
        return (
          <Space size={4} data-testid="my-task-due">
            <Typography.Text type={task.overdue ? 'danger' : undefined} strong={task.overdue}>
              {formatRocDateTime(task.dueAt)}
            </Typography.Text>
            {task.overdue && <Tag color="red">{t('home.myTasks.overdue')}</Tag>}
          </Space>
        );
      },
    },
  ];

  return (
    <div data-testid="my-tasks">
      <Card size="small" title={<h2 className="card-title">{t('home.myTasks.title')}</h2>}>
        {tasks.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, tasks.error)} />}
        <Table<MyTask>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={sortByDue(tasks.data ?? [])}
          loading={tasks.isPending}
          rowClassName={(task) => (task.overdue ? 'my-task-overdue' : '')}
          onRow={rowAttributes}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.myTasks.empty')} /> }}
        />
      </Card>
    </div>
  );
}
