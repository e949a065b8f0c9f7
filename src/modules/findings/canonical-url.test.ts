import { describe, expect, it } from 'vitest';
import { canonicalUrl, UrlRejectedError } from './canonical-url.ts';

const canon = (raw: string) => canonicalUrl(raw).canonical;

describe('canonicalUrl', () => {
  it.each([
    ['https://www.instagram.com/p/AbC123/?igsh=xyz&utm_source=ig_web_copy_link', 'https://instagram.com/p/AbC123'],
    ['http://instagram.com/p/AbC123', 'https://instagram.com/p/AbC123'],
    ['https://m.facebook.com/groups/123/posts/456/?mibextid=abc', 'https://facebook.com/groups/123/posts/456'],
    ['https://twitter.com/someone/status/1799?s=20&t=abc', 'https://x.com/someone/status/1799'],
    ['https://youtu.be/dQw4w9WgXcQ?si=track', 'https://youtube.com/watch?v=dQw4w9WgXcQ'],
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share', 'https://youtube.com/watch?v=dQw4w9WgXcQ'],
    ['https://WWW.PTT.CC/bbs/Sex/M.1700000000.A.ABC.html#comments', 'https://ptt.cc/bbs/Sex/M.1700000000.A.ABC.html'],
    ['https://www.dcard.tw:443/f/relationship/p/250000001', 'https://dcard.tw/f/relationship/p/250000001'],
    ['https://example.com/a?b=2&a=1', 'https://example.com/a?a=1&b=2'],
    ['https://example.com/#!/post/9', 'https://example.com/#!/post/9'],
    ['https://example.com:8443/x', 'https://example.com:8443/x'],
  ])('%s → %s', (raw, expected) => {
    expect(canon(raw)).toBe(expected);
  });

  it('keeps the case of paths and the meaning of YouTube t=', () => {
    expect(canon('https://www.youtube.com/watch?v=AbC&t=42')).toBe('https://youtube.com/watch?t=42&v=AbC');
    expect(canon('https://instagram.com/p/ABC')).not.toBe(canon('https://instagram.com/p/abc'));
  });

  it.each([
    ['', 'empty'],
    ['not a url', 'not a valid URL'],
    ['ftp://example.com/file', 'only http and https'],
    ['javascript:alert(1)', 'only http and https'],
    ['https://user:pass@example.com/', 'credentials'],
    ['https://intranet/x', 'not a domain'],
    [`https://example.com/${'a'.repeat(3000)}`, 'longer than'],
  ])('refuses %j with a reason naming the problem', (raw, reason) => {
    expect(() => canonicalUrl(raw)).toThrowError(UrlRejectedError);
    expect(() => canonicalUrl(raw)).toThrowError(new RegExp(reason));
  });
});
