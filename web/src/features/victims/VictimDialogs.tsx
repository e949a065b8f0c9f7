/**
 * The dialogs of the victim pages. Each sends one step; the server checks it again and its refusal
 * is shown in the dialog (its messages name the field, never the value: G6.3.6). The reveal is
 * the one dialog that does not go through a mutation: its answer, the clear identity, must never
 * sit in a cache, so it is handed straight to the caller's state.
 */
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { CaseFormModal, RocDateTimePicker, pickedDay, pickedIso, taipeiNow, taipeiTodayValue } from '../cases/CaseParts.tsx';
import { taipeiToday } from '../cases/case-format.ts';
import { useCaseEvidence } from '../cases/cases.api.ts';
import { shortHash } from '../evidence/evidence-format.ts';
import { testIdProps } from '../findings/test-id.ts';
import { ReasonField, RocDayPicker, VictimErrorAlert } from './VictimParts.tsx';
import { MINOR_BELOW_AGE, ageOn, isValidNationalId, parseTypedDate } from './victim-format.ts';
import {
  REFERRAL_ANSWERS,
  SERVICE_RESPONSES,
  SIPC_CHANNELS,
  SIPC_OUTCOMES,
  VICTIM_LIMITS,
  VICTIM_SEXES,
  addVictim,
  clearVictimHold,
  downloadComplaintDocument,
  fileComplaint,
  holdCaseVictims,
  holdVictim,
  recordAuthorisation,
  recordComplaintOutcome,
  recordReferral,
  recordSocialWorker,
  revealVictim,
  setVictimService,
  updateVictim,
  useVictimStep,
  type ComplaintDraft,
  type ReferralAnswer,
  type RevealedVictim,
  type ServiceResponse,
  type ServiceState,
  type SipcChannel,
  type SipcComplaint,
  type SipcOutcome,
  type VictimDetail,
  type VictimHold,
  type VictimSex,
  type VictimSummary,
} from './victims.api.ts';

const trimmedOrNull = (value: string | undefined): string | null => value?.trim() || null;

/** The identity fields of the form; the names are the server's, so a refusal marks its field. */
interface IdentityValues {
  name: string;
  nationalId?: string;
  dateOfBirth: string;
  contact?: string;
  guardianName?: string;
  guardianContact?: string;
}

interface VictimFormValues extends IdentityValues {
  incidentDate: Dayjs;
  sex?: VictimSex;
  notes?: string;
}

const IDENTITY_FIELDS = ['name', 'nationalId', 'dateOfBirth', 'contact', 'guardianName', 'guardianContact'] as const;

/**
 * The identity inputs. Every check message is fixed text: none repeats what was typed (G6.3.6).
 * `required` is false when editing (a blank field is left unchanged).
 */
function IdentityInputs({ required }: { required: boolean }) {
  const { t } = useTranslation();
  const requiredRule = required ? [{ required: true, whitespace: true, message: t('common.required') }] : [];
  return (
    <>
      <Form.Item name="name" label={t('victims.fields.name')} rules={requiredRule}>
        <Input maxLength={VICTIM_LIMITS.name} autoComplete="off" data-testid="victim-form-name" />
      </Form.Item>
      <Form.Item
        name="nationalId"
        label={t('victims.fields.nationalId')}
        extra={t('victims.form.nationalIdHelp')}
        rules={[
          {
            validator: (_, value: string | undefined) =>
              !value || value.trim() === '' || isValidNationalId(value) ? Promise.resolve() : Promise.reject(new Error(t('victims.form.nationalIdInvalid'))),
          },
        ]}
      >
        <Input maxLength={VICTIM_LIMITS.nationalId} autoComplete="off" data-testid="victim-form-national-id" />
      </Form.Item>
      <Form.Item
        name="dateOfBirth"
        label={t('victims.fields.dateOfBirth')}
        extra={t('victims.form.dateOfBirthHelp')}
        rules={[
          ...requiredRule,
          {
            validator: (_, value: string | undefined) => {
              if (!value || value.trim() === '') return Promise.resolve();
              const day = parseTypedDate(value);
              if (!day) return Promise.reject(new Error(t('victims.form.dateInvalid')));
              if (day > taipeiToday()) return Promise.reject(new Error(t('victims.form.dateInFuture')));
              return Promise.resolve();
            },
          },
        ]}
      >
        <Input maxLength={20} autoComplete="off" placeholder={t('victims.form.dateOfBirthPlaceholder')} data-testid="victim-form-date-of-birth" />
      </Form.Item>
      <Form.Item name="contact" label={t('victims.fields.contact')}>
        <Input maxLength={VICTIM_LIMITS.contact} autoComplete="off" data-testid="victim-form-contact" />
      </Form.Item>
      <Form.Item name="guardianName" label={t('victims.fields.guardianName')} extra={t('victims.form.guardianHelp')}>
        <Input maxLength={VICTIM_LIMITS.name} autoComplete="off" data-testid="victim-form-guardian-name" />
      </Form.Item>
      <Form.Item name="guardianContact" label={t('victims.fields.guardianContact')}>
        <Input maxLength={VICTIM_LIMITS.contact} autoComplete="off" data-testid="victim-form-guardian-contact" />
      </Form.Item>
    </>
  );
}

