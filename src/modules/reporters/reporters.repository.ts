/** SQL for a case's reporters and informants (G6.3.6). Only the masked name is ever in clear. */
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { users } from '../users/users.tables.ts';
import { caseReporters, type CaseReporterRow } from './reporters.tables.ts';

/** A reporter row with the username of the officer who recorded it. */
export type ReporterWithCreator = { reporter: CaseReporterRow; createdByUsername: string };

export type NewReporter = Pick<CaseReporterRow, 'id' | 'caseId' | 'maskedName' | 'identityCiphertext' | 'keyId' | 'relation' | 'createdBy'>;

const withCreator = { reporter: caseReporters, createdByUsername: users.username };

export const reportersRepository = {
  /** Inserts with the id chosen by the caller: the id is sealed into the ciphertext as associated data. */
  async insert(tx: DbOrTx, values: NewReporter): Promise<CaseReporterRow> {
    const rows = await tx.insert(caseReporters).values(values).returning();
    return rows[0]!;
  },

  /** The reporters of a case, oldest first. */
  async listForCase(db: DbOrTx, caseId: string): Promise<ReporterWithCreator[]> {
    return db
      .select(withCreator)
      .from(caseReporters)
      .innerJoin(users, eq(users.id, caseReporters.createdBy))
      .where(eq(caseReporters.caseId, caseId))
      .orderBy(asc(caseReporters.createdAt), asc(caseReporters.id));
  },

  /** One reporter of the given case (a reporter of another case is not found). */
  async findInCase(db: DbOrTx, caseId: string, id: string): Promise<ReporterWithCreator | null> {
    const rows = await db
      .select(withCreator)
      .from(caseReporters)
      .innerJoin(users, eq(users.id, caseReporters.createdBy))
      .where(and(eq(caseReporters.caseId, caseId), eq(caseReporters.id, id)))
      .limit(1);
    return rows[0] ?? null;
  },
};
