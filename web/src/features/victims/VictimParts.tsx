/**
 * Building blocks of the victim pages: the refusal alert (the victims' own codes first), the
 * minor/adult tag with the age and its rule, the SIPC clock ticking on the server's time, a
 * clearable ROC day picker, the typed-date input for a date of birth, and the typed-reason field.
 */
import type { ReactNode } from 'react';
import { Alert, DatePicker, Form, Input, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { errorCode } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { CaseErrorAlert, pickedDay, taipeiTodayValue } from '../cases/CaseParts.tsx';
import { useServerNow } from '../takedowns/TakedownParts.tsx';
import { formatHms, formatRocDay, sipcClockOf, wholeHours } from './victim-format.ts';
import { VICTIM_LIMITS, type SipcComplaint, type VictimSummary } from './victims.api.ts';

/** Refusals the victim pages explain in their own words (the server's detail below says which). */
const VICTIM_CODES = ['VICTIM_AUTHORISATION_REQUIRED', 'EVIDENCE_NOT_SEALED'] as const;
type VictimCode = (typeof VICTIM_CODES)[number];
const isVictimCode = (code: string): code is VictimCode => (VICTIM_CODES as readonly string[]).includes(code);

/** A refusal as the victim pages show it; the server's messages never repeat an identity (G6.3.6). */
export function VictimErrorAlert({ error, testId }: { error: unknown; testId: string }) {
  const { t } = useTranslation();
  const code = errorCode(error);
  if (!isVictimCode(code)) return <CaseErrorAlert error={error} testId={testId} />;
  const detail = error instanceof ApiError ? error.message : '';
  return (
    <Alert
      className="block-gap"
      type="error"
      showIcon
      data-testid={testId}
      data-code={code}
      title={t(`victims.errors.${code}`)}
      description={detail ? <div data-testid={`${testId}-detail`}>{t('cases.serverDetail', { detail })}</div> : undefined}
    />
  );
}

/** 未成年／成年 with the age on the incident date; the tooltip names the rule that decided it. */
export function AgeTag({ victim }: { victim: Pick<VictimSummary, 'isMinor' | 'ageAtIncident' | 'ageRule'> }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('victims.age.rule', { rule: victim.ageRule })}>
      <Tag color={victim.isMinor ? 'magenta' : 'geekblue'} data-testid="victim-age-tag" data-minor={victim.isMinor ? 'true' : 'false'}>
        {t(victim.isMinor ? 'victims.age.minor' : 'victims.age.adult', { age: victim.ageAtIncident })}
      </Tag>
    </Tooltip>
  );
}

/**
 * The SIPC target's clock (24 h for a minor, 72 h for an adult), ticking each second on the
 * server's clock: the time left, the hours past due, or the removal within the target or not.
 */
export function SipcClock({ complaint }: { complaint: SipcComplaint }) {
  const { t } = useTranslation();
  const now = useServerNow(1000);
  const clock = sipcClockOf(complaint, now);
  const common = { 'data-testid': 'sipc-clock', 'data-clock': clock.kind, 'data-target-hours': String(complaint.targetHours) };
  const due = <Typography.Text type="secondary">{t('victims.sipc.dueAt', { time: formatRocDateTime(clock.dueAt) })}</Typography.Text>;
  if (clock.kind === 'countdown') {
    return (
      <div {...common}>
        <Typography.Text strong className="victim-mono" data-testid="sipc-countdown">
          {t('victims.sipc.left', { hours: complaint.targetHours, time: formatHms(clock.remainingMs) })}
        </Typography.Text>
        <div>{due}</div>
      </div>
    );
  }
  if (clock.kind === 'overdue') {
    return (
      <div {...common}>
        <Typography.Text type="danger" strong data-testid="sipc-overdue">
          {t('victims.sipc.overdue', { hours: complaint.targetHours, overdue: wholeHours(clock.overdueMs) })}
        </Typography.Text>
        <div>{due}</div>
      </div>
    );
  }
  return (
    <div {...common}>
      <Tag color={clock.withinTarget ? 'green' : 'orange'} data-testid="sipc-within-target" data-within={clock.withinTarget ? 'true' : 'false'}>
        {clock.withinTarget ? t('victims.sipc.withinTarget', { hours: complaint.targetHours }) : t('victims.sipc.afterTarget', { hours: complaint.targetHours })}
      </Tag>
      <div>
        <Typography.Text type="secondary">{t('victims.sipc.removedAt', { time: formatRocDateTime(clock.removedAt), elapsed: formatHms(clock.filedToRemovalMs) })}</Typography.Text>
      </div>
    </div>
  );
}

const rocDayFormat = (value: Dayjs): string => formatRocDay(pickedDay(value));
const afterToday = (day: Dayjs): boolean => day.isAfter(taipeiTodayValue(), 'day');

/** A day picker in the ROC calendar (114/07/08) that refuses future days and may be cleared. */
export function RocDayPicker(props: { value?: Dayjs | null; onChange?: (value: Dayjs | null) => void; testId?: string; id?: string; allowClear?: boolean }) {
  return (
    <DatePicker
      id={props.id}
      value={props.value}
      onChange={(value) => props.onChange?.(value)}
      format={rocDayFormat}
      disabledDate={afterToday}
      allowClear={props.allowClear ?? false}
      className="case-date-picker"
      data-testid={props.testId}
    />
  );
}

/**
 * The reason box of a reveal, an identity export or a legal hold: at least five characters after
 * trimming, at most 500 (the server's rule), kept in the audit trail.
 */
export function ReasonField({ label, testId, extra }: { label: string; testId: string; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="reason"
      label={label}
      extra={extra}
      rules={[
        { required: true, whitespace: true, message: t('common.required') },
        {
          validator: (_, value: string | undefined) =>
            !value || value.trim().length === 0 || [...value.trim()].length >= VICTIM_LIMITS.reasonMin
              ? Promise.resolve()
              : Promise.reject(new Error(t('victims.reasonTooShort', { min: VICTIM_LIMITS.reasonMin }))),
        },
      ]}
    >
      <Input.TextArea rows={3} maxLength={VICTIM_LIMITS.reasonMax} showCount autoComplete="off" data-testid={testId} />
    </Form.Item>
  );
}
