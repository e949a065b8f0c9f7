/**
 * The common shape of an imported chat record (G6.3.3: online conversation records are printed
 * completely as evidence and archived). Every parser produces these; none drops a line silently.
 */

/** What a message is; non-text kinds keep the export's own marker as `text` (e.g. "[貼圖]"). */
export type ChatMessageKind = 'text' | 'sticker' | 'photo' | 'video' | 'file' | 'unsent' | 'call' | 'system';

/** One message. `time` is ISO 8601 in Taipei time (+08:00); `line` is the 1-based source line where it starts. */
export interface ChatMessage {
  readonly time: string;
  /** Display name as exported; '' for system lines (joins, renames) that have no sender. */
  readonly sender: string;
  readonly text: string;
  readonly kind: ChatMessageKind;
  readonly line: number;
}

/** Formats a parser understands. */
export type ChatFormat = 'line' | 'csv';

/** A parsed chat export. */
export interface ChatTranscript {
  readonly format: ChatFormat;
  /** Chat partner or group name from a LINE header; null for CSV. */
  readonly chatName: string | null;
  /** When the export was saved (LINE header), ISO 8601 +08:00; null when the export does not say. */
  readonly savedAt: string | null;
  readonly messages: ChatMessage[];
}

/** Input that cannot be parsed; names the 1-based line so the officer can look at the file. */
export class ChatParseError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'ChatParseError';
  }
}
