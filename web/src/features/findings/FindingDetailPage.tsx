import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import { ArrowLeftOutlined, CameraOutlined, EditOutlined, FolderAddOutlined, FolderOpenOutlined, LinkOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { errorCode, errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { useUnitName } from '../admin-units/unit-names.ts';
import { CASES_KEY } from '../cases/cases.api.ts';
import { HashText } from '../evidence/HashText.tsx';
import { EVIDENCE_KINDS, type EvidenceKind } from '../evidence/evidence.api.ts';
import { KindTag } from '../evidence/EvidenceTags.tsx';
import { KnownImageMatchesCard } from '../hash-banks/KnownImageMatchesCard.tsx';
import { useLexicons } from '../lexicons/lexicons.api.ts';
import { AttachModal } from './AttachModal.tsx';
import { FindingCapture } from './FindingCapture.tsx';
import { FindingEditModal } from './FindingEditModal.tsx';
import {
  FINDINGS_KEY,
  captureFinding,
  findingDetailKey,
  identityEvidenceId,
  useFinding,
  type Finding,
  type FindingDetail,
  type FindingEvidence,
  type KnownElsewhere,
  type Sighting,
  type StoredTriage,
} from './findings.api.ts';
import { HighlightedText } from './HighlightedText.tsx';
import { platformName } from './platform-name.ts';
import { PromoteModal } from './PromoteModal.tsx';
import { TargetCategoryTag } from './TargetCategoryTag.tsx';
import { TriageTerms } from './TriageTerms.tsx';
import { UrlText } from './UrlText.tsx';
import zhTW from '../../i18n/zh-TW.json';
import './findings.css';

type Dialog = 'edit' | 'promote' | 'attach' | null;

const isEvidenceKind = (kind: string): kind is EvidenceKind => (EVIDENCE_KINDS as readonly string[]).includes(kind);

/** Score, lexicon and version of a stored triage, in one line. */
function TriageSummary({ triage, lexiconName }: { triage: StoredTriage; lexiconName: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Space size={12} wrap className="block-gap">
      <Typography.Text>
        {t('findings.triage.score')}
        {'：'}
        <Typography.Text strong data-testid="triage-score">
          {triage.score}
        </Typography.Text>
      </Typography.Text>
      <Typography.Text type="secondary">
        {lexiconName
          ? t('findings.triage.lexiconVersion', { name: lexiconName, version: triage.lexiconVersion })
          : t('findings.triage.versionOnly', { version: triage.lexiconVersion })}
      </Typography.Text>
    </Space>
  );
}

/** 發現詳情: every field, the triage explained, the same URL elsewhere, sightings, evidence and actions. */
export function FindingDetailPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { id = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const captureId = searchParams.get('capture');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [joined, setJoined] = useState<{ findingId: string; caseId: string; number: string; promoted: boolean } | null>(null);
  const unitName = useUnitName();
  const lexicons = useLexicons();
  const detail = useFinding(id);

  const lexiconName = (lexiconId: string) => lexicons.data?.find((l) => l.id === lexiconId)?.name;

  const capturing = useMutation({
    mutationFn: () => captureFinding(id),
    onSuccess: (capture) => {
      void message.success(t('findings.capture.queued'));
      // The capture being followed lives in the address, so a reload keeps following it.
      setSearchParams({ capture: capture.id }, { replace: true });
    },
    onError: (error) => void message.error(errorText(t, error)),
  });

  /** A changed finding: show it at once, and let every list that holds it reload. */
  const applyUpdate = (updated: Finding) => {
    queryClient.setQueryData<FindingDetail>(findingDetailKey(id), (old) => (old ? { ...old, finding: updated } : old));
    void queryClient.invalidateQueries({ queryKey: FINDINGS_KEY });
    void queryClient.invalidateQueries({ queryKey: CASES_KEY });
  };

  // Back to where the user came from (a filtered list, a case), or to the list on a direct visit.
  const goBack = () => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/findings'));

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void goBack()}>
      {t('findings.detail.back')}
    </Button>
  );

  if (detail.isPending) {
    return (
      <Card title={<h1 className="page-title">{t('findings.detail.title')}</h1>} extra={back}>
        <div className="full-page-center">
          <Spin description={t('app.loading')} />
        </div>
      </Card>
    );
  }
  if (detail.isError) {
    return (
      <Card title={<h1 className="page-title">{t('findings.detail.title')}</h1>} extra={back}>
        <Result
          status={errorCode(detail.error) === 'NOT_FOUND' ? '404' : 'error'}
          title={t('common.loadFailed')}
          subTitle={errorText(t, detail.error)}
          extra={<Button onClick={() => void detail.refetch()}>{t('app.retry')}</Button>}
        />
      </Card>
    );
  }

  const { finding, known, sightings, evidence } = detail.data;
  const inCase = finding.case !== null;

  const actions = (
    <Space wrap className="block-gap">
      <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="finding-edit">
        {t('findings.actions.edit')}
      </Button>
      <Button icon={<CameraOutlined />} loading={capturing.isPending} onClick={() => capturing.mutate()} data-testid="finding-capture-button">
        {t('findings.actions.capture')}
      </Button>
      {finding.case ? (
        <Link to={`/cases/${finding.case.id}`} data-testid="finding-case">
          <Space size={4}>
            <FolderOpenOutlined />
            {t('findings.actions.inCase', { number: finding.case.number })}
          </Space>
        </Link>
      ) : (
        <>
          <Button type="primary" icon={<FolderAddOutlined />} onClick={() => setDialog('promote')} data-testid="finding-promote">
            {t('findings.actions.promote')}
          </Button>
          <Button icon={<LinkOutlined />} onClick={() => setDialog('attach')} data-testid="finding-attach">
            {t('findings.actions.attach')}
          </Button>
        </>
      )}
    </Space>
  );

  const joinedHere = joined && joined.findingId === finding.id ? joined : null;

  return (
    <Space orientation="vertical" size={16} className="finding-detail">
      <Card title={<h1 className="page-title">{t('findings.detail.title')}</h1>} extra={back}>
        {actions}
        {captureId && <FindingCapture key={captureId} findingId={finding.id} captureId={captureId} />}
        {joinedHere && (
          <Alert
            className="block-gap"
            type="success"
            showIcon
            closable={{ onClose: () => setJoined(null) }}
            data-testid="finding-joined"
            title={
              <>
                {joinedHere.promoted ? t('findings.promote.done') : t('findings.attach.done')}{' '}
                <Link to={`/cases/${joinedHere.caseId}`} data-testid="finding-joined-case">
                  {joinedHere.number}
                </Link>
              </>
            }
          />
        )}
        {finding.ephemeral && <Alert className="block-gap" type="warning" showIcon title={t('findings.detail.ephemeralNotice')} />}
        <FindingFields finding={finding} platform={platformName(finding.platform, i18n.resolvedLanguage)} unit={unitName(finding.unit)} />
      </Card>

      <Card title={<h2 className="card-title">{t('findings.triage.title')}</h2>} data-testid="finding-triage">
        {finding.triage ? (
          <>
            <TriageSummary triage={finding.triage} lexiconName={lexiconName(finding.triage.lexiconId)} />
            <Alert className="block-gap" type="info" showIcon title={t('findings.triage.rule')} />
            <TriageTerms matches={finding.triage.matches} testId="triage-terms" />
          </>
        ) : (
          <Alert className="block-gap" type="info" showIcon title={finding.contentText ? t('findings.triage.notScored') : t('findings.triage.noContent')} />
        )}
        {finding.contentText && (
          <div className="block-top-gap">
            <Typography.Title level={5}>{t('findings.fields.contentText')}</Typography.Title>
            <HighlightedText text={finding.contentText} matches={finding.triage?.matches ?? []} testId="finding-content" />
          </div>
        )}
      </Card>

      {finding.pageTriage && (
        <Card title={<h2 className="card-title">{t('findings.pageTriage.title')}</h2>} data-testid="finding-page-triage">
          <TriageSummary triage={finding.pageTriage} lexiconName={lexiconName(finding.pageTriage.lexiconId)} />
          <div className="block-gap">
            <Link to={`/evidence/${finding.pageTriage.evidenceItemId}`} data-testid="page-triage-evidence">
              {t('findings.pageTriage.evidence')}
            </Link>
          </div>
          <TriageTerms matches={finding.pageTriage.matches} />
        </Card>
      )}

      {known.length > 0 && (
        <Card title={<h2 className="card-title">{t('findings.known.title')}</h2>} data-testid="finding-known">
          <ul className="known-list">
            {known.map((k, index) => (
              <KnownLine key={k.findingId ?? `hidden-${index}`} known={k} unitLabel={unitName(k.unit)} />
            ))}
          </ul>
        </Card>
      )}

      <Card title={<h2 className="card-title">{t('findings.sightings.title')}</h2>}>
        <SightingsTable rows={sightings} />
      </Card>

      <Card title={<h2 className="card-title">{t('findings.evidence.title')}</h2>}>
        <EvidenceTable rows={evidence} />
      </Card>

      {/* Issue #8: the finding's images that match known images, blurred; another unit's case only as a count. */}
      {evidence.length > 0 && <KnownImageMatchesCard key={finding.id} scope="findings" id={finding.id} />}

      {dialog === 'edit' && (
        <FindingEditModal
          finding={finding}
          onClose={() => setDialog(null)}
          onSaved={(updated) => {
            applyUpdate(updated);
            setDialog(null);
            void message.success(t('common.saved'));
          }}
        />
      )}
      {dialog === 'promote' && (
        <PromoteModal
          finding={finding}
          onClose={() => setDialog(null)}
          onDone={(updated) => {
            applyUpdate(updated);
            setDialog(null);
            if (updated.case) setJoined({ findingId: updated.id, caseId: updated.case.id, number: updated.case.number, promoted: true });
          }}
        />
      )}
      {dialog === 'attach' && !inCase && (
        <AttachModal
          finding={finding}
          onClose={() => setDialog(null)}
          onDone={(updated) => {
            applyUpdate(updated);
            setDialog(null);
            if (updated.case) setJoined({ findingId: updated.id, caseId: updated.case.id, number: updated.case.number, promoted: false });
          }}
        />
      )}
    </Space>
  );
}

