import { Button, Card, Descriptions, Result, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { errorCode, errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { useUnitName } from '../admin-units/unit-names.ts';
import { FindingsTable } from '../findings/FindingsTable.tsx';
import { useCase } from './cases.api.ts';
import { CaseStatusTag } from './CaseStatusTag.tsx';
import '../findings/findings.css';

/** 案件詳情: the case's overview and the findings in it. */
export function CaseDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unitName = useUnitName();
  const { id = '' } = useParams();
  const detail = useCase(id);
  const none = t('common.none');

  const goBack = () => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/cases'));
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void goBack()}>
      {t('cases.detail.back')}
    </Button>
  );

  if (detail.isPending) {
    return (
      <Card title={<h1 className="page-title">{t('cases.detail.title')}</h1>} extra={back}>
        <div className="full-page-center">
          <Spin description={t('app.loading')} />
        </div>
      </Card>
    );
  }
  if (detail.isError) {
    return (
      <Card title={<h1 className="page-title">{t('cases.detail.title')}</h1>} extra={back}>
        <Result
          status={errorCode(detail.error) === 'NOT_FOUND' ? '404' : 'error'}
          title={t('common.loadFailed')}
          subTitle={errorText(t, detail.error)}
          extra={<Button onClick={() => void detail.refetch()}>{t('app.retry')}</Button>}
        />
      </Card>
    );
  }

  const { case: c, findings } = detail.data;
  return (
    <Space orientation="vertical" size={16} className="finding-detail">
      <Card
        title={
          <h1 className="page-title">
            {t('cases.detail.title')}
            {'　'}
            <span data-testid="case-detail-number">{c.number}</span>
          </h1>
        }
        extra={back}
      >
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          data-testid="case-overview"
          items={[
            { key: 'number', label: t('cases.columns.number'), children: <Typography.Text copyable>{c.number}</Typography.Text> },
            { key: 'status', label: t('cases.columns.status'), children: <CaseStatusTag status={c.status} /> },
            { key: 'title', label: t('cases.columns.title'), span: 'filled', children: <span data-testid="case-detail-title">{c.title}</span> },
            { key: 'unit', label: t('cases.columns.owningUnit'), children: `${unitName(c.owningUnit)}（${c.owningUnit.code}）` },
            { key: 'findings', label: t('cases.detail.findingCount'), children: findings.length },
            { key: 'createdAt', label: t('cases.detail.createdAt'), children: formatRocDateTime(c.createdAt) },
            { key: 'updatedAt', label: t('cases.detail.updatedAt'), children: formatRocDateTime(c.updatedAt) },
            { key: 'summary', label: t('cases.detail.summary'), span: 'filled', children: c.summary ? <span className="pre-wrap-text">{c.summary}</span> : none },
          ]}
        />
      </Card>
      <Card title={<h2 className="card-title">{t('cases.detail.findings')}</h2>}>
        <FindingsTable rows={findings} loading={false} empty={t('cases.detail.noFindings')} testId="case-findings" />
      </Card>
    </Space>
  );
}
