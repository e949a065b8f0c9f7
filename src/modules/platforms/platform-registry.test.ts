import { describe, expect, it } from 'vitest';
import { GUIDELINE_PLATFORMS, matchPlatformByHost, searchUrl } from './platform-registry.seed.ts';

describe('platform registry seed (G3.1)', () => {
  it('holds exactly the guideline\'s platforms plus PTT', () => {
    expect(GUIDELINE_PLATFORMS.map((p) => p.nameEn)).toEqual([
      'BeReal',
      'Retro',
      'TikTok / Douyin',
      'Xiaohongshu (RED)',
      'Snapchat',
      'Instagram',
      'Threads',
      'Facebook',
      'Dcard',
      'Messenger',
      'YouTube',
      'X (Twitter)',
      'PTT',
    ]);
    for (const p of GUIDELINE_PLATFORMS) for (const t of p.searchUrlTemplates) expect(t).toMatch(/^https:\/\/.*\{q\}/);
  });

  it('finds a URL\'s platform by domain suffix, never by a look-alike', () => {
    const find = (host: string) => matchPlatformByHost(host, GUIDELINE_PLATFORMS)?.code ?? null;
    expect(find('www.ptt.cc')).toBe('ptt');
    expect(find('m.facebook.com')).toBe('facebook');
    expect(find('youtu.be')).toBe('youtube');
    expect(find('www.douyin.com')).toBe('tiktok');
    expect(find('X.COM.')).toBe('x');
    expect(find('notfacebook.com')).toBeNull();
    expect(find('facebook.com.evil.example')).toBeNull();
  });

  it('URL-encodes the keyword into the search template', () => {
    expect(searchUrl('https://www.dcard.tw/search?query={q}', '援交 & 價碼')).toBe('https://www.dcard.tw/search?query=%E6%8F%B4%E4%BA%A4%20%26%20%E5%83%B9%E7%A2%BC');
  });
});
