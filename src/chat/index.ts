/**
 * Chat-record import, a pure library (no HTTP, no database): LINE .txt exports (zh-TW, English)
 * and a generic CSV, parsed into messages with Taipei times and source line numbers (G6.3.3).
 */
export { ChatParseError, type ChatFormat, type ChatMessage, type ChatMessageKind, type ChatTranscript } from './chat-message.ts';
export { CHAT_CSV_HEADER, isChatCsvHeader, parseChatCsv } from './chat-csv.ts';
export { parseDateLine, parseLineExport } from './line-export.ts';
export { classifyMessage, classifySenderlessLine } from './message-kind.ts';
export { decodeChatFile, detectChatFormat, parseChatExport } from './parse-chat.ts';
export { formatTaipeiIso, isValidCalendarDate, parseClockTime, parseTaipeiDateTime, weekdayOf, TAIPEI_OFFSET, type CalendarDate, type ClockTime } from './taipei-time.ts';
