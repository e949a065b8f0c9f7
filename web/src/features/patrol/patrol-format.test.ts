import { describe, expect, it } from 'vitest';
import {
  formatElapsed,
  formatMinutes,
  formatRocPeriod,
  highlightSegments,
  nameIn,
  nextDay,
  nextMonthStart,
  platformSearchLinks,
  searchLink,
  taipeiToday,
  taipeiWallClock,
} from './patrol-format.ts';

describe('search links', () => {
  it('puts the URL-encoded keyword in place of {q}', () => {
    expect(searchLink('https://www.ptt.cc/bbs/search?q={q}', '援交 妹&x')).toBe('https://www.ptt.cc/bbs/search?q=%E6%8F%B4%E4%BA%A4%20%E5%A6%B9%26x');
    expect(searchLink('https://www.douyin.com/search/{q}', 'a/b')).toBe('https://www.douyin.com/search/a%2Fb');
  });

  it('refuses anything that is not an http(s) URL', () => {
    expect(searchLink('javascript:alert({q})', 'x')).toBeNull();
    expect(searchLink('not a url {q}', 'x')).toBeNull();
  });

  it('names the template host only when a platform has several templates', () => {
    expect(platformSearchLinks(['https://www.ptt.cc/bbs/search?q={q}'], ['a', 'b']).map((l) => [l.keyword, l.host])).toEqual([
      ['a', null],
      ['b', null],
    ]);
    const two = platformSearchLinks(['https://www.tiktok.com/search?q={q}', 'https://www.douyin.com/search/{q}'], ['k']);
    expect(two.map((l) => l.host)).toEqual(['tiktok.com', 'douyin.com']);
    expect(platformSearchLinks([], ['k'])).toEqual([]);
  });
});

describe('highlightSegments', () => {
  const join = (segments: ReturnType<typeof highlightSegments>) => segments.map((s) => (s.terms ? `[${s.text}]` : s.text)).join('');

  it('marks the matched spans by UTF-16 offsets and keeps the rest as plain text', () => {
    const text = '徵援交 學生妹 私訊';
    const segments = highlightSegments(text, [
      { term: '援交', start: 1, end: 3 },
      { term: '學生妹', start: 4, end: 7 },
      { term: '妹', start: 6, end: 7 },
    ]);
    expect(join(segments)).toBe('徵[援交] [學生妹] 私訊');
    expect(segments.find((s) => s.text === '學生妹')?.terms).toEqual(['學生妹', '妹']);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('handles surrogate pairs through UTF-16 offsets', () => {
    const text = '😀援交';
    expect(join(highlightSegments(text, [{ term: '援交', start: 2, end: 4 }]))).toBe('😀[援交]');
  });

  it('ignores offsets that do not fit the text', () => {
    expect(join(highlightSegments('abc', [{ term: 'x', start: 2, end: 9 }, { term: 'y', start: -1, end: 1 }]))).toBe('abc');
    expect(highlightSegments('', [])).toEqual([]);
  });
});

describe('durations and periods', () => {
  it('shows minutes as h:mm', () => {
    expect(formatMinutes(0)).toBe('0:00');
    expect(formatMinutes(65)).toBe('1:05');
    expect(formatMinutes(600)).toBe('10:00');
    expect(formatMinutes(Number.NaN)).toBe('0:00');
  });

  it('shows elapsed time as h:mm:ss', () => {
    expect(formatElapsed(0, 3_723_000)).toBe('1:02:03');
    expect(formatElapsed(10, 0)).toBe('0:00:00');
  });

  it('shows log periods in the ROC calendar', () => {
    expect(formatRocPeriod('2026-11-28')).toBe('115/11/28');
    expect(formatRocPeriod('2026-11')).toBe('115/11');
    expect(formatRocPeriod('odd')).toBe('odd');
  });

  it('computes Taipei calendar dates and the next day or month', () => {
    expect(taipeiToday(new Date('2025-07-07T16:30:00Z'))).toBe('2025-07-08');
    expect(taipeiWallClock(new Date('2025-07-07T16:30:00Z'))).toBe('2025-07-08T00:30');
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2025-12-31')).toBe('2026-01-01');
    expect(nextMonthStart('2025-12-15')).toBe('2026-01-01');
    expect(nextMonthStart('2025-02-01')).toBe('2025-03-01');
  });

  it('names things in the UI language', () => {
    const ptt = { code: 'ptt', nameZh: 'PTT 批踢踢', nameEn: 'PTT' };
    expect(nameIn('zh-TW', ptt)).toBe('PTT 批踢踢');
    expect(nameIn('en', ptt)).toBe('PTT');
    expect(nameIn('en', { code: 'x', nameZh: '某', nameEn: '' })).toBe('某');
  });
});
