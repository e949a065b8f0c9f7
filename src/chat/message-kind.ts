/**
 * Tells a message's kind from LINE's markers, in both the zh-TW and the English export. The
 * marker text itself is kept as the message text, so the printed record shows what the export
 * showed (G6.3.3: the record is printed completely).
 */
import type { ChatMessageKind } from './chat-message.ts';

// Whole-text markers only: a message that merely starts with "[照片]" and goes on is text a person
// typed, not an attachment.
const MARKER_KINDS = new Map<string, ChatMessageKind>([
  ['[貼圖]', 'sticker'],
  ['[Sticker]', 'sticker'],
  ['[照片]', 'photo'],
  ['[Photo]', 'photo'],
  ['[相簿]', 'photo'],
  ['[Album]', 'photo'],
  ['[影片]', 'video'],
  ['[Video]', 'video'],
  ['[檔案]', 'file'],
  ['[File]', 'file'],
  // Voice messages are attachments the export does not contain, like files.
  ['[語音訊息]', 'file'],
  ['[Voice message]', 'file'],
]);

const UNSENT_ZH = '已收回訊息';
const UNSENT_EN = 'unsent a message';
// Who may be named before the unsent marker besides the sender: LINE writes 您/You for the exporter.
const SELF_NAMES = new Set(['您', '你', 'You', 'you']);

/** Classification of a line that has a sender column. */
export function classifyMessage(sender: string, text: string): ChatMessageKind {
  const marker = MARKER_KINDS.get(text.trim());
  if (marker !== undefined) return marker;
  if (isUnsentBy(sender, text)) return 'unsent';
  if (text.startsWith('☎')) return 'call';
  return sender === '' ? 'system' : 'text';
}

function isUnsentBy(sender: string, text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === UNSENT_ZH || trimmed.toLowerCase() === UNSENT_EN) return true;
  const prefix = unsentPrefix(trimmed);
  return prefix !== null && (prefix === sender || SELF_NAMES.has(prefix));
}

/** The name written before "已收回訊息" / "unsent a message", or null when the text is not an unsent notice. */
function unsentPrefix(text: string): string | null {
  if (text.endsWith(UNSENT_ZH)) return text.slice(0, -UNSENT_ZH.length).trim();
  if (text.toLowerCase().endsWith(` ${UNSENT_EN}`)) return text.slice(0, -UNSENT_EN.length).trim();
  return null;
}

/**
 * Classification of a line without a sender column ("time<TAB>text"): an unsent notice names its
 * sender in the text ("小安 已收回訊息", "Amy unsent a message"); a call line is a call; anything
 * else (joins, renames, invitations) is a system line.
 */
export function classifySenderlessLine(text: string): { kind: ChatMessageKind; sender: string } {
  const trimmed = text.trim();
  if (trimmed === UNSENT_ZH || trimmed.toLowerCase() === UNSENT_EN) return { kind: 'unsent', sender: '' };
  const prefix = unsentPrefix(trimmed);
  if (prefix !== null && prefix !== '') return { kind: 'unsent', sender: prefix };
  if (trimmed.startsWith('☎')) return { kind: 'call', sender: '' };
  return { kind: 'system', sender: '' };
}
