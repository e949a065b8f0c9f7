import { expect, test } from '@playwright/test';
import { base32Decode, freshTotp, totp, totpCounter } from './totp.ts';

// RFC 6238 appendix B, SHA-1 rows (secret "12345678901234567890"), last six digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const VECTORS: Array<[number, string]> = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
  [20000000000, '353130'],
];

test.describe('TOTP helper used by the sign-in tests', () => {
  test('decodes base32', () => {
    expect(base32Decode(RFC_SECRET).toString('ascii')).toBe('12345678901234567890');
    expect(base32Decode('gezd gnbv-gy3t qojq').toString('ascii')).toBe('1234567890');
  });

  for (const [seconds, code] of VECTORS) {
    test(`matches RFC 6238 at T=${seconds}`, () => {
      expect(totp(RFC_SECRET, seconds * 1000)).toBe(code);
    });
  }

  test('never hands out a code from a step already used', async () => {
    const current = totpCounter();
    const { counter } = await freshTotp(RFC_SECRET, current - 1, 0);
    expect(counter).toBeGreaterThanOrEqual(current);
  });
});
