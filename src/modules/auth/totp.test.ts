import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, totpCodeForStep, totpStep, verifyTotp } from './totp.ts';

// RFC 6238 appendix B uses the ASCII secret "12345678901234567890" (SHA-1); its 8-digit codes end
// in the 6-digit codes below.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));
const RFC_VECTORS: [number, string][] = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
  [20000000000, '353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('at %i s the code is %s', (seconds, code) => {
    expect(totpCodeForStep(RFC_SECRET, totpStep(seconds * 1000))).toBe(code);
  });

  it('round-trips base32 and rejects foreign characters', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(() => base32Decode('ABC1')).toThrow(/base32/);
  });

  it('accepts one step of drift and refuses a replayed or older step', () => {
    const now = 1_700_000_000_000;
    const step = totpStep(now);
    const current = totpCodeForStep(RFC_SECRET, step);
    expect(verifyTotp(RFC_SECRET, current, now, null)).toBe(step);
    expect(verifyTotp(RFC_SECRET, totpCodeForStep(RFC_SECRET, step - 1), now, null)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, totpCodeForStep(RFC_SECRET, step - 2), now, null)).toBeNull();
    expect(verifyTotp(RFC_SECRET, current, now, step)).toBeNull();
    expect(verifyTotp(RFC_SECRET, '12345', now, null)).toBeNull();
    expect(verifyTotp(RFC_SECRET, 'abcdef', now, null)).toBeNull();
  });
});
