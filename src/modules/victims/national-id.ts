/**
 * Taiwan's personal identification numbers, as a victim's identity carries them: the national ID
 * (國民身分證統一編號, A123456789: a letter for the place of first registration, 1 or 2, eight
 * digits, the last a check digit) and the unified ID of residents that follows the same layout
 * with 8 or 9 as its second character (新式居留證統一證號, since 2021). Pure; the value is never put
 * in an error message (G6.3.6).
 */

/** The value of each leading letter (內政部 assignment; I, O, W, X, Y, Z came last and are out of order). */
const LETTER_VALUES: Record<string, number> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};

const SHAPE = /^[A-Z][1289]\d{8}$/;

/** The weighted sum of the first nine characters (letter as two digits weighted 1 and 9, then 8 … 1). */
function weightedSum(first9: string): number {
  const letter = LETTER_VALUES[first9[0]!]!;
  let sum = Math.floor(letter / 10) + (letter % 10) * 9;
  for (let i = 1; i < 9; i += 1) sum += Number(first9[i]) * (9 - i);
  return sum;
}

/** The check digit that completes nine characters (letter, 1/2/8/9, seven digits) into a valid number. */
export function nationalIdCheckDigit(first9: string): number {
  if (!/^[A-Z][1289]\d{7}$/.test(first9)) throw new Error('expected a letter, 1/2/8/9 and seven digits');
  return (10 - (weightedSum(first9) % 10)) % 10;
}

/** Upper-cases and strips spaces, the way officers type it from a card. */
export function normaliseNationalId(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

/** True for a well-formed number whose check digit is right. */
export function isValidNationalId(normalised: string): boolean {
  if (!SHAPE.test(normalised)) return false;
  return (weightedSum(normalised.slice(0, 9)) + Number(normalised[9])) % 10 === 0;
}

/** The masked form shown everywhere: the first three and the last three characters (A123456789 → A12****789). */
export function maskNationalId(normalised: string): string {
  if (normalised.length <= 6) return '*'.repeat(normalised.length);
  return `${normalised.slice(0, 3)}${'*'.repeat(normalised.length - 6)}${normalised.slice(-3)}`;
}
