import { describe, expect, it } from 'vitest';
import { compactSeparators, convertHanRuns, createNormalizer, foldCharacters, isWordCodePoint, type NormalizedText } from './normalize.ts';

const normalizer = createNormalizer();

/** For each normalised UTF-16 code unit (not code point), the original characters it came from. */
function sources(original: string, normalized: NormalizedText): string[] {
  return Array.from({ length: normalized.text.length }, (_unit, index) => original.slice(normalized.originalStart[index], normalized.originalEnd[index]));
}

describe('foldCharacters', () => {
  it('folds full width to half width and Latin case, keeping each unit mapped to its source', () => {
    const input = 'ＬＩＮＥ\u3000Ａb';
    const folded = foldCharacters(input);
    expect(folded.text).toBe('line ab');
    expect(sources(input, folded)).toEqual(['Ｌ', 'Ｉ', 'Ｎ', 'Ｅ', '\u3000', 'Ａ', 'b']);
  });

  it('drops zero-width and other invisible format characters', () => {
    const input = 'a\u200bb\u200cc\u200dd\u2060e\uFEFFf\u00ADg\u200Eh';
    expect(foldCharacters(input).text).toBe('abcdefgh');
  });

  it('maps compatibility ideographs and Kangxi radicals to unified ideographs', () => {
    expect(foldCharacters('\uF912聊 \u2F29盒子').text).toBe('裸聊 小盒子');
  });

  it('maps every unit of an expansion (① → 1, ㍻ → 平成) to the one source character', () => {
    const input = 'x㍻y';
    const folded = foldCharacters(input);
    expect(folded.text).toBe('x平成y');
    expect(sources(input, folded)).toEqual(['x', '㍻', '㍻', 'y']);
  });

  it('keeps surrogate pairs mapped to both of their units', () => {
    const input = '𠮷A';
    const folded = foldCharacters(input);
    expect(folded.text).toBe('𠮷a');
    expect(Array.from(folded.originalStart)).toEqual([0, 0, 2]);
    expect(Array.from(folded.originalEnd)).toEqual([2, 2, 3]);
  });
});

describe('convertHanRuns (Simplified → Taiwan Traditional)', () => {
  it('converts with phrase context and keeps a character-to-character map', () => {
    const input = '小红书 头发 发展 约炮';
    const converted = convertHanRuns(foldCharacters(input));
    expect(converted.text).toBe('小紅書 頭髮 發展 約炮');
    expect(sources(input, converted)).toEqual(Array.from(input));
  });

  it('leaves Traditional text as it is', () => {
    expect(convertHanRuns(foldCharacters('援助交際 學生妹')).text).toBe('援助交際 學生妹');
  });

  it('falls back to one code point at a time when a run changes its number of code points', () => {
    // A stand-in converter: 甲 becomes two characters, so the run 甲乙 grows from 2 to 3 code points.
    const convert = (text: string): string => text.replaceAll('甲', '子丑').replaceAll('乙', '寅');
    const input = 'x甲乙y';
    const converted = convertHanRuns(foldCharacters(input), convert);
    expect(converted.text).toBe('x子丑寅y');
    expect(sources(input, converted)).toEqual(['x', '甲', '甲', '乙', 'y']);
  });

  it('converts run by run when a whole-text conversion moves a non-Han anchor', () => {
    // A stand-in converter that (unlike OpenCC) also rewrites punctuation: the anchors no longer
    // line up, so the runs are converted one by one and the punctuation is kept as written.
    const convert = (text: string): string => text.replaceAll('甲', '乙').replaceAll('!', '?');
    const input = '甲!甲甲';
    const converted = convertHanRuns(foldCharacters(input), convert);
    expect(converted.text).toBe('乙!乙乙');
    expect(sources(input, converted)).toEqual(['甲', '!', '甲', '甲']);
  });

  it('keeps anchors through OpenCC phrases that contain a non-Han character (丹尼·博伊尔)', () => {
    const input = '丹尼·博伊尔';
    const converted = convertHanRuns(foldCharacters(input));
    expect(converted.text).toBe('丹尼·博伊爾');
    expect(sources(input, converted)).toEqual(Array.from(input));
  });

  it('aligns per code point when a BMP character becomes a surrogate pair (real OpenCC entry 㓆 → 𠗣)', () => {
    const input = '㓆援';
    const converted = convertHanRuns(foldCharacters(input));
    expect(converted.text).toBe('𠗣援');
    expect(sources(input, converted)).toEqual(['㓆', '㓆', '援']);
  });
});

