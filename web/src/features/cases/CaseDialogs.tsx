/**
 * The dialogs of the case's workflow steps: status changes, the serious flag and its cloud
 * registration (G4.1.3), CIB assistance (G6.3.5), assignment, evidence preservation (G6.3.2),
 * notices (G4.2.2, Act Art. 7, G4.2.3) and the transfer (G4.2.3). Each sends one step; the
 * server checks it again and its refusal is shown in the dialog.
 */
import { Alert, Form, Input, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CaseFormModal, RocDatePicker, RocDateTimePicker, pickedDay, pickedIso, taipeiNow, taipeiTodayValue } from './CaseParts.tsx';
import {
  CASE_LIMITS,
  NOTICE_CHANNELS,
  NOTICE_KINDS,
  PROSECUTOR_OFFICES,
  answerCib,
  assignCase,
  changeStatus,
  flagSerious,
  recordCloudRegistration,
  recordNotice,
  recordPreservationOutcome,
  requestCib,
  requestPreservation,
  sendNotice,
  transferCase,
  useAssignableUsers,
  useCaseStep,
  type Assignee,
  type CaseStatus,
  type NoticeChannel,
  type NoticeKind,
  type ProsecutorOffice,
} from './cases.api.ts';
import { cleanRecipients, isEmailAddress } from './case-format.ts';

interface DialogProps {
  caseId: string;
  onClose: () => void;
}

/** A reason or note box. */
function TextBox({ name, label, max, required, testId, rows = 3, extra }: { name: string; label: string; max: number; required: boolean; testId: string; rows?: number; extra?: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={label} extra={extra} rules={required ? [{ required: true, whitespace: true, message: t('common.required') }] : []}>
      <Input.TextArea rows={rows} maxLength={max} showCount data-testid={testId} />
    </Form.Item>
  );
}

/** Start investigating, close or reopen; closing and reopening need a reason (supervisors). */
export function StatusDialog({ caseId, to, onClose }: DialogProps & { to: Extract<CaseStatus, 'investigating' | 'closed' | 'open'> }) {
  const { t } = useTranslation();
  const step = useCaseStep(caseId);
  const kind = to === 'investigating' ? 'investigate' : to === 'closed' ? 'close' : 'reopen';
  return (
    <CaseFormModal<{ reason?: string }>
      title={t(`cases.status.${kind}.title`)}
      okText={t(`cases.status.${kind}.ok`)}
      intro={t(`cases.status.${kind}.intro`)}
      testId={`case-status-${kind}`}
      danger={to === 'closed'}
      fields={['reason']}
      onClose={onClose}
      submit={(v) => step(changeStatus(caseId, { to, reason: v.reason?.trim() || null }))}
    >
      <TextBox name="reason" label={t('cases.status.reason')} max={CASE_LIMITS.statusReason} required={to !== 'investigating'} testId={`case-status-${kind}-reason`} />
    </CaseFormModal>
  );
}

/** 列為重大（特殊）案件 (G4.1.3): opens the cloud registration and CIB request tasks. */
export function SeriousDialog({ caseId, onClose }: DialogProps) {
  const { t } = useTranslation();
  const step = useCaseStep(caseId);
  return (
    <CaseFormModal<{ reason: string }>
      title={t('cases.serious.title')}
      okText={t('cases.serious.ok')}
      intro={t('cases.serious.intro')}
      testId="case-serious"
      fields={['reason']}
      onClose={onClose}
      submit={(v) => step(flagSerious(caseId, v.reason.trim()))}
    >
      <TextBox name="reason" label={t('cases.serious.reason')} max={CASE_LIMITS.seriousReason} required testId="case-serious-reason" />
    </CaseFormModal>
  );
}

