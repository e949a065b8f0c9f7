import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFromHtml } from './extractors/index.ts';
import { decodeEntities, parseHtml, textContent, findFirst } from './extractors/html.ts';
import { parsePttEditTime, parsePttHeaderTime } from './extractors/ptt.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/capture/${name}`, import.meta.url), 'utf8');
const PTT_URL = 'https://www.ptt.cc/bbs/TestBoard/M.1763644233.A.1F2.html';

describe('PTT extractor', () => {
  const ptt = fixture('ptt-article.html');

  it('recognises ptt.cc by domain and extracts author, board, title, time and poster IP with sources', () => {
    const x = extractFromHtml(ptt, PTT_URL);
    expect(x.platform).toBe('ptt');
    expect(x.detected_by).toBe('domain:www.ptt.cc');
    expect(x.account_id).toEqual({ value: 'rainyfrog42', source: '.article-metaline[.article-meta-tag="作者"] .article-meta-value', raw: 'rainyfrog42 (雨蛙觀測員)' });
    expect(x.account_name?.value).toBe('雨蛙觀測員');
    expect(x.ptt?.board?.value).toBe('TestBoard');
    expect(x.title?.value).toBe('[問卦] 有沒有社區水塔半夜會唱歌的八卦？');
    expect(x.posted_at).toMatchObject({ value: '2025-11-20T21:10:33+08:00', raw: 'Thu Nov 20 21:10:33 2025' });
    expect(x.poster_ip).toMatchObject({ value: '203.0.113.45', raw: '※ 發信站: 批踢踢實業坊(ptt.cc), 來自: 203.0.113.45 (臺灣)' });
    expect(x.poster_ip?.source).toMatch(/^#main-content text line \d+$/);
    expect(x.ptt?.poster_ip_location).toBe('臺灣');
    expect(x.ptt?.article_id).toMatchObject({ value: 'M.1763644233.A.1F2', source: 'page URL path' });
    expect(x.ptt?.article_url?.value).toBe(PTT_URL);
  });

  it('extracts every ※ 編輯 line with user, IP and time', () => {
    const x = extractFromHtml(ptt, PTT_URL);
    expect(x.ptt?.edits.map((e) => [e.user_id, e.ip, e.location, e.time])).toEqual([
      ['rainyfrog42', '203.0.113.46', '臺灣', '2025-11-20T21:15:00+08:00'],
      ['rainyfrog42', '203.0.113.47', '臺灣', '2025-11-21T08:02:41+08:00'],
    ]);
  });

  it('extracts every push with tag, user, decoded text, IP where shown and time', () => {
    const x = extractFromHtml(ptt, PTT_URL);
    expect(x.ptt?.pushes.map((p) => [p.tag, p.user_id, p.text, p.ip, p.time])).toEqual([
      ['推', 'teapotcat', '我家的也會，還會換調', '198.51.100.23', '2025-11-20T21:18:00+08:00'],
      ['噓', 'grumpyowl', '水錘效應而已 這也要問', null, '2025-11-20T21:20:00+08:00'],
      ['→', 'teapotcat', '樓上講得好像你聽過一樣', '198.51.100.23', '2025-11-20T21:22:00+08:00'],
      ['推', 'mistwalker7', '錄下來上傳啊 <想聽> & 想看', '2001:db8::7', '2025-11-21T00:05:00+08:00'],
      ['推', 'quietbadger', '管委會快去檢查吧', '198.51.100.88', '2025-11-21T08:30:00+08:00'],
    ]);
    expect(x.ptt?.push_counts).toEqual({ push: 3, boo: 1, arrow: 1 });
    expect(x.ptt?.pushes[1]?.source).toBe('div.push #2 (document order)');
  });

  it('recognises a mirror or saved copy by structure alone', () => {
    const x = extractFromHtml(ptt, 'https://mirror.example/saved/article.html');
    expect(x.platform).toBe('ptt');
    expect(x.detected_by).toBe('structure:#main-content+.article-metaline');
    expect(x.poster_ip?.value).toBe('203.0.113.45');
    expect(x.ptt?.article_id?.source).toMatch(/line \d+/); // from the 文章網址 line, not the mirror URL
    const local = extractFromHtml(ptt, 'file:///home/officer/saved.html');
    expect(local.account_id?.value).toBe('rainyfrog42');
  });

  it('reads a plain-text saved copy (no markup) by its ※ 發信站 line', () => {
    const x = extractFromHtml(fixture('ptt-saved-text.txt'), 'file:///tmp/saved.txt');
    expect(x.platform).toBe('ptt');
    expect(x.detected_by).toBe('structure:※ 發信站 line');
    expect(x.account_id?.value).toBe('rainyfrog42');
    expect(x.account_name?.value).toBe('雨蛙觀測員');
    expect(x.ptt?.board?.value).toBe('TestBoard');
    expect(x.posted_at?.value).toBe('2025-11-20T21:10:33+08:00');
    expect(x.poster_ip?.source).toBe('page text line 8');
    expect(x.ptt?.pushes.map((p) => [p.tag, p.user_id, p.ip, p.time])).toEqual([
      ['推', 'teapotcat', '198.51.100.23', '2025-11-20T21:18:00+08:00'],
      ['噓', 'grumpyowl', null, '2025-11-20T21:20:00+08:00'],
    ]);
  });

  it('accepts the old ◆ From: sender line and ignores quoted sender lines', () => {
    const html = `<div id="main-content"><div class="article-metaline"><span class="article-meta-tag">作者</span><span class="article-meta-value">oldtimer</span></div>
: ※ 發信站: 批踢踢實業坊(ptt.cc), 來自: 198.51.100.200
--
※ 發信站: 批踢踢實業坊(ptt.cc)
◆ From: 203.0.113.9
</div>`;
    const x = extractFromHtml(html, 'https://www.ptt.cc/bbs/Old/M.1000000000.A.123.html');
    expect(x.poster_ip?.value).toBe('203.0.113.9');
    expect(x.account_name).toBeNull();
    expect(x.posted_at).toMatchObject({ value: '2001-09-09T09:46:40+08:00' }); // from the article id epoch
  });

  it('infers the year of pushes that cross New Year', () => {
    const html = `<div id="main-content"><div class="article-metaline"><span class="article-meta-tag">時間</span><span class="article-meta-value">Wed Dec 31 23:50:00 2025</span></div>
<div class="push"><span class="push-tag">推 </span><span class="push-userid">nightowl</span><span class="push-content">: 新年快樂</span><span class="push-ipdatetime"> 01/01 00:01
</span></div></div>`;
    const x = extractFromHtml(html, 'https://www.ptt.cc/bbs/X/M.1767196200.A.000.html');
    expect(x.ptt?.pushes[0]?.time).toBe('2026-01-01T00:01:00+08:00');
  });

  it('parses PTT time formats', () => {
    expect(parsePttHeaderTime('Thu Nov 20 21:10:33 2025')).toBe('2025-11-20T21:10:33+08:00');
    expect(parsePttHeaderTime('yesterday')).toBeNull();
    expect(parsePttEditTime('11/20/2025 21:15:00')).toBe('2025-11-20T21:15:00+08:00');
    expect(parsePttEditTime('1/2/2025 3:04')).toBe('2025-01-02T03:04:00+08:00');
  });
});

describe('Dcard extractor', () => {
  const dcard = fixture('dcard-post.html');

  it('extracts post id, forum, author school/department, persona and time from JSON-LD', () => {
    const x = extractFromHtml(dcard, 'https://www.dcard.tw/f/talk/p/259876543');
    expect(x.platform).toBe('dcard');
    expect(x.detected_by).toBe('domain:www.dcard.tw');
    expect(x.dcard?.post_id).toMatchObject({ value: '259876543', source: 'page URL path /f/<forum>/p/<id>' });
    expect(x.dcard?.forum?.value).toBe('talk');
    expect(x.account_name).toMatchObject({ value: '虛構科技大學 資訊管理系', source: 'script[type="application/ld+json"] #2 .author.name' });
    expect(x.dcard?.school?.value).toBe('虛構科技大學');
    expect(x.dcard?.department?.value).toBe('資訊管理系');
    expect(x.account_id).toMatchObject({ value: 'mist_walker', source: 'script[type="application/ld+json"] #2 .author.url' });
    expect(x.posted_at?.value).toBe('2025-11-21T02:14:09.511Z');
    expect(x.title?.value).toBe('社區水塔半夜會唱歌是正常的嗎？');
    expect(x.poster_ip).toBeNull();
  });

  it('recognises a saved copy by og:site_name and takes the post id from declared URLs', () => {
    const x = extractFromHtml(dcard, 'file:///evidence/dcard.html');
    expect(x.platform).toBe('dcard');
    expect(x.detected_by).toBe('structure:meta[property="og:site_name"]=Dcard');
    expect(x.dcard?.post_id?.value).toBe('259876543');
    expect(x.dcard?.post_id?.source).toMatch(/\.url$/);
  });

  it('falls back to meta tags when there is no JSON-LD', () => {
    const html = dcard.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, '');
    const x = extractFromHtml(html, 'https://www.dcard.tw/f/talk/p/259876543');
    expect(x.account_name).toMatchObject({ value: '虛構科技大學', source: 'meta[property="article:author"]' });
    expect(x.posted_at?.source).toBe('meta[property="article:published_time"]');
  });
});