/**
 * The same URL held by another unit. Where the user may see it: a link, when it was seen and its
 * case. Where not: only that the unit holds it — nothing else leaves the server.
 */
function KnownLine({ known, unitLabel }: { known: KnownElsewhere; unitLabel: string }) {
  const { t } = useTranslation();
  if (!known.visible || !known.findingId) {
    return <li data-testid="known-hidden">{t('findings.known.hidden', { unit: unitLabel })}</li>;
  }
  return (
    <li data-testid="known-visible">
      <Space size={8} wrap>
        <Link to={`/findings/${known.findingId}`}>{t('findings.known.visible', { unit: unitLabel })}</Link>
        <Typography.Text type="secondary">{t('findings.known.seenAt', { time: formatRocDateTime(known.seenAt) })}</Typography.Text>
        {known.caseId && known.caseNumber ? (
          <Link to={`/cases/${known.caseId}`}>{known.caseNumber}</Link>
        ) : (
          known.inCase && <Tag>{t('findings.known.inCase')}</Tag>
        )}
      </Space>
    </li>
  );
}

function SightingsTable({ rows }: { rows: Sighting[] }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const columns: TableColumnsType<Sighting> = [
    { title: t('findings.sightings.seenAt'), dataIndex: 'seenAt', width: 150, render: (_, s) => formatRocDateTime(s.seenAt) },
    { title: t('findings.sightings.seenBy'), dataIndex: 'seenBy', width: 180 },
    {
      title: t('findings.sightings.patrol'),
      dataIndex: 'patrolSessionId',
      render: (_, s) => (s.patrolSessionId ? <Typography.Text className="mono-text">{s.patrolSessionId}</Typography.Text> : none),
    },
  ];
  return (
    <Table<Sighting>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('findings.sightings.empty')} /> }}
      data-testid="finding-sightings"
    />
  );
}

