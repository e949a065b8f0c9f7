/**
 * Parser for LINE chat exports (.txt), zh-TW and English (G6.3.3: import of chat exports, printed
 * completely as evidence). It is strict on purpose: a line it does not understand is an error
 * naming that line, never skipped, because a record that silently lost a message is not complete.
 *
 * Recognised layout:
 *   [LINE] 與小安的聊天記錄 | [LINE] Chat history with Amy | [LINE] Chat history in Group
 *   儲存日期：2025/11/22 10:30 | Saved on: 11/22/2025, 10:30      (optional)
 *   2025/11/20（週四） | 2025/11/20(四) | 2025.11.20 星期四 | Thu, 11/20/2025 | 2025/11/20 Thu
 *   21:15<TAB>sender<TAB>text | 上午 09:15<TAB>… | 9:15 PM<TAB>…             (messages)
 *   21:25<TAB>小安 已收回訊息                                  (no sender column: notices)
 * A message whose text spans lines is wrapped in double quotes, with inner quotes doubled.
 */
import { ChatParseError, type ChatMessage, type ChatTranscript } from './chat-message.ts';
import { classifyMessage, classifySenderlessLine } from './message-kind.ts';
import { formatTaipeiIso, isValidCalendarDate, parseClockTime, weekdayOf, type CalendarDate } from './taipei-time.ts';

const HEADER = /^\[LINE\]\s*(.*)$/;
const SAVED_ON = /^(?:儲存日期|Saved on)\s*[:：]\s*(.+)$/i;

const ZH_WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const EN_WEEKDAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const EN_WEEKDAY = '(Sun|Mon|Tue|Wed|Thu|Fri|Sat)[a-z]*\\.?';

// 2025/11/20（週四）, 2025/11/20(四), 2025.11.20（星期四）, 2025.11.20 星期四, or the date alone.
const ZH_DATE_LINE = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})\s*(?:[（(](?:週|周|星期)?([日天一二三四五六])[）)]|\s(?:週|周|星期)([日天一二三四五六]))?$/;
// Thu, 11/20/2025 (month first, as LINE's English export writes it).
const EN_DATE_LINE_WEEKDAY_FIRST = new RegExp(`^${EN_WEEKDAY},?\\s+(\\d{1,2})/(\\d{1,2})/(\\d{4})$`, 'i');
// 2025/11/20 Thu, 2025/11/20 (Thu), 2025.11.20 Thursday.
const EN_DATE_LINE_WEEKDAY_LAST = new RegExp(`^(\\d{4})[/.-](\\d{1,2})[/.-](\\d{1,2})\\s*\\(?${EN_WEEKDAY}\\)?$`, 'i');

function checkedDate(date: CalendarDate, weekday: number | undefined, lineNumber: number, raw: string): CalendarDate {
  if (!isValidCalendarDate(date)) throw new ChatParseError(lineNumber, `no such date "${raw}"`);
  // A weekday that disagrees with the date means the date was misread (day and month swapped?).
  if (weekday !== undefined && weekdayOf(date) !== weekday) {
    throw new ChatParseError(lineNumber, `weekday does not match the date in "${raw}"`);
  }
  return date;
}

/** Reads a date line; null when the line is not one. Throws for a date line with an impossible date. */
export function parseDateLine(raw: string, lineNumber: number): CalendarDate | null {
  const line = raw.trim();
  let match = ZH_DATE_LINE.exec(line);
  if (match) {
    const weekdayName = match[4] ?? match[5];
    const weekday = weekdayName === undefined ? undefined : ZH_WEEKDAYS[weekdayName];
    return checkedDate({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }, weekday, lineNumber, raw);
  }
  match = EN_DATE_LINE_WEEKDAY_LAST.exec(line);
  if (match) {
    const weekday = EN_WEEKDAYS[match[4]!.toLowerCase()];
    return checkedDate({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }, weekday, lineNumber, raw);
  }
  match = EN_DATE_LINE_WEEKDAY_FIRST.exec(line);
  if (match) {
    const weekday = EN_WEEKDAYS[match[1]!.toLowerCase()];
    return checkedDate({ year: Number(match[4]), month: Number(match[2]), day: Number(match[3]) }, weekday, lineNumber, raw);
  }
  return null;
}

