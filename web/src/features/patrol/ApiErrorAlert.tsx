import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { errorCode, errorText } from '../../lib/errors.ts';

/** Codes whose server message names what was refused (a field, a URL's problem, a running patrol). */
const DETAILED_CODES: ReadonlySet<string> = new Set(['VALIDATION_FAILED', 'CONFLICT']);

/** The server's own explanation of a refusal, when its code carries one; '' otherwise. */
export function serverDetail(error: unknown): string {
  return error instanceof ApiError && DETAILED_CODES.has(errorCode(error)) ? error.message : '';
}

/** An API error as the app shows them: the translated `errors.<CODE>`, then the server's detail. */
export function ApiErrorAlert({ error, title, testId, onClose }: { error: unknown; title?: string; testId?: string; onClose?: () => void }) {
  const { t } = useTranslation();
  const detail = serverDetail(error);
  const text = errorText(t, error);
  return (
    <Alert
      className="block-gap"
      type="error"
      showIcon
      closable={onClose ? { onClose } : false}
      data-testid={testId}
      title={title ?? text}
      description={
        title || detail ? (
          <>
            {title && <div>{text}</div>}
            {detail && <div data-testid={testId ? `${testId}-detail` : undefined}>{t('patrol.serverDetail', { detail })}</div>}
          </>
        ) : undefined
      }
    />
  );
}
