/**
 * The dialogs of a takedown target's steps (G5.2, G6.2): the report to iWIN, the SAB's order (T),
 * the DNS RPZ request and its taking effect, the removal, the withdrawal, and the data requests of
 * the 180-day window. Each sends one step; the server checks it again and its refusal is shown in
 * the dialog (EVIDENCE_NOT_SEALED with a link to the case's evidence).
 */
import { useEffect } from 'react';
import { Form, Input, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { CaseFormModal, RocDateTimePicker, pickedIso, taipeiNow } from '../cases/CaseParts.tsx';
import { contactLabel, defaultReportContact, sortedContacts, useLiaison, type LiaisonContact } from '../liaison/liaison.api.ts';
import { EvidenceNotSealedAlert } from './TakedownParts.tsx';
import { urlHost } from './takedown-format.ts';
import {
  REPORT_CHANNELS,
  TAKEDOWN_LIMITS,
  answerDataRequest,
  recordDataRequest,
  recordOrder,
  recordRemoval,
  recordRpzApplied,
  reportTakedown,
  requestRpz,
  useTakedownStep,
  withdrawTakedown,
  type ReportChannel,
  type TargetDetail,
} from './takedowns.api.ts';

/** Which dialog is open on the target page. */
export type TakedownDialog =
  | { kind: 'report' }
  | { kind: 'order' }
  | { kind: 'rpz' }
  | { kind: 'rpzApplied' }
  | { kind: 'removal' }
  | { kind: 'withdraw' }
  | { kind: 'dataRequest' }
  | { kind: 'answer'; requestId: string };

interface DialogProps {
  target: TargetDetail;
  onClose: () => void;
}

const required = (message: string) => [{ required: true, whitespace: true, message }];

/** A required time, defaulting to now (Taipei); future days cannot be picked and the server refuses future times. */
function TimeField({ name, label, testId }: { name: string; label: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('common.required') }]}>
      <RocDateTimePicker testId={testId} />
    </Form.Item>
  );
}

/** A required or optional text box. */
function TextBox({ name, label, max, isRequired, testId, rows = 3 }: { name: string; label: string; max: number; isRequired: boolean; testId: string; rows?: number }) {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={label} rules={isRequired ? required(t('common.required')) : []}>
      <Input.TextArea rows={rows} maxLength={max} showCount data-testid={testId} />
    </Form.Item>
  );
}

// The report ----------------------------------------------------------------------------------

interface ReportValues {
  channel: ReportChannel;
  contactId?: string;
  reason: string;
  reference?: string;
  sentAt: Dayjs;
}

/** The channel to use with a window: e-mail when it has an address, else the first channel it lists. */
function channelFor(contact: LiaisonContact): ReportChannel {
  if (contact.email) return 'email';
  return REPORT_CHANNELS.find((c) => c !== 'email' && contact.channels.includes(c)) ?? 'online_system';
}

function ReportFields({ form, contacts, loading, loadFailed }: { form: FormInstance<ReportValues>; contacts: LiaisonContact[]; loading: boolean; loadFailed: boolean }) {
  const { t } = useTranslation();
  const contactId = Form.useWatch('contactId', form);
  const selected = contacts.find((c) => c.id === contactId);

  // The active iWIN window is the default recipient once the directory has loaded (G6.2.1).
  useEffect(() => {
    if (form.getFieldValue('contactId') || form.isFieldTouched('contactId')) return;
    const fallback = defaultReportContact(contacts);
    if (fallback) form.setFieldsValue({ contactId: fallback.id, channel: channelFor(fallback) });
  }, [contacts, form]);

  const recipientHelp = selected
    ? [
        selected.email ? t('takedowns.report.contactEmail', { email: selected.email }) : t('takedowns.report.contactNoEmail'),
        selected.phone ? t('takedowns.report.contactPhone', { phone: selected.phone }) : null,
        selected.channels.length > 0 ? t('takedowns.report.contactChannels', { channels: selected.channels.map((c) => t(`liaison.channels.${c}`)).join('、') }) : null,
      ]
        .filter(Boolean)
        .join('；')
    : undefined;

  return (
    <>
      <Form.Item
        name="contactId"
        label={t('takedowns.report.contact')}
        extra={recipientHelp}
        rules={[
          { required: true, message: t('takedowns.report.contactRequired') },
          {
            validator: (_, value: string | undefined) => {
              const contact = contacts.find((c) => c.id === value);
              return form.getFieldValue('channel') === 'email' && contact && !contact.email
                ? Promise.reject(new Error(t('takedowns.report.noEmail')))
                : Promise.resolve();
            },
          },
        ]}
        dependencies={['channel']}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={loading}
          placeholder={t('takedowns.report.contactPlaceholder')}
          notFoundContent={loadFailed ? t('common.loadFailed') : t('takedowns.report.noContacts')}
          options={contacts.map((c) => ({ value: c.id, label: contactLabel(t(`liaison.bodies.${c.body}`), c) }))}
          data-testid="takedown-report-contact"
        />
      </Form.Item>
      <Form.Item name="channel" label={t('takedowns.report.channel')} extra={t('takedowns.report.channelHelp')} rules={[{ required: true, message: t('common.required') }]}>
        <Select options={REPORT_CHANNELS.map((c) => ({ value: c, label: t(`takedowns.channels.${c}`) }))} data-testid="takedown-report-channel" />
      </Form.Item>
      <TextBox name="reason" label={t('takedowns.report.reason')} max={TAKEDOWN_LIMITS.reason} isRequired rows={4} testId="takedown-report-reason" />
      <Form.Item name="reference" label={t('takedowns.report.reference')} extra={t('takedowns.report.referenceHelp')}>
        <Input maxLength={TAKEDOWN_LIMITS.reference} data-testid="takedown-report-reference" />
      </Form.Item>
      <TimeField name="sentAt" label={t('takedowns.report.sentAt')} testId="takedown-report-sent-at" />
    </>
  );
}

