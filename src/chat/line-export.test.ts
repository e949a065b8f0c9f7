import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ChatParseError } from './chat-message.ts';
import { parseLineExport } from './line-export.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/chat/${name}`, import.meta.url), 'utf8');

function errorOf(content: string): ChatParseError {
  try {
    parseLineExport(content);
  } catch (error) {
    if (error instanceof ChatParseError) return error;
    throw error;
  }
  throw new Error('expected a ChatParseError');
}

describe('parseLineExport: zh-TW export (shared fixture)', () => {
  const transcript = parseLineExport(fixture('line-export-zh-TW.txt'));

  it('reads the header', () => {
    expect(transcript).toMatchObject({ format: 'line', chatName: '小安', savedAt: '2025-11-22T10:30:00+08:00' });
  });

  it('reads every message with Taipei time, sender, text, kind and source line', () => {
    expect(transcript.messages).toEqual([
      { time: '2025-11-20T21:15:00+08:00', sender: '阿傑', text: '哈囉 看到你在Dcard的貼文', kind: 'text', line: 5 },
      { time: '2025-11-20T21:16:00+08:00', sender: '小安', text: '嗨 你是誰', kind: 'text', line: 6 },
      { time: '2025-11-20T21:18:00+08:00', sender: '阿傑', text: '我是之前留言的那個\n想問你週末有空嗎', kind: 'text', line: 7 },
      { time: '2025-11-20T21:20:00+08:00', sender: '小安', text: '[貼圖]', kind: 'sticker', line: 9 },
      { time: '2025-11-20T21:21:00+08:00', sender: '阿傑', text: '[照片]', kind: 'photo', line: 10 },
      { time: '2025-11-20T21:25:00+08:00', sender: '小安', text: '已收回訊息', kind: 'unsent', line: 11 },
      { time: '2025-11-21T08:02:00+08:00', sender: '阿傑', text: '早安', kind: 'text', line: 13 },
      { time: '2025-11-21T08:05:00+08:00', sender: '小安', text: '早 我要去上課了', kind: 'text', line: 14 },
      { time: '2025-11-21T08:06:00+08:00', sender: '阿傑', text: '☎ 未接來電', kind: 'call', line: 15 },
    ]);
  });
});

describe('parseLineExport: zh-TW export with 上午/下午 times', () => {
  const transcript = parseLineExport(fixture('line-export-zh-TW-12h.txt'));

  it('reads a group header and a 12-hour saved date', () => {
    expect(transcript).toMatchObject({ chatName: '讀書會', savedAt: '2025-11-22T10:30:00+08:00' });
  });

  it('converts 上午/下午 (12 AM = midnight, 12 PM = noon) and reads videos, files, notices and calls', () => {
    expect(transcript.messages).toEqual([
      { time: '2025-11-20T09:05:00+08:00', sender: '阿傑', text: '早', kind: 'text', line: 5 },
      { time: '2025-11-20T12:10:00+08:00', sender: '小安', text: '[影片]', kind: 'video', line: 6 },
      { time: '2025-11-20T13:15:00+08:00', sender: '阿傑', text: '[檔案]', kind: 'file', line: 7 },
      { time: '2025-11-20T21:20:00+08:00', sender: '小安', text: '第一行\n第二行\n第三行', kind: 'text', line: 8 },
      { time: '2025-11-20T23:40:00+08:00', sender: '小安', text: '小安 已收回訊息', kind: 'unsent', line: 11 },
      { time: '2025-11-21T00:05:00+08:00', sender: '阿傑', text: '☎ 通話時間 0:35', kind: 'call', line: 14 },
      { time: '2025-11-21T00:10:00+08:00', sender: '', text: '小安加入群組', kind: 'system', line: 15 },
      { time: '2025-11-21T01:00:00+08:00', sender: '小安', text: '小安已收回訊息', kind: 'unsent', line: 16 },
    ]);
  });
});

