/** Reporters of a case (G6.3.6, Act Art. 7): list masked, record sealed, reveal with a reason. */
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { CaseReporterParams, CaseReportersParams, CreateReporterBody, MaskedReporterSchema, ReporterListSchema, RevealedReporterSchema, RevealReporterBody, type MaskedReporterDto } from './reporters.contract.ts';
import type { ReporterWithCreator } from './reporters.repository.ts';
import { addReporter, listReporters, revealReporter } from './reporters.service.ts';

/** Lists exactly what leaves the server about a reporter: never the sealed identity. */
function presentReporter({ reporter, createdByUsername }: ReporterWithCreator): MaskedReporterDto {
  return {
    id: reporter.id,
    maskedName: reporter.maskedName,
    relation: reporter.relation,
    createdAt: reporter.createdAt.toISOString(),
    createdBy: createdByUsername,
  };
}

export default async function reportersRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['reporters'];

  app.get('/api/cases/:caseId/reporters', { schema: { tags, params: CaseReportersParams, response: { 200: ReporterListSchema } } }, async (request) => ({
    items: (await listReporters(db, requireActiveUser(request), request.params.caseId)).map(presentReporter),
  }));

  app.post(
    '/api/cases/:caseId/reporters',
    { schema: { tags, params: CaseReportersParams, body: CreateReporterBody, response: { 201: MaskedReporterSchema } } },
    async (request, reply) => {
      const created = await addReporter(db, app.deps.identityKey, requireActiveUser(request), request.params.caseId, request.body);
      return reply.status(201).send(presentReporter(created));
    },
  );

  app.post(
    '/api/cases/:caseId/reporters/:id/reveal',
    { schema: { tags, params: CaseReporterParams, body: RevealReporterBody, response: { 200: RevealedReporterSchema } } },
    async (request, reply) => {
      const identity = await revealReporter(db, app.deps.identityKey, requireActiveUser(request), request.params.caseId, request.params.id, request.body);
      // The security plugin already sends no-store for every /api answer; this one must never be cached even if that changes.
      return reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache').send(identity);
    },
  );
}