/** 通報下架 (G6.2.1): to the chosen liaison window; by e-mail the server writes and sends the report. */
export function ReportDialog({ target, onClose }: DialogProps) {
  const { t } = useTranslation();
  const step = useTakedownStep(target.id);
  const contacts = useLiaison();
  const active = sortedContacts(contacts.data ?? []).filter((c) => c.active);
  return (
    <CaseFormModal<ReportValues>
      title={t('takedowns.report.title')}
      okText={t('takedowns.report.ok')}
      intro={t('takedowns.report.intro')}
      testId="takedown-report"
      width={640}
      initialValues={{ channel: 'email', sentAt: taipeiNow() }}
      fields={['contactId', 'channel', 'reason', 'reference', 'sentAt']}
      onClose={onClose}
      renderError={(error) => (errorCode(error) === 'EVIDENCE_NOT_SEALED' ? <EvidenceNotSealedAlert error={error} caseId={target.caseId} testId="takedown-report-error" /> : undefined)}
      submit={(v) =>
        step(
          reportTakedown(target.id, {
            channel: v.channel,
            contactId: v.contactId ?? '',
            reason: v.reason.trim(),
            reference: v.reference?.trim() || null,
            sentAt: pickedIso(v.sentAt),
          }),
        )
      }
    >
      {(form) => <ReportFields form={form} contacts={active} loading={contacts.isPending} loadFailed={contacts.isError} />}
    </CaseFormModal>
  );
}

// The order, RPZ, removal, withdrawal ------------------------------------------------------------

/** The SAB's administrative order: its document number and time T (the 24 hours start then). */
export function OrderDialog({ target, onClose }: DialogProps) {
  const { t } = useTranslation();
  const step = useTakedownStep(target.id);
  return (
    <CaseFormModal<{ documentNumber: string; issuedAt: Dayjs }>
      title={t('takedowns.order.title')}
      okText={t('common.save')}
      intro={t('takedowns.order.intro')}
      testId="takedown-order"
      initialValues={{ issuedAt: taipeiNow() }}
      fields={['documentNumber', 'issuedAt']}
      onClose={onClose}
      submit={(v) => step(recordOrder(target.id, { documentNumber: v.documentNumber.trim(), issuedAt: pickedIso(v.issuedAt) }))}
    >
      <Form.Item name="documentNumber" label={t('takedowns.order.documentNumber')} rules={required(t('common.required'))}>
        <Input maxLength={TAKEDOWN_LIMITS.documentNumber} placeholder={t('takedowns.order.documentNumberPlaceholder')} data-testid="takedown-order-document-number" />
      </Form.Item>
      <TimeField name="issuedAt" label={t('takedowns.order.issuedAt')} testId="takedown-order-issued-at" />
    </CaseFormModal>
  );
}

interface RpzValues {
  domain?: string;
  requestedAt: Dayjs;
  contactId?: string;
}

/**
 * TWNIC's DNS RPZ through the SAB, for an overdue target (the domain defaults to the URL's host).
 * The SAB window is the default recipient; when it has an e-mail address the server writes and
 * mails the letter, otherwise the request is recorded as sent to that window (G5.2, G4.1.2).
 */