/** The clear facts: the incident date (it decides minor or adult), sex, notes. */
function FactInputs() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="incidentDate"
        label={t('victims.fields.incidentDate')}
        extra={t('victims.form.incidentDateHelp')}
        dependencies={['dateOfBirth']}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator: (_, value: Dayjs | undefined) => {
              const birth = parseTypedDate(String(getFieldValue('dateOfBirth') ?? ''));
              return value && birth && pickedDay(value) < birth ? Promise.reject(new Error(t('victims.form.incidentBeforeBirth'))) : Promise.resolve();
            },
          }),
        ]}
      >
        <RocDayPicker testId="victim-form-incident-date" />
      </Form.Item>
      <Form.Item name="sex" label={t('victims.fields.sex')}>
        <Radio.Group data-testid="victim-form-sex" options={VICTIM_SEXES.map((s) => ({ value: s, label: t(`victims.sexes.${s}`) }))} />
      </Form.Item>
      <Form.Item name="notes" label={t('victims.fields.notes')} extra={t('victims.form.notesHelp')}>
        <Input.TextArea rows={3} maxLength={VICTIM_LIMITS.notes} showCount data-testid="victim-form-notes" />
      </Form.Item>
    </>
  );
}

/** The age the typed date of birth gives on the incident date (the server decides; this only tells the officer what to expect). */
function AgePreview() {
  const { t } = useTranslation();
  return (
    <Form.Item noStyle shouldUpdate={(a: VictimFormValues, b: VictimFormValues) => a.dateOfBirth !== b.dateOfBirth || a.incidentDate !== b.incidentDate}>
      {({ getFieldValue }) => {
        const birth = parseTypedDate(String(getFieldValue('dateOfBirth') ?? ''));
        const incident = getFieldValue('incidentDate') as Dayjs | undefined;
        const age = birth && incident ? ageOn(birth, pickedDay(incident)) : null;
        if (age === null) return null;
        const minor = age < MINOR_BELOW_AGE;
        return (
          <Alert
            className="block-gap"
            type={minor ? 'warning' : 'info'}
            showIcon
            data-testid="victim-form-age-preview"
            data-minor={minor ? 'true' : 'false'}
            title={t(minor ? 'victims.form.previewMinor' : 'victims.form.previewAdult', { age })}
          />
        );
      }}
    </Form.Item>
  );
}

/** 新增被害人: the identity is sealed by the server; the answer and every page show it masked. */
export function AddVictimDialog({ caseId, onClose, onCreated }: { caseId: string; onClose: () => void; onCreated: (victim: VictimDetail) => void }) {
  const { t } = useTranslation();
  const step = useVictimStep(caseId);
  return (
    <CaseFormModal<VictimFormValues>
      title={t('victims.add')}
      okText={t('common.create')}
      intro={t('victims.form.addIntro')}
      testId="victim-add-dialog"
      width={640}
      initialValues={{ incidentDate: taipeiTodayValue() }}
      fields={[...IDENTITY_FIELDS, 'incidentDate', 'notes']}
      onClose={onClose}
      onDone={(answer) => onCreated(answer as VictimDetail)}
      submit={(v) =>
        step(
          null,
          addVictim(caseId, {
            name: v.name.trim(),
            nationalId: trimmedOrNull(v.nationalId),
            dateOfBirth: parseTypedDate(v.dateOfBirth) ?? v.dateOfBirth,
            contact: trimmedOrNull(v.contact),
            guardianName: trimmedOrNull(v.guardianName),
            guardianContact: trimmedOrNull(v.guardianContact),
            incidentDate: pickedDay(v.incidentDate),
            sex: v.sex ?? null,
            notes: trimmedOrNull(v.notes),
          }),
        )
      }
    >
      <IdentityInputs required />
      <FactInputs />
      <AgePreview />
    </CaseFormModal>
  );
}

