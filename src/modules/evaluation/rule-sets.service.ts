/**
 * The evaluation plans' scoring rules as versioned data (G4.1.4). Reading them: whoever may see an
 * evaluation, and those who keep them. Keeping them (a new version, from the current one or from
 * scratch): administrators, who keep the system's reference data, and CIB, whose plan it is —
 * G4.1.4 has CIB evaluate the units. Old versions stay and stay selectable; none is ever changed.
 */
import { hasAnyRole } from '../../core/access/policy.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { isUniqueViolation } from '../patrols/patrols.service.ts';
import { checkRules, DEFAULT_RULE_SET } from './evaluation-rules.ts';
import { evaluationScopeFor } from './evaluation-access.ts';
import type { EvaluationRuleSetRow } from './evaluation.tables.ts';
import { ruleSetsRepository, type RuleSetWithAuthor } from './rule-sets.repository.ts';

/** Administrators and CIB keep the rule sets. */
export function canManageRuleSets(ctx: ServiceContext): boolean {
  return hasAnyRole(ctx.actor, ['admin', 'cib_investigator']);
}

async function requireReader(db: Database, ctx: ServiceContext): Promise<void> {
  if (canManageRuleSets(ctx) || evaluationScopeFor(ctx.actor) !== null) return;
  await recordAuditNow(db, ctx, { action: 'evaluation.rule_set_list', objectType: 'evaluation_rule_set', outcome: 'denied' });
  throw new AppError('FORBIDDEN', '無權查看評核規則 (not allowed to read the evaluation rules)');
}

/** Every version, newest (the current one) first. */
export async function listRuleSets(db: Database, ctx: ServiceContext): Promise<RuleSetWithAuthor[]> {
  await requireReader(db, ctx);
  return ruleSetsRepository.list(db);
}

/** One version, and the current version's number (to mark it). */
export async function getRuleSet(db: Database, ctx: ServiceContext, id: string): Promise<{ row: RuleSetWithAuthor; currentVersion: number }> {
  await requireReader(db, ctx);
  const found = await ruleSetsRepository.withAuthor(db, id);
  if (!found) throw notFound('rule set');
  return { row: found, currentVersion: (await ruleSetsRepository.latest(db))?.version ?? found.ruleSet.version };
}

export type RuleSetInput = { name: string; basis: string; description?: string | null; rules: unknown; basedOnId?: string | null };

/**
 * Publishes a new version. A rule set that does not hold together is refused with every problem
 * named (path and reason), so the editor can show all of them at once.
 */
export async function createRuleSetVersion(db: Database, ctx: ServiceContext, input: RuleSetInput): Promise<EvaluationRuleSetRow> {
  if (!canManageRuleSets(ctx)) {
    await recordAuditNow(db, ctx, { action: 'evaluation.rule_set_create', objectType: 'evaluation_rule_set', outcome: 'denied' });
    throw new AppError('FORBIDDEN', '僅系統管理員或刑事警察大隊可發布評核規則 (only administrators and CIB publish evaluation rules)');
  }
  const name = input.name.trim();
  const basis = input.basis.trim();
  if (!name) throw new AppError('VALIDATION_FAILED', '請填寫規則名稱 (the rule set needs a name)', { field: 'name' });
  if (!basis) throw new AppError('VALIDATION_FAILED', '請填寫規則依據 (say what the rules rest on)', { field: 'basis' });
  const checked = checkRules(input.rules);
  if (!checked.rules) {
    const list = checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    throw new AppError('VALIDATION_FAILED', `評核規則不正確，未發布 (rule set refused): ${list}`, { field: 'rules', problems: checked.problems });
  }
  const basedOnId = input.basedOnId ?? null;
  if (basedOnId && !(await ruleSetsRepository.findById(db, basedOnId))) throw new AppError('VALIDATION_FAILED', '所依據的版本不存在 (the version it is based on does not exist)', { field: 'basedOnId' });
  try {
    return await db.transaction(async (tx) => {
      const row = await ruleSetsRepository.insertNextVersion(tx, {
        name,
        basis,
        description: input.description?.trim() || null,
        rules: checked.rules,
        basedOnId,
        createdBy: ctx.actor!.userId,
      });
      await recordAudit(tx, ctx, { action: 'evaluation.rule_set_create', objectType: 'evaluation_rule_set', objectId: row.id, details: { version: row.version, basedOnId, rules: checked.rules } });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', '另一版本剛發布，請重新載入後再試 (another version was just published; reload and try again)');
    throw error;
  }
}

/** Seeds the default plan on an empty database (first start), in one audited transaction. */
export async function seedDefaultRuleSetIfEmpty(db: Database, ctx: ServiceContext): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (await ruleSetsRepository.latest(tx)) return false;
    const row = await ruleSetsRepository.insertNextVersion(tx, { ...DEFAULT_RULE_SET, basedOnId: null, createdBy: null });
    await recordAudit(tx, ctx, { action: 'evaluation.rule_set_seed', objectType: 'evaluation_rule_set', objectId: row.id, details: { version: row.version } });
    return true;
  });
}
