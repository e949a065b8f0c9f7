/**
 * Evaluation routes (G4.1.4): the scored and ranked figures of one level of the unit tree for a
 * period, the monthly trend, CSV/XLSX/PDF, and the versioned rule sets. Thin: schema, guard, one
 * service call, presenter.
 */
import type { FastifyReply } from 'fastify';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { IdParams } from '../units/units.contract.ts';
import type { EvaluationPeriod } from './evaluation-period.ts';
import { exportEvaluation, printEvaluationReport } from './evaluation-export.service.ts';
import {
  CreateRuleSetBody,
  EvaluationExportQuery,
  EvaluationQuerySchema,
  EvaluationReportSchema,
  EvaluationTrendSchema,
  RuleSetListSchema,
  RuleSetSchema,
  TrendQuerySchema,
} from './evaluation.contract.ts';
import type { EvaluationRuleSetRow } from './evaluation.tables.ts';
import { evaluate, evaluationTrend } from './evaluation.service.ts';
import type { RuleSetWithAuthor } from './rule-sets.repository.ts';
import { canManageRuleSets, createRuleSetVersion, getRuleSet, listRuleSets } from './rule-sets.service.ts';

const presentPeriod = (p: EvaluationPeriod) => ({ kind: p.kind, from: p.from.toISOString(), to: p.to.toISOString(), firstDay: p.firstDay, lastDay: p.lastDay, label: p.label, key: p.key });
const presentRuleSetRef = (r: EvaluationRuleSetRow) => ({ id: r.id, version: r.version, name: r.name, basis: r.basis });

function presentRuleSet({ ruleSet, createdByName }: RuleSetWithAuthor, currentVersion: number) {
  return {
    id: ruleSet.id,
    version: ruleSet.version,
    name: ruleSet.name,
    basis: ruleSet.basis,
    description: ruleSet.description,
    rules: ruleSet.rules,
    basedOnId: ruleSet.basedOnId,
    createdBy: ruleSet.createdBy ? { id: ruleSet.createdBy, displayName: createdByName ?? '' } : null,
    createdAt: ruleSet.createdAt.toISOString(),
    current: ruleSet.version === currentVersion,
  };
}

/** A generated file as an attachment (the name in ASCII and, for the ROC dates, in UTF-8). */
function sendFile(reply: FastifyReply, file: { fileName: string; contentType: string; body: Buffer }) {
  const asciiName = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('Cache-Control', 'no-store')
    .send(file.body);
}

export default async function evaluationRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['evaluation'];

  app.get('/api/evaluation', { schema: { tags, querystring: EvaluationQuerySchema, response: { 200: EvaluationReportSchema } } }, async (request) => {
    const report = await evaluate(db, requireActiveUser(request), request.query);
    return { ...report, period: presentPeriod(report.period), ruleSet: presentRuleSetRef(report.ruleSet) };
  });

  app.get('/api/evaluation/trend', { schema: { tags, querystring: TrendQuerySchema, response: { 200: EvaluationTrendSchema } } }, async (request) => {
    const trend = await evaluationTrend(db, requireActiveUser(request), request.query);
    return { ...trend, months: trend.months.map(presentPeriod), ruleSet: presentRuleSetRef(trend.ruleSet) };
  });

  app.get('/api/evaluation/export', { schema: { tags, querystring: EvaluationExportQuery } }, async (request, reply) => {
    const file = await exportEvaluation(db, requireActiveUser(request), request.query);
    return sendFile(reply.header('X-Row-Count', String(file.rowCount)), file);
  });

  app.get('/api/evaluation/report.pdf', { schema: { tags, querystring: EvaluationQuerySchema } }, async (request, reply) => {
    const { pdf, fileName } = await printEvaluationReport({ db, printer: app.deps.printer }, requireActiveUser(request), request.query);
    return sendFile(reply, { fileName, contentType: 'application/pdf', body: pdf });
  });

  app.get('/api/evaluation/rule-sets', { schema: { tags, response: { 200: RuleSetListSchema } } }, async (request) => {
    const ctx = requireActiveUser(request);
    const rows = await listRuleSets(db, ctx);
    const current = rows[0]?.ruleSet.version ?? 0;
    return { items: rows.map((row) => presentRuleSet(row, current)), can: { manage: canManageRuleSets(ctx) } };
  });

  app.get('/api/evaluation/rule-sets/:id', { schema: { tags, params: IdParams, response: { 200: RuleSetSchema } } }, async (request) => {
    const { row, currentVersion } = await getRuleSet(db, requireActiveUser(request), request.params.id);
    return presentRuleSet(row, currentVersion);
  });

  app.post('/api/evaluation/rule-sets', { schema: { tags, body: CreateRuleSetBody, response: { 201: RuleSetSchema } } }, async (request, reply) => {
    const ctx = requireActiveUser(request);
    const created = await createRuleSetVersion(db, ctx, request.body);
    const { row, currentVersion } = await getRuleSet(db, ctx, created.id);
    return reply.status(201).send(presentRuleSet(row, currentVersion));
  });
}
