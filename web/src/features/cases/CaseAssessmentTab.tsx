import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Empty, Form, Input, Popconfirm, Radio, Select, Space, Switch, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorCode } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { useSession } from '../auth/session.ts';
import { shortHash } from '../evidence/evidence-format.ts';
import type { EvidenceItem } from '../evidence/evidence.api.ts';
import { testIdProps } from '../findings/test-id.ts';
import { CaseErrorAlert, CaseFormModal } from './CaseParts.tsx';
import { Art40OutcomeTag } from './CaseTags.tsx';
import {
  CASE_LIMITS,
  reviewAssessment,
  submitAssessment,
  useCaseEvidence,
  useCaseStep,
  useCaseTimeline,
  type Assessment,
  type CaseDetail,
  type TimelineEvent,
} from './cases.api.ts';
import {
  ART40_ELEMENTS,
  SUBPARAGRAPHS,
  actorOf,
  assessmentBody,
  assessmentInitialValues,
  assessmentsNewestFirst,
  isCaseWritable,
  pendingAssessment,
  proposedOutcome,
  type Art40ElementKey,
  type AssessmentFormValues,
} from './case-format.ts';

const evidenceLabel = (e: EvidenceItem) => `${e.originalFilename ?? e.kind} · ${shortHash(e.sha256, 8, 4)}`;

/** One submission's three elements, read-only. */
function AssessmentView({ assessment, evidence }: { assessment: Assessment; evidence: ReadonlyMap<string, EvidenceItem> }) {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      items={ART40_ELEMENTS.map((key) => {
        const element = assessment.elements[key];
        return {
          key,
          label: t(`cases.assessment.elements.${key}.title`),
          children: (
            <Space orientation="vertical" size={4} data-testid={`assessment-view-${key}`}>
              <Tag color={element.held ? 'red' : 'default'}>{element.held ? t('cases.assessment.held') : t('cases.assessment.notHeld')}</Tag>
              <span className="pre-wrap-text">{element.reasons}</span>
              {key === 'childAtRisk' && assessment.elements.childAtRisk.subparagraphs.length > 0 && (
                <span>{assessment.elements.childAtRisk.subparagraphs.map((n) => t('cases.assessment.subparagraphShort', { n })).join('、')}</span>
              )}
              <Space size={4} wrap>
                {element.evidenceIds.length === 0
                  ? none
                  : element.evidenceIds.map((id) => {
                      const item = evidence.get(id);
                      return (
                        <Link key={id} to={`/evidence/${id}`}>
                          {item ? evidenceLabel(item) : shortHash(id, 8, 4)}
                        </Link>
                      );
                    })}
              </Space>
            </Space>
          ),
        };
      })}
    />
  );
}

/** Who submitted and who reviewed a check, by the timeline (the record holds user ids). */
function people(assessment: Assessment, timeline: TimelineEvent[] | undefined, me: string | undefined) {
  const submitter = actorOf(timeline, 'case.assessment_submit', 'assessmentId', assessment.id);
  const reviewer = actorOf(timeline, 'case.assessment_review', 'assessmentId', assessment.id);
  return { submitter, reviewer, mine: assessment.submittedBy === me };
}

