/**
 * Tracking board routes (issue #5): the board, its export and saved views. Thin: schema, guard,
 * one service call, presenter. Query lists may repeat a parameter (`status=open&status=closed`) or
 * use commas (`status=open,closed`); a refused parameter is named in the 400's message.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { AppError } from '../../core/errors.ts';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { IdParams } from '../units/units.contract.ts';
import { BOARD_LIST_PARAMETERS, BoardExportQuery, BoardPageSchema, BoardQuery, SavedViewBody, SavedViewSchema, type BoardFiltersInput } from './board.contract.ts';
import type { SavedBoardViewRow } from './board.repository.ts';
import { boardPage, deleteBoardView, exportBoard, listBoardViews, saveBoardView, type BoardItem } from './board.service.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Exactly what leaves the server for one board row. */
export function presentBoardItem(item: BoardItem) {
  return {
    id: item.id,
    number: item.number,
    title: item.title,
    status: item.status,
    serious: item.serious,
    art40Outcome: item.art40Outcome,
    cibAssistance: item.cibAssistance,
    owningUnit: item.unit,
    platform: item.platform,
    openTaskCount: item.openTaskCount,
    overdueTaskCount: item.overdueTaskCount,
    nextDueAt: iso(item.nextDueAt),
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
    closedAt: iso(item.closedAt),
  };
}

function presentView(view: SavedBoardViewRow) {
  return { id: view.id, name: view.name, filters: view.filters as BoardFiltersInput, createdAt: view.createdAt.toISOString() };
}

/** Splits comma lists (`status=open,closed`) before validation, so both spellings validate alike. */
async function splitCommaLists(request: FastifyRequest): Promise<void> {
  const query = request.query as Record<string, unknown>;
  for (const key of BOARD_LIST_PARAMETERS) {
    const value = query[key];
    if (value === undefined) continue;
    query[key] = (Array.isArray(value) ? value : [value])
      .flatMap((v) => String(v).split(','))
      .map((v) => v.trim())
      .filter((v) => v.length > 0);
  }
}

/** After the session check: a schema refusal as a 400 that names the parameter (`status`, `filters.from`, an unknown `colour`). */
function refuseInvalid(request: FastifyRequest): void {
  const error = request.validationError as (Error & { validation?: FastifySchemaValidationError[] }) | undefined;
  if (!error) return;
  const first = error.validation?.[0];
  const params = (first?.params ?? {}) as { additionalProperty?: string; missingProperty?: string; allowedValues?: unknown[] };
  const path = (first?.instancePath ?? '')
    .split('/')
    .filter((segment) => segment !== '' && !/^\d+$/.test(segment))
    .concat(params.additionalProperty ?? params.missingProperty ?? [])
    .join('.');
  const field = path || 'request';
  let reason = first?.message ?? error.message;
  if (params.additionalProperty) reason = 'is not a known parameter';
  else if (params.allowedValues) reason = `must be one of ${params.allowedValues.join(', ')}`;
  throw new AppError('VALIDATION_FAILED', `輸入資料不正確 (invalid input) ${field}: ${reason}`, { field });
}

export default async function caseBoardRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['cases'];

  app.get(
    '/api/cases/board',
    { attachValidation: true, preValidation: splitCommaLists, schema: { tags, querystring: BoardQuery, response: { 200: BoardPageSchema } } },
    async (request) => {
      const ctx = requireActiveUser(request);
      refuseInvalid(request);
      const page = await boardPage(db, ctx, request.query);
      return { ...page, items: page.items.map(presentBoardItem) };
    },
  );

  app.get(
    '/api/cases/board/export',
    { attachValidation: true, preValidation: splitCommaLists, schema: { tags, querystring: BoardExportQuery } },
    async (request, reply) => {
      const ctx = requireActiveUser(request);
      refuseInvalid(request);
      const file = await exportBoard(db, ctx, request.query);
      // ASCII names today; filename* (RFC 5987) keeps a non-ASCII name intact should one appear.
      const asciiName = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('X-Row-Count', String(file.rowCount))
        .send(file.body);
    },
  );

  app.get('/api/cases/board/views', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(SavedViewSchema) }) } } }, async (request) => ({
    items: (await listBoardViews(db, requireActiveUser(request))).map(presentView),
  }));

  app.post('/api/cases/board/views', { attachValidation: true, schema: { tags, body: SavedViewBody, response: { 201: SavedViewSchema } } }, async (request, reply) => {
    const ctx = requireActiveUser(request);
    refuseInvalid(request);
    const view = await saveBoardView(db, ctx, request.body);
    return reply.status(201).send(presentView(view));
  });

  app.delete('/api/cases/board/views/:id', { attachValidation: true, schema: { tags, params: IdParams } }, async (request, reply) => {
    const ctx = requireActiveUser(request);
    refuseInvalid(request);
    await deleteBoardView(db, ctx, request.params.id);
    return reply.status(204).send();
  });
}
