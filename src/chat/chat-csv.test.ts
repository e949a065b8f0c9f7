import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseChatCsv } from './chat-csv.ts';
import { ChatParseError } from './chat-message.ts';

const csvFixture = readFileSync(new URL('../../test/fixtures/chat/chat-generic.csv', import.meta.url), 'utf8');

describe('parseChatCsv', () => {
  it('reads ISO and YYYY/MM/DD times as Taipei time, quoted commas and line breaks, and kinds', () => {
    const transcript = parseChatCsv(csvFixture);
    expect(transcript).toMatchObject({ format: 'csv', chatName: null, savedAt: null });
    expect(transcript.messages).toEqual([
      { time: '2025-11-20T21:15:00+08:00', sender: '阿傑', text: '哈囉', kind: 'text', line: 2 },
      { time: '2025-11-20T21:16:00+08:00', sender: '小安', text: '你好, 你是誰', kind: 'text', line: 3 },
      // 13:18 UTC is 21:18 in Taipei.
      { time: '2025-11-20T21:18:00+08:00', sender: '阿傑', text: '第一行\n第二行', kind: 'text', line: 4 },
      { time: '2025-11-20T21:20:00+08:00', sender: '小安', text: '[貼圖]', kind: 'sticker', line: 6 },
      { time: '2025-11-20T21:21:00+08:00', sender: '阿傑', text: '[照片]', kind: 'photo', line: 7 },
      { time: '2025-11-20T21:25:00+08:00', sender: '', text: '系統訊息', kind: 'system', line: 8 },
    ]);
  });

  it.each([
    ['a missing header', '2025/11/20 21:15,阿傑,嗨\n', 'line 1: the header must be "time,sender,text"'],
    ['a wrong column count', 'time,sender,text\n2025/11/20 21:15,阿傑\n', 'line 2: expected 3 columns (time,sender,text), found 2'],
    ['an unreadable time', 'time,sender,text\n2025/11/20 21:15,阿傑,嗨\n昨天晚上,小安,嗨\n', 'line 3: cannot read the time "昨天晚上" (ISO 8601 or YYYY/MM/DD HH:mm)'],
    ['an impossible date', 'time,sender,text\n2025/02/30 21:15,阿傑,嗨\n', 'line 2: cannot read the time "2025/02/30 21:15" (ISO 8601 or YYYY/MM/DD HH:mm)'],
    ['a CSV syntax error', 'time,sender,text\n2025/11/20 21:15,阿傑,"never closed\n', 'line 2: quoted field is never closed'],
  ])('rejects %s, naming the line', (_name, content, message) => {
    expect(() => parseChatCsv(content)).toThrowError(ChatParseError);
    expect(() => parseChatCsv(content)).toThrowError(message);
  });
});
