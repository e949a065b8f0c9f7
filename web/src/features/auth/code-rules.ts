import type { TFunction } from 'i18next';
import type { FormRule } from 'antd';

/** Keeps digits only, at most six: what a TOTP field accepts (pasted "123 456" works too). */
export function normaliseTotp(value: string): string {
  return value.replace(/\D/g, '').slice(0, 6);
}

/** Form rules for a 6-digit TOTP code. */
export function totpRules(t: TFunction): FormRule[] {
  return [{ required: true, pattern: /^\d{6}$/, message: t('auth.mfa.codeInvalidFormat') }];
}