/**
 * Changes a victim: the facts are shown and may be changed; an identity field is corrected by
 * typing the right value (a blank one is left as it is — the page never shows the stored value).
 */
export function EditVictimDialog({ victim, onClose }: { victim: VictimDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const step = useVictimStep(victim.caseId);
  return (
    <CaseFormModal<VictimFormValues>
      title={t('victims.edit.title', { masked: victim.maskedName })}
      okText={t('common.save')}
      intro={t('victims.edit.intro')}
      testId="victim-edit-dialog"
      width={640}
      initialValues={{ incidentDate: dayjs(victim.incidentDate), sex: victim.sex ?? undefined, notes: victim.notes ?? '' }}
      fields={[...IDENTITY_FIELDS, 'incidentDate', 'notes']}
      onClose={onClose}
      submit={(v) => {
        const body: Record<string, unknown> = {};
        for (const field of IDENTITY_FIELDS) {
          const value = v[field]?.trim();
          if (value) body[field] = field === 'dateOfBirth' ? (parseTypedDate(value) ?? value) : value;
        }
        const incidentDate = pickedDay(v.incidentDate);
        if (incidentDate !== victim.incidentDate) body.incidentDate = incidentDate;
        if ((v.sex ?? null) !== victim.sex) body.sex = v.sex ?? null;
        const notes = trimmedOrNull(v.notes);
        if (notes !== victim.notes) body.notes = notes;
        return step(victim.id, updateVictim(victim.id, body), true);
      }}
    >
      <IdentityInputs required={false} />
      <FactInputs />
    </CaseFormModal>
  );
}

/**
 * Asks why (recorded in the audit trail), then hands the identity to the caller. No mutation: the
 * clear identity must never sit in a cache, only in the caller's state until it is hidden.
 */
export function RevealDialog({ victim, onRevealed, onClose }: { victim: Pick<VictimSummary, 'id' | 'maskedName'>; onRevealed: (identity: RevealedVictim) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const reveal = async (reason: string) => {
    setPending(true);
    setError(null);
    try {
      const identity = await revealVictim(victim.id, reason);
      onRevealed(identity);
      onClose();
    } catch (cause) {
      setError(cause);
      setPending(false);
    }
  };

  return (
    <Modal
      open
      title={t('victims.reveal.title', { masked: victim.maskedName })}
      okText={t('victims.reveal.ok')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        if (!pending) onClose();
      }}
      confirmLoading={pending}
      mask={{ closable: false }}
      okButtonProps={testIdProps('victim-reveal-submit')}
      cancelButtonProps={testIdProps('victim-reveal-cancel')}
    >
      <Alert className="block-gap" type="info" showIcon title={t('victims.reveal.prompt', { min: VICTIM_LIMITS.reasonMin })} />
      {error !== null && <VictimErrorAlert error={error} testId="victim-reveal-error" />}
      <Form form={form} layout="vertical" name="victim-reveal" disabled={pending} onFinish={(v) => void reveal(v.reason.trim())}>
        <ReasonField label={t('victims.reveal.reason')} testId="victim-reveal-reason" extra={t('victims.reasonNoIdentity')} />
      </Form>
    </Modal>
  );
}

/** A minor's social worker (G5.3.2: the SAB sends one at once), or the one an adult asked for. */
export function SocialWorkerDialog({ victim, onClose }: { victim: VictimDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const step = useVictimStep(victim.caseId);
  return (
    <CaseFormModal<{ name: string; arrivedAt: Dayjs }>
      title={t('victims.socialWorker.title')}
      okText={t('common.save')}
      intro={t(victim.isMinor ? 'victims.socialWorker.introMinor' : 'victims.socialWorker.introAdult')}
      testId="victim-social-worker-dialog"
      initialValues={{ arrivedAt: taipeiNow() }}
      fields={['name', 'arrivedAt']}
      onClose={onClose}
      submit={(v) => step(victim.id, recordSocialWorker(victim.id, { name: v.name.trim(), arrivedAt: pickedIso(v.arrivedAt) }), true)}
    >
      <Form.Item name="name" label={t('victims.socialWorker.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input maxLength={VICTIM_LIMITS.socialWorkerName} data-testid="victim-social-worker-name" />
      </Form.Item>
      <Form.Item name="arrivedAt" label={t('victims.socialWorker.arrivedAt')} rules={[{ required: true, message: t('common.required') }]}>
        <RocDateTimePicker testId="victim-social-worker-arrived-at" />
      </Form.Item>
    </CaseFormModal>
  );
}

/** An adult's two answers (G5.3.2); a refusal to answer is recorded as such. */
export function ReferralDialog({ victim, onClose }: { victim: VictimDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const step = useVictimStep(victim.caseId);
  const options = REFERRAL_ANSWERS.map((a) => ({ value: a, label: t(`victims.referral.answers.${a}`) }));
  return (
    <CaseFormModal<{ wantsSocialWorker: ReferralAnswer; wantsCounsellingReferral: ReferralAnswer; answeredAt: Dayjs }>
      title={t('victims.referral.title')}
      okText={t('common.save')}
      intro={t('victims.referral.intro')}
      testId="victim-referral-dialog"
      initialValues={{ answeredAt: taipeiNow(), wantsSocialWorker: victim.referral?.wantsSocialWorker, wantsCounsellingReferral: victim.referral?.wantsCounsellingReferral }}
      fields={['answeredAt']}
      onClose={onClose}
      submit={(v) => step(victim.id, recordReferral(victim.id, { wantsSocialWorker: v.wantsSocialWorker, wantsCounsellingReferral: v.wantsCounsellingReferral, answeredAt: pickedIso(v.answeredAt) }), true)}
    >
      <Form.Item name="wantsSocialWorker" label={t('victims.referral.wantsSocialWorker')} rules={[{ required: true, message: t('common.required') }]}>
        <Radio.Group options={options} data-testid="victim-referral-social-worker" />
      </Form.Item>
      <Form.Item name="wantsCounsellingReferral" label={t('victims.referral.wantsCounsellingReferral')} rules={[{ required: true, message: t('common.required') }]}>
        <Radio.Group options={options} data-testid="victim-referral-counselling" />
      </Form.Item>
      <Form.Item name="answeredAt" label={t('victims.referral.answeredAt')} rules={[{ required: true, message: t('common.required') }]}>
        <RocDateTimePicker testId="victim-referral-answered-at" />
      </Form.Item>
    </CaseFormModal>
  );
}

/** An adult's own authorisation (G5.3.1): the signed form is an evidence item of the case, sealed on upload. */
export function AuthorisationDialog({ victim, onClose }: { victim: VictimDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const step = useVictimStep(victim.caseId);
  const evidence = useCaseEvidence(victim.caseId);
  // Uploads first: the signed form is one; captures of the case's URLs follow.
  const items = [...(evidence.data ?? [])].sort((a, b) => Number(b.kind === 'upload') - Number(a.kind === 'upload') || b.recordedAt.localeCompare(a.recordedAt));
  return (
    <CaseFormModal<{ evidenceId: string; signedOn: Dayjs; scope: string }>
      title={t('victims.authorisation.title')}
      okText={t('common.save')}
      intro={t('victims.authorisation.intro')}
      testId="victim-authorisation-dialog"
      width={640}
      initialValues={{ signedOn: taipeiTodayValue(), scope: t('victims.authorisation.defaultScope') }}
      fields={['evidenceId', 'signedOn', 'scope']}
      onClose={onClose}
      submit={(v) => step(victim.id, recordAuthorisation(victim.id, { evidenceId: v.evidenceId, signedOn: pickedDay(v.signedOn), scope: v.scope.trim() }), true)}
    >
      <Form.Item name="evidenceId" label={t('victims.authorisation.evidence')} extra={t('victims.authorisation.evidenceHelp')} rules={[{ required: true, message: t('common.required') }]}>
        <Select
          loading={evidence.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('victims.authorisation.evidencePlaceholder')}
          notFoundContent={t('victims.authorisation.noEvidence')}
          options={items.map((item) => ({
            value: item.id,
            label: `${item.originalFilename ?? t(`evidence.kinds.${item.kind}`)}（${shortHash(item.sha256)}，${formatRocDateTime(item.recordedAt)}）`,
          }))}
          data-testid="victim-authorisation-evidence"
        />
      </Form.Item>
      <Form.Item name="signedOn" label={t('victims.authorisation.signedOn')} rules={[{ required: true, message: t('common.required') }]}>
        <RocDayPicker testId="victim-authorisation-signed-on" />
      </Form.Item>
      <Form.Item name="scope" label={t('victims.authorisation.scope')} extra={t('victims.reasonNoIdentity')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input.TextArea rows={3} maxLength={VICTIM_LIMITS.scope} showCount data-testid="victim-authorisation-scope" />
      </Form.Item>
    </CaseFormModal>
  );
}

/** Files the SIPC complaint (G5.3.1): the content as the draft shows it, when and how, the centre's reference. */
export function ComplaintDialog({ victim, draft, onClose }: { victim: VictimDetail; draft: ComplaintDraft | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const step = useVictimStep(victim.caseId);
  return (
    <CaseFormModal<{ filedAt: Dayjs; channel: SipcChannel; sipcReference?: string; grounds?: string }>
      title={t('victims.complaint.fileTitle')}
      okText={t('victims.complaint.fileOk')}
      intro={t(victim.isMinor ? 'victims.complaint.introMinor' : 'victims.complaint.introAdult')}
      testId="victim-complaint-dialog"
      width={640}
      initialValues={{ filedAt: taipeiNow(), channel: 'online_form' }}
      fields={['filedAt', 'sipcReference', 'grounds']}
      renderError={(error) => <VictimErrorAlert error={error} testId="victim-complaint-dialog-error" />}
      onClose={onClose}
      submit={(v) =>
        step(
          victim.id,
          fileComplaint(victim.id, { filedAt: pickedIso(v.filedAt), channel: v.channel, sipcReference: trimmedOrNull(v.sipcReference), grounds: trimmedOrNull(v.grounds) }),
        )
      }
    >
      <Form.Item name="filedAt" label={t('victims.complaint.filedAt')} rules={[{ required: true, message: t('common.required') }]}>
        <RocDateTimePicker testId="victim-complaint-filed-at" />
      </Form.Item>
      <Form.Item name="channel" label={t('victims.complaint.channel')} rules={[{ required: true, message: t('common.required') }]}>
        <Select options={SIPC_CHANNELS.map((c) => ({ value: c, label: t(`victims.channels.${c}`) }))} data-testid="victim-complaint-channel" />
      </Form.Item>
      <Form.Item name="sipcReference" label={t('victims.complaint.reference')}>
        <Input maxLength={VICTIM_LIMITS.reference} data-testid="victim-complaint-reference" />
      </Form.Item>
      <Form.Item name="grounds" label={t('victims.complaint.grounds')} extra={t('victims.complaint.groundsHelp')}>
        <Input.TextArea rows={3} maxLength={VICTIM_LIMITS.grounds} showCount placeholder={draft?.content.grounds} data-testid="victim-complaint-grounds" />
      </Form.Item>
    </CaseFormModal>
  );
}

/** What became of a complaint: removed or not, and when (the clock then reads met or missed). */
export function OutcomeDialog({ victim, complaint, onClose }: { victim: VictimDetail; complaint: SipcComplaint; onClose: () => void }) {
  const { t } = useTranslation();
  const step = useVictimStep(victim.caseId);
  return (
    <CaseFormModal<{ outcome: SipcOutcome; outcomeAt: Dayjs; note?: string; sipcReference?: string }>
      title={t('victims.outcome.title')}
      okText={t('common.save')}
      testId="victim-outcome-dialog"
      initialValues={{ outcome: complaint.outcome ?? 'removed', outcomeAt: taipeiNow(), note: complaint.outcomeNote ?? '', sipcReference: complaint.sipcReference ?? '' }}
      fields={['outcomeAt', 'note', 'sipcReference']}
      onClose={onClose}
      submit={(v) =>
        step(
          victim.id,
          recordComplaintOutcome(victim.id, complaint.id, { outcome: v.outcome, outcomeAt: pickedIso(v.outcomeAt), note: trimmedOrNull(v.note), sipcReference: trimmedOrNull(v.sipcReference) }),
        )
      }
    >
      <Form.Item name="outcome" label={t('victims.outcome.outcome')} rules={[{ required: true, message: t('common.required') }]}>
        <Radio.Group options={SIPC_OUTCOMES.map((o) => ({ value: o, label: t(`victims.outcomes.${o}`) }))} data-testid="victim-outcome-outcome" />
      </Form.Item>
      <Form.Item name="outcomeAt" label={t('victims.outcome.outcomeAt')} rules={[{ required: true, message: t('common.required') }]}>
        <RocDateTimePicker testId="victim-outcome-at" />
      </Form.Item>
      <Form.Item name="sipcReference" label={t('victims.complaint.reference')}>
        <Input maxLength={VICTIM_LIMITS.reference} data-testid="victim-outcome-reference" />
      </Form.Item>
      <Form.Item name="note" label={t('victims.outcome.note')}>
        <Input.TextArea rows={2} maxLength={VICTIM_LIMITS.note} showCount data-testid="victim-outcome-note" />
      </Form.Item>
    </CaseFormModal>
  );
}

interface ServiceFormValues {
  offeredOn: Dayjs;
  response?: ServiceResponse | 'none';
  respondedOn?: Dayjs | null;
  givenOn?: Dayjs | null;
  note?: string;
}

/** One of the SAB's six services (G5.3.2): offered on, accepted or declined on, given on. */
export function ServiceDialog({ victim, state, onClose }: { victim: VictimDetail; state: ServiceState; onClose: () => void }) {
  const { t } = useTranslation();
  const step = useVictimStep(victim.caseId);
  const day = (value: string | null) => (value ? dayjs(value) : null);
  return (
    <CaseFormModal<ServiceFormValues>
      title={t('victims.services.editTitle', { service: t(`victims.services.names.${state.service}`) })}
      okText={t('common.save')}
      intro={t('victims.services.editIntro')}
      testId="victim-service-dialog"
      initialValues={{
        offeredOn: day(state.offeredOn) ?? taipeiTodayValue(),
        response: state.response ?? 'none',
        respondedOn: day(state.respondedOn),
        givenOn: day(state.givenOn),
        note: state.note ?? '',
      }}
      fields={['offeredOn', 'respondedOn', 'givenOn', 'note']}
      onClose={onClose}
      submit={(v) => {
        const response = v.response && v.response !== 'none' ? v.response : null;
        return step(
          victim.id,
          setVictimService(victim.id, state.service, {
            offeredOn: pickedDay(v.offeredOn),
            response,
            respondedOn: v.respondedOn ? pickedDay(v.respondedOn) : null,
            givenOn: v.givenOn ? pickedDay(v.givenOn) : null,
            note: trimmedOrNull(v.note),
          }),
          true,
        );
      }}
    >
      <Form.Item name="offeredOn" label={t('victims.services.offeredOn')} rules={[{ required: true, message: t('common.required') }]}>
        <RocDayPicker testId="victim-service-offered-on" />
      </Form.Item>
      <Form.Item name="response" label={t('victims.services.response')}>
        <Radio.Group
          options={[{ value: 'none', label: t('victims.services.noResponse') }, ...SERVICE_RESPONSES.map((r) => ({ value: r, label: t(`victims.services.responses.${r}`) }))]}
          data-testid="victim-service-response"
        />
      </Form.Item>
      <Form.Item
        name="respondedOn"
        label={t('victims.services.respondedOn')}
        dependencies={['response']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: Dayjs | null | undefined) => {
              const answered = getFieldValue('response') !== 'none' && getFieldValue('response') !== undefined;
              return answered === Boolean(value) ? Promise.resolve() : Promise.reject(new Error(t('victims.services.respondedOnPair')));
            },
          }),
        ]}
      >
        <RocDayPicker testId="victim-service-responded-on" allowClear />
      </Form.Item>
      <Form.Item
        name="givenOn"
        label={t('victims.services.givenOn')}
        dependencies={['response']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: Dayjs | null | undefined) =>
              !value || getFieldValue('response') === 'accepted' ? Promise.resolve() : Promise.reject(new Error(t('victims.services.givenNeedsAccepted'))),
          }),
        ]}
      >
        <RocDayPicker testId="victim-service-given-on" allowClear />
      </Form.Item>
      <Form.Item name="note" label={t('victims.services.note')} extra={t('victims.reasonNoIdentity')}>
        <Input.TextArea rows={2} maxLength={VICTIM_LIMITS.note} showCount data-testid="victim-service-note" />
      </Form.Item>
    </CaseFormModal>
  );
}

