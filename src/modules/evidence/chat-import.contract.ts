/** Request and response schemas of the chat-record routes: the contract (STYLE rule 2). */
import { Type } from '@sinclair/typebox';
import type { ChatMessageKind } from '../../chat/index.ts';

// A record, so the compiler flags a kind the parser gains and the contract lacks.
const CHAT_MESSAGE_KINDS: Record<ChatMessageKind, true> = {
  text: true,
  sticker: true,
  photo: true,
  video: true,
  file: true,
  unsent: true,
  call: true,
  system: true,
};

/** One message as the API shows it; the parser's source line number stays on the server. */
export const ChatMessageSchema = Type.Object({
  /** ISO 8601 in Taipei time (+08:00). */
  time: Type.String(),
  /** '' for system lines, which have no sender. */
  sender: Type.String(),
  text: Type.String(),
  kind: Type.Union((Object.keys(CHAT_MESSAGE_KINDS) as ChatMessageKind[]).map((kind) => Type.Literal(kind))),
});

export const ChatMessagesSchema = Type.Object({ messages: Type.Array(ChatMessageSchema) });

export const ChatPrintQuery = Type.Object(
  {
    /** Why the record is printed; required (at least 4 characters), checked by the service. */
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
