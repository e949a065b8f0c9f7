/**
 * Parser for the generic chat CSV (`time,sender,text`), for conversations exported by tools other
 * than LINE (G6.3.3). Times are ISO 8601 or "YYYY/MM/DD HH:mm", read as Taipei time unless an
 * offset is given. Every row must be readable; an unreadable one is an error naming its line.
 */
import { CsvSyntaxError, isBlankCsvRecord, parseCsv } from '../triage/csv.ts';
import { ChatParseError, type ChatMessage, type ChatTranscript } from './chat-message.ts';
import { classifyMessage } from './message-kind.ts';
import { parseTaipeiDateTime } from './taipei-time.ts';

/** The required header, in this order. */
export const CHAT_CSV_HEADER = ['time', 'sender', 'text'] as const;

/** True when a line is the chat CSV header (used to detect the format). */
export function isChatCsvHeader(line: string): boolean {
  try {
    const [record] = parseCsv(line);
    return record !== undefined && record.fields.map((field) => field.trim().toLowerCase()).join(',') === CHAT_CSV_HEADER.join(',');
  } catch {
    return false;
  }
}

/** Parses a generic chat CSV. Throws {@link ChatParseError} naming the line of the first bad row. */
export function parseChatCsv(content: string): ChatTranscript {
  let records;
  try {
    records = parseCsv(content);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ChatParseError(error.line, error.reason);
    throw error;
  }
  const rows = records.filter((record) => !isBlankCsvRecord(record));
  const header = rows[0];
  if (header === undefined || header.fields.map((field) => field.trim().toLowerCase()).join(',') !== CHAT_CSV_HEADER.join(',')) {
    throw new ChatParseError(header?.line ?? 1, `the header must be "${CHAT_CSV_HEADER.join(',')}"`);
  }

  const messages: ChatMessage[] = rows.slice(1).map((record) => {
    if (record.fields.length !== CHAT_CSV_HEADER.length) {
      throw new ChatParseError(record.line, `expected 3 columns (time,sender,text), found ${record.fields.length}`);
    }
    const [rawTime = '', rawSender = '', text = ''] = record.fields;
    const time = parseTaipeiDateTime(rawTime);
    if (time === null) throw new ChatParseError(record.line, `cannot read the time "${rawTime}" (ISO 8601 or YYYY/MM/DD HH:mm)`);
    const sender = rawSender.trim();
    return { time, sender, text, kind: classifyMessage(sender, text), line: record.line };
  });
  return { format: 'csv', chatName: null, savedAt: null, messages };
}