/** The complaint as a PDF with the identity: asks why; the file is marked 機密 and watermarked by the server. */
export function IdentityDocumentDialog({ victim, complaint, onClose }: { victim: VictimDetail; complaint: SipcComplaint; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <CaseFormModal<{ reason: string }>
      title={t('victims.document.identityTitle')}
      okText={t('victims.document.download')}
      intro={t('victims.document.identityIntro', { min: VICTIM_LIMITS.reasonMin })}
      testId="victim-document-dialog"
      fields={['reason']}
      onClose={onClose}
      submit={(v) => downloadComplaintDocument(victim.id, complaint.id, { reason: v.reason.trim() })}
    >
      <ReasonField label={t('victims.document.reason')} testId="victim-document-reason" extra={t('victims.reasonNoIdentity')} />
    </CaseFormModal>
  );
}

/** Sets a legal hold on every victim of the case (`victimId` null) or on one; the retention purge then stops. */
export function HoldDialog({ caseId, victim, onClose }: { caseId: string; victim: Pick<VictimSummary, 'id' | 'maskedName'> | null; onClose: () => void }) {
  const { t } = useTranslation();
  const step = useVictimStep(caseId);
  return (
    <CaseFormModal<{ reason: string }>
      title={victim ? t('victims.holds.setVictimTitle', { masked: victim.maskedName }) : t('victims.holds.setCaseTitle')}
      okText={t('victims.holds.set')}
      intro={t('victims.holds.setIntro')}
      testId="victim-hold-dialog"
      fields={['reason']}
      onClose={onClose}
      submit={(v) => step(victim?.id ?? null, victim ? holdVictim(victim.id, v.reason.trim()) : holdCaseVictims(caseId, v.reason.trim()))}
    >
      <ReasonField label={t('victims.holds.reason')} testId="victim-hold-reason" />
    </CaseFormModal>
  );
}