/** The 雲端治安管制系統 registration number and time of a serious case. */
export function CloudRegistrationDialog({ caseId, onClose }: DialogProps) {
  const { t } = useTranslation();
  const step = useCaseStep(caseId);
  return (
    <CaseFormModal<{ number: string; registeredAt: Dayjs }>
      title={t('cases.cloud.title')}
      okText={t('common.save')}
      intro={t('cases.cloud.intro')}
      testId="case-cloud"
      initialValues={{ registeredAt: taipeiNow() }}
      fields={['number', 'registeredAt']}
      onClose={onClose}
      submit={(v) => step(recordCloudRegistration(caseId, { number: v.number.trim(), registeredAt: pickedIso(v.registeredAt) }))}
    >
      <Form.Item name="number" label={t('cases.cloud.number')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input maxLength={CASE_LIMITS.cloudNumber} data-testid="case-cloud-number" />
      </Form.Item>
      <Form.Item name="registeredAt" label={t('cases.cloud.registeredAt')} rules={[{ required: true, message: t('common.required') }]}>
        <RocDateTimePicker testId="case-cloud-registered-at" />
      </Form.Item>
    </CaseFormModal>
  );
}

/** Asks the CIB for joint investigation or technical support (G4.1.3, G6.3.5). */
export function CibRequestDialog({ caseId, onClose }: DialogProps) {
  const { t } = useTranslation();
  const step = useCaseStep(caseId);
  return (
    <CaseFormModal<{ reason: string }>
      title={t('cases.cib.requestTitle')}
      okText={t('cases.cib.requestOk')}
      intro={t('cases.cib.requestIntro')}
      testId="case-cib-request"
      fields={['reason']}
      onClose={onClose}
      submit={(v) => step(requestCib(caseId, v.reason.trim()))}
    >
      <TextBox name="reason" label={t('cases.cib.reason')} max={CASE_LIMITS.cibReason} required testId="case-cib-request-reason" />
    </CaseFormModal>
  );
}

/** A CIB investigator accepts or declines (a decline says why). */
export function CibAnswerDialog({ caseId, onClose }: DialogProps) {
  const { t } = useTranslation();
  const step = useCaseStep(caseId);
  return (
    <CaseFormModal<{ decision: 'accepted' | 'declined'; note?: string }>
      title={t('cases.cib.answerTitle')}
      okText={t('common.save')}
      testId="case-cib-answer"
      initialValues={{ decision: 'accepted' }}
      fields={['note']}
      onClose={onClose}
      submit={(v) => step(answerCib(caseId, { decision: v.decision, note: v.note?.trim() || null }))}
    >
      {(form) => (
        <>
          <Form.Item name="decision" label={t('cases.cib.decision')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'accepted', label: t('cases.cib.accept') },
                { value: 'declined', label: t('cases.cib.decline') },
              ]}
              data-testid="case-cib-answer-decision"
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.decision !== b.decision}>
            {() => (
              <TextBox
                name="note"
                label={t('cases.cib.note')}
                max={CASE_LIMITS.cibNote}
                required={form.getFieldValue('decision') === 'declined'}
                testId="case-cib-answer-note"
              />
            )}
          </Form.Item>
        </>
      )}
    </CaseFormModal>
  );
}