function EvidenceTable({ rows }: { rows: FindingEvidence[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<FindingEvidence> = [
    { title: t('findings.evidence.kind'), dataIndex: 'kind', width: 110, render: (_, e) => (isEvidenceKind(e.kind) ? <KindTag kind={e.kind} /> : e.kind) },
    { title: t('findings.evidence.capturedAt'), dataIndex: 'capturedAt', width: 150, render: (_, e) => formatRocDateTime(e.capturedAt) },
    { title: t('findings.evidence.mediaType'), dataIndex: 'mediaType', width: 160 },
    { title: t('findings.evidence.sha256'), dataIndex: 'sha256', render: (_, e) => <HashText value={e.sha256} /> },
    {
      title: t('common.actions'),
      key: 'open',
      width: 100,
      render: (_, e) => (
        <Link to={`/evidence/${e.id}`} data-testid="finding-evidence-open">
          {t('findings.evidence.open')}
        </Link>
      ),
    },
  ];
  return (
    <Table<FindingEvidence>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 700 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('findings.evidence.empty')} /> }}
      data-testid="finding-evidence"
    />
  );
}

type FieldKey = keyof typeof zhTW.findings.fields;

/** Every field of a finding. */
function FindingFields({ finding: f, platform, unit }: { finding: Finding; platform: string; unit: string }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const identityEvidence = identityEvidenceId(f.identitySource);
  const text = (value: string | null) => value ?? none;
  const field = (key: FieldKey): string => t(`findings.fields.${key}`);
  const words = {
    sameAsUrl: t('findings.detail.sameAsUrl'),
    notInCase: t('findings.detail.notInCase'),
    no: t('common.no'),
    officer: t('findings.identitySources.officer'),
  };
  const items: DescriptionsProps['items'] = [
    { key: 'url', label: field('url'), span: 'filled', children: <UrlText url={f.url} full testId="finding-detail-url" /> },
    {
      key: 'canonicalUrl',
      label: field('canonicalUrl'),
      span: 'filled',
      children: f.canonicalUrl === f.url ? words.sameAsUrl : <UrlText url={f.canonicalUrl} full />,
    },
    { key: 'host', label: field('host'), children: <Typography.Text className="mono-text">{f.host}</Typography.Text> },
    { key: 'platform', label: field('platform'), children: platform },
    { key: 'targetCategory', label: field('targetCategory'), children: <TargetCategoryTag category={f.targetCategory} /> },
    {
      key: 'targetKind',
      label: field('targetKind'),
      children: f.targetKind ? (
        <Tag color="geekblue" data-testid="finding-target-kind" data-kind={f.targetKind}>
          {t(`findings.targetKinds.${f.targetKind}`)}
        </Tag>
      ) : (
        none
      ),
    },
    { key: 'triageScore', label: field('triageScore'), children: <span data-testid="finding-score">{f.triageScore}</span> },
    {
      key: 'case',
      label: field('case'),
      children: f.case ? (
        <Link to={`/cases/${f.case.id}`} title={f.case.title}>
          {f.case.number}
        </Link>
      ) : (
        words.notInCase
      ),
    },
    { key: 'ephemeral', label: field('ephemeral'), children: f.ephemeral ? <Tag color="orange">{t('findings.ephemeralShort')}</Tag> : words.no },
    { key: 'accountName', label: field('accountName'), children: text(f.accountName) },
    { key: 'accountId', label: field('accountId'), children: text(f.accountId) },
    { key: 'posterIp', label: field('posterIp'), children: f.posterIp ? <Typography.Text className="mono-text" copyable>{f.posterIp}</Typography.Text> : none },
    {
      key: 'identitySource',
      label: field('identitySource'),
      children: identityEvidence ? (
        <Link to={`/evidence/${identityEvidence}`}>{t('findings.identitySources.capture')}</Link>
      ) : f.identitySource === 'officer' ? (
        words.officer
      ) : (
        none
      ),
    },
    { key: 'postedAt', label: field('postedAt'), children: f.postedAt ? formatRocDateTime(f.postedAt) : none },
    { key: 'seenAt', label: field('seenAt'), children: formatRocDateTime(f.seenAt) },
    { key: 'unit', label: field('unit'), children: unit },
    { key: 'recordedBy', label: field('recordedBy'), children: f.recordedBy },
    {
      key: 'patrol',
      label: field('patrol'),
      children: f.patrolSessionId ? <Typography.Text className="mono-text">{f.patrolSessionId}</Typography.Text> : none,
    },
    { key: 'createdAt', label: field('createdAt'), children: formatRocDateTime(f.createdAt) },
    { key: 'updatedAt', label: field('updatedAt'), children: formatRocDateTime(f.updatedAt) },
    { key: 'notes', label: field('notes'), span: 'filled', children: f.notes ? <span className="pre-wrap-text">{f.notes}</span> : none },
  ];
  return <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={items} data-testid="finding-fields" />;
}
