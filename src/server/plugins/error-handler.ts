/**
 * Errors always leave as `{ "error": { "code", "message" } }` with the catalogue's status (STYLE
 * rule 6). Unknown errors are logged in full and answered as a bare 500 that reveals nothing.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, ERROR_CATALOGUE, type ErrorCode } from '../../core/errors.ts';

function body(code: ErrorCode, message: string) {
  return { error: { code, message } };
}

/** Maps Fastify's own errors (parsing, validation, limits) to stable codes. */
function fromFastifyError(error: FastifyError): { code: ErrorCode; message: string } | null {
  if (error.validation) {
    return { code: 'VALIDATION_FAILED', message: `輸入資料不正確 (invalid input): ${error.message}` };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'PAYLOAD_TOO_LARGE', message: '資料量超過上限 (request body too large)' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支援的內容類型 (unsupported content type)' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'MALFORMED_JSON', message: 'JSON 格式錯誤 (malformed JSON body)' };
    // @fastify/multipart's own limits and parse errors.
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return { code: 'UPLOAD_TOO_LARGE', message: `上傳超過限制 (upload limit reached): ${error.message}` };
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return { code: 'VALIDATION_FAILED', message: `上傳格式錯誤 (malformed multipart upload): ${error.message}` };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'VALIDATION_FAILED', message: 'Content-Length 不正確 (invalid Content-Length)' };
    default:
      break;
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return { code: 'MALFORMED_JSON', message: 'JSON 格式錯誤 (malformed JSON body)' };
  }
  if (error.statusCode === 429) return { code: 'RATE_LIMITED', message: '請求過於頻繁，請稍後再試 (too many requests)' };
  return null;
}

/** Installs the error and not-found handlers for the API. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, 'service error');
      return reply.status(error.status).send(body(error.code, error.message));
    }
    const mapped = fromFastifyError(error);
    if (mapped) return reply.status(ERROR_CATALOGUE[mapped.code]).send(body(mapped.code, mapped.message));
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', `系統錯誤 (internal error), request ${String(request.id)}`));
  });
}