describe('compactSeparators', () => {
  const compact = (input: string): string => createNormalizer({ variants: [] }).normalize(input).text;

  it('skips separator runs between CJK characters', () => {
    for (const input of ['援.交', '援 交', '援_交', '援-交', '援*交', '援/交', '援·交', '援、交', '援‧交', '援 . _ - * / · 、交', '援．交', '援\u3000交', '援\n交']) {
      expect(compact(input), JSON.stringify(input)).toBe('援交');
    }
  });

  it('skips separators between CJK and Latin', () => {
    expect(compact('加 LINE')).toBe('加line');
    expect(compact('LINE / 加')).toBe('line加');
  });

  it('keeps one boundary space between Latin words, so words are never glued', () => {
    expect(compact('add me on line')).toBe('add me on line');
    expect(compact('on.line')).toBe('on line');
    expect(compact('sugar -- daddy')).toBe('sugar daddy');
  });

  it('joins a word spelled out letter by letter, but not a longer word split in pieces', () => {
    expect(compact('L.I.N.E')).toBe('line');
    expect(compact('L I N E')).toBe('line');
    expect(compact('L-I-N-E!')).toBe('line!');
    expect(compact('o n l i n e')).toBe('online');
    expect(compact('J. K. Rowling')).toBe('jk rowling');
    expect(compact('li ne')).toBe('li ne');
  });

  it('drops leading and trailing separators and maps the boundary space to the whole run', () => {
    const input = '  on -- line  ';
    const compacted = compactSeparators(foldCharacters(input), (codePoint) => ' -'.includes(String.fromCodePoint(codePoint)));
    expect(compacted.text).toBe('on line');
    expect(sources(input, compacted)).toEqual(['o', 'n', ' -- ', 'l', 'i', 'n', 'e']);
  });
});

describe('createNormalizer', () => {
  it('applies the default variant table (炮 → 砲) to text and terms alike', () => {
    expect(normalizer.normalize('约炮').text).toBe('約砲');
    expect(normalizer.normalizeTerm('約炮')).toBe(normalizer.normalizeTerm('約砲'));
  });

  it('accepts a caller-supplied variant table, including multi-character variants, mapped to the whole span', () => {
    const custom = createNormalizer({ variants: [['圓交', '援交'], ['ㄩ', '魚']] });
    const input = '圓 交 ㄩ訊';
    const normalized = custom.normalize(input);
    expect(normalized.text).toBe('援交魚訊');
    expect(sources(input, normalized)).toEqual(['圓 交', '圓 交', 'ㄩ', '訊']);
    // A caller's table replaces the default one.
    expect(custom.normalize('約炮').text).toBe('約炮');
  });

  it('maps variants that shorten or lengthen the text to their whole span (rewritten in place or copied)', () => {
    const shorter = createNormalizer({ variants: [['圓圓交', '援交']] });
    const input = 'a圓圓交 b 圓圓交c';
    const shortened = shorter.normalize(input);
    expect(shortened.text).toBe('a援交b援交c');
    expect(sources(input, shortened)).toEqual(['a', '圓圓交', '圓圓交', 'b', '圓圓交', '圓圓交', 'c']);

    const longer = createNormalizer({ variants: [['ㄩ', '魚魚']] });
    const lengthened = longer.normalize('ㄩ訊 ㄩ');
    expect(lengthened.text).toBe('魚魚訊魚魚');
    expect(sources('ㄩ訊 ㄩ', lengthened)).toEqual(['ㄩ', 'ㄩ', '訊', 'ㄩ', 'ㄩ']);
  });

  it('leaves a caller\'s normalised text untouched when compacting it', () => {
    const folded = foldCharacters('援 . 交 on -- line');
    const before = { text: folded.text, starts: Array.from(folded.originalStart), ends: Array.from(folded.originalEnd) };
    compactSeparators(folded, (codePoint) => ' .-'.includes(String.fromCodePoint(codePoint)));
    expect({ text: folded.text, starts: Array.from(folded.originalStart), ends: Array.from(folded.originalEnd) }).toEqual(before);
  });

  it('can leave Simplified text unconverted', () => {
    expect(createNormalizer({ convertSimplified: false }).normalize('小红书').text).toBe('小红书');
  });

  it('accepts custom separators, folded like the text', () => {
    const withPlus = createNormalizer({ separators: '＋' });
    expect(withPlus.normalize('援+交').text).toBe('援交');
    expect(withPlus.normalize('援.交').text).toBe('援.交');
  });
});

describe('isWordCodePoint', () => {
  it('treats Latin letters and digits as word characters, CJK and punctuation not', () => {
    const word = (character: string): boolean => isWordCodePoint(character.codePointAt(0)!);
    expect(['a', 'Z', '7', 'é', 'ж', '한'].map(word)).toEqual([true, true, true, true, true, true]);
    expect(['援', 'あ', 'カ', 'ㄅ', '.', ' ', '!', '、'].map(word)).toEqual([false, false, false, false, false, false, false, false]);
  });
});
