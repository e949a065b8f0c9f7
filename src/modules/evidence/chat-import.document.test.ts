import { describe, expect, it } from 'vitest';
import type { ChatTranscript } from '../../chat/index.ts';
import { chatRecordDocument } from './chat-import.document.ts';
import { parseChatRecord, summarizeChat } from './chat-import.service.ts';

const transcript: ChatTranscript = {
  format: 'csv',
  chatName: null,
  savedAt: null,
  messages: [
    { time: '2025-11-20T21:15:00+08:00', sender: '阿傑', text: '<script>alert("x")</script>', kind: 'text', line: 2 },
    { time: '2025-11-20T21:16:30+08:00', sender: '小安"><img src=x onerror=alert(1)>', text: '第一行\n第二行', kind: 'text', line: 3 },
    { time: '2025-11-20T21:17:00+08:00', sender: '小安', text: '[貼圖]', kind: 'sticker', line: 5 },
    { time: '2025-11-19T08:00:00+08:00', sender: '', text: '阿傑 加入群組', kind: 'system', line: 6 },
  ],
};

const facts = {
  itemId: '00000000-0000-4000-8000-000000000001',
  caseNumber: null,
  owningUnitCode: 'DA-S1',
  sourceFileName: '<b>對話</b>.csv',
  sourceSha256: 'ab'.repeat(32),
  sourceSizeBytes: 123,
  importedAt: new Date('2025-11-22T02:30:05Z'),
  printedAt: new Date('2025-11-23T01:00:00Z'),
  printedBy: 'officer.a（DA-S1）',
  participants: ['阿傑', '小安'],
  transcript,
};

describe('chatRecordDocument', () => {
  const { document, footerHtml, headerHtml } = chatRecordDocument(facts);

  it('prints hostile message text, senders and file names as text, never as markup', () => {
    expect(document.markup).not.toMatch(/<script/i);
    expect(document.markup).not.toMatch(/<img/i);
    expect(document.markup).not.toContain('<b>對話</b>');
    expect(document.markup).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(document.markup).toContain('&lt;b&gt;對話&lt;/b&gt;.csv');
  });

  it('shows every message with its ROC date-time, keeps line breaks and brackets non-text kinds', () => {
    expect(document.markup.match(/<tr>\n<td class="seq">/g)).toHaveLength(4);
    expect(document.markup).toContain('114/11/20 21:15');
    expect(document.markup).toContain('114/11/20 21:16:30');
    expect(document.markup).toContain('第一行\n第二行');
    expect(document.markup).toContain('[貼圖 sticker]');
    expect(document.markup).toContain('[系統訊息 system]');
    // Import time in Taipei: 2025-11-22 10:30:05 → 民國 114.
    expect(document.markup).toContain('114/11/22 10:30:05');
  });

  it('names an unopened case 「未立案」 and puts page x of y, the case and the SHA-256 in the footer', () => {
    expect(document.markup).toContain('未立案');
    expect(footerHtml.markup).toContain('未立案');
    expect(footerHtml.markup).toContain('ab'.repeat(32));
    expect(footerHtml.markup).toContain('第 <span class="pageNumber"></span> 頁／共 <span class="totalPages"></span> 頁');
    expect(headerHtml.markup).toContain(facts.itemId);
    expect(chatRecordDocument({ ...facts, caseNumber: '113-婦幼-0042' }).footerHtml.markup).toContain('113-婦幼-0042');
  });
});

describe('chat record parsing and summary', () => {
  it('names the line of a parse failure', () => {
    const bad = Buffer.from('[LINE] 與小安的聊天記錄\n\n2025/11/20（週四）\n這一行不是訊息\n');
    expect(() => parseChatRecord(bad, null)).toThrow(expect.objectContaining({ code: 'CHAT_PARSE_FAILED', message: expect.stringContaining('第 4 行') }));
  });

  it('refuses invalid UTF-8 and a record without messages', () => {
    expect(() => parseChatRecord(Buffer.from([0x74, 0x69, 0x6d, 0x65, 0xff, 0x0a]), null)).toThrow(expect.objectContaining({ code: 'CHAT_PARSE_FAILED' }));
    expect(() => parseChatRecord(Buffer.from('time,sender,text\n'), null)).toThrow(expect.objectContaining({ code: 'CHAT_PARSE_FAILED' }));
  });

  it('summarises participants in order of appearance and the earliest and latest times', () => {
    expect(summarizeChat(transcript)).toEqual({
      format: 'csv',
      messageCount: 4,
      participants: ['阿傑', '小安"><img src=x onerror=alert(1)>', '小安'],
      firstMessageAt: '2025-11-19T08:00:00+08:00',
      lastMessageAt: '2025-11-20T21:17:00+08:00',
    });
  });
});
