/** Key texts and image hashes of the original content (G5.2), from synthetic text and a built WARC. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildWarcGz } from '../../capture/warc.ts';
import { imageHashesFromWarc, keyTextsFrom, MIN_IMAGE_BYTES, selectKeyTexts } from './removal-reference.ts';

const POST = '社區水塔每到半夜就會唱歌。管委會說是水壓造成的！有人錄到了完整的一段旋律，今晚十點在中庭分享？ok。\nThe tower hums in D minor. Bring tea.';

describe('keyTextsFrom', () => {
  it('splits into sentence-like fragments of at least six characters, longest first, at most five', () => {
    const texts = keyTextsFrom(POST);
    expect(texts[0]).toBe('有人錄到了完整的一段旋律，今晚十點在中庭分享');
    expect(texts).toContain('社區水塔每到半夜就會唱歌');
    expect(texts).toContain('The tower hums in D minor');
    expect(texts).toContain('Bring tea');
    expect(texts).not.toContain('ok');
    expect(keyTextsFrom(`${POST}\n第六段的文字內容。第七段的文字內容很長`)).toHaveLength(5);
    expect(keyTextsFrom('一二三四五。一二三四五六。a.b.c 3.5 版')).toEqual(['a.b.c 3.5 版', '一二三四五六']);
    expect(keyTextsFrom('   ')).toEqual([]);
  });

  it('keeps the beginning of a long sentence', () => {
    const long = '水'.repeat(100);
    expect(keyTextsFrom(long)).toEqual(['水'.repeat(60)]);
  });
});

describe('selectKeyTexts', () => {
  const page = `虛構論壇 首頁\n${POST}\n回覆`;
  it("keeps only the finding's fragments that the sealed page showed", () => {
    expect(selectKeyTexts({ contentText: `${POST}\n承辦人備註：已截圖存證。`, originalPageText: page })).toEqual({ keyTexts: keyTextsFrom(POST), source: 'finding' });
  });
  it("falls back to the sealed page's own sentences when the finding's text is a note", () => {
    const picked = selectKeyTexts({ contentText: '見附件，內容為唱歌水塔之貼文摘要', originalPageText: page });
    expect(picked.source).toBe('capture');
    expect(picked.keyTexts).toContain('有人錄到了完整的一段旋律，今晚十點在中庭分享');
  });
  it("takes the finding's text as is without a sealed page, and nothing when there is nothing", () => {
    expect(selectKeyTexts({ contentText: POST, originalPageText: null }).source).toBe('finding');
    expect(selectKeyTexts({ contentText: '見附件', originalPageText: null })).toEqual({ keyTexts: [], source: 'none' });
  });
});

describe('imageHashesFromWarc', () => {
  const response = (uri: string, status: number, type: string, body: Buffer, truncated = false) => {
    const head = Buffer.from(`HTTP/1.1 ${status} X\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\n\r\n`, 'latin1');
    return { type: 'response' as const, date: new Date(), targetUri: uri, contentType: 'application/http;msgtype=response', block: Buffer.concat([head, body]), payload: body, extraHeaders: truncated ? ([['WARC-Truncated', 'length']] as [string, string][]) : [] };
  };
  const photo = Buffer.alloc(MIN_IMAGE_BYTES + 10, 7);

  it('hashes complete 2xx image responses of a useful size and nothing else', () => {
    const { data } = buildWarcGz([
      { type: 'warcinfo', date: new Date(), contentType: 'application/warc-fields', block: Buffer.from('software: test\r\n') },
      response('http://x.example/photo.jpg', 200, 'image/jpeg', photo),
      response('http://x.example/photo-again.jpg', 200, 'IMAGE/JPEG; charset=binary', photo),
      response('http://x.example/pixel.png', 200, 'image/png', Buffer.alloc(60, 1)),
      response('http://x.example/page', 200, 'text/html', Buffer.alloc(5000, 0x61)),
      response('http://x.example/missing.png', 404, 'image/png', Buffer.alloc(5000, 2)),
      response('http://x.example/cut.png', 200, 'image/png', Buffer.alloc(5000, 3), true),
    ]);
    expect(imageHashesFromWarc(data)).toEqual([createHash('sha256').update(photo).digest('hex')]);
  });

  it('answers no hashes for a malformed WARC', () => {
    expect(imageHashesFromWarc(Buffer.from('not a warc'))).toEqual([]);
  });
});
