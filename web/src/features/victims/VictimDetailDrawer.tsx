/**
 * One victim, in a drawer over the case's victim tab: the masked record and the reveal (the clear
 * identity is held in this component's state only, until "hide" or the drawer closes), the
 * social-worker or referral path by age (G5.3.2), an adult's authorisation and the SIPC complaint
 * with its 24/72-hour clock and documents (G5.3.1), the six services, and the legal holds.
 */
import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Drawer, Empty, List, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorCode } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { CaseErrorAlert } from '../cases/CaseParts.tsx';
import type { CaseDetail, CaseTask } from '../cases/cases.api.ts';
import { shortHash } from '../evidence/evidence-format.ts';
import {
  AuthorisationDialog,
  ClearHoldDialog,
  ComplaintDialog,
  EditVictimDialog,
  HoldDialog,
  IdentityDocumentDialog,
  OutcomeDialog,
  PlainDocumentButton,
  ReferralDialog,
  RevealDialog,
  ServiceDialog,
  SocialWorkerDialog,
} from './VictimDialogs.tsx';
import { VictimHoldsTable } from './VictimHoldsTable.tsx';
import { AgeTag, SipcClock } from './VictimParts.tsx';
import { formatRocDay } from './victim-format.ts';
import { useComplaintDraft, useVictim, type ReferralAnswer, type RevealedVictim, type ServiceState, type SipcComplaint, type VictimDetail, type VictimHold } from './victims.api.ts';

type Dialog =
  | { kind: 'reveal' | 'edit' | 'socialWorker' | 'referral' | 'authorisation' | 'complaint' | 'hold' }
  | { kind: 'outcome' | 'document'; complaint: SipcComplaint }
  | { kind: 'service'; state: ServiceState }
  | { kind: 'clearHold'; hold: VictimHold };

/** A playbook task of the case by its step code (the G5.3.2 tasks are per case). */
function TaskLine({ task }: { task: CaseTask | undefined }) {
  const { t, i18n } = useTranslation();
  if (!task) return null;
  const english = i18n.resolvedLanguage === 'en';
  return (
    <Space size={6} wrap data-testid="victim-task" data-step={task.stepCode} data-status={task.status}>
      <Typography.Text type="secondary">{t('victims.task')}</Typography.Text>
      <span>{english ? task.titleEn : task.titleZh}</span>
      <Tag color={task.status === 'open' ? 'blue' : task.status === 'done' ? 'green' : 'default'}>{t(`cases.tasks.statuses.${task.status}`)}</Tag>
      {task.status === 'open' && task.dueAt && (
        <Typography.Text type={task.overdue ? 'danger' : 'secondary'}>{t('victims.taskDue', { time: formatRocDateTime(task.dueAt) })}</Typography.Text>
      )}
    </Space>
  );
}

/** The clear identity, shown until hidden; a warning says it must not be copied or passed on. */
function IdentityPanel({ identity, onHide }: { identity: RevealedVictim; onHide: () => void }) {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <div className="victim-identity" data-testid="victim-identity">
      <Alert className="block-gap" type="warning" showIcon title={t('victims.reveal.warning')} />
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          { key: 'name', label: t('victims.fields.name'), children: <span data-testid="victim-identity-name">{identity.name}</span> },
          { key: 'nationalId', label: t('victims.fields.nationalId'), children: <span data-testid="victim-identity-national-id">{identity.nationalId ?? none}</span> },
          { key: 'dateOfBirth', label: t('victims.fields.dateOfBirth'), children: formatRocDay(identity.dateOfBirth) },
          { key: 'contact', label: t('victims.fields.contact'), children: identity.contact ?? none },
          { key: 'guardianName', label: t('victims.fields.guardianName'), children: identity.guardianName ?? none },
          { key: 'guardianContact', label: t('victims.fields.guardianContact'), children: identity.guardianContact ?? none },
        ]}
      />
      <Button className="victim-identity-hide" icon={<EyeInvisibleOutlined />} onClick={onHide} data-testid="victim-identity-hide">
        {t('victims.reveal.hide')}
      </Button>
    </div>
  );
}

function Section({ title, extra, testId, children }: { title: ReactNode; extra?: ReactNode; testId: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} extra={extra} className="victim-section" data-testid={testId}>
      {children}
    </Card>
  );
}

