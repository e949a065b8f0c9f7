/**
 * Building blocks of the takedown pages: the state tag, the ticking server clock, the clock cell of
 * the lists and the refusal alerts (EVIDENCE_NOT_SEALED names the URL and links to the evidence).
 */
import { useEffect, useState } from 'react';
import { Alert, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../lib/api.ts';
import { errorCode } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { serverNowMs } from '../../lib/server-clock.ts';
import { CaseErrorAlert, caseErrorText } from '../cases/CaseParts.tsx';
import { clockOf, formatHms, hoursOneDecimal, STATE_COLOR, wholeHours } from './takedown-format.ts';
import type { TakedownState, Target } from './takedowns.api.ts';

/** The state of a target as a coloured tag (overdue red). */
export function TakedownStateTag({ state }: { state: TakedownState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOR[state]} data-testid="takedown-state" data-state={state}>
      {t(`takedowns.states.${state}`)}
    </Tag>
  );
}

/** The server's time, ticking every `intervalMs` (see lib/server-clock.ts). */
export function useServerNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => serverNowMs());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(serverNowMs()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * The clock column of a list: time left to T + 24 h while the order runs, hours past due once
 * overdue, T → R once removed; nothing before the order.
 */
export function ClockCell({ target, now }: { target: Pick<Target, 'state' | 'orderIssuedAt' | 'dueAt' | 'removedAt'>; now: number }) {
  const { t } = useTranslation();
  const clock = clockOf(target, now);
  switch (clock.kind) {
    case 'countdown':
      return (
        <Typography.Text strong className="takedown-mono" data-testid="takedown-clock" data-clock="countdown">
          {t('takedowns.clock.left', { time: formatHms(clock.remainingMs) })}
        </Typography.Text>
      );
    case 'overdue':
      return (
        <Typography.Text type="danger" strong data-testid="takedown-clock" data-clock="overdue">
          {t('takedowns.clock.overdueHours', { hours: wholeHours(clock.overdueMs) })}
        </Typography.Text>
      );
    case 'removed':
      return (
        <Typography.Text type={clock.within24h === false ? 'warning' : 'success'} data-testid="takedown-clock" data-clock="removed">
          {clock.orderToRemovalMs === null ? t('takedowns.clock.removedShort') : t('takedowns.clock.removedAfter', { hours: hoursOneDecimal(clock.orderToRemovalMs) })}
        </Typography.Text>
      );
    default:
      return (
        <Typography.Text type="secondary" data-testid="takedown-clock" data-clock={clock.kind}>
          {t('common.none')}
        </Typography.Text>
      );
  }
}

/** A refusal's text: the takedown codes first, then the case workflow's and the app's catalogue. */
export function takedownErrorText(t: TFunction, error: unknown): string {
  return errorCode(error) === 'EVIDENCE_NOT_SEALED' ? t('takedowns.errors.EVIDENCE_NOT_SEALED') : caseErrorText(t, error);
}

/**
 * G6.2.2: a report refused because the URL has no sealed capture. The server's message names the
 * URL; the link opens the case's evidence, where the capture is made and filed.
 */
export function EvidenceNotSealedAlert({ error, caseId, testId }: { error: unknown; caseId: string; testId: string }) {
  const { t } = useTranslation();
  const detail = error instanceof ApiError ? error.message : '';
  return (
    <Alert
      className="block-gap"
      type="error"
      showIcon
      data-testid={testId}
      data-code="EVIDENCE_NOT_SEALED"
      title={t('takedowns.errors.EVIDENCE_NOT_SEALED')}
      description={
        <>
          {detail && (
            <div className="takedown-break" data-testid={`${testId}-detail`}>
              {t('cases.serverDetail', { detail })}
            </div>
          )}
          <div>
            {t('takedowns.errors.evidenceHint')}{' '}
            <Link to={`/cases/${caseId}?tab=evidence`} data-testid={`${testId}-evidence-link`}>
              {t('takedowns.errors.evidenceLink')}
            </Link>
          </div>
        </>
      }
    />
  );
}

/** A takedown step's refusal: EVIDENCE_NOT_SEALED with its link, any other the case page's way. */
export function TakedownErrorAlert({ error, caseId, testId, title }: { error: unknown; caseId?: string; testId: string; title?: string }) {
  if (errorCode(error) === 'EVIDENCE_NOT_SEALED' && caseId) return <EvidenceNotSealedAlert error={error} caseId={caseId} testId={testId} />;
  return <CaseErrorAlert error={error} testId={testId} title={title} />;
}

/** A date-time in the ROC calendar, or the "none" dash. */
export function RocTime({ value, testId }: { value: string | null | undefined; testId?: string }) {
  const { t } = useTranslation();
  return <span data-testid={testId}>{value ? formatRocDateTime(value) : t('common.none')}</span>;
}