export function RpzDialog({ target, onClose }: DialogProps) {
  const { t } = useTranslation();
  const step = useTakedownStep(target.id);
  const contacts = useLiaison();
  const active = sortedContacts(contacts.data ?? []).filter((c) => c.active);
  const sab = active.filter((c) => c.body === 'sab');
  const defaultContact = sab.find((c) => c.email) ?? sab[0];
  return (
    <CaseFormModal<RpzValues>
      title={t('takedowns.rpz.title')}
      okText={t('common.save')}
      intro={t('takedowns.rpz.intro')}
      testId="takedown-rpz"
      initialValues={{ domain: urlHost(target.url), requestedAt: taipeiNow() }}
      fields={['domain', 'contactId', 'requestedAt']}
      onClose={onClose}
      submit={(v) => step(requestRpz(target.id, { domain: v.domain?.trim() || null, contactId: v.contactId ?? null, requestedAt: pickedIso(v.requestedAt) }))}
    >
      {(form) => (
        <>
          <Form.Item name="domain" label={t('takedowns.rpz.domain')} extra={t('takedowns.rpz.domainHelp')}>
            <Input maxLength={TAKEDOWN_LIMITS.domain} className="mono-text" data-testid="takedown-rpz-domain" />
          </Form.Item>
          <RpzContactField form={form} contacts={active} defaultContact={defaultContact} loading={contacts.isPending} />
          <TimeField name="requestedAt" label={t('takedowns.rpz.requestedAt')} testId="takedown-rpz-requested-at" />
        </>
      )}
    </CaseFormModal>
  );
}

/** The SAB window of the RPZ request; the active SAB window is chosen once the directory has loaded. */
function RpzContactField({ form, contacts, defaultContact, loading }: { form: FormInstance<RpzValues>; contacts: LiaisonContact[]; defaultContact: LiaisonContact | undefined; loading: boolean }) {
  const { t } = useTranslation();
  useEffect(() => {
    if (form.getFieldValue('contactId') || form.isFieldTouched('contactId') || !defaultContact) return;
    form.setFieldsValue({ contactId: defaultContact.id });
  }, [defaultContact, form]);
  return (
    <Form.Item name="contactId" label={t('takedowns.rpz.contact')} extra={t('takedowns.rpz.contactHelp')}>
      <Select allowClear loading={loading} options={contacts.map((c) => ({ value: c.id, label: contactLabel(t(`liaison.bodies.${c.body}`), c) }))} data-testid="takedown-rpz-contact" />
    </Form.Item>
  );
}

/** The RPZ has taken effect. */
export function RpzAppliedDialog({ target, onClose }: DialogProps) {
  const { t } = useTranslation();
  const step = useTakedownStep(target.id);
  return (
    <CaseFormModal<{ appliedAt: Dayjs }>
      title={t('takedowns.rpzApplied.title')}
      okText={t('common.save')}
      testId="takedown-rpz-applied"
      initialValues={{ appliedAt: taipeiNow() }}
      fields={['appliedAt']}
      onClose={onClose}
      submit={(v) => step(recordRpzApplied(target.id, { appliedAt: pickedIso(v.appliedAt) }))}
    >
      <TimeField name="appliedAt" label={t('takedowns.rpzApplied.appliedAt')} testId="takedown-rpz-applied-at" />
    </CaseFormModal>
  );
}

/** Removal verified at R, optionally resting on the capture of a removal check. */
export function RemovalDialog({ target, onClose }: DialogProps) {
  const { t } = useTranslation();
  const step = useTakedownStep(target.id);
  const withEvidence = target.checks.filter((c) => c.evidenceId);
  const proof = withEvidence.find((c) => c.outcome === 'removed');
  return (
    <CaseFormModal<{ removedAt: Dayjs; evidenceId?: string }>
      title={t('takedowns.removal.title')}
      okText={t('common.save')}
      intro={t('takedowns.removal.intro')}
      testId="takedown-removal"
      initialValues={{ removedAt: taipeiNow(), evidenceId: proof?.evidenceId ?? undefined }}
      fields={['removedAt', 'evidenceId']}
      onClose={onClose}
      submit={(v) => step(recordRemoval(target.id, { removedAt: pickedIso(v.removedAt), evidenceId: v.evidenceId ?? null }))}
    >
      <TimeField name="removedAt" label={t('takedowns.removal.removedAt')} testId="takedown-removal-removed-at" />
      <Form.Item name="evidenceId" label={t('takedowns.removal.evidence')} extra={t('takedowns.removal.evidenceHelp')}>
        <Select
          allowClear
          placeholder={t('takedowns.removal.evidencePlaceholder')}
          options={withEvidence.map((c) => ({
            value: c.evidenceId ?? '',
            label: `${formatRocDateTime(c.checkedAt ?? c.createdAt)}｜${c.outcome ? t(`takedowns.checks.outcomes.${c.outcome}`) : t(`takedowns.checks.statuses.${c.status}`)}`,
          }))}
          data-testid="takedown-removal-evidence"
        />
      </Form.Item>
    </CaseFormModal>
  );
}

