import { Alert, Card, Empty, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import { useTrainingHistory, type TrainingHistory } from './training.api.ts';
import { rocDay } from './TrainingPage.tsx';

type Row = TrainingHistory['courses'][number];

/** One officer's training history (G4.1.4): every course attended, newest first, with the total hours. `/training/me` is the user's own. */
export function OfficerTrainingPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const history = useTrainingHistory(id ?? 'me');
  const data = history.data;
  const none = t('common.none');

  return (
    <Card
      title={<h1 className="page-title">{data ? t('training.history.title', { name: `${data.officer.displayName}（${data.officer.unitCode}）` }) : t('training.history.loading')}</h1>}
      extra={<Link to="/training">{t('training.history.back')}</Link>}
      data-testid="training-history"
    >
      {history.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, history.error)} data-testid="training-history-error" />}
      {data && (
        <>
          <Statistic className="block-gap" title={t('training.history.total')} value={data.totalHours} suffix={t('training.history.hoursUnit')} data-testid="training-history-total" />
          <Typography.Paragraph type="secondary">{t('training.history.intro')}</Typography.Paragraph>
        </>
      )}
      <Table<Row>
        rowKey="id"
        size="small"
        bordered
        loading={history.isFetching}
        dataSource={data?.courses ?? []}
        pagination={false}
        columns={[
          { title: t('training.fields.heldOn'), dataIndex: 'heldOn', width: 110, render: (_, c) => rocDay(c.heldOn) },
          { title: t('training.fields.title'), dataIndex: 'title' },
          { title: t('training.fields.hours'), dataIndex: 'hours', width: 80, align: 'right' },
          { title: t('training.fields.trainer'), dataIndex: 'trainer', width: 160 },
          { title: t('training.fields.location'), dataIndex: 'location', width: 160, render: (_, c) => c.location ?? none },
          { title: t('training.history.unit'), dataIndex: 'unitCode', width: 100 },
        ]}
        onRow={() => {
          const attributes: Record<string, string> = { 'data-testid': 'training-history-row' };
          return attributes;
        }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('training.history.empty')} /> }}
      />
    </Card>
  );
}