/** The three-element form of G6.3.1. */
function AssessmentForm({ detail, evidence, previous, onDone }: { detail: CaseDetail; evidence: EvidenceItem[]; previous: Assessment | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AssessmentFormValues>();
  const step = useCaseStep(detail.case.id);
  const submit = useMutation({
    mutationFn: (values: AssessmentFormValues) => step(submitAssessment(detail.case.id, assessmentBody(values))),
    onSuccess: () => {
      void message.success(t('cases.assessment.submitted'));
      onDone();
    },
  });
  const options = evidence.map((e) => ({ value: e.id, label: evidenceLabel(e) }));
  const initial = useMemo(() => assessmentInitialValues(previous), [previous]);

  const element = (key: Art40ElementKey) => (
    <Card
      key={key}
      size="small"
      className="assessment-element"
      title={t(`cases.assessment.elements.${key}.title`)}
      extra={
        <Space size={8}>
          <Typography.Text type="secondary">{t('cases.assessment.heldQuestion')}</Typography.Text>
          <Form.Item name={[key, 'held']} valuePropName="checked" noStyle>
            <Switch checkedChildren={t('cases.assessment.held')} unCheckedChildren={t('cases.assessment.notHeld')} data-testid={`assessment-${key}-held`} />
          </Form.Item>
        </Space>
      }
      data-testid={`assessment-${key}`}
    >
      <Typography.Paragraph type="secondary">{t(`cases.assessment.elements.${key}.hint`)}</Typography.Paragraph>
      <Form.Item name={[key, 'reasons']} label={t('cases.assessment.reasons')} rules={[{ required: true, whitespace: true, message: t('cases.assessment.reasonsRequired') }]}>
        <Input.TextArea rows={3} maxLength={CASE_LIMITS.reasons} showCount data-testid={`assessment-${key}-reasons`} />
      </Form.Item>
      <Form.Item
        name={[key, 'evidenceIds']}
        label={t('cases.assessment.evidence')}
        dependencies={[[key, 'held']]}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: string[] | undefined) =>
              getFieldValue([key, 'held']) === true && (value ?? []).length === 0 ? Promise.reject(new Error(t('cases.assessment.evidenceRequired'))) : Promise.resolve(),
          }),
        ]}
      >
        <Select
          mode="multiple"
          allowClear
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={evidence.length === 0 ? t('cases.assessment.noEvidence') : t('cases.assessment.evidencePlaceholder')}
          data-testid={`assessment-${key}-evidence`}
        />
      </Form.Item>
      {key === 'childAtRisk' && (
        <Form.Item
          name={['childAtRisk', 'subparagraphs']}
          label={t('cases.assessment.subparagraphs')}
          dependencies={[['childAtRisk', 'held']]}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: number[] | undefined) =>
                getFieldValue(['childAtRisk', 'held']) === true && (value ?? []).length === 0
                  ? Promise.reject(new Error(t('cases.assessment.subparagraphsRequired')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Checkbox.Group className="assessment-subparagraphs">
            <Space orientation="vertical" size={4}>
              {SUBPARAGRAPHS.map((n) => (
                <Checkbox key={n} value={n} data-testid={`assessment-subparagraph-${n}`}>
                  {t(`cases.assessment.subparagraph${n}`)}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
      )}
    </Card>
  );

  return (
    <Card size="small" title={<h2 className="card-title">{previous ? t('cases.assessment.resubmitTitle') : t('cases.assessment.formTitle')}</h2>} data-testid="assessment-form">
      <Alert className="block-gap" type="info" showIcon title={t('cases.assessment.intro')} />
      {submit.isError && <CaseErrorAlert error={submit.error} testId="assessment-submit-error" />}
      <Form<AssessmentFormValues> form={form} layout="vertical" name="case-assessment" initialValues={initial} disabled={submit.isPending} onFinish={(values) => submit.mutate(values)}>
        <Space orientation="vertical" size={12} className="finding-detail">
          {ART40_ELEMENTS.map(element)}
          <Form.Item noStyle shouldUpdate>
            {() => {
              const values = form.getFieldsValue(true) as AssessmentFormValues;
              const allHeld = Boolean(values.publicDissemination?.held && values.inducement?.held && values.childAtRisk?.held);
              const outcome = allHeld ? proposedOutcome(values) : null;
              return allHeld && outcome ? (
                <Alert type="warning" showIcon title={t('cases.assessment.allHeld')} data-testid="assessment-proposed-art40" />
              ) : (
                <Form.Item name="otherOutcome" label={t('cases.assessment.otherOutcome')} rules={[{ required: true, message: t('cases.assessment.otherOutcomeRequired') }]}>
                  <Radio.Group data-testid="assessment-other-outcome">
                    <Space orientation="vertical" size={4}>
                      <Radio value="harmful">{t('cases.outcomeHints.harmful')}</Radio>
                      <Radio value="not_target">{t('cases.outcomeHints.not_target')}</Radio>
                    </Space>
                  </Radio.Group>
                </Form.Item>
              );
            }}
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="assessment-submit">
              {t('cases.assessment.submit')}
            </Button>
          </Space>
        </Space>
      </Form>
    </Card>
  );
}

/**
 * 第40條檢核: the three-element check (G6.3.1), its submissions, and the supervisor's sign-off
 * (four eyes: never one's own submission; the server refuses it and the page says so).
 */
export function CaseAssessmentTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const session = useSession();
  const me = session.data?.user?.id;
  const c = detail.case;
  const evidence = useCaseEvidence(c.id);
  const timeline = useCaseTimeline(c.id, detail.assessments.length > 0);
  const step = useCaseStep(c.id);
  const [formOpen, setFormOpen] = useState(false);
  const [returning, setReturning] = useState(false);
  const evidenceById = useMemo(() => new Map((evidence.data ?? []).map((e) => [e.id, e])), [evidence.data]);

  const history = assessmentsNewestFirst(detail.assessments);
  const pending = pendingAssessment(detail.assessments);
  const approved = history.find((a) => a.decision === 'approved');
  const latest = history[0];
  const canSubmit = detail.can.update && isCaseWritable(c.status);
  const showForm = canSubmit && (formOpen || (!pending && !approved));

  const approve = useMutation({ mutationFn: (assessmentId: string) => step(reviewAssessment(c.id, assessmentId, { decision: 'approved' })) });
  const pendingPeople = pending ? people(pending, timeline.data, me) : null;

  return (
    <Space orientation="vertical" size={16} className="finding-detail" data-testid="assessment-tab">
      {pending && pendingPeople && (
        <Card
          size="small"
          title={<h2 className="card-title">{t('cases.assessment.pendingTitle')}</h2>}
          extra={<Art40OutcomeTag outcome={pending.proposedOutcome} />}
          data-testid="assessment-pending"
        >
          <Typography.Paragraph>
            {t('cases.assessment.submittedLine', { time: formatRocDateTime(pending.submittedAt), who: pendingPeople.submitter ?? t('cases.assessment.someone') })}
            {pendingPeople.mine && `（${t('cases.assessment.you')}）`}
          </Typography.Paragraph>
          <AssessmentView assessment={pending} evidence={evidenceById} />
          {detail.can.review && isCaseWritable(c.status) && (
            <div className="block-top-gap">
              {pendingPeople.mine && <Alert className="block-gap" type="warning" showIcon title={t('cases.assessment.ownWarning')} data-testid="assessment-own-warning" />}
              {approve.isError && (
                <CaseErrorAlert
                  error={approve.error}
                  title={errorCode(approve.error) === 'FORBIDDEN' ? t('cases.assessment.ownReviewRefused') : t('cases.assessment.reviewFailed')}
                  testId="assessment-review-error"
                />
              )}
              <Space>
                <Popconfirm
                  title={t('cases.assessment.approveConfirm')}
                  description={pending.proposedOutcome === 'art40' ? t('cases.assessment.approveArt40Hint') : undefined}
                  okText={t('cases.assessment.approve')}
                  cancelText={t('common.cancel')}
                  okButtonProps={testIdProps('assessment-approve-confirm')}
                  onConfirm={() => approve.mutate(pending.id)}
                >
                  <Button type="primary" loading={approve.isPending} data-testid="assessment-approve">
                    {t('cases.assessment.approve')}
                  </Button>
                </Popconfirm>
                <Button onClick={() => setReturning(true)} disabled={approve.isPending} data-testid="assessment-return">
                  {t('cases.assessment.return')}
                </Button>
              </Space>
            </div>
          )}
          {!detail.can.review && <Typography.Paragraph type="secondary" className="block-top-gap">{t('cases.assessment.awaitingSupervisor')}</Typography.Paragraph>}
        </Card>
      )}

      {showForm ? (
        <AssessmentForm
          key={latest?.id ?? 'new'}
          detail={detail}
          evidence={evidence.data ?? []}
          previous={latest && latest.decision !== 'approved' ? latest : undefined}
          onDone={() => setFormOpen(false)}
        />
      ) : (
        canSubmit &&
        (pending || approved) && (
          <Button onClick={() => setFormOpen(true)} data-testid="assessment-resubmit">
            {pending ? t('cases.assessment.reviseButton') : t('cases.assessment.againButton')}
          </Button>
        )
      )}
      {!canSubmit && !pending && history.length === 0 && <Empty description={t('cases.assessment.none')} />}

      {history.length > 0 && (
        <Card size="small" title={<h2 className="card-title">{t('cases.assessment.historyTitle')}</h2>} data-testid="assessment-history">
          <Space orientation="vertical" size={12} className="finding-detail">
            {history.map((a, index) => {
              const who = people(a, timeline.data, me);
              return (
                <Card
                  key={a.id}
                  size="small"
                  type="inner"
                  data-testid="assessment-history-item"
                  data-decision={a.decision ?? 'pending'}
                  title={
                    <Space size={8} wrap>
                      <span>{t('cases.assessment.submissionNo', { n: history.length - index })}</span>
                      <Art40OutcomeTag outcome={a.proposedOutcome} />
                      {a.decision === 'approved' && <Tag color="green">{t('cases.assessment.approved')}</Tag>}
                      {a.decision === 'returned' && <Tag color="orange">{t('cases.assessment.returned')}</Tag>}
                      {a.decision === null && <Tag color="gold">{t('cases.assessment.pending')}</Tag>}
                    </Space>
                  }
                >
                  <Typography.Paragraph>
                    {t('cases.assessment.submittedLine', { time: formatRocDateTime(a.submittedAt), who: who.submitter ?? t('cases.assessment.someone') })}
                    {who.mine && `（${t('cases.assessment.you')}）`}
                  </Typography.Paragraph>
                  {a.reviewedAt && (
                    <Typography.Paragraph>
                      {t('cases.assessment.reviewedLine', { time: formatRocDateTime(a.reviewedAt), who: who.reviewer ?? t('cases.assessment.someone') })}
                      {a.reviewNote && (
                        <>
                          {'：'}
                          <span className="pre-wrap-text" data-testid="assessment-review-note">
                            {a.reviewNote}
                          </span>
                        </>
                      )}
                    </Typography.Paragraph>
                  )}
                  <AssessmentView assessment={a} evidence={evidenceById} />
                </Card>
              );
            })}
          </Space>
        </Card>
      )}

      {returning && pending && (
        <CaseFormModal<{ note: string }>
          title={t('cases.assessment.returnTitle')}
          okText={t('cases.assessment.return')}
          intro={t('cases.assessment.returnIntro')}
          testId="assessment-return-dialog"
          fields={['note']}
          onClose={() => setReturning(false)}
          submit={(v) => step(reviewAssessment(c.id, pending.id, { decision: 'returned', note: v.note.trim() }))}
        >
          <Form.Item name="note" label={t('cases.assessment.returnNote')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={4} maxLength={CASE_LIMITS.reviewNote} showCount data-testid="assessment-return-note" />
          </Form.Item>
        </CaseFormModal>
      )}
    </Space>
  );
}
