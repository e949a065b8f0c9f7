import { describe, expect, it } from 'vitest';
import { isValidNationalId, maskNationalId, nationalIdCheckDigit, normaliseNationalId } from './national-id.ts';

describe('national ID numbers of victims (G6.3.6)', () => {
  it('accepts numbers with the right check digit and refuses the others', () => {
    // The textbook sample; fictional.
    expect(isValidNationalId('A123456789')).toBe(true);
    expect(isValidNationalId('A123456788')).toBe(false);
    for (const first9 of ['F22222222', 'Q11111111', 'O20000000', 'Z19876543', 'A80000001', 'B91234567']) {
      const id = `${first9}${nationalIdCheckDigit(first9)}`;
      expect(isValidNationalId(id), id).toBe(true);
      const wrong = `${first9}${(nationalIdCheckDigit(first9) + 1) % 10}`;
      expect(isValidNationalId(wrong), wrong).toBe(false);
    }
    for (const text of ['', 'A12345678', 'A1234567890', 'A323456789', '1123456789', 'AB23456789']) expect(isValidNationalId(text), text).toBe(false);
  });

  it('normalises what officers type', () => {
    expect(normaliseNationalId(' a123 456 789 ')).toBe('A123456789');
    expect(normaliseNationalId('Ａ１２３４５６７８９')).toBe('A123456789');
  });

  it('masks all but the first three and last three characters', () => {
    expect(maskNationalId('A123456789')).toBe('A12****789');
    expect(maskNationalId('A12345')).toBe('******');
  });
});
