/** SQL for the evaluation rule sets: versions are appended, never changed. */
import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { users } from '../users/users.tables.ts';
import type { RuleSetRules } from './evaluation-rules.ts';
import { evaluationRuleSets, type EvaluationRuleSetRow } from './evaluation.tables.ts';

export type NewRuleSet = { name: string; basis: string; description: string | null; rules: RuleSetRules; basedOnId: string | null; createdBy: string | null };

export type RuleSetWithAuthor = { ruleSet: EvaluationRuleSetRow; createdByName: string | null };

export const ruleSetsRepository = {
  /** Every version with its author's name, newest first. */
  list(db: DbOrTx): Promise<RuleSetWithAuthor[]> {
    return db
      .select({ ruleSet: evaluationRuleSets, createdByName: users.displayName })
      .from(evaluationRuleSets)
      .leftJoin(users, eq(users.id, evaluationRuleSets.createdBy))
      .orderBy(desc(evaluationRuleSets.version));
  },

  async withAuthor(db: DbOrTx, id: string): Promise<RuleSetWithAuthor | null> {
    const rows = await db
      .select({ ruleSet: evaluationRuleSets, createdByName: users.displayName })
      .from(evaluationRuleSets)
      .leftJoin(users, eq(users.id, evaluationRuleSets.createdBy))
      .where(eq(evaluationRuleSets.id, id))
      .limit(1);
    return rows[0] ?? null;
  },

  async findById(db: DbOrTx, id: string): Promise<EvaluationRuleSetRow | null> {
    const rows = await db.select().from(evaluationRuleSets).where(eq(evaluationRuleSets.id, id)).limit(1);
    return rows[0] ?? null;
  },

  /** The current plan: the highest version. */
  async latest(db: DbOrTx): Promise<EvaluationRuleSetRow | null> {
    const rows = await db.select().from(evaluationRuleSets).orderBy(desc(evaluationRuleSets.version)).limit(1);
    return rows[0] ?? null;
  },

  /**
   * Appends the next version. Two administrators saving at once: the unique version makes one of
   * them fail (the caller turns that into CONFLICT) rather than both getting the same number.
   */
  async insertNextVersion(tx: DbOrTx, values: NewRuleSet): Promise<EvaluationRuleSetRow> {
    const rows = await tx
      .insert(evaluationRuleSets)
      .values({ ...values, version: sql`(select coalesce(max(${evaluationRuleSets.version}), 0) + 1 from ${evaluationRuleSets})` })
      .returning();
    return rows[0]!;
  },
};
