/** Keyword lexicon and triage routes (G6.1 toolkit). */
import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { LEXICON_CATEGORIES } from '../../triage/index.ts';
import { IdParams } from '../units/units.contract.ts';
import type { LexiconWithLatest } from './lexicons.repository.ts';
import { createLexicon, exportLexiconCsv, getLexicon, importLexiconCsv, lexiconHistory, listLexicons, triageText } from './lexicons.service.ts';
import { LEXICON_SCOPES } from './lexicons.tables.ts';

const Category = Type.Union(LEXICON_CATEGORIES.map((c) => Type.Literal(c)));
const Entry = Type.Object({ term: Type.String(), category: Category, weight: Type.Number(), note: Type.String() });
const Summary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scope: Type.Union(LEXICON_SCOPES.map((s) => Type.Literal(s))),
  unitCode: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  entryCount: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
});
const Detail = Type.Object({ lexicon: Summary, entries: Type.Array(Entry) });

function summary(found: LexiconWithLatest) {
  return {
    id: found.lexicon.id,
    name: found.lexicon.name,
    scope: found.lexicon.scope,
    unitCode: found.unit?.code ?? null,
    version: found.latest.version,
    entryCount: found.latest.entries.length,
    updatedAt: found.latest.createdAt.toISOString(),
  };
}

export default async function lexiconsRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['lexicons'];

  app.get('/api/lexicons', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(Summary) }) } } }, async (request) => ({
    items: (await listLexicons(db, requireActiveUser(request))).map(summary),
  }));

  app.post(
    '/api/lexicons',
    {
      schema: {
        tags,
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 100 }), scope: Type.Union(LEXICON_SCOPES.map((s) => Type.Literal(s))) },
          { additionalProperties: false },
        ),
        response: { 200: Detail },
      },
    },
    async (request) => {
      const found = await createLexicon(db, requireActiveUser(request), request.body);
      return { lexicon: summary(found), entries: found.latest.entries };
    },
  );

  app.get('/api/lexicons/:id', { schema: { tags, params: IdParams, response: { 200: Detail } } }, async (request) => {
    const found = await getLexicon(db, requireActiveUser(request), request.params.id);
    return { lexicon: summary(found), entries: found.latest.entries };
  });

  // The CSV travels inside JSON: the API accepts JSON only, and a CSV file is small.
  app.put(
    '/api/lexicons/:id/csv',
    {
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({ csv: Type.String({ maxLength: 2_000_000 }), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
        response: { 200: Detail },
      },
    },
    async (request) => {
      const found = await importLexiconCsv(db, requireActiveUser(request), request.params.id, request.body.csv, request.body.note ?? null);
      return { lexicon: summary(found), entries: found.latest.entries };
    },
  );

  app.get('/api/lexicons/:id/csv', { schema: { tags, params: IdParams } }, async (request, reply) => {
    const { csv, version } = await exportLexiconCsv(db, requireActiveUser(request), request.params.id);
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="lexicon-${request.params.id}-v${version}.csv"`);
    return reply.send(csv);
  });

  app.get(
    '/api/lexicons/:id/versions',
    {
      schema: {
        tags,
        params: IdParams,
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ version: Type.Integer(), createdAt: Type.String(), createdBy: Type.Union([Type.String(), Type.Null()]), changeNote: Type.Union([Type.String(), Type.Null()]), entryCount: Type.Integer() })),
          }),
        },
      },
    },
    async (request) => ({
      items: (await lexiconHistory(db, requireActiveUser(request), request.params.id)).map((v) => ({
        version: v.version,
        createdAt: v.createdAt.toISOString(),
        createdBy: v.createdBy,
        changeNote: v.changeNote,
        entryCount: v.entries.length,
      })),
    }),
  );

  app.post(
    '/api/triage',
    {
      schema: {
        tags,
        body: Type.Object({ text: Type.String({ maxLength: 1_000_000 }), lexiconId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            score: Type.Number(),
            lexiconId: Type.String(),
            version: Type.Integer(),
            explanation: Type.String(),
            matches: Type.Array(Type.Object({ term: Type.String(), category: Category, weight: Type.Number(), start: Type.Integer(), end: Type.Integer() })),
          }),
        },
      },
    },
    async (request) => triageText(db, requireActiveUser(request), request.body),
  );
}
