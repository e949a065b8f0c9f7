/**
 * The guideline's patrol targets (G3.1: platforms youth use) plus PTT (named in G6.1.1), as seeded
 * on the first start. Search templates are the platforms' public search pages; `{q}` is replaced by
 * the URL-encoded keyword.
 */
import type { PlatformKind } from './platforms.tables.ts';

export type SeedPlatform = {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: PlatformKind;
  domains: string[];
  searchUrlTemplates: string[];
  notes?: string;
};

/**
 * What each platform shows in place of content that is gone, for the removal checks (G5.2). This
 * is the department's list to maintain (administrators edit it per platform); the phrases are as
 * officers reported them, NOT verified against the live sites, and platforms change them without
 * notice. A phrase that also appears on ordinary pages must not be listed: it would mark live
 * content "removed".
 */
export const UNAVAILABLE_MARKERS: Readonly<Record<string, readonly string[]>> = {
  instagram: ["Sorry, this page isn't available.", '很抱歉，此頁面無法使用。'],
  threads: ["Sorry, this page isn't available.", '很抱歉，此頁面無法使用。'],
  facebook: ["This content isn't available right now", '目前無法查看此內容'],
  messenger: ["This content isn't available right now", '目前無法查看此內容'],
  x: ['This post is unavailable', "Hmm...this page doesn't exist.", '這則貼文無法顯示', '此頁面不存在'],
  tiktok: ['Video currently unavailable', '影片目前無法觀看', "Couldn't find this account"],
  youtube: ['Video unavailable', '影片無法播放', 'This video has been removed', '這部影片已遭移除'],
  dcard: ['文章已被刪除', '這篇文章已被刪除', '找不到這篇文章'],
  ptt: ['404 - Not Found.'],
  xiaohongshu: ['当前内容无法展示', '笔记不存在'],
  snapchat: ['This content was not found', "Sorry, we couldn't find that"],
  bereal: ['This page could not be found'],
  retro: ['This page could not be found'],
};

export const GUIDELINE_PLATFORMS: SeedPlatform[] = [
  { code: 'bereal', nameZh: 'BeReal', nameEn: 'BeReal', kind: 'social', domains: ['bere.al', 'bereal.com'], searchUrlTemplates: [], notes: '無公開搜尋頁；以帳號連結巡查 (no public search page)' },
  { code: 'retro', nameZh: 'Retro', nameEn: 'Retro', kind: 'social', domains: ['retro.app'], searchUrlTemplates: [], notes: '無公開搜尋頁 (no public search page)' },
  { code: 'tiktok', nameZh: 'TikTok／抖音', nameEn: 'TikTok / Douyin', kind: 'video', domains: ['tiktok.com', 'douyin.com'], searchUrlTemplates: ['https://www.tiktok.com/search?q={q}', 'https://www.douyin.com/search/{q}'], notes: '抖音內容多為簡體中文 (Douyin text is mostly Simplified Chinese)' },
  { code: 'xiaohongshu', nameZh: '小紅書', nameEn: 'Xiaohongshu (RED)', kind: 'social', domains: ['xiaohongshu.com', 'xhslink.com'], searchUrlTemplates: ['https://www.xiaohongshu.com/search_result?keyword={q}'], notes: '內容多為簡體中文 (mostly Simplified Chinese)' },
  { code: 'snapchat', nameZh: 'Snapchat', nameEn: 'Snapchat', kind: 'messaging', domains: ['snapchat.com'], searchUrlTemplates: ['https://www.snapchat.com/explore/{q}'] },
  { code: 'instagram', nameZh: 'Instagram', nameEn: 'Instagram', kind: 'social', domains: ['instagram.com'], searchUrlTemplates: ['https://www.instagram.com/explore/tags/{q}/'] },
  { code: 'threads', nameZh: 'Threads', nameEn: 'Threads', kind: 'social', domains: ['threads.net', 'threads.com'], searchUrlTemplates: ['https://www.threads.net/search?q={q}'] },
  { code: 'facebook', nameZh: 'Facebook', nameEn: 'Facebook', kind: 'social', domains: ['facebook.com', 'fb.com', 'fb.watch'], searchUrlTemplates: ['https://www.facebook.com/search/top?q={q}'] },
  { code: 'dcard', nameZh: 'Dcard', nameEn: 'Dcard', kind: 'forum', domains: ['dcard.tw'], searchUrlTemplates: ['https://www.dcard.tw/search?query={q}'] },
  { code: 'messenger', nameZh: 'Messenger', nameEn: 'Messenger', kind: 'messaging', domains: ['messenger.com', 'm.me'], searchUrlTemplates: [] },
  { code: 'youtube', nameZh: 'YouTube', nameEn: 'YouTube', kind: 'video', domains: ['youtube.com', 'youtu.be'], searchUrlTemplates: ['https://www.youtube.com/results?search_query={q}'] },
  { code: 'x', nameZh: 'X（原 Twitter）', nameEn: 'X (Twitter)', kind: 'social', domains: ['x.com', 'twitter.com'], searchUrlTemplates: ['https://x.com/search?q={q}&f=live'] },
  { code: 'ptt', nameZh: 'PTT 批踢踢', nameEn: 'PTT', kind: 'forum', domains: ['ptt.cc'], searchUrlTemplates: ['https://www.ptt.cc/bbs/search?q={q}'], notes: '發文者 IP 見「※ 發信站」行 (G6.1.1: poster IP on the ※ 發信站 line)' },
];

/** The platform a URL belongs to: the longest registered domain that the host equals or ends with. */
export function matchPlatformByHost<T extends { domains: readonly string[]; active?: boolean }>(host: string, candidates: readonly T[]): T | null {
  const normalised = host.toLowerCase().replace(/\.$/, '');
  let best: { platform: T; length: number } | null = null;
  for (const platform of candidates) {
    if (platform.active === false) continue;
    for (const domain of platform.domains) {
      const d = domain.toLowerCase();
      if ((normalised === d || normalised.endsWith(`.${d}`)) && (!best || d.length > best.length)) best = { platform, length: d.length };
    }
  }
  return best?.platform ?? null;
}

/** A platform search URL for a keyword: `{q}` replaced by the URL-encoded keyword. */
export function searchUrl(template: string, keyword: string): string {
  return template.replaceAll('{q}', encodeURIComponent(keyword));
}