/** Assigns officers of the owning unit (supervisors; the server checks each person's unit and role). */
export function AssignDialog({ caseId, current, onClose }: DialogProps & { current: Assignee[] }) {
  const { t } = useTranslation();
  const step = useCaseStep(caseId);
  const users = useAssignableUsers(true);
  const options = [
    ...(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` })),
    // Assignees the list does not hold (another unit's view) stay selectable as they are.
    ...current.filter((a) => !(users.data ?? []).some((u) => u.id === a.userId)).map((a) => ({ value: a.userId, label: `${a.displayName}（${a.username}）` })),
  ];
  return (
    <CaseFormModal<{ userIds: string[] }>
      title={t('cases.assignees.title')}
      okText={t('common.save')}
      intro={t('cases.assignees.intro')}
      testId="case-assign"
      initialValues={{ userIds: current.map((a) => a.userId) }}
      fields={['userIds']}
      onClose={onClose}
      submit={(v) => step(assignCase(caseId, v.userIds))}
    >
      <Form.Item name="userIds" label={t('cases.assignees.pick')}>
        <Select
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={users.isPending}
          options={options}
          maxCount={20}
          placeholder={t('cases.assignees.placeholder')}
          notFoundContent={users.isError ? t('common.loadFailed') : undefined}
          data-testid="case-assign-users"
        />
      </Form.Item>
    </CaseFormModal>
  );
}

/** An urgent evidence preservation request to the competent prosecutor (G6.3.2). */
export function PreservationDialog({ caseId, onClose }: DialogProps) {
  const { t } = useTranslation();
  const step = useCaseStep(caseId);
  return (
    <CaseFormModal<{ prosecutorOffice: ProsecutorOffice; requestedAt: Dayjs; subject: string }>
      title={t('cases.preservation.requestTitle')}
      okText={t('common.save')}
      intro={t('cases.preservation.intro')}
      testId="case-preservation"
      initialValues={{ prosecutorOffice: 'taipei', requestedAt: taipeiNow() }}
      fields={['requestedAt', 'subject']}
      onClose={onClose}
      submit={(v) => step(requestPreservation(caseId, { prosecutorOffice: v.prosecutorOffice, requestedAt: pickedIso(v.requestedAt), subject: v.subject.trim() }))}
    >
      <Form.Item name="prosecutorOffice" label={t('cases.preservation.office')} rules={[{ required: true, message: t('common.required') }]}>
        <Select options={PROSECUTOR_OFFICES.map((o) => ({ value: o, label: t(`cases.offices.${o}`) }))} data-testid="case-preservation-office" />
      </Form.Item>
      <Form.Item name="requestedAt" label={t('cases.preservation.requestedAt')} rules={[{ required: true, message: t('common.required') }]}>
        <RocDateTimePicker testId="case-preservation-requested-at" />
      </Form.Item>
      <TextBox name="subject" label={t('cases.preservation.subject')} max={CASE_LIMITS.preservationSubject} required testId="case-preservation-subject" />
    </CaseFormModal>
  );
}

/** The prosecutor's answer to a preservation request. */
export function PreservationOutcomeDialog({ caseId, requestId, onClose }: DialogProps & { requestId: string }) {
  const { t } = useTranslation();
  const step = useCaseStep(caseId);
  return (
    <CaseFormModal<{ outcome: 'granted' | 'refused' | 'withdrawn'; outcomeAt: Dayjs; note?: string }>
      title={t('cases.preservation.outcomeTitle')}
      okText={t('common.save')}
      testId="case-preservation-outcome"
      initialValues={{ outcome: 'granted', outcomeAt: taipeiNow() }}
      fields={['outcomeAt', 'note']}
      onClose={onClose}
      submit={(v) => step(recordPreservationOutcome(caseId, requestId, { outcome: v.outcome, outcomeAt: pickedIso(v.outcomeAt), note: v.note?.trim() || null }))}
    >
      <Form.Item name="outcome" label={t('cases.preservation.outcome')}>
        <Radio.Group
          optionType="button"
          options={(['granted', 'refused', 'withdrawn'] as const).map((o) => ({ value: o, label: t(`cases.preservation.outcomes.${o}`) }))}
          data-testid="case-preservation-outcome-value"
        />
      </Form.Item>
      <Form.Item name="outcomeAt" label={t('cases.preservation.outcomeAt')} rules={[{ required: true, message: t('common.required') }]}>
        <RocDateTimePicker testId="case-preservation-outcome-at" />
      </Form.Item>
      <TextBox name="note" label={t('cases.preservation.note')} max={CASE_LIMITS.preservationNote} required={false} testId="case-preservation-outcome-note" />
    </CaseFormModal>
  );
}

/**
 * Sends the social-affairs notice (G4.2.2, after sign-off) or the FPO notice with the case file
 * (G4.2.3, after transfer): the server prints the PDF, mails it (or writes it to the outbox
 * without SMTP) and records the notice.
 */
export function SendNoticeDialog({ caseId, kind, onClose }: DialogProps & { kind: 'social_affairs' | 'fpo' }) {
  const { t } = useTranslation();
  const step = useCaseStep(caseId);
  return (
    <CaseFormModal<{ recipients: string[] }>
      title={t(`cases.notices.send.${kind}.title`)}
      okText={t('cases.notices.send.ok')}
      intro={t(`cases.notices.send.${kind}.intro`)}
      testId={`case-send-${kind}`}
      initialValues={{ recipients: [] }}
      fields={['recipients']}
      onClose={onClose}
      submit={(v) => step(sendNotice(caseId, { kind, recipients: cleanRecipients(v.recipients) }))}
    >
      <Form.Item
        name="recipients"
        label={t('cases.notices.send.recipients')}
        extra={t('cases.notices.send.recipientsHelp', { max: CASE_LIMITS.recipients })}
        rules={[
          {
            validator: (_, value: string[] | undefined) => {
              const list = cleanRecipients(value ?? []);
              if (list.length === 0) return Promise.reject(new Error(t('cases.notices.send.recipientsRequired')));
              if (list.length > CASE_LIMITS.recipients) return Promise.reject(new Error(t('cases.notices.send.tooMany', { max: CASE_LIMITS.recipients })));
              const bad = list.find((a) => !isEmailAddress(a));
              return bad ? Promise.reject(new Error(t('cases.notices.send.badAddress', { address: bad }))) : Promise.resolve();
            },
          },
        ]}
      >
        <Select mode="tags" suffixIcon={null} tokenSeparators={[',', ';', ' ']} placeholder="name@example.gov.tw" data-testid={`case-send-${kind}-recipients`} />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t('cases.notices.send.privacy')}</Typography.Paragraph>
    </CaseFormModal>
  );
}

/** Records a notice sent outside the system (the child-protection online report, a call, a fax). */
export function RecordNoticeDialog({ caseId, defaultKind, onClose }: DialogProps & { defaultKind?: NoticeKind }) {
  const { t } = useTranslation();
  const step = useCaseStep(caseId);
  return (
    <CaseFormModal<{ kind: NoticeKind; recipient: string; channel: NoticeChannel; sentAt: Dayjs; reference?: string }>
      title={t('cases.notices.record.title')}
      okText={t('common.save')}
      intro={t('cases.notices.record.intro')}
      testId="case-record-notice"
      initialValues={{ kind: defaultKind ?? 'child_protection', channel: 'online_system', sentAt: taipeiNow() }}
      fields={['recipient', 'sentAt', 'reference']}
      onClose={onClose}
      submit={(v) =>
        step(recordNotice(caseId, { kind: v.kind, recipient: v.recipient.trim(), channel: v.channel, sentAt: pickedIso(v.sentAt), reference: v.reference?.trim() || null }))
      }
    >
      <Form.Item name="kind" label={t('cases.notices.kind')} rules={[{ required: true, message: t('common.required') }]}>
        <Select options={NOTICE_KINDS.map((k) => ({ value: k, label: t(`cases.noticeKinds.${k}`) }))} data-testid="case-record-notice-kind" />
      </Form.Item>
      <Form.Item name="recipient" label={t('cases.notices.recipient')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input maxLength={CASE_LIMITS.recipient} placeholder={t('cases.notices.record.recipientPlaceholder')} data-testid="case-record-notice-recipient" />
      </Form.Item>
      <Form.Item name="channel" label={t('cases.notices.channel')} rules={[{ required: true, message: t('common.required') }]}>
        <Select options={NOTICE_CHANNELS.map((c) => ({ value: c, label: t(`cases.channels.${c}`) }))} data-testid="case-record-notice-channel" />
      </Form.Item>
      <Form.Item name="sentAt" label={t('cases.notices.sentAt')} rules={[{ required: true, message: t('common.required') }]}>
        <RocDateTimePicker testId="case-record-notice-sent-at" />
      </Form.Item>
      <Form.Item name="reference" label={t('cases.notices.reference')} extra={t('cases.notices.record.referenceHelp')}>
        <Input maxLength={CASE_LIMITS.reference} data-testid="case-record-notice-reference" />
      </Form.Item>
    </CaseFormModal>
  );
}

/** 移送 (G4.2.3): office, date and document number; the case becomes read-only but for follow-ups. */
export function TransferDialog({ caseId, onClose }: DialogProps) {
  const { t } = useTranslation();
  const step = useCaseStep(caseId);
  return (
    <CaseFormModal<{ prosecutorOffice: ProsecutorOffice; transferredOn: Dayjs; documentNumber: string }>
      title={t('cases.transfer.title')}
      okText={t('cases.transfer.ok')}
      testId="case-transfer"
      danger
      initialValues={{ prosecutorOffice: 'taipei', transferredOn: taipeiTodayValue() }}
      fields={['transferredOn', 'documentNumber']}
      onClose={onClose}
      submit={(v) => step(transferCase(caseId, { prosecutorOffice: v.prosecutorOffice, transferredOn: pickedDay(v.transferredOn), documentNumber: v.documentNumber.trim() }))}
    >
      <Alert className="block-gap" type="warning" showIcon title={t('cases.transfer.warning')} />
      <Form.Item name="prosecutorOffice" label={t('cases.transfer.office')} rules={[{ required: true, message: t('common.required') }]}>
        <Select options={PROSECUTOR_OFFICES.map((o) => ({ value: o, label: t(`cases.offices.${o}`) }))} data-testid="case-transfer-office" />
      </Form.Item>
      <Form.Item name="transferredOn" label={t('cases.transfer.date')} rules={[{ required: true, message: t('common.required') }]}>
        <RocDatePicker testId="case-transfer-date" />
      </Form.Item>
      <Form.Item name="documentNumber" label={t('cases.transfer.documentNumber')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input maxLength={CASE_LIMITS.documentNumber} placeholder={t('cases.transfer.documentNumberPlaceholder')} data-testid="case-transfer-document-number" />
      </Form.Item>
    </CaseFormModal>
  );
}
