/**
 * Chat-record import (G6.3.3: online conversation records are printed completely as evidence and
 * archived). The export file is sealed in the vault exactly as received, then parsed from the
 * sealed copy; what is shown and printed later is always parsed again from that same original,
 * so no derived text can drift from the evidence.
 */
import { createHash } from 'node:crypto';
import { ChatParseError, decodeChatFile, parseChatExport, type ChatFormat, type ChatMessage, type ChatTranscript } from '../../chat/index.ts';
import type { Database } from '../../core/db/client.ts';
import type { PdfPrinter } from '../../core/documents/pdf-printer.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { VaultSizeLimitError, type IngestResult, type Vault } from '../../core/vault/vault.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { unitsRepository } from '../units/units.repository.ts';
import { chatRecordDocument } from './chat-import.document.ts';
import { evidenceRepository, type EvidenceWithUnit } from './evidence.repository.ts';
import { getEvidence, loadAccessible, requireEvidenceRole } from './evidence.service.ts';
import type { EvidenceFileRow } from './evidence.tables.ts';
import { safeOriginalFilename, sniffMediaType } from './media-type.ts';

/** Chat exports are text; 20 MiB is years of messages. */
export const CHAT_IMPORT_MAX_BYTES = 20 * 1024 * 1024;
const CHAT_MEDIA_TYPE = 'text/plain';
const DEFAULT_FILE_NAME = 'chat.txt';

/** An export sealed in the vault, not yet parsed or recorded. */
export type StagedChatFile = { ingest: IngestResult; originalFilename: string | null };

export type ChatImportFields = {
  /** The officer's choice; detected from the content when null. */
  format: ChatFormat | null;
  notes: string | null;
};

/** The summary kept as the item's metadata. */
export type ChatRecordMetadata = {
  format: ChatFormat;
  messageCount: number;
  participants: string[];
  firstMessageAt: string | null;
  lastMessageAt: string | null;
};

/**
 * Streams an export into the vault, refusing anything whose leading bytes are not text (an
 * archive or a binary renamed to .txt never reaches the parser). Refused files leave nothing.
 */
export async function stageChatFile(
  vault: Vault,
  ctx: ServiceContext,
  file: { filename: string | undefined; stream: AsyncIterable<Buffer> },
): Promise<StagedChatFile> {
  requireEvidenceRole(ctx);
  const originalFilename = safeOriginalFilename(file.filename);
  const label = originalFilename ?? 'upload';
  try {
    const ingest = await vault.ingest(file.stream, {
      maxBytes: CHAT_IMPORT_MAX_BYTES,
      onHead: (head) => {
        if (head.length === 0) throw new AppError('UPLOAD_REFUSED', `空白檔案 (empty file): ${label}`);
        const mediaType = sniffMediaType(head);
        if (mediaType !== CHAT_MEDIA_TYPE) {
          throw new AppError(
            'UPLOAD_TYPE_NOT_ALLOWED',
            `對話紀錄須為文字檔 (a chat record must be a text file): ${label} is ${mediaType}; accepted: LINE .txt exports and chat CSV (UTF-8)`,
          );
        }
      },
    });
    return { ingest, originalFilename };
  } catch (error) {
    if (error instanceof VaultSizeLimitError) {
      throw new AppError('UPLOAD_TOO_LARGE', `檔案超過上限 ${error.limit} 位元組 (file exceeds the limit): ${label}`);
    }
    throw error;
  }
}

/** Decodes and parses an export; a failure is a 422 naming the line (when the parser knows it). */
export function parseChatRecord(bytes: Buffer, format: ChatFormat | null): ChatTranscript {
  let content: string;
  try {
    content = decodeChatFile(bytes);
  } catch (error) {
    throw new AppError('CHAT_PARSE_FAILED', `無法解碼對話紀錄 (cannot decode the chat record): ${(error as Error).message}`);
  }
  try {
    const transcript = format === null ? parseChatExport(content) : parseChatExport(content, format);
    if (transcript.messages.length === 0) {
      throw new AppError('CHAT_PARSE_FAILED', '對話紀錄沒有任何訊息 (the chat record contains no messages)');
    }
    return transcript;
  } catch (error) {
    if (error instanceof ChatParseError) {
      throw new AppError('CHAT_PARSE_FAILED', `第 ${error.line} 行無法解析 (line ${error.line}: ${error.reason})`, { line: error.line });
    }
    throw error;
  }
}

/** Distinct senders in order of first appearance (system lines have none). */
export function chatParticipants(messages: readonly ChatMessage[]): string[] {
  return [...new Set(messages.map((m) => m.sender).filter((sender) => sender !== ''))];
}

/** Format, count, participants and the earliest and latest message times (ISO 8601, +08:00). */
export function summarizeChat(transcript: ChatTranscript): ChatRecordMetadata {
  let first: ChatMessage | null = null;
  let last: ChatMessage | null = null;
  for (const message of transcript.messages) {
    const at = Date.parse(message.time);
    if (first === null || at < Date.parse(first.time)) first = message;
    if (last === null || at >= Date.parse(last.time)) last = message;
  }
  return {
    format: transcript.format,
    messageCount: transcript.messages.length,
    participants: chatParticipants(transcript.messages),
    firstMessageAt: first?.time ?? null,
    lastMessageAt: last?.time ?? null,
  };
}

