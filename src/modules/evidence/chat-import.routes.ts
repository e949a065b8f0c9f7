/**
 * Chat-record routes (G6.3.3): import a LINE or CSV export (sealed as received, then parsed), read
 * its messages, and print the complete record as a PDF.
 *
 * Registered as a sibling of the evidence routes, not inside them: this plugin is its own
 * encapsulation context, so it registers `@fastify/multipart` for itself, with the limits of a
 * chat export (one text file of at most 20 MiB), without touching the evidence plugin's instance.
 */
import multipart from '@fastify/multipart';
import { AppError } from '../../core/errors.ts';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { IdParams } from '../units/units.contract.ts';
import { ChatMessagesSchema, ChatPrintQuery } from './chat-import.contract.ts';
import { CHAT_IMPORT_MAX_BYTES, printChatRecord, readChatMessages, recordChatImport, stageChatFile, type StagedChatFile } from './chat-import.service.ts';
import { EvidenceDetailSchema } from './evidence.contract.ts';
import { presentEvidence, presentEvidenceFile } from './evidence.presenter.ts';

function fieldText(value: unknown, max: number): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (value.length > max) throw new AppError('VALIDATION_FAILED', `欄位過長 (field longer than ${max} characters)`);
  return value.trim();
}

/** @fastify/multipart's own limit errors, in the catalogue's terms (they would otherwise be a 500). */
function multipartLimitError(error: unknown): AppError | null {
  switch ((error as { code?: unknown } | null)?.code) {
    case 'FST_FILES_LIMIT':
      return new AppError('VALIDATION_FAILED', '一次匯入一個檔案 (import one file at a time)');
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError('VALIDATION_FAILED', '欄位過多 (too many form fields)');
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('UPLOAD_TOO_LARGE', `檔案超過上限 ${CHAT_IMPORT_MAX_BYTES} 位元組 (file exceeds the limit)`);
    default:
      return null;
  }
}

export default async function chatImportRoutes(app: AppInstance): Promise<void> {
  const { database, vault, printer } = app.deps;
  const db = database.db;
  const tags = ['evidence'];
  // One byte over the cap reaches the vault, which refuses it and keeps nothing; multipart's own
  // limit (a truncated stream) is never what decides.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: CHAT_IMPORT_MAX_BYTES + 1, files: 1, fields: 5, fieldSize: 4096, parts: 8 },
  });

  app.post(
    '/api/evidence/chat-imports',
    { schema: { tags, consumes: ['multipart/form-data'], response: { 200: EvidenceDetailSchema } } },
    async (request) => {
      const ctx = requireActiveUser(request);
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '請以 multipart/form-data 上傳 (upload as multipart/form-data)');
      let staged: StagedChatFile | null = null;
      const raw: Record<string, unknown> = {};
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            raw[part.fieldname] = part.value;
            continue;
          }
          if (part.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', '檔案欄位須為 file (the file field must be named "file")');
          staged = await stageChatFile(vault, ctx, { filename: part.filename, stream: part.file });
          if (part.file.truncated) throw new AppError('UPLOAD_TOO_LARGE', `檔案超過上限 (file exceeds ${CHAT_IMPORT_MAX_BYTES} bytes)`);
        }
      } catch (error) {
        throw multipartLimitError(error) ?? error;
      }
      if (!staged) throw new AppError('VALIDATION_FAILED', '請選擇對話紀錄檔案 (choose a chat export file)');
      const format = fieldText(raw.format, 10);
      if (format !== null && format !== 'line' && format !== 'csv') {
        throw new AppError('VALIDATION_FAILED', 'format 須為 line 或 csv (format must be line or csv)');
      }
      const { found, files } = await recordChatImport(db, vault, ctx, staged, { format, notes: fieldText(raw.notes, 2000) });
      return { item: presentEvidence(found), files: files.map(presentEvidenceFile) };
    },
  );

  app.get('/api/evidence/:id/chat', { schema: { tags, params: IdParams, response: { 200: ChatMessagesSchema } } }, async (request) => {
    const messages = await readChatMessages(db, vault, requireActiveUser(request), request.params.id);
    return { messages: messages.map(({ time, sender, text, kind }) => ({ time, sender, text, kind })) };
  });

  app.get('/api/evidence/:id/chat.pdf', { schema: { tags, params: IdParams, querystring: ChatPrintQuery } }, async (request, reply) => {
    const { pdf, fileName } = await printChatRecord(db, vault, printer, requireActiveUser(request), {
      id: request.params.id,
      reason: request.query.reason ?? null,
    });
    void reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    return reply.send(pdf);
  });
}