describe('generic extractor', () => {
  it('reads OpenGraph, author meta, article:author and canonical with their sources', () => {
    const x = extractFromHtml(fixture('generic-article.html'), 'https://news.example.org/2025/11/water-tower-noise?utm=1');
    expect(x.platform).toBe('generic');
    expect(x.generic.og_title).toMatchObject({ value: '水塔聲響常見原因整理', source: 'meta[property="og:title"]' });
    expect(x.generic.og_url?.value).toBe('https://news.example.org/2025/11/water-tower-noise');
    expect(x.generic.og_site_name?.value).toBe('虛構社區報');
    expect(x.generic.author).toMatchObject({ value: '林小測', source: 'meta[name="author"]' });
    expect(x.generic.article_author?.value).toBe('https://news.example.org/authors/lin-test');
    expect(x.generic.canonical).toMatchObject({ value: 'https://news.example.org/2025/11/water-tower-noise', source: 'link[rel="canonical"]' });
    expect(x.generic.title?.value).toBe('水塔聲響常見原因整理 - 虛構社區報');
    expect(x.account_name?.value).toBe('林小測');
    expect(x.posted_at?.value).toBe('2025-11-22T09:00:00+08:00');
  });

  it('never throws on hostile or broken markup', () => {
    const nasty = ['', '<', '<<<>>>', '<div class="push"><span class="push-userid">', '<script>', '<!--', '<a href="x>'.repeat(500), '\u0000\ud800'];
    for (const html of nasty) expect(() => extractFromHtml(html, 'not a url')).not.toThrow();
  });
});