/** Withdraws the target (a wrong URL, already gone before the report…): the reason is kept. */
export function WithdrawDialog({ target, onClose }: DialogProps) {
  const { t } = useTranslation();
  const step = useTakedownStep(target.id);
  return (
    <CaseFormModal<{ reason: string }>
      title={t('takedowns.withdraw.title')}
      okText={t('takedowns.withdraw.ok')}
      intro={t('takedowns.withdraw.intro')}
      testId="takedown-withdraw"
      danger
      fields={['reason']}
      onClose={onClose}
      submit={(v) => step(withdrawTakedown(target.id, { reason: v.reason.trim() }))}
    >
      <TextBox name="reason" label={t('takedowns.withdraw.reason')} max={TAKEDOWN_LIMITS.withdrawReason} isRequired testId="takedown-withdraw-reason" />
    </CaseFormModal>
  );
}

// Data requests of the retention window ---------------------------------------------------------

/** A request for the retained data (Act Art. 8), inside T … T + 180 days. */
export function DataRequestDialog({ target, onClose }: DialogProps) {
  const { t } = useTranslation();
  const step = useTakedownStep(target.id);
  return (
    <CaseFormModal<{ recipient: string; sentAt: Dayjs }>
      title={t('takedowns.dataRequests.createTitle')}
      okText={t('common.save')}
      intro={t('takedowns.dataRequests.intro')}
      testId="takedown-data-request"
      initialValues={{ sentAt: taipeiNow() }}
      fields={['recipient', 'sentAt']}
      onClose={onClose}
      submit={(v) => step(recordDataRequest(target.id, { recipient: v.recipient.trim(), sentAt: pickedIso(v.sentAt) }))}
    >
      <Form.Item name="recipient" label={t('takedowns.dataRequests.recipient')} rules={required(t('common.required'))}>
        <Input maxLength={TAKEDOWN_LIMITS.recipient} placeholder={t('takedowns.dataRequests.recipientPlaceholder')} data-testid="takedown-data-request-recipient" />
      </Form.Item>
      <TimeField name="sentAt" label={t('takedowns.dataRequests.sentAt')} testId="takedown-data-request-sent-at" />
    </CaseFormModal>
  );
}

/** The answer to a data request. */
export function DataAnswerDialog({ target, requestId, onClose }: DialogProps & { requestId: string }) {
  const { t } = useTranslation();
  const step = useTakedownStep(target.id);
  const request = target.dataRequests.find((r) => r.id === requestId);
  return (
    <CaseFormModal<{ answeredAt: Dayjs; result: string }>
      title={t('takedowns.dataRequests.answerTitle')}
      okText={t('common.save')}
      testId="takedown-data-answer"
      initialValues={{ answeredAt: taipeiNow() }}
      fields={['answeredAt', 'result']}
      onClose={onClose}
      submit={(v) => step(answerDataRequest(target.id, requestId, { answeredAt: pickedIso(v.answeredAt), result: v.result.trim() }))}
    >
      {request && (
        <Typography.Paragraph type="secondary">
          {t('takedowns.dataRequests.answerFor', { recipient: request.recipient, sentAt: formatRocDateTime(request.sentAt) })}
        </Typography.Paragraph>
      )}
      <TimeField name="answeredAt" label={t('takedowns.dataRequests.answeredAt')} testId="takedown-data-answer-answered-at" />
      <TextBox name="result" label={t('takedowns.dataRequests.result')} max={TAKEDOWN_LIMITS.result} isRequired rows={4} testId="takedown-data-answer-result" />
    </CaseFormModal>
  );
}

/** The open dialog of the target page, if any. */
export function TakedownDialogHost({ dialog, target, onClose }: { dialog: TakedownDialog | null; target: TargetDetail; onClose: () => void }) {
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'report':
      return <ReportDialog target={target} onClose={onClose} />;
    case 'order':
      return <OrderDialog target={target} onClose={onClose} />;
    case 'rpz':
      return <RpzDialog target={target} onClose={onClose} />;
    case 'rpzApplied':
      return <RpzAppliedDialog target={target} onClose={onClose} />;
    case 'removal':
      return <RemovalDialog target={target} onClose={onClose} />;
    case 'withdraw':
      return <WithdrawDialog target={target} onClose={onClose} />;
    case 'dataRequest':
      return <DataRequestDialog target={target} onClose={onClose} />;
    case 'answer':
      return <DataAnswerDialog target={target} requestId={dialog.requestId} onClose={onClose} />;
  }
}
