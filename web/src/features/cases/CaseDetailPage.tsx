import { Alert, Badge, Button, Card, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import type { TabsProps } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { errorCode, errorText } from '../../lib/errors.ts';
import { formatRocDate } from '../../lib/roc-date.ts';
import { FindingsTable } from '../findings/FindingsTable.tsx';
import { CaseAssessmentTab } from './CaseAssessmentTab.tsx';
import { CaseEvidenceTab } from './CaseEvidenceTab.tsx';
import { CaseOverviewTab } from './CaseOverviewTab.tsx';
import { CaseReportersTab } from './CaseReportersTab.tsx';
import { CaseStatusTag } from './CaseStatusTag.tsx';
import { CaseSuspectsTab } from './CaseSuspectsTab.tsx';
import { CaseTakedownsTab } from './CaseTakedownsTab.tsx';
import { CaseTasksTab } from './CaseTasksTab.tsx';
import { CaseTimelineTab } from './CaseTimelineTab.tsx';
import { CaseVictimsTab } from '../victims/CaseVictimsTab.tsx';
import { Art40OutcomeTag, SeriousTag } from './CaseTags.tsx';
import { useCase, type CaseDetail } from './cases.api.ts';
import { pendingAssessment } from './case-format.ts';
import '../findings/findings.css';
import './cases.css';

const TABS = ['overview', 'findings', 'evidence', 'assessment', 'tasks', 'takedowns', 'suspects', 'victims', 'reporters', 'timeline'] as const;
type TabKey = (typeof TABS)[number];
const isTab = (value: string | null): value is TabKey => value !== null && (TABS as readonly string[]).includes(value);

/** The banner of a case that takes no more workflow steps: transferred (G4.2.3) or closed. */
function ReadOnlyBanner({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { case: c, transfer } = detail;
  if (c.status === 'transferred') {
    return (
      <Alert
        type="info"
        showIcon
        data-testid="case-read-only-banner"
        title={t('cases.banner.transferredTitle')}
        description={
          transfer
            ? t('cases.banner.transferred', {
                date: formatRocDate(`${transfer.transferredOn}T00:00:00+08:00`),
                office: t(`cases.offices.${transfer.prosecutorOffice}`),
                number: transfer.documentNumber,
              })
            : t('cases.banner.transferredNoRecord')
        }
      />
    );
  }
  if (c.status === 'closed') {
    return <Alert type="warning" showIcon data-testid="case-read-only-banner" title={t('cases.banner.closedTitle')} description={t('cases.banner.closed')} />;
  }
  return null;
}

/**
 * 案件: one case from its opening to its transfer — the overview with every workflow step, its
 * findings and evidence, the Art. 40 check with its sign-off, the playbook's tasks, suspects,
 * reporters (masked) and the timeline. The tab is kept in the address, so "back" returns to it.
 */
export function CaseDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('tab');
  const tab: TabKey = isTab(requested) ? requested : 'overview';
  const detail = useCase(id);

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
          title={errorCode(detail.error) === 'NOT_FOUND' ? t('cases.detail.notFound') : t('common.loadFailed')}
          subTitle={errorText(t, detail.error)}
          extra={<Button onClick={() => void detail.refetch()}>{t('app.retry')}</Button>}
        />
      </Card>
    );
  }

  const data = detail.data;
  const c = data.case;
  const openTasks = data.tasks.filter((task) => task.status === 'open');
  const overdue = openTasks.some((task) => task.overdue);
  const awaitingReview = pendingAssessment(data.assessments) !== undefined;

  const label = (key: TabKey, text: string, badge?: number | boolean, danger = false) => (
    <span data-testid={`case-tab-${key}`}>
      {text}
      {typeof badge === 'number' && badge > 0 && <Badge className="case-tab-badge" count={badge} color={danger ? 'red' : 'blue'} size="small" />}
      {badge === true && <Badge className="case-tab-badge" status="processing" />}
    </span>
  );

  const items: TabsProps['items'] = [
    { key: 'overview', label: label('overview', t('cases.tabs.overview')), children: <CaseOverviewTab detail={data} /> },
    {
      key: 'findings',
      label: label('findings', t('cases.tabs.findings'), data.findings.length),
      children: (
        <>
          <Typography.Paragraph type="secondary">
            {t('cases.detail.findingsIntro')} <Link to="/findings?inCase=no">{t('cases.detail.findingsLink')}</Link>
          </Typography.Paragraph>
          <FindingsTable rows={data.findings} loading={false} empty={t('cases.detail.noFindings')} testId="case-findings-list" />
        </>
      ),
    },
    { key: 'evidence', label: label('evidence', t('cases.tabs.evidence')), children: <CaseEvidenceTab detail={data} /> },
    { key: 'assessment', label: label('assessment', t('cases.tabs.assessment'), awaitingReview), children: <CaseAssessmentTab detail={data} /> },
    { key: 'tasks', label: label('tasks', t('cases.tabs.tasks'), openTasks.length, overdue), children: <CaseTasksTab tasks={data.tasks} /> },
    { key: 'takedowns', label: label('takedowns', t('takedowns.caseTab.tab')), children: <CaseTakedownsTab detail={data} /> },
    { key: 'suspects', label: label('suspects', t('cases.tabs.suspects')), children: <CaseSuspectsTab detail={data} /> },
    // G5.3, G6.3.6: masked victims; the count alone is on the case page, the victims in their tab.
    { key: 'victims', label: label('victims', t('victims.tab'), data.victimCount), children: <CaseVictimsTab detail={data} /> },
    { key: 'reporters', label: label('reporters', t('cases.tabs.reporters')), children: <CaseReportersTab detail={data} /> },
    { key: 'timeline', label: label('timeline', t('cases.tabs.timeline')), children: <CaseTimelineTab detail={data} /> },
  ];

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
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void detail.refetch()} loading={detail.isFetching} data-testid="case-refresh" />
            {back}
          </Space>
        }
      >
        <Space wrap size={8} className="case-header-tags">
          <span className="case-header-title" data-testid="case-detail-title">
            {c.title}
          </span>
          <CaseStatusTag status={c.status} />
          {c.art40Outcome && <Art40OutcomeTag outcome={c.art40Outcome} />}
          {c.serious && <SeriousTag />}
          {overdue && (
            <Tag color="red" data-testid="case-overdue">
              {t('cases.tasks.overdueCount', { count: openTasks.filter((task) => task.overdue).length })}
            </Tag>
          )}
        </Space>
        <ReadOnlyBanner detail={data} />
      </Card>
      <Card className="case-tabs-card">
        <Tabs
          activeKey={tab}
          onChange={(key) => setSearchParams(key === 'overview' ? {} : { tab: key }, { replace: true })}
          items={items}
          data-testid="case-tabs"
        />
      </Card>
    </Space>
  );
}
