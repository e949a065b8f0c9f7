import type { TFunction } from 'i18next';
import zhTW from '../i18n/zh-TW.json';
import { ApiError } from './api.ts';

type ErrorKey = keyof typeof zhTW.errors;

function isKnownCode(code: string): code is Exclude<ErrorKey, 'generic'> {
  return code !== 'generic' && Object.hasOwn(zhTW.errors, code);
}

/** The stable error code of anything thrown by the API layer (`UNKNOWN` otherwise). */
export function errorCode(error: unknown): string {
  return error instanceof ApiError ? error.code : 'UNKNOWN';
}

/**
 * Translates an error for display. Known stable codes have their own catalogue entry; any other
 * code is shown as "operation failed (code: X)" so that support can trace it — the server's
 * free-text message is never shown, because it is not localised.
 */
export function errorText(t: TFunction, error: unknown): string {
  const code = errorCode(error);
  if (isKnownCode(code)) return t(`errors.${code}`);
  return t('errors.generic', { code });
}