/** Clears a legal hold, with a reason; the retention purge may then run. */
export function ClearHoldDialog({ caseId, hold, onClose }: { caseId: string; hold: VictimHold; onClose: () => void }) {
  const { t } = useTranslation();
  const step = useVictimStep(caseId);
  return (
    <CaseFormModal<{ reason: string }>
      title={t('victims.holds.clearTitle')}
      okText={t('victims.holds.clear')}
      danger
      intro={
        <>
          {t('victims.holds.clearIntro')}
          <Typography.Paragraph className="victim-hold-reason">{t('victims.holds.setReason', { reason: hold.reason })}</Typography.Paragraph>
        </>
      }
      testId="victim-hold-clear-dialog"
      fields={['reason']}
      onClose={onClose}
      submit={(v) => step(hold.victimId, clearVictimHold(hold.id, v.reason.trim()))}
    >
      <ReasonField label={t('victims.holds.clearReason')} testId="victim-hold-clear-reason" />
    </CaseFormModal>
  );
}

/** The plain document download: no identity, every print audited. */
export function PlainDocumentButton({ victim, complaint }: { victim: VictimDetail; complaint: SipcComplaint }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setPending(true);
    setError(null);
    try {
      await downloadComplaintDocument(victim.id, complaint.id, null);
    } catch (cause) {
      setError(cause);
    } finally {
      setPending(false);
    }
  };
  return (
    <>
      <Button size="small" loading={pending} onClick={() => void download()} data-testid="victim-complaint-pdf">
        {t('victims.document.plain')}
      </Button>
      {error !== null && <VictimErrorAlert error={error} testId="victim-complaint-pdf-error" />}
    </>
  );
}