describe('parseLineExport: English exports', () => {
  it('reads "Thu, 11/20/2025" dates and 24-hour times', () => {
    const transcript = parseLineExport(fixture('line-export-en-24h.txt'));
    expect(transcript).toMatchObject({ chatName: 'Amy', savedAt: '2025-11-22T10:30:00+08:00' });
    expect(transcript.messages).toEqual([
      { time: '2025-11-20T21:15:00+08:00', sender: 'Jay', text: 'Hi, saw your post on Dcard', kind: 'text', line: 5 },
      { time: '2025-11-20T21:16:00+08:00', sender: 'Amy', text: 'Hi who is this', kind: 'text', line: 6 },
      { time: '2025-11-20T21:18:00+08:00', sender: 'Jay', text: 'I left a comment earlier\nare you free this weekend?', kind: 'text', line: 7 },
      { time: '2025-11-20T21:20:00+08:00', sender: 'Amy', text: '[Sticker]', kind: 'sticker', line: 9 },
      { time: '2025-11-20T21:21:00+08:00', sender: 'Jay', text: '[Photo]', kind: 'photo', line: 10 },
      { time: '2025-11-20T21:22:00+08:00', sender: 'Jay', text: '[Video]', kind: 'video', line: 11 },
      { time: '2025-11-20T21:23:00+08:00', sender: 'Jay', text: '[File]', kind: 'file', line: 12 },
      { time: '2025-11-20T21:25:00+08:00', sender: 'Amy', text: 'Unsent a message', kind: 'unsent', line: 13 },
      { time: '2025-11-21T08:02:00+08:00', sender: 'Jay', text: 'Morning', kind: 'text', line: 16 },
      { time: '2025-11-21T08:06:00+08:00', sender: 'Jay', text: '☎ Missed call', kind: 'call', line: 17 },
      { time: '2025-11-21T08:10:00+08:00', sender: 'Amy', text: '☎ Call time 0:35', kind: 'call', line: 18 },
    ]);
  });

  it('reads "2025/11/20 Thu" dates, "9:15 PM" times, CRLF, doubled quotes and system lines', () => {
    const transcript = parseLineExport(fixture('line-export-en-12h.txt'));
    expect(transcript).toMatchObject({ chatName: 'Study Group', savedAt: '2025-11-22T10:30:00+08:00' });
    expect(transcript.messages).toEqual([
      { time: '2025-11-20T21:15:00+08:00', sender: 'Jay', text: 'Hello everyone', kind: 'text', line: 5 },
      { time: '2025-11-20T21:16:00+08:00', sender: '', text: 'Amy joined the group.', kind: 'system', line: 6 },
      { time: '2025-11-20T21:17:00+08:00', sender: 'Amy', text: 'Line one\nShe said "hi"\n\nline four', kind: 'text', line: 7 },
      // LINE quotes only multi-line messages: quotes closing on the same line are the message's own.
      { time: '2025-11-20T23:59:00+08:00', sender: 'Amy', text: '"quoted" on one line', kind: 'text', line: 11 },
      { time: '2025-11-21T00:00:00+08:00', sender: 'Jay', text: 'Midnight message', kind: 'text', line: 14 },
      { time: '2025-11-21T12:30:00+08:00', sender: 'Jay', text: 'Lunch?', kind: 'text', line: 15 },
      { time: '2025-11-21T13:05:00+08:00', sender: 'Amy', text: 'Amy unsent a message', kind: 'unsent', line: 16 },
      { time: '2025-11-21T13:06:00+08:00', sender: 'Jay', text: 'You unsent a message', kind: 'unsent', line: 17 },
    ]);
  });
});

describe('parseLineExport: edge cases', () => {
  const head = '[LINE] 與小安的聊天記錄\n儲存日期：2025/11/22 10:30\n\n';

  it('accepts a BOM, half-width parentheses, 星期 weekdays with or without parentheses, and no saved date', () => {
    const transcript = parseLineExport('\uFEFF[LINE] 與小安的聊天記錄\n2025/11/20(四)\n21:15\t阿傑\t嗨\n2025/11/21（星期五）\n08:00\t小安\t早\n2025.11.22 星期六\n09:00\t阿傑\t好\n');
    expect(transcript.savedAt).toBeNull();
    expect(transcript.messages.map((message) => [message.time, message.line])).toEqual([
      ['2025-11-20T21:15:00+08:00', 3],
      ['2025-11-21T08:00:00+08:00', 5],
      ['2025-11-22T09:00:00+08:00', 7],
    ]);
  });

  it('keeps tabs inside a message text', () => {
    expect(parseLineExport(`${head}2025/11/20（週四）\n21:15\t阿傑\ta\tb\n`).messages[0]?.text).toBe('a\tb');
  });

  it('reads an unclosed quote as the text it is, without swallowing the next message', () => {
    const transcript = parseLineExport(`${head}2025/11/20（週四）\n21:15\t阿傑\t"開頭的引號\n21:16\t小安\t好\n`);
    expect(transcript.messages.map((message) => message.text)).toEqual(['"開頭的引號', '好']);
  });

  it.each([
    ['a file without the [LINE] header', '與小安的聊天記錄\n', 1, 'line 1: not a LINE export: the first line must start with "[LINE]"'],
    ['an unreadable saved date', '[LINE] 與小安的聊天記錄\n儲存日期：昨天\n', 2, 'line 2: cannot read the saved date "昨天"'],
    ['a message before any date line', `${head}21:15\t阿傑\t嗨\n`, 4, 'line 4: message before the first date line'],
    ['a stray line', `${head}2025/11/20（週四）\n21:15\t阿傑\t嗨\n這行沒有時間\n`, 6, 'line 6: not a date or message line: "這行沒有時間"'],
    ['an unreadable time', `${head}2025/11/20（週四）\n25:15\t阿傑\t嗨\n`, 5, 'line 5: cannot read the time "25:15"'],
    ['an impossible date', `${head}2025/02/30\n`, 4, 'line 4: no such date "2025/02/30"'],
    ['a weekday that does not match', `${head}2025/11/20（週五）\n`, 4, 'line 4: weekday does not match the date in "2025/11/20（週五）"'],
    ['an English weekday that does not match', '[LINE] Chat history with Amy\nFri, 11/20/2025\n', 2, 'line 2: weekday does not match the date in "Fri, 11/20/2025"'],
  ])('rejects %s, naming the line', (_name, content, line, message) => {
    const error = errorOf(content);
    expect(error.line).toBe(line);
    expect(error.message).toBe(message);
  });
});
