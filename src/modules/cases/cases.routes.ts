/** Case register routes: the list (with search, for attaching findings) and one case. */
import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { FindingSchema } from '../findings/findings.contract.ts';
import { presentFinding } from '../findings/findings.presenter.ts';
import { listFindings } from '../findings/findings.service.ts';
import { IdParams } from '../units/units.contract.ts';
import type { CaseWithUnit } from './cases.repository.ts';
import { getCase, listCases } from './cases.service.ts';
import { CASE_STATUSES } from './cases.tables.ts';

const CaseSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  summary: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union(CASE_STATUSES.map((s) => Type.Literal(s))),
  owningUnit: Type.Object({ id: Type.String(), code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

function presentCase({ case: row, unit }: CaseWithUnit) {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    summary: row.summary,
    status: row.status,
    owningUnit: { id: unit.id, code: unit.code, nameZh: unit.nameZh, nameEn: unit.nameEn },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export default async function casesRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['cases'];

  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(CaseSchema) }) },
      },
    },
    async (request) => ({ items: (await listCases(db, requireActiveUser(request), { search: request.query.q, limit: request.query.limit ?? 50 })).map(presentCase) }),
  );

  app.get('/api/cases/:id', { schema: { tags, params: IdParams, response: { 200: Type.Object({ case: CaseSchema, findings: Type.Array(FindingSchema) }) } } }, async (request) => {
    const ctx = requireActiveUser(request);
    const found = await getCase(db, ctx, request.params.id);
    const findings = await listFindings(db, ctx, { caseId: found.case.id, limit: 200 });
    return { case: presentCase(found), findings: findings.map(presentFinding) };
  });
}