describe('html helper', () => {
  it('decodes entities and keeps script text raw', () => {
    expect(decodeEntities('a &amp; b &lt;c&gt; &#25209; &#x8e22; &rsaquo; &unknown;')).toBe('a & b <c> 批 踢 › &unknown;');
    const root = parseHtml('<p id=x>1<br>2</p><script>if (a < b && c) {}</script>');
    expect(textContent(findFirst(root, (el) => el.attrs.get('id') === 'x')!)).toBe('1\n2');
    expect(findFirst(root, (el) => el.tag === 'script')?.children[0]).toBe('if (a < b && c) {}');
  });
});

describe('pageTextFromHtml', () => {
  it('keeps what a reader sees and drops scripts, styles and the head', async () => {
    const { pageTextFromHtml } = await import('./extractors/index.ts');
    const html = '<html><head><title>T</title><style>p{}</style></head><body><p>援 交  看這裡</p><script>var x="秘密";</script><noscript>n</noscript><div>第二段<br>第三段</div></body></html>';
    const text = pageTextFromHtml(html);
    expect(text).toContain('援 交 看這裡');
    expect(text).toContain('第二段\n第三段');
    expect(text).not.toContain('秘密');
    expect(text).not.toContain('p{}');
    expect(text).not.toMatch(/^T/);
  });
});