/** Reads the "saved on" value: "2025/11/22 10:30", "11/22/2025, 10:30", "2025/11/22 上午10:30", "11/22/2025 10:30 AM". */
function parseSavedOn(value: string, lineNumber: number): string {
  const match = /^(?:(\d{4})\/(\d{1,2})\/(\d{1,2})|(\d{1,2})\/(\d{1,2})\/(\d{4})),?\s+(.+)$/.exec(value.trim());
  const time = match ? parseClockTime(match[7]!) : null;
  if (!match || time === null) throw new ChatParseError(lineNumber, `cannot read the saved date "${value}"`);
  const date =
    match[1] === undefined
      ? { year: Number(match[6]), month: Number(match[4]), day: Number(match[5]) }
      : { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!isValidCalendarDate(date)) throw new ChatParseError(lineNumber, `no such date in "${value}"`);
  return formatTaipeiIso(date, time);
}

/** The chat partner or group named in the header, or the whole title when its form is unknown. */
function chatNameOf(title: string): string | null {
  const match = /^與(.+)的聊天記錄$/.exec(title) ?? /^Chat history (?:with|in) (.+)$/i.exec(title) ?? /^(.+)的聊天記錄$/.exec(title);
  const name = (match?.[1] ?? title).trim();
  return name === '' ? null : name;
}

/** A message line starts with a time and a tab. */
function splitMessageLine(line: string): { time: string; fields: string[] } | null {
  const tab = line.indexOf('\t');
  if (tab < 0) return null;
  return { time: line.slice(0, tab), fields: line.slice(tab + 1).split('\t') };
}

function looksLikeMessageLine(line: string): boolean {
  const split = splitMessageLine(line);
  return split !== null && parseClockTime(split.time) !== null;
}

/**
 * Reads a message written over several lines: `"first line` … `last line"`, inner quotes doubled.
 * Returns null (read the first line as it stands) when the quote closes on the first line — LINE
 * quotes only multi-line messages, so `"hi"` is a message that contains quotes — or when the quote
 * never closes properly before the next message line or the end of the file.
 */
function readQuotedMessage(lines: readonly string[], firstIndex: number, firstText: string): { text: string; lastIndex: number } | null {
  let text = '';
  let segment = firstText.slice(1);
  let index = firstIndex;
  for (;;) {
    for (let position = 0; position < segment.length; position += 1) {
      const character = segment[position];
      if (character !== '"') {
        text += character;
        continue;
      }
      if (segment[position + 1] === '"') {
        text += '"';
        position += 1;
        continue;
      }
      if (position === segment.length - 1 && index > firstIndex) return { text, lastIndex: index };
      return null;
    }
    index += 1;
    const next = lines[index];
    if (next === undefined || looksLikeMessageLine(next)) return null;
    text += '\n';
    segment = next;
  }
}

/** Parses a LINE .txt export (zh-TW or English). Throws {@link ChatParseError} naming the line it cannot read. */
export function parseLineExport(content: string): ChatTranscript {
  const lines = content.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const header = HEADER.exec(lines[0] ?? '');
  if (!header) throw new ChatParseError(1, 'not a LINE export: the first line must start with "[LINE]"');
  const chatName = chatNameOf(header[1]!);

  let index = 1;
  while (index < lines.length && lines[index]!.trim() === '') index += 1;
  let savedAt: string | null = null;
  const savedOn = SAVED_ON.exec(lines[index]?.trim() ?? '');
  if (savedOn) {
    savedAt = parseSavedOn(savedOn[1]!, index + 1);
    index += 1;
  }

  const messages: ChatMessage[] = [];
  let currentDate: CalendarDate | null = null;
  for (; index < lines.length; index += 1) {
    const line = lines[index]!;
    const lineNumber = index + 1;
    if (line.trim() === '') continue;

    const date = parseDateLine(line, lineNumber);
    if (date !== null) {
      currentDate = date;
      continue;
    }

    const split = splitMessageLine(line);
    if (split === null) throw new ChatParseError(lineNumber, `not a date or message line: "${line}"`);
    const time = parseClockTime(split.time);
    if (time === null) throw new ChatParseError(lineNumber, `cannot read the time "${split.time}"`);
    if (currentDate === null) throw new ChatParseError(lineNumber, 'message before the first date line');

    // Three or more fields: time, sender, text (a text may itself contain tabs). Two: a notice.
    const hasSender = split.fields.length >= 2;
    const sender = hasSender ? split.fields[0]! : '';
    let text = hasSender ? split.fields.slice(1).join('\t') : split.fields[0]!;
    if (text.startsWith('"')) {
      const quoted = readQuotedMessage(lines, index, text);
      if (quoted !== null) {
        text = quoted.text;
        index = quoted.lastIndex;
      }
    }
    const classified = hasSender ? { kind: classifyMessage(sender, text), sender } : classifySenderlessLine(text);
    messages.push({ time: formatTaipeiIso(currentDate, time), sender: classified.sender, text, kind: classified.kind, line: lineNumber });
  }
  return { format: 'line', chatName, savedAt, messages };
}
