/**
 * The masked form of a reporter's name (G6.3.6, Act Art. 7), the only form any screen, list,
 * notice or export shows: 王小明 → 王O明, 歐陽小明 → 歐OO明, 王明 → 王O, John Smith → J*** S****.
 */

/** Shown for a name that is empty after trimming. */
export const EMPTY_MASK = '—';

const HAN_NAME = /^[\p{Script=Han}·・]+$/u;
const NAME_SEPARATORS = new Set(['·', '・']);

/**
 * Masks a person's name. A Chinese name (Han characters only, spaces ignored) keeps its first and
 * last character and turns every one between into 'O' (a two-character name keeps only the
 * first, a one-character name none); a middle dot (巴奈·庫穗) stays a dot. Any other name keeps
 * the first letter of each word and turns the rest into '*'. Characters are counted as code points,
 * so names with characters outside the BMP mask to the same length they show.
 */
export function maskName(name: string): string {
  const normalised = name.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (normalised.length === 0) return EMPTY_MASK;
  const compact = normalised.replace(/ /gu, '');
  if (HAN_NAME.test(compact)) return maskHanName(Array.from(compact));
  return normalised
    .split(' ')
    .map((word) => {
      const [first = '', ...rest] = Array.from(word);
      return first + '*'.repeat(rest.length);
    })
    .join(' ');
}

function maskHanName(chars: string[]): string {
  if (chars.length === 1) return 'O';
  const masked = chars.map((char, index) => {
    if (index === 0) return char;
    if (NAME_SEPARATORS.has(char)) return char;
    // Two characters: the second is the given name, so it is hidden too (王明 → 王O).
    if (index === chars.length - 1 && chars.length > 2) return char;
    return 'O';
  });
  return masked.join('');
}
