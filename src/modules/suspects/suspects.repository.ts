/** SQL for suspects, their identifiers and the subscriber-data requests about them (G6.3.4). */
import { and, asc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { caseAssignees, cases, type CaseRow } from '../cases/cases.tables.ts';
import { platforms, type PlatformRow } from '../platforms/platforms.tables.ts';
import { units, type UnitRow } from '../units/units.tables.ts';
import {
  subscriberRequests,
  suspectIdentifiers,
  suspects,
  type IdentifierKind,
  type SubscriberRequestRow,
  type SuspectIdentifierRow,
  type SuspectRow,
} from './suspects.tables.ts';

export type IdentifierWithRefs = { identifier: SuspectIdentifierRow; platform: PlatformRow | null; requests: SubscriberRequestRow[] };
export type SuspectWithIdentifiers = { suspect: SuspectRow; identifiers: IdentifierWithRefs[] };

/** A case that holds an identifier, with what the access policy needs to decide who may see it. */
export type CaseHoldingIdentifier = { case: CaseRow; unit: UnitRow; assigneeIds: string[] };

export type IdentifierFields = Pick<SuspectIdentifierRow, 'suspectId' | 'kind' | 'value' | 'platformId' | 'observedAt' | 'port' | 'evidenceIds' | 'createdBy'>;
export type RequestFields = Pick<SubscriberRequestRow, 'identifierId' | 'recipient' | 'legalBasis' | 'touchesCommunications' | 'createdBy'>;

async function identifiersWithRefs(db: DbOrTx, where: SQL): Promise<IdentifierWithRefs[]> {
  const rows = await db
    .select({ identifier: suspectIdentifiers, platform: platforms })
    .from(suspectIdentifiers)
    .leftJoin(platforms, eq(platforms.id, suspectIdentifiers.platformId))
    .where(where)
    .orderBy(asc(suspectIdentifiers.createdAt), asc(suspectIdentifiers.id));
  if (rows.length === 0) return [];
  const requests = await db
    .select()
    .from(subscriberRequests)
    .where(
      inArray(
        subscriberRequests.identifierId,
        rows.map((r) => r.identifier.id),
      ),
    )
    .orderBy(asc(subscriberRequests.createdAt), asc(subscriberRequests.id));
  return rows.map((row) => ({ ...row, requests: requests.filter((r) => r.identifierId === row.identifier.id) }));
}

export const suspectsRepository = {
  /** Every suspect of a case with its identifiers and their requests, oldest first. */
  async listForCase(db: DbOrTx, caseId: string): Promise<SuspectWithIdentifiers[]> {
    const rows = await db.select().from(suspects).where(eq(suspects.caseId, caseId)).orderBy(asc(suspects.createdAt), asc(suspects.id));
    if (rows.length === 0) return [];
    const identifiers = await identifiersWithRefs(
      db,
      inArray(
        suspectIdentifiers.suspectId,
        rows.map((s) => s.id),
      ),
    );
    return rows.map((suspect) => ({ suspect, identifiers: identifiers.filter((i) => i.identifier.suspectId === suspect.id) }));
  },

  /** A suspect of this case (another case's suspect is not found). */
  async findSuspect(db: DbOrTx, caseId: string, suspectId: string): Promise<SuspectWithIdentifiers | null> {
    const suspect = (await db.select().from(suspects).where(and(eq(suspects.id, suspectId), eq(suspects.caseId, caseId))).limit(1))[0];
    if (!suspect) return null;
    return { suspect, identifiers: await identifiersWithRefs(db, eq(suspectIdentifiers.suspectId, suspect.id)) };
  },

  /** An identifier of this suspect of this case, with its requests. */
  async findIdentifier(db: DbOrTx, caseId: string, suspectId: string, identifierId: string): Promise<IdentifierWithRefs | null> {
    const owner = await db
      .select({ id: suspectIdentifiers.id })
      .from(suspectIdentifiers)
      .innerJoin(suspects, eq(suspects.id, suspectIdentifiers.suspectId))
      .where(and(eq(suspectIdentifiers.id, identifierId), eq(suspectIdentifiers.suspectId, suspectId), eq(suspects.caseId, caseId)))
      .limit(1);
    if (owner.length === 0) return null;
    return (await identifiersWithRefs(db, eq(suspectIdentifiers.id, identifierId)))[0] ?? null;
  },

  async insertSuspect(tx: DbOrTx, values: Pick<SuspectRow, 'caseId' | 'label' | 'notes' | 'createdBy'>): Promise<SuspectRow> {
    return (await tx.insert(suspects).values(values).returning())[0]!;
  },

  async updateSuspect(tx: DbOrTx, id: string, patch: Partial<Pick<SuspectRow, 'label' | 'notes'>>): Promise<void> {
    await tx.update(suspects).set(patch).where(eq(suspects.id, id));
  },

  async insertIdentifier(tx: DbOrTx, values: IdentifierFields): Promise<SuspectIdentifierRow> {
    return (await tx.insert(suspectIdentifiers).values(values).returning())[0]!;
  },

  async updateIdentifier(tx: DbOrTx, id: string, patch: Partial<Pick<SuspectIdentifierRow, 'locationComparison' | 'locationComparedAt'>>): Promise<void> {
    await tx.update(suspectIdentifiers).set(patch).where(eq(suspectIdentifiers.id, id));
  },

  async insertRequest(tx: DbOrTx, values: RequestFields): Promise<SubscriberRequestRow> {
    return (await tx.insert(subscriberRequests).values(values).returning())[0]!;
  },

  async updateRequest(tx: DbOrTx, id: string, patch: Partial<Pick<SubscriberRequestRow, 'sentAt' | 'answeredAt' | 'result'>>): Promise<SubscriberRequestRow> {
    return (await tx.update(subscriberRequests).set(patch).where(eq(subscriberRequests.id, id)).returning())[0]!;
  },

  /**
   * The cases (other than `excludeCaseId`) whose suspects carry this normalised identifier, with
   * their owning unit and assignees so the caller can apply need-to-know per case.
   */
  async casesHoldingIdentifier(
    db: DbOrTx,
    filter: { kind: IdentifierKind; value: string; platformId?: string | null; excludeCaseId?: string | null },
  ): Promise<CaseHoldingIdentifier[]> {
    const conditions: SQL[] = [eq(suspectIdentifiers.kind, filter.kind), eq(suspectIdentifiers.value, filter.value)];
    if (filter.platformId) conditions.push(eq(suspectIdentifiers.platformId, filter.platformId));
    if (filter.excludeCaseId) conditions.push(ne(cases.id, filter.excludeCaseId));
    const matches = await db
      .select({ case: cases, unit: units })
      .from(suspectIdentifiers)
      .innerJoin(suspects, eq(suspects.id, suspectIdentifiers.suspectId))
      .innerJoin(cases, eq(cases.id, suspects.caseId))
      .innerJoin(units, eq(units.id, cases.owningUnitId))
      .where(and(...conditions))
      .orderBy(asc(cases.number));
    // One row per case, however many of its suspects carry the identifier.
    const rows = matches.filter((row, index) => matches.findIndex((other) => other.case.id === row.case.id) === index);
    if (rows.length === 0) return [];
    const assignees = await db
      .select({ caseId: caseAssignees.caseId, userId: caseAssignees.userId })
      .from(caseAssignees)
      .where(
        inArray(
          caseAssignees.caseId,
          rows.map((r) => r.case.id),
        ),
      );
    return rows.map((row) => ({ ...row, assigneeIds: assignees.filter((a) => a.caseId === row.case.id).map((a) => a.userId) }));
  },
};
