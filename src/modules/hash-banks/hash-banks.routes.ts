/**
 * Hash banks and known-image matches (issue #8): bank list, creation, CSV import, enable and
 * disable (WCPD and administrators); matches of an evidence item, a finding or a case with
 * need-to-know applied (case roles); a blurred preview of any hashed image of an item.
 */
import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { IdParams } from '../units/units.contract.ts';
import {
  CreateHashBankBody,
  HASH_BANK_CSV_MAX_CHARS,
  HashBankDetailSchema,
  HashBankImportResultSchema,
  HashBankListSchema,
  HashBankSchema,
  ImageMatchesSchema,
  ImagePreviewParams,
  ImportHashBankBody,
  ImportHashBankQuery,
} from './hash-banks.contract.ts';
import { presentHashBank, presentImageMatches, presentImport } from './hash-banks.presenter.ts';
import { createHashBank, getHashBank, importHashBankCsv, listHashBanks, setHashBankEnabled } from './hash-banks.service.ts';
import { imagePreview, listImageMatches, type MatchScope } from './image-matches.service.ts';

/**
 * Bytes one import request may carry: the character limit of an ASCII list plus JSON escaping.
 * A list heavy in CJK labels reaches it sooner and is split.
 */
const IMPORT_BODY_LIMIT = Math.ceil(HASH_BANK_CSV_MAX_CHARS * 1.25);

export default async function hashBanksRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['hash-banks'];
  const index = () => app.deps.imageMatching?.index ?? null;

  // A partner's list may be sent as the CSV file itself (scripts); only these routes accept it.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body));

  app.get('/api/hash-banks', { schema: { tags, response: { 200: HashBankListSchema } } }, async (request) => ({
    items: (await listHashBanks(db, requireActiveUser(request))).map(presentHashBank),
  }));

  app.post('/api/hash-banks', { schema: { tags, body: CreateHashBankBody, response: { 200: HashBankSchema } } }, async (request) =>
    presentHashBank(await createHashBank(db, requireActiveUser(request), request.body)),
  );

  app.get('/api/hash-banks/:id', { schema: { tags, params: IdParams, response: { 200: HashBankDetailSchema } } }, async (request) => {
    const { summary, imports } = await getHashBank(db, requireActiveUser(request), request.params.id);
    return { bank: presentHashBank(summary), imports: imports.map(presentImport) };
  });

  app.post(
    '/api/hash-banks/:id/imports',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      // A large body is read only for a signed-in user (the CSRF check alone lets anyone through before sign-in).
      onRequest: async (request) => {
        requireActiveUser(request);
      },
      schema: { tags, consumes: ['application/json', 'text/csv'], params: IdParams, querystring: ImportHashBankQuery, body: ImportHashBankBody, response: { 200: HashBankImportResultSchema } },
    },
    async (request) => {
      const body = typeof request.body === 'string' ? { csv: request.body, note: request.query.note } : request.body;
      const outcome = await importHashBankCsv(db, requireActiveUser(request), { bankId: request.params.id, csv: body.csv, note: body.note ?? null }, index());
      return { bank: presentHashBank(outcome.summary), rows: outcome.rows, added: outcome.added, alreadyInBank: outcome.alreadyInBank, duplicatesInFile: outcome.duplicatesInFile };
    },
  );

  for (const [path, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    app.post(`/api/hash-banks/:id/${path}`, { schema: { tags, params: IdParams, response: { 200: HashBankSchema } } }, async (request) =>
      presentHashBank(await setHashBankEnabled(db, requireActiveUser(request), request.params.id, enabled, index())),
    );
  }

  for (const [prefix, kind] of [
    ['evidence', 'evidence'],
    ['findings', 'finding'],
    ['cases', 'case'],
  ] as const) {
    app.get(`/api/${prefix}/:id/image-matches`, { schema: { tags, params: IdParams, response: { 200: ImageMatchesSchema } } }, async (request) => {
      const scope: MatchScope = { kind, id: request.params.id };
      return presentImageMatches(await listImageMatches(db, requireActiveUser(request), scope));
    });
  }

  app.get(
    '/api/evidence/:id/images/:imageId/preview',
    { schema: { tags, params: ImagePreviewParams, produces: ['image/jpeg'], response: { 200: Type.Unknown() } } },
    async (request, reply) => {
      const bytes = await imagePreview(db, app.deps.vault, requireActiveUser(request), { evidenceItemId: request.params.id, imageHashId: request.params.imageId });
      // As every evidence preview: an image only, never a document in the application's origin.
      void reply.header('Content-Type', 'image/jpeg').header('Content-Security-Policy', "default-src 'none'; sandbox").header('X-Content-Type-Options', 'nosniff').header('Cache-Control', 'no-store');
      return reply.send(bytes);
    },
  );
}