/**
 * Parses the sealed export and records it as a `chat_record` item with its audit row, in one
 * transaction. A parse failure records nothing; the sealed object then stays in the vault
 * unreferenced, which is harmless (content-addressed, encrypted, never listed) and is what a
 * vault garbage collection, if one is ever added, would remove.
 */
export async function recordChatImport(
  db: Database,
  vault: Vault,
  ctx: ServiceContext,
  staged: StagedChatFile,
  fields: ChatImportFields,
): Promise<{ found: EvidenceWithUnit; files: EvidenceFileRow[] }> {
  const actor = requireEvidenceRole(ctx);
  // Parsed from the sealed copy (verified against its hash), not from the request.
  const transcript = parseChatRecord(await vault.readAll(staged.ingest.sha256), fields.format);
  const metadata = summarizeChat(transcript);
  const file = {
    name: staged.originalFilename ?? DEFAULT_FILE_NAME,
    sha256: staged.ingest.sha256,
    sizeBytes: staged.ingest.size,
    mediaType: CHAT_MEDIA_TYPE,
    position: 0,
  };
  return db.transaction(async (tx) => {
    const unit = await unitsRepository.findById(tx, actor.unitId);
    if (!unit) throw new AppError('VALIDATION_FAILED', '使用者單位不存在 (the user\'s unit is missing)');
    const item = await evidenceRepository.insert(
      tx,
      {
        kind: 'chat_record',
        owningUnitId: actor.unitId,
        caseId: null,
        findingId: null,
        sourceUrl: null,
        platform: transcript.format === 'line' ? 'LINE' : null,
        capturedBy: actor.userId,
        // When the platform received the record; the export's own "saved on" is the file's claim.
        capturedAt: new Date(),
        ephemeral: false,
        sha256: staged.ingest.sha256,
        md5: null,
        sizeBytes: staged.ingest.size,
        mediaType: CHAT_MEDIA_TYPE,
        originalFilename: staged.originalFilename,
        notes: fields.notes,
        metadata,
        supersedesId: null,
      },
      [file],
    );
    await recordAudit(tx, ctx, {
      action: 'evidence.chat_import',
      objectType: 'evidence',
      objectId: item.id,
      details: { sha256: item.sha256, sizeBytes: item.sizeBytes, format: metadata.format, messageCount: metadata.messageCount },
    });
    return { found: { item, unit }, files: [{ ...file, itemId: item.id }] };
  });
}

/** The item's original export file (its first file, whose hash is the item's). */
function originalFileOf(found: EvidenceWithUnit, files: EvidenceFileRow[]): EvidenceFileRow {
  if (found.item.kind !== 'chat_record') throw notFound('chat record');
  const file = files.find((f) => f.sha256 === found.item.sha256) ?? files[0];
  if (!file) throw notFound('chat record file');
  return file;
}

/** The messages of a chat record, parsed again from the sealed original; the view is audited. */
export async function readChatMessages(db: Database, vault: Vault, ctx: ServiceContext, id: string): Promise<ChatMessage[]> {
  // getEvidence checks access (404 and a denied audit row for other units) and audits the view.
  const { found, files } = await getEvidence(db, ctx, id);
  const file = originalFileOf(found, files);
  const format = (found.item.metadata as Partial<ChatRecordMetadata>).format ?? null;
  return parseChatRecord(await vault.readAll(file.sha256), format).messages;
}

/**
 * The complete record as a paginated PDF (G6.3.3). Printing takes a typed reason and is audited
 * with the printed PDF's own SHA-256, so a paper copy can be matched to its print event.
 */
export async function printChatRecord(
  db: Database,
  vault: Vault,
  printer: PdfPrinter,
  ctx: ServiceContext,
  input: { id: string; reason: string | null },
): Promise<{ pdf: Buffer; fileName: string }> {
  const found = await loadAccessible(db, ctx, input.id, 'evidence.print');
  const reason = input.reason?.trim() ?? '';
  if (reason.length < 4) {
    throw new AppError('VALIDATION_FAILED', '請填寫列印的理由 (a reason of at least 4 characters is required)');
  }
  const file = originalFileOf(found, await evidenceRepository.filesOf(db, found.item.id));
  const format = (found.item.metadata as Partial<ChatRecordMetadata>).format ?? null;
  const transcript = parseChatRecord(await vault.readAll(file.sha256), format);
  const { document, headerHtml, footerHtml } = chatRecordDocument({
    itemId: found.item.id,
    caseNumber: found.item.caseId,
    owningUnitCode: found.unit.code,
    sourceFileName: file.name,
    sourceSha256: file.sha256,
    sourceSizeBytes: file.sizeBytes,
    importedAt: found.item.recordedAt,
    printedAt: new Date(),
    printedBy: ctx.actor ? `${ctx.actor.username}（${ctx.actor.unitCode}）` : (ctx.systemName ?? 'system'),
    participants: chatParticipants(transcript.messages),
    transcript,
  });
  const pdf = await printer.print(document, { headerHtml, footerHtml });
  await recordAuditNow(db, ctx, {
    action: 'evidence.print',
    objectType: 'evidence',
    objectId: found.item.id,
    reason,
    details: {
      document: 'chat_record',
      sha256: file.sha256,
      messageCount: transcript.messages.length,
      pdfSha256: createHash('sha256').update(pdf).digest('hex'),
    },
  });
  return { pdf, fileName: `chat-record-${found.item.id}.pdf` };
}
