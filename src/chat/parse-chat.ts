/**
 * Entry point for chat imports (G6.3.3): tells the format from the content when the officer does
 * not name it, and dispatches to the LINE or the CSV parser.
 */
import { ChatParseError, type ChatFormat, type ChatTranscript } from './chat-message.ts';
import { isChatCsvHeader, parseChatCsv } from './chat-csv.ts';
import { parseLineExport } from './line-export.ts';

/** Detects the format from the first non-blank line; throws when it is neither a LINE export nor chat CSV. */
export function detectChatFormat(content: string): ChatFormat {
  const lines = content.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const firstIndex = lines.findIndex((line) => line.trim() !== '');
  const first = lines[firstIndex] ?? '';
  if (first.startsWith('[LINE]')) return 'line';
  if (isChatCsvHeader(first)) return 'csv';
  throw new ChatParseError(Math.max(firstIndex, 0) + 1, 'unknown chat format: expected a LINE export ("[LINE] …") or CSV with the header "time,sender,text"');
}

/** Parses a chat export in the given format, or the detected one. */
export function parseChatExport(content: string, format: ChatFormat = detectChatFormat(content)): ChatTranscript {
  return format === 'line' ? parseLineExport(content) : parseChatCsv(content);
}

/**
 * Decodes an export file's bytes: UTF-16 when it starts with a UTF-16 byte-order mark (some
 * Windows tools save so), otherwise strict UTF-8 — an invalid byte is an error, not a silent "�"
 * in an evidence record.
 */
export function decodeChatFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('the file is not valid UTF-8 (nor UTF-16 with a byte-order mark)');
  }
}
