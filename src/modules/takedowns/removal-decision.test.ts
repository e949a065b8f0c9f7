/** The removal decision (G5.2), rule by rule, on synthetic page text only. */
import { describe, expect, it } from 'vitest';
import { decideRemoval, normaliseForMatch, type RemovalObservation } from './removal-decision.ts';

const POST = '社區水塔每到半夜就會唱歌，管委會說是水壓造成的';
const base: RemovalObservation = {
  httpStatus: 200,
  dnsError: null,
  pageText: `虛構論壇 首頁 看板\n${POST}。\n回覆 3`,
  requestedUrl: 'https://forum.example/p/1',
  finalUrl: 'https://forum.example/p/1',
  markers: ["Sorry, this page isn't available.", '很抱歉，此頁面無法使用。'],
  keyTexts: [POST],
  originalImageHashes: ['a'.repeat(64)],
  currentImageHashes: [],
};
const decide = (patch: Partial<RemovalObservation>) => decideRemoval({ ...base, ...patch });

describe('normaliseForMatch', () => {
  it('folds width, case, quotes, emoji and every space', () => {
    expect(normaliseForMatch('Ｓｏｒｒｙ,  THIS page isn’t\n available 😀')).toBe("sorry,thispageisn'tavailable");
    expect(normaliseForMatch('Hmm…this page')).toBe('hmm...thispage');
    expect(normaliseForMatch('水塔\u200b 唱歌')).toBe('水塔唱歌');
  });
});

describe('decideRemoval', () => {
  it('takes a host that no longer resolves as removed, other resolver failures as inconclusive', () => {
    for (const code of ['ENOTFOUND', 'ENODATA']) expect(decide({ dnsError: code, httpStatus: null, pageText: '' })).toMatchObject({ outcome: 'removed', reason: 'dns_unresolved' });
    expect(decide({ dnsError: 'ENOTFOUND', httpStatus: null }).detail).toContain('ENOTFOUND');
    expect(decide({ dnsError: 'EAI_AGAIN', httpStatus: null })).toMatchObject({ outcome: 'inconclusive', reason: 'dns_error' });
  });

  it('does not take NXDOMAIN as removal while the domain is under RPZ (the block answers so)', () => {
    expect(decide({ dnsError: 'ENOTFOUND', httpStatus: null, rpzInEffect: true })).toMatchObject({ outcome: 'inconclusive', reason: 'dns_unresolved' });
  });

  it('takes 404 and 410 as removed, whatever the page says', () => {
    expect(decide({ httpStatus: 404 })).toMatchObject({ outcome: 'removed', reason: 'http_404', detail: 'HTTP 404 Not Found' });
    expect(decide({ httpStatus: 410 })).toMatchObject({ outcome: 'removed', reason: 'http_410' });
  });

  it('is inconclusive without a captured page', () => {
    expect(decide({ httpStatus: null, captureError: 'navigation timed out' })).toMatchObject({ outcome: 'inconclusive', reason: 'capture_failed', detail: expect.stringContaining('timed out') });
  });

  it("finds the platform's unavailable page across width, case and line breaks", () => {
    const decision = decide({ pageText: 'Instagram\nＳｏｒｒｙ, this page\nisn’t available.\nThe link you followed may be broken.' });
    expect(decision).toMatchObject({ outcome: 'removed', reason: 'platform_marker' });
    expect(decision.detail).toContain("Sorry, this page isn't available.");
    expect(decide({ pageText: '很抱歉， 此頁面無法使用。' })).toMatchObject({ reason: 'platform_marker' });
  });

  it('ignores a marker that was already on the original page, and one quoted next to the content', () => {
    const footer = '很抱歉，此頁面無法使用。';
    expect(decide({ pageText: `看板列表 ${footer}`, originalPageText: `${POST} ${footer}` })).toMatchObject({ outcome: 'removed', reason: 'content_gone' });
    const quoted = decide({ pageText: `${POST}。有人貼了 Sorry, this page isn't available. 騙人` });
    expect(quoted).toMatchObject({ outcome: 'online', reason: 'content_present' });
    expect(quoted.detail).toContain('may quote');
  });

  it('takes the content as gone only when no key text and no original image is on the page', () => {
    expect(decide({ pageText: '虛構論壇 首頁 看板 熱門文章 其他討論' })).toMatchObject({ outcome: 'removed', reason: 'content_gone' });
    expect(decide({ pageText: `首頁\n${POST.slice(0, 10)}\n${POST.slice(10)}` })).toMatchObject({ outcome: 'online', reason: 'content_present' });
    expect(decide({ pageText: '虛構論壇 首頁', currentImageHashes: ['a'.repeat(64)] })).toMatchObject({ outcome: 'online', reason: 'content_present', detail: expect.stringContaining('image') });
    expect(decide({ pageText: '虛構論壇 首頁', keyTexts: [], originalImageHashes: ['a'.repeat(64)], currentImageHashes: ['b'.repeat(64)] })).toMatchObject({ reason: 'content_gone' });
  });

  it('calls a normal page without anything to compare with online, and says so', () => {
    const decision = decide({ keyTexts: [], originalImageHashes: [] });
    expect(decision).toMatchObject({ outcome: 'online', reason: 'no_reference' });
    expect(decision.detail).toMatch(/not proven/);
  });

  it('is inconclusive for server errors, login walls, redirects elsewhere and empty pages', () => {
    expect(decide({ httpStatus: 503, pageText: "Sorry, this page isn't available." })).toMatchObject({ outcome: 'inconclusive', reason: 'http_error' });
    expect(decide({ httpStatus: 403, pageText: '請先登入' })).toMatchObject({ outcome: 'inconclusive', reason: 'http_error' });
    expect(decide({ httpStatus: 403, pageText: '很抱歉，此頁面無法使用。' })).toMatchObject({ outcome: 'removed', reason: 'platform_marker' });
    expect(decide({ finalUrl: 'https://forum.example/login?next=/p/1', pageText: '登入 帳號 密碼' })).toMatchObject({ outcome: 'inconclusive', reason: 'redirected' });
    expect(decide({ finalUrl: 'https://forum.example/p/1/#top', pageText: '看板 其他' })).toMatchObject({ reason: 'content_gone' });
    expect(decide({ requestedUrl: 'http://forum.example/p/1', finalUrl: 'https://www.forum.example/p/1', pageText: '看板 其他' })).toMatchObject({ reason: 'content_gone' });
    expect(decide({ finalUrl: 'https://forum.example/p/2', pageText: '看板 其他' })).toMatchObject({ reason: 'redirected' });
    expect(decide({ pageText: ' \n ' })).toMatchObject({ outcome: 'inconclusive', reason: 'empty_page' });
  });
});
