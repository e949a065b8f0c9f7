/**
 * Building blocks of the case page: the error alert (the translated code, then the server's own
 * explanation of a refusal), a form dialog for one workflow step, and ROC-calendar date pickers
 * whose wall clock is Taipei's.
 */
import type { ReactNode } from 'react';
import { Alert, DatePicker, Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { errorCode, errorText } from '../../lib/errors.ts';
import { formatRocDate, formatRocDateTime, taipeiDayStartIso } from '../../lib/roc-date.ts';
import { taipeiWallClockIso } from '../evidence/evidence-format.ts';
import { testIdProps } from '../findings/test-id.ts';
import { serverField, taipeiToday, taipeiWallClock } from './case-format.ts';

/** Codes whose server message names what was refused and why (a field, a step out of order, a read-only case). */
const DETAILED_CODES: ReadonlySet<string> = new Set(['VALIDATION_FAILED', 'CONFLICT', 'WORKFLOW_STEP_REFUSED', 'CASE_READ_ONLY', 'FORBIDDEN']);

/** The server's explanation of a refusal, when its code carries one; '' otherwise. */
export function caseServerDetail(error: unknown): string {
  return error instanceof ApiError && DETAILED_CODES.has(errorCode(error)) ? error.message : '';
}

/** An error's text: the case workflow's own codes first, then the app-wide catalogue. */
export function caseErrorText(t: TFunction, error: unknown): string {
  const code = errorCode(error);
  if (code === 'CASE_READ_ONLY') return t('cases.errors.CASE_READ_ONLY');
  if (code === 'WORKFLOW_STEP_REFUSED') return t('cases.errors.WORKFLOW_STEP_REFUSED');
  return errorText(t, error);
}

/** An API error as the case page shows it: the translation as the title, the server's detail below. */
export function CaseErrorAlert({ error, testId, title }: { error: unknown; testId?: string; title?: string }) {
  const { t } = useTranslation();
  const detail = caseServerDetail(error);
  const text = caseErrorText(t, error);
  return (
    <Alert
      className="block-gap"
      type="error"
      showIcon
      data-testid={testId}
      title={title ?? text}
      description={
        title || detail ? (
          <>
            {title && <div>{text}</div>}
            {detail && <div data-testid={testId ? `${testId}-detail` : undefined}>{t('cases.serverDetail', { detail })}</div>}
          </>
        ) : undefined
      }
    />
  );
}

/** The Taipei wall clock of now, as a picker value. */
export const taipeiNow = (): Dayjs => dayjs(taipeiWallClock());
/** Today in Taipei, as a date picker value. */
export const taipeiTodayValue = (): Dayjs => dayjs(taipeiToday());
/** A picked wall clock (read as Taipei time) as an ISO instant. */
export const pickedIso = (value: Dayjs): string => taipeiWallClockIso(value.format('YYYY-MM-DDTHH:mm'));
/** A picked day as `YYYY-MM-DD`. */
export const pickedDay = (value: Dayjs): string => value.format('YYYY-MM-DD');

const rocDateTimeFormat = (value: Dayjs): string => formatRocDateTime(pickedIso(value));
const rocDateFormat = (value: Dayjs): string => formatRocDate(taipeiDayStartIso(pickedDay(value)));
const afterToday = (day: Dayjs): boolean => day.isAfter(taipeiTodayValue(), 'day');

/** A date-and-time picker that shows the ROC calendar (114/07/08 14:05) and refuses future days. */
export function RocDateTimePicker(props: { value?: Dayjs | null; onChange?: (value: Dayjs | null) => void; testId?: string; id?: string }) {
  return (
    <DatePicker
      id={props.id}
      value={props.value}
      onChange={(value) => props.onChange?.(value)}
      showTime={{ format: 'HH:mm' }}
      format={rocDateTimeFormat}
      disabledDate={afterToday}
      allowClear={false}
      className="case-date-picker"
      data-testid={props.testId}
    />
  );
}

/** A date picker that shows the ROC calendar (114/07/08) and refuses future days. */
export function RocDatePicker(props: { value?: Dayjs | null; onChange?: (value: Dayjs | null) => void; testId?: string; id?: string }) {
  return (
    <DatePicker
      id={props.id}
      value={props.value}
      onChange={(value) => props.onChange?.(value)}
      format={rocDateFormat}
      disabledDate={afterToday}
      allowClear={false}
      className="case-date-picker"
      data-testid={props.testId}
    />
  );
}

/**
 * A dialog for one workflow step: the form, the step's refusal (the named field marked too), and
 * OK kept busy while the step runs. Closes when the step succeeds.
 */
export function CaseFormModal<V extends object>({
  title,
  okText,
  testId,
  intro,
  initialValues,
  fields = [],
  danger = false,
  width,
  onClose,
  onDone,
  submit,
  renderError,
  children,
}: {
  title: string;
  okText: string;
  /** Prefix of the dialog's test ids: `${testId}-submit`, `${testId}-error`. */
  testId: string;
  intro?: ReactNode;
  initialValues?: Partial<V>;
  /** Form fields a server refusal may name (marked on the field as well as above the form). */
  fields?: readonly string[];
  danger?: boolean;
  width?: number;
  onClose: () => void;
  onDone?: (answer: unknown) => void;
  submit: (values: V) => Promise<unknown>;
  /** Shows a refusal its own way (return undefined for the usual alert). */
  renderError?: (error: unknown) => ReactNode | undefined;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  const run = useMutation({
    mutationFn: submit,
    onSuccess: (answer) => {
      onDone?.(answer);
      onClose();
    },
    onError: (error) => {
      const field = error instanceof ApiError ? serverField(error.message, fields) : null;
      // The field's path is only known at run time; the untyped instance takes it as such.
      if (field) (form as FormInstance).setFields([{ name: field.split('.'), errors: [caseServerDetail(error) || caseErrorText(t, error)] }]);
    },
  });
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      width={width}
      onOk={() => form.submit()}
      onCancel={() => {
        if (!run.isPending) onClose();
      }}
      confirmLoading={run.isPending}
      mask={{ closable: false }}
      okButtonProps={testIdProps(`${testId}-submit`, { danger })}
      cancelButtonProps={testIdProps(`${testId}-cancel`)}
    >
      {intro && <Alert className="block-gap" type="info" showIcon title={intro} />}
      {run.isError && (renderError?.(run.error) ?? <CaseErrorAlert error={run.error} testId={`${testId}-error`} />)}
      <Form<V> form={form} layout="vertical" name={testId} initialValues={initialValues} disabled={run.isPending} onFinish={(values) => run.mutate(values)}>
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
