import type { ReactNode } from 'react';
import { Alert, Card, Col, Empty, Row, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateLong, formatRocDateTime } from '../../lib/roc-date.ts';
import { CASE_ROLES, hasAnyRole } from '../../lib/roles.ts';
import { useSession } from '../auth/session.ts';
import { useUnitName } from '../admin-units/unit-names.ts';
import { Link } from 'react-router-dom';
import { useMyWork, type WorkCase, type WorkPatrol } from './home.api.ts';
import { MyTasksCard } from './MyTasksCard.tsx';

const dateTime = (iso: string | null | undefined, none: string) => (iso ? formatRocDateTime(iso) : none);

/** One work list: a titled card holding a dense table with its own empty state. */
function WorkList<T extends { id: string }>(props: {
  testId: string;
  title: string;
  empty: string;
  columns: TableColumnsType<T>;
  rows: T[] | undefined;
  loading: boolean;
}): ReactNode {
  return (
    <div data-testid={props.testId}>
      <Card size="small" title={<h2 className="card-title">{props.title}</h2>}>
        <Table<T>
          rowKey="id"
          size="small"
          columns={props.columns}
          dataSource={props.rows ?? []}
          loading={props.loading}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.empty} /> }}
        />
      </Card>
    </div>
  );
}

/** 首頁: greeting, the playbook tasks waiting for the user (case roles only), their cases and patrols. */
export function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const unitName = useUnitName();
  const work = useMyWork();
  const user = session.data?.user;
  const none = t('common.none');
  // Administrators and auditors see no case content, so no case tasks either.
  const seesCases = !!user && hasAnyRole(user.roles, [...CASE_ROLES]);

  const caseColumns: TableColumnsType<WorkCase> = [
    { title: t('home.cases.number'), dataIndex: 'caseNumber', width: 140, render: (_, r) => <Link to={`/cases/${r.id}`}>{r.caseNumber}</Link> },
    { title: t('home.cases.caseTitle'), dataIndex: 'title' },
    { title: t('home.cases.updatedAt'), dataIndex: 'updatedAt', width: 140, render: (_, r) => dateTime(r.updatedAt, none) },
  ];
  const patrolColumns: TableColumnsType<WorkPatrol> = [
    { title: t('home.patrols.startedAt'), dataIndex: 'startedAt', width: 140, render: (_, r) => dateTime(r.startedAt, none) },
    { title: t('home.patrols.platform'), dataIndex: 'platform' },
    { title: t('home.patrols.findings'), dataIndex: 'findingCount', width: 90, align: 'right' },
  ];

  return (
    <div className="home">
      <div className="home-greeting">
        <h1 className="page-title" data-testid="home-welcome">
          {t('home.welcome', { name: user?.displayName ?? '' })}
        </h1>
        <Typography.Text type="secondary">
          {user ? `${t('home.unitLine', { unit: unitName(user.unit) })} · ` : ''}
          {formatRocDateLong(new Date())}
        </Typography.Text>
      </div>
      {work.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, work.error)} />}
      <Row gutter={[16, 16]}>
        {seesCases && (
          <Col span={24}>
            <MyTasksCard />
          </Col>
        )}
        <Col xs={24} xl={12}>
          <WorkList testId="work-cases" title={t('home.cases.title')} empty={t('home.cases.empty')} columns={caseColumns} rows={work.data?.cases} loading={work.isPending} />
        </Col>
        <Col xs={24} xl={12}>
          <WorkList
            testId="work-patrols"
            title={t('home.patrols.title')}
            empty={t('home.patrols.empty')}
            columns={patrolColumns}
            rows={work.data?.patrols}
            loading={work.isPending}
          />
        </Col>
      </Row>
    </div>
  );
}