function VictimView({ caseDetail, victim }: { caseDetail: CaseDetail; victim: VictimDetail }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const draft = useComplaintDraft(victim.id);
  const [identity, setIdentity] = useState<RevealedVictim | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const { can } = victim;
  const purged = victim.purgedAt !== null;
  const taskOf = (step: string) => caseDetail.tasks.find((task) => task.stepCode === step);
  const answerTag = (answer: ReferralAnswer) => <Tag data-answer={answer}>{t(`victims.referral.answers.${answer}`)}</Tag>;
  const ownHolds = victim.holds.filter((h) => h.victimId === victim.id);
  const maskedNames = new Map([[victim.id, victim.maskedName]]);

  // ── The record ─────────────────────────────────────────────────────────────
  const record = (
    <Section
      title={t('victims.detail.record')}
      testId="victim-record"
      extra={
        <Space wrap>
          {can.seeIdentity && !purged && !identity && (
            <Button icon={<EyeOutlined />} onClick={() => setDialog({ kind: 'reveal' })} data-testid="victim-reveal">
              {t('victims.reveal.button')}
            </Button>
          )}
          {can.protect && (
            <Button onClick={() => setDialog({ kind: 'edit' })} data-testid="victim-edit">
              {t('common.edit')}
            </Button>
          )}
        </Space>
      }
    >
      {!can.seeIdentity && <Alert className="block-gap" type="info" showIcon data-testid="victim-no-identity-rights" title={t('victims.noIdentityRights')} />}
      {purged && <Alert className="block-gap" type="warning" showIcon data-testid="victim-purged" title={t('victims.detail.purged', { time: formatRocDateTime(victim.purgedAt ?? '') })} />}
      {identity && <IdentityPanel identity={identity} onHide={() => setIdentity(null)} />}
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'maskedName', label: t('victims.fields.maskedName'), children: <span data-testid="victim-detail-masked-name">{victim.maskedName}</span> },
          { key: 'maskedNationalId', label: t('victims.fields.maskedNationalId'), children: <span data-testid="victim-detail-masked-id">{victim.maskedNationalId ?? none}</span> },
          { key: 'dateOfBirth', label: t('victims.fields.dateOfBirth'), children: purged ? none : t('victims.detail.sealed') },
          { key: 'contact', label: t('victims.fields.contact'), children: victim.hasContact ? t('victims.detail.sealed') : t('victims.detail.notGiven') },
          { key: 'guardianName', label: t('victims.fields.guardianName'), children: victim.maskedGuardianName ?? none },
          { key: 'guardianContact', label: t('victims.fields.guardianContact'), children: victim.hasGuardianContact ? t('victims.detail.sealed') : t('victims.detail.notGiven') },
          { key: 'incidentDate', label: t('victims.fields.incidentDate'), children: formatRocDay(victim.incidentDate) },
          { key: 'age', label: t('victims.fields.age'), children: <AgeTag victim={victim} /> },
          { key: 'sex', label: t('victims.fields.sex'), children: victim.sex ? t(`victims.sexes.${victim.sex}`) : none },
          { key: 'created', label: t('victims.fields.createdBy'), children: `${victim.createdBy}（${formatRocDateTime(victim.createdAt)}）` },
          { key: 'notes', label: t('victims.fields.notes'), span: 'filled', children: victim.notes ? <span className="pre-wrap-text">{victim.notes}</span> : none },
        ]}
      />
    </Section>
  );

  // ── G5.3.2: the social worker (minor) or the two answers (adult) ──────────
  const socialWorker = victim.socialWorker ? (
    <Typography.Text data-testid="victim-social-worker">{t('victims.socialWorker.recorded', { name: victim.socialWorker.name, time: formatRocDateTime(victim.socialWorker.arrivedAt) })}</Typography.Text>
  ) : (
    <Typography.Text type="secondary" data-testid="victim-social-worker-missing">
      {t('victims.socialWorker.missing')}
    </Typography.Text>
  );
  const referral = (
    <Section title={t('victims.detail.referral')} testId="victim-referral-section">
      {victim.isMinor ? (
        <Space orientation="vertical" size={8} className="victim-full">
          <Alert type="info" showIcon title={t('victims.socialWorker.minorRule')} />
          {socialWorker}
          <TaskLine task={taskOf('victim_social_worker')} />
          {can.protect && (
            <Button onClick={() => setDialog({ kind: 'socialWorker' })} data-testid="victim-social-worker-record">
              {victim.socialWorker ? t('victims.socialWorker.change') : t('victims.socialWorker.record')}
            </Button>
          )}
        </Space>
      ) : (
        <Space orientation="vertical" size={8} className="victim-full">
          <Alert type="info" showIcon title={t('victims.referral.adultRule')} />
          {victim.referral ? (
            <Descriptions
              size="small"
              bordered
              column={1}
              data-testid="victim-referral"
              items={[
                { key: 'sw', label: t('victims.referral.wantsSocialWorker'), children: <span data-testid="victim-referral-answer-social-worker">{answerTag(victim.referral.wantsSocialWorker)}</span> },
                {
                  key: 'counselling',
                  label: t('victims.referral.wantsCounsellingReferral'),
                  children: <span data-testid="victim-referral-answer-counselling">{answerTag(victim.referral.wantsCounsellingReferral)}</span>,
                },
                { key: 'at', label: t('victims.referral.answeredAt'), children: formatRocDateTime(victim.referral.answeredAt) },
              ]}
            />
          ) : (
            <Typography.Text type="secondary" data-testid="victim-referral-missing">
              {t('victims.referral.missing')}
            </Typography.Text>
          )}
          <TaskLine task={taskOf('victim_adult_referral')} />
          {victim.referral?.wantsSocialWorker === 'yes' && socialWorker}
          <Space wrap>
            {can.protect && (
              <Button onClick={() => setDialog({ kind: 'referral' })} data-testid="victim-referral-record">
                {victim.referral ? t('victims.referral.change') : t('victims.referral.record')}
              </Button>
            )}
            {can.protect && victim.referral?.wantsSocialWorker === 'yes' && (
              <Button onClick={() => setDialog({ kind: 'socialWorker' })} data-testid="victim-social-worker-record">
                {victim.socialWorker ? t('victims.socialWorker.change') : t('victims.socialWorker.record')}
              </Button>
            )}
          </Space>
        </Space>
      )}
    </Section>
  );

  // ── G5.3.1: an adult's authorisation ──────────────────────────────────────
  const authorisation = victim.isMinor ? null : (
    <Section
      title={t('victims.detail.authorisation')}
      testId="victim-authorisation-section"
      extra={
        can.protect && (
          <Button onClick={() => setDialog({ kind: 'authorisation' })} data-testid="victim-authorisation-record">
            {t('victims.authorisation.record')}
          </Button>
        )
      }
    >
      {victim.authorisations.length === 0 ? (
        <Alert type="warning" showIcon data-testid="victim-authorisation-missing" title={t('victims.authorisation.missing')} />
      ) : (
        <List
          size="small"
          dataSource={victim.authorisations}
          data-testid="victim-authorisations"
          renderItem={(a) => (
            <List.Item data-testid="victim-authorisation">
              <Space orientation="vertical" size={0}>
                <span>
                  {t('victims.authorisation.signedOnText', { date: formatRocDay(a.signedOn) })}{' '}
                  <Link to={`/evidence/${a.evidenceId}`} data-testid="victim-authorisation-evidence-link">
                    {t('victims.authorisation.openForm')}
                  </Link>
                </span>
                <Typography.Text type="secondary" className="pre-wrap-text">
                  {t('victims.authorisation.scopeText', { scope: a.scope })}
                </Typography.Text>
                <Typography.Text type="secondary">{t('victims.authorisation.recordedAt', { time: formatRocDateTime(a.recordedAt) })}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Section>
  );

  // ── G5.3.1: the SIPC complaint ────────────────────────────────────────────
  const d = draft.data;
  const draftView = (
    <div className="victim-draft" data-testid="victim-complaint-draft" data-blocked={d?.blockedBy ?? 'none'}>
      {draft.isError && <CaseErrorAlert error={draft.error} testId="victim-complaint-draft-error" />}
      {draft.isPending && <Spin />}
      {d && (
        <Space orientation="vertical" size={8} className="victim-full">
          {d.blockedBy && (
            <Alert type="error" showIcon data-testid="victim-complaint-blocked" data-blocked={d.blockedBy} title={t(`victims.complaint.blocked.${d.blockedBy}`)} description={t(`victims.complaint.blockedHelp.${d.blockedBy}`)} />
          )}
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'target', label: t('victims.complaint.target'), children: <Tag color={d.targetHours === 24 ? 'magenta' : 'geekblue'} data-testid="victim-complaint-target">{t('victims.complaint.targetHours', { hours: d.targetHours })}</Tag> },
              { key: 'case', label: t('victims.complaint.caseNumber'), children: d.content.caseNumber },
              { key: 'grounds', label: t('victims.complaint.grounds'), children: <span className="pre-wrap-text">{d.content.grounds}</span> },
              {
                key: 'urls',
                label: t('victims.complaint.urls'),
                children:
                  d.content.urls.length === 0 ? (
                    none
                  ) : (
                    <ul className="victim-url-list" data-testid="victim-complaint-urls">
                      {d.content.urls.map((u) => {
                        const item = d.content.evidence.find((e) => e.id === u.evidenceId);
                        return (
                          <li key={u.targetId}>
                            <Typography.Text className="victim-break">{u.url}</Typography.Text>
                            <div>
                              <Typography.Text type="secondary">
                                {t('victims.complaint.sealedCapture', { hash: item ? shortHash(item.sha256) : none, time: item ? formatRocDateTime(item.capturedAt) : none })}
                              </Typography.Text>{' '}
                              <Link to={`/evidence/${u.evidenceId}`}>{t('victims.complaint.openEvidence')}</Link>
                            </div>
                          </li>
                        );
                      })}
                    </ul>
                  ),
              },
            ]}
          />
          {d.unsealedUrls.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="victim-complaint-unsealed"
              title={t('victims.complaint.unsealed')}
              description={
                <ul className="victim-url-list">
                  {d.unsealedUrls.map((u) => (
                    <li key={u} className="victim-break">
                      {u}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
        </Space>
      )}
    </div>
  );

  const complaintColumns: TableColumnsType<SipcComplaint> = [
    { title: t('victims.complaint.filedAt'), dataIndex: 'filedAt', width: 130, render: (_, c) => formatRocDateTime(c.filedAt) },
    {
      title: t('victims.complaint.channel'),
      dataIndex: 'channel',
      width: 150,
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <span>{t(`victims.channels.${c.channel}`)}</span>
          {c.sipcReference && <Typography.Text type="secondary">{c.sipcReference}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('victims.complaint.clock'), key: 'clock', width: 230, render: (_, c) => <SipcClock complaint={c} /> },
    {
      title: t('victims.outcome.outcome'),
      key: 'outcome',
      width: 170,
      render: (_, c) =>
        c.outcome ? (
          <Space orientation="vertical" size={0}>
            <Tag color={c.outcome === 'removed' ? 'green' : 'orange'} data-testid="victim-complaint-outcome-tag" data-outcome={c.outcome}>
              {t(`victims.outcomes.${c.outcome}`)}
            </Tag>
            {c.outcomeAt && <Typography.Text type="secondary">{formatRocDateTime(c.outcomeAt)}</Typography.Text>}
            {c.outcomeNote && <Typography.Text type="secondary">{c.outcomeNote}</Typography.Text>}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('victims.outcome.pending')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, c) => (
        <Space wrap size={4}>
          {can.protect && (
            <Button size="small" onClick={() => setDialog({ kind: 'outcome', complaint: c })} data-testid="victim-complaint-outcome">
              {t('victims.outcome.record')}
            </Button>
          )}
          <PlainDocumentButton victim={victim} complaint={c} />
          {can.seeIdentity && !purged && (
            <Button size="small" danger onClick={() => setDialog({ kind: 'document', complaint: c })} data-testid="victim-complaint-pdf-identity">
              {t('victims.document.withIdentity')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const complaints = (
    <Section
      title={t('victims.detail.complaint')}
      testId="victim-complaint-section"
      extra={
        can.protect && (
          <Button type="primary" onClick={() => setDialog({ kind: 'complaint' })} data-testid="victim-complaint-file">
            {t('victims.complaint.file')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t(victim.isMinor ? 'victims.complaint.ruleMinor' : 'victims.complaint.ruleAdult')}</Typography.Paragraph>
      {draftView}
      <Table<SipcComplaint>
        className="victim-complaints"
        rowKey="id"
        size="small"
        columns={complaintColumns}
        dataSource={victim.sipcComplaints}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(c) => ({ 'data-testid': 'victim-complaint-row', 'data-overdue': c.overdue ? 'true' : 'false' }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('victims.complaint.none')} /> }}
        data-testid="victim-complaints"
      />
    </Section>
  );

  // ── G5.3.2: the six services ──────────────────────────────────────────────
  const serviceColumns: TableColumnsType<ServiceState> = [
    { title: t('victims.services.service'), dataIndex: 'service', render: (_, s) => t(`victims.services.names.${s.service}`) },
    { title: t('victims.services.offeredOn'), dataIndex: 'offeredOn', width: 100, render: (_, s) => formatRocDay(s.offeredOn) || none },
    {
      title: t('victims.services.response'),
      dataIndex: 'response',
      width: 90,
      render: (_, s) => (s.response ? <Tag color={s.response === 'accepted' ? 'green' : 'default'}>{t(`victims.services.responses.${s.response}`)}</Tag> : none),
    },
    { title: t('victims.services.respondedOn'), dataIndex: 'respondedOn', width: 100, render: (_, s) => formatRocDay(s.respondedOn) || none },
    { title: t('victims.services.givenOn'), dataIndex: 'givenOn', width: 100, render: (_, s) => formatRocDay(s.givenOn) || none },
    { title: t('victims.services.note'), dataIndex: 'note', ellipsis: true, render: (_, s) => s.note ?? none },
    ...(can.protect
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, s: ServiceState) => (
              <Button size="small" onClick={() => setDialog({ kind: 'service', state: s })} data-testid="victim-service-edit">
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  const services = (
    <Section title={t('victims.detail.services')} testId="victim-services-section">
      <Table<ServiceState>
        rowKey="service"
        size="small"
        columns={serviceColumns}
        dataSource={victim.services}
        pagination={false}
        scroll={{ x: 760 }}
        onRow={(s) => ({ 'data-testid': 'victim-service-row', 'data-service': s.service, 'data-response': s.response ?? 'none' }) as HTMLAttributes<HTMLElement>}
        data-testid="victim-services"
      />
    </Section>
  );

  // ── Legal holds ───────────────────────────────────────────────────────────
  const holds = (
    <Section
      title={t('victims.detail.holds')}
      testId="victim-holds-section"
      extra={
        can.hold &&
        !ownHolds.some((h) => h.active) && (
          <Button onClick={() => setDialog({ kind: 'hold' })} data-testid="victim-hold-set">
            {t('victims.holds.setVictim')}
          </Button>
        )
      }
    >
      <VictimHoldsTable holds={victim.holds} maskedNames={maskedNames} canHold={can.hold} onClear={(hold) => setDialog({ kind: 'clearHold', hold })} testId="victim-holds" />
    </Section>
  );

  return (
    <Space orientation="vertical" size={16} className="victim-full" data-testid="victim-detail" data-victim-id={victim.id} data-minor={victim.isMinor ? 'true' : 'false'}>
      {record}
      {referral}
      {authorisation}
      {complaints}
      {services}
      {holds}

      {dialog?.kind === 'reveal' && <RevealDialog victim={victim} onRevealed={setIdentity} onClose={close} />}
      {dialog?.kind === 'edit' && (
        <EditVictimDialog
          victim={victim}
          onClose={() => {
            // A corrected identity makes the one on screen stale: hide it.
            setIdentity(null);
            close();
          }}
        />
      )}
      {dialog?.kind === 'socialWorker' && <SocialWorkerDialog victim={victim} onClose={close} />}
      {dialog?.kind === 'referral' && <ReferralDialog victim={victim} onClose={close} />}
      {dialog?.kind === 'authorisation' && <AuthorisationDialog victim={victim} onClose={close} />}
      {dialog?.kind === 'complaint' && <ComplaintDialog victim={victim} draft={d} onClose={close} />}
      {dialog?.kind === 'outcome' && <OutcomeDialog victim={victim} complaint={dialog.complaint} onClose={close} />}
      {dialog?.kind === 'document' && <IdentityDocumentDialog victim={victim} complaint={dialog.complaint} onClose={close} />}
      {dialog?.kind === 'service' && <ServiceDialog victim={victim} state={dialog.state} onClose={close} />}
      {dialog?.kind === 'hold' && <HoldDialog caseId={victim.caseId} victim={victim} onClose={close} />}
      {dialog?.kind === 'clearHold' && <ClearHoldDialog caseId={victim.caseId} hold={dialog.hold} onClose={close} />}
    </Space>
  );
}

/**
 * The drawer of one victim. Its content is mounted only while open and keyed by the victim, so a
 * revealed identity never outlives the drawer or leaks to the next victim opened.
 */
export function VictimDetailDrawer({ caseDetail, victimId, onClose }: { caseDetail: CaseDetail; victimId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const victim = useVictim(victimId);
  const v = victim.data;
  return (
    <Drawer
      open
      size={1000}
      destroyOnHidden
      onClose={onClose}
      title={
        v ? (
          <Space wrap size={8}>
            <span data-testid="victim-drawer-title">{t('victims.detail.title', { masked: v.maskedName })}</span>
            <AgeTag victim={v} />
            {v.holds.some((h) => h.active) && <Tag color="red">{t('victims.holds.underHold')}</Tag>}
          </Space>
        ) : (
          t('victims.detail.loading')
        )
      }
    >
      {victim.isPending && <Spin description={t('app.loading')} />}
      {victim.isError && (
        <Result
          status={errorCode(victim.error) === 'NOT_FOUND' ? '404' : 'error'}
          title={errorCode(victim.error) === 'NOT_FOUND' ? t('victims.detail.notFound') : t('common.loadFailed')}
          extra={<Button onClick={() => void victim.refetch()}>{t('app.retry')}</Button>}
        />
      )}
      {v && <VictimView key={v.id} caseDetail={caseDetail} victim={v} />}
    </Drawer>
  );
}
