import { describe, expect, it } from 'vitest';
import { PLATFORM_CODE, isValidDomain, isValidMarker, isValidTemplate, normaliseDomain, normaliseList, normaliseMarker, sameList } from './platform-rules.ts';

describe('platform input rules', () => {
  it('accepts the codes the server accepts', () => {
    expect(PLATFORM_CODE.test('ptt')).toBe(true);
    expect(PLATFORM_CODE.test('lineage-m')).toBe(true);
    expect(PLATFORM_CODE.test('-ptt')).toBe(false);
    expect(PLATFORM_CODE.test('PTT')).toBe(false);
    expect(PLATFORM_CODE.test('a'.repeat(33))).toBe(false);
  });

  it('normalises domains as the server stores them', () => {
    expect(normaliseDomain('  https://WWW.Dcard.tw/f/talk ')).toBe('dcard.tw');
    expect(normaliseDomain('m.facebook.com')).toBe('m.facebook.com');
    expect(isValidDomain('dcard.tw')).toBe(true);
    expect(isValidDomain('localhost')).toBe(false);
    expect(isValidDomain('bad_host.com')).toBe(false);
  });

  it('requires https search templates with {q}', () => {
    expect(isValidTemplate('https://www.ptt.cc/bbs/search?q={q}')).toBe(true);
    expect(isValidTemplate('http://www.ptt.cc/bbs/search?q={q}')).toBe(false);
    expect(isValidTemplate('https://www.ptt.cc/bbs/search')).toBe(false);
    expect(isValidTemplate('https://www.ptt.cc/search?q={q} x')).toBe(false);
    expect(isValidTemplate(`https://a.tw/?q={q}&x=${'a'.repeat(500)}`)).toBe(false);
  });

  it('counts marker lengths in characters after collapsing whitespace', () => {
    expect(normaliseMarker('  文章已被\n  刪除 ')).toBe('文章已被 刪除');
    expect(isValidMarker('刪除')).toBe(true);
    expect(isValidMarker('刪')).toBe(false);
    expect(isValidMarker('😀😀')).toBe(true);
    expect(isValidMarker('a'.repeat(201))).toBe(false);
  });

  it('drops empty and duplicate entries, keeping the first', () => {
    expect(normaliseList(['Dcard.tw', ' ', 'www.dcard.tw', 'ptt.cc'], normaliseDomain)).toEqual(['dcard.tw', 'ptt.cc']);
    expect(normaliseList(undefined, normaliseDomain)).toEqual([]);
    expect(sameList(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameList(['a', 'b'], ['b', 'a'])).toBe(false);
  });
});
