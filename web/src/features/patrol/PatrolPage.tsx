import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Modal, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { EditOutlined, PlayCircleOutlined, PoweroffOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorCode, errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';
import { FindingQuickForm } from './FindingQuickForm.tsx';
import { PATROL_CURRENT_KEY, useCurrentPatrol, usePatrolMutations, usePlatforms, type Patrol, type Platform } from './patrol.api.ts';
import { formatElapsed, nameIn } from './patrol-format.ts';
import { PatrolFindingsTable } from './PatrolFindingsTable.tsx';
import { cleanKeywords, PlanFields, type PlanValues } from './PlanFields.tsx';
import { SearchLauncher } from './SearchLauncher.tsx';
import './patrol.css';

const planOf = (values: PlanValues) => ({
  platformIds: values.platformIds ?? [],
  keywords: cleanKeywords(values.keywords),
  focuses: values.focuses ?? [],
  notes: values.notes?.trim() ? values.notes.trim() : null,
});

/** A test id for props objects whose type lists no data attributes (antd's okButtonProps). */
const testIdProp = (id: string): object => ({ 'data-testid': id });

/** Time since the patrol started, ticking every second. */
function Elapsed({ since }: { since: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return <span data-testid="patrol-elapsed">{formatElapsed(Date.parse(since), now)}</span>;
}

/** No patrol running: choose platforms and keywords and start one. */
function StartPatrolCard({ platforms }: { platforms: readonly Platform[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { start } = usePatrolMutations();
  const [form] = Form.useForm<PlanValues>();

  return (
    <Card className="patrol-form-card" title={<h1 className="page-title">{t('patrol.start.title')}</h1>} data-testid="patrol-start-card">
      <Typography.Paragraph type="secondary">{t('patrol.start.intro')}</Typography.Paragraph>
      {start.isError && <ApiErrorAlert error={start.error} title={t('patrol.start.failed')} testId="patrol-start-error" onClose={() => start.reset()} />}
      <Form<PlanValues>
        form={form}
        name="patrol-start"
        layout="vertical"
        initialValues={{ platformIds: [], keywords: [], focuses: [] }}
        disabled={start.isPending}
        onFinish={(values) =>
          start.mutate(planOf(values), {
            // A patrol started meanwhile in another tab: show it.
            onError: (error) => {
              if (errorCode(error) === 'CONFLICT') void queryClient.invalidateQueries({ queryKey: PATROL_CURRENT_KEY });
            },
          })
        }
      >
        <PlanFields platforms={platforms} />
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlayCircleOutlined />} loading={start.isPending} data-testid="patrol-start">
            {t('patrol.start.submit')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** Changes the platforms, keywords or notes of the running patrol. */
function EditPlanModal({ patrol, platforms, onClose }: { patrol: Patrol; platforms: readonly Platform[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { update } = usePatrolMutations();
  const [form] = Form.useForm<PlanValues>();
  return (
    <Modal
      open
      title={t('patrol.edit.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ ...testIdProp('patrol-edit-save') }}
      destroyOnHidden
    >
      {update.isError && <ApiErrorAlert error={update.error} testId="patrol-edit-error" />}
      <Form<PlanValues>
        form={form}
        name="patrol-edit"
        layout="vertical"
        initialValues={{ platformIds: patrol.platformIds, keywords: patrol.keywords, focuses: patrol.focuses, notes: patrol.notes ?? '' }}
        onFinish={(values) => update.mutate({ id: patrol.id, plan: planOf(values) }, { onSuccess: onClose })}
      >
        <PlanFields platforms={platforms} chosen={patrol.platformIds} />
      </Form>
    </Modal>
  );
}

/** The running patrol: its header, the search launcher, the quick finding form and what it found. */
function RunningPatrol({ patrol, platforms }: { patrol: Patrol; platforms: readonly Platform[] }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const language = i18n.resolvedLanguage ?? 'zh-TW';
  const { end } = usePatrolMutations();
  const [editing, setEditing] = useState(false);
  const byId = new Map(platforms.map((p) => [p.id, p]));

  return (
    <Space orientation="vertical" size={16} className="patrol-page">
      <Card
        title={
          <Space size={8}>
            <h1 className="page-title">{t('patrol.running.title')}</h1>
            <Tag color="processing" data-testid="patrol-running">
              {t('patrol.running.badge')}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="patrol-edit">
              {t('patrol.running.edit')}
            </Button>
            <Popconfirm
              title={t('patrol.running.endConfirmTitle')}
              description={t('patrol.running.endConfirm')}
              okText={t('patrol.running.end')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, loading: end.isPending, ...testIdProp('patrol-end-confirm') }}
              onConfirm={() =>
                end.mutateAsync(patrol.id).then(
                  () => void message.success(t('patrol.running.ended')),
                  () => undefined,
                )
              }
            >
              <Button danger icon={<PoweroffOutlined />} data-testid="patrol-end">
                {t('patrol.running.end')}
              </Button>
            </Popconfirm>
          </Space>
        }
        data-testid="patrol-running-card"
      >
        {end.isError && <ApiErrorAlert error={end.error} title={t('patrol.running.endFailed')} testId="patrol-end-error" onClose={() => end.reset()} />}
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'startedAt', label: t('patrol.running.startedAt'), children: <span data-testid="patrol-started-at">{formatRocDateTime(patrol.startedAt)}</span> },
            { key: 'elapsed', label: t('patrol.running.elapsed'), children: <Elapsed since={patrol.startedAt} /> },
            {
              key: 'platforms',
              label: t('patrol.running.platforms'),
              children:
                patrol.platformIds.length === 0
                  ? t('common.none')
                  : patrol.platformIds.map((id) => {
                      const platform = byId.get(id);
                      return <Tag key={id}>{platform ? nameIn(language, platform) : t('patrol.search.unknownPlatform')}</Tag>;
                    }),
            },
            {
              key: 'keywords',
              label: t('patrol.running.keywords'),
              children: patrol.keywords.length === 0 ? t('common.none') : patrol.keywords.map((k) => <Tag key={k}>{k}</Tag>),
            },
            ...(patrol.focuses.length > 0
              ? [
                  {
                    key: 'focuses',
                    label: t('patrol.running.focuses'),
                    children: (
                      <span data-testid="patrol-running-focuses">
                        {patrol.focuses.map((f) => (
                          <Tag key={f} color="geekblue">
                            {t(`patrol.focuses.${f}`)}
                          </Tag>
                        ))}
                      </span>
                    ),
                  },
                ]
              : []),
            ...(patrol.notes ? [{ key: 'notes', label: t('patrol.running.notes'), children: patrol.notes }] : []),
          ]}
        />
      </Card>

      <SearchLauncher platformIds={patrol.platformIds} keywords={patrol.keywords} platforms={platforms} />

      <Card title={<h2 className="card-title">{t('patrol.finding.title')}</h2>}>
        <FindingQuickForm patrolId={patrol.id} platforms={platforms} />
      </Card>

      <Card
        title={<h2 className="card-title">{t('patrol.findings.title')}</h2>}
        extra={<Link to="/findings">{t('patrol.findings.all')}</Link>}
      >
        <Typography.Paragraph type="secondary">{t('patrol.findings.hint')}</Typography.Paragraph>
        <PatrolFindingsTable patrolId={patrol.id} />
      </Card>

      {editing && <EditPlanModal patrol={patrol} platforms={platforms} onClose={() => setEditing(false)} />}
    </Space>
  );
}

/** 網路巡查 (G5.1, G6.1): start a patrol, search the chosen platforms, record findings fast, end it. */
export function PatrolPage() {
  const { t } = useTranslation();
  const current = useCurrentPatrol();
  const platforms = usePlatforms();

  if (current.isPending || platforms.isPending) {
    return (
      <div className="full-page-center">
        <Spin />
      </div>
    );
  }
  if (current.isError || platforms.isError) {
    return (
      <Card title={<h1 className="page-title">{t('nav.patrol')}</h1>}>
        <Alert type="error" showIcon title={t('common.loadFailed')} description={errorText(t, current.error ?? platforms.error)} />
      </Card>
    );
  }
  return current.data ? <RunningPatrol patrol={current.data} platforms={platforms.data} /> : <StartPatrolCard platforms={platforms.data} />;
}
