/**
 * SQL for victims and their protection records (G5.3, G6.3.6). Identity columns hold ciphertext
 * only; nothing here decrypts, and no query filters or sorts on an identity.
 */
import { aliasedTable, and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, notExists, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { auditEvents } from '../audit/audit.tables.ts';
import { cases } from '../cases/cases.tables.ts';
import { users } from '../users/users.tables.ts';
import {
  victimAuthorisations,
  victimLegalHolds,
  victims,
  victimServices,
  victimSipcComplaints,
  type VictimAuthorisationRow,
  type VictimLegalHoldRow,
  type VictimRow,
  type VictimServiceRow,
  type VictimSipcComplaintRow,
} from './victims.tables.ts';

/** A victim row with the username of the officer who recorded it. */
export type VictimWithCreator = { victim: VictimRow; createdByUsername: string };
export type HoldWithUsers = { hold: VictimLegalHoldRow; setByUsername: string; clearedByUsername: string | null };
export type NewVictim = typeof victims.$inferInsert & { id: string };
export type VictimPatch = Partial<Omit<VictimRow, 'id' | 'caseId' | 'createdBy' | 'createdAt'>>;

/** One identity reveal or identity export, for the auditor (G6.3.6). */
export type VictimRevealRow = {
  victimId: string;
  caseId: string;
  caseNumber: string;
  maskedName: string;
  action: string;
  actorUsername: string | null;
  actorUnitCode: string | null;
  occurredAt: Date;
  reason: string | null;
  seq: number;
};

const withCreator = { victim: victims, createdByUsername: users.username };
const clearer = aliasedTable(users, 'hold_clearer');

/** A legal hold that has not been cleared, on the victim's case or on the victim. */
const activeHoldFor = (db: DbOrTx) =>
  db
    .select({ id: victimLegalHolds.id })
    .from(victimLegalHolds)
    .where(and(eq(victimLegalHolds.caseId, victims.caseId), isNull(victimLegalHolds.clearedAt), or(isNull(victimLegalHolds.victimId), eq(victimLegalHolds.victimId, victims.id))));

export const victimsRepository = {
  /** Inserts with the id chosen by the caller: the id is sealed into every ciphertext as associated data. */
  async insert(tx: DbOrTx, values: NewVictim): Promise<VictimRow> {
    const rows = await tx.insert(victims).values(values).returning();
    return rows[0]!;
  },

  async update(tx: DbOrTx, id: string, patch: VictimPatch): Promise<void> {
    await tx
      .update(victims)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(victims.id, id));
  },

  async findById(db: DbOrTx, id: string): Promise<VictimWithCreator | null> {
    const rows = await db.select(withCreator).from(victims).innerJoin(users, eq(users.id, victims.createdBy)).where(eq(victims.id, id)).limit(1);
    return rows[0] ?? null;
  },

  /** The victims of a case, oldest first. */
  listForCase(db: DbOrTx, caseId: string): Promise<VictimWithCreator[]> {
    return db.select(withCreator).from(victims).innerJoin(users, eq(users.id, victims.createdBy)).where(eq(victims.caseId, caseId)).orderBy(asc(victims.createdAt), asc(victims.id));
  },

  async countForCase(db: DbOrTx, caseId: string): Promise<number> {
    const rows = await db.select({ n: count() }).from(victims).where(eq(victims.caseId, caseId));
    return Number(rows[0]?.n ?? 0);
  },

  /** Department-wide counts: the only thing about victims outside a case's reach anyone learns. */
  async figures(db: DbOrTx): Promise<{ total: number; minors: number; adults: number }> {
    const rows = await db
      .select({ total: count(), minors: sql<number>`count(*) filter (where ${victims.isMinor})`.mapWith(Number) })
      .from(victims);
    const total = Number(rows[0]?.total ?? 0);
    const minors = rows[0]?.minors ?? 0;
    return { total, minors, adults: total - minors };
  },

  /** Minor victims of the case (not purged) whose social worker is not recorded yet (G5.3.2). */
  async minorsAwaitingSocialWorker(tx: DbOrTx, caseId: string): Promise<number> {
    const rows = await tx
      .select({ n: count() })
      .from(victims)
      .where(and(eq(victims.caseId, caseId), eq(victims.isMinor, true), isNull(victims.socialWorkerArrivedAt), isNull(victims.purgedAt)));
    return Number(rows[0]?.n ?? 0);
  },

  /** Adult victims of the case (not purged) who have not been asked about a social worker and a referral yet (G5.3.2). */
  async adultsAwaitingReferralAnswer(tx: DbOrTx, caseId: string): Promise<number> {
    const rows = await tx
      .select({ n: count() })
      .from(victims)
      .where(and(eq(victims.caseId, caseId), eq(victims.isMinor, false), isNull(victims.referralAnsweredAt), isNull(victims.purgedAt)));
    return Number(rows[0]?.n ?? 0);
  },

  // ── Authorisations (G5.3.1) ───────────────────────────────────────────────

  async insertAuthorisation(tx: DbOrTx, values: typeof victimAuthorisations.$inferInsert): Promise<VictimAuthorisationRow> {
    const rows = await tx.insert(victimAuthorisations).values(values).returning();
    return rows[0]!;
  },

  /** Newest first: the first is the one a filing rests on. */
  authorisations(db: DbOrTx, victimId: string): Promise<VictimAuthorisationRow[]> {
    return db.select().from(victimAuthorisations).where(eq(victimAuthorisations.victimId, victimId)).orderBy(desc(victimAuthorisations.recordedAt), desc(victimAuthorisations.id));
  },

  /** Evidence items of the case that are signed authorisation forms: they carry an identity and stay out of every document. */
  async authorisationEvidenceIds(db: DbOrTx, caseId: string): Promise<Set<string>> {
    const rows = await db
      .select({ evidenceId: victimAuthorisations.evidenceId })
      .from(victimAuthorisations)
      .innerJoin(victims, eq(victims.id, victimAuthorisations.victimId))
      .where(eq(victims.caseId, caseId));
    return new Set(rows.map((r) => r.evidenceId));
  },

  /** Which of these evidence items are victims' signed authorisation forms, with the case of each. */
  async authorisationFormCases(db: DbOrTx, evidenceIds: readonly string[]): Promise<Map<string, string>> {
    if (evidenceIds.length === 0) return new Map();
    const rows = await db
      .select({ evidenceId: victimAuthorisations.evidenceId, caseId: victims.caseId })
      .from(victimAuthorisations)
      .innerJoin(victims, eq(victims.id, victimAuthorisations.victimId))
      .where(inArray(victimAuthorisations.evidenceId, [...evidenceIds]));
    return new Map(rows.map((r) => [r.evidenceId, r.caseId]));
  },

  // ── SIPC complaints (G5.3.1) ──────────────────────────────────────────────

  async insertComplaint(tx: DbOrTx, values: typeof victimSipcComplaints.$inferInsert): Promise<VictimSipcComplaintRow> {
    const rows = await tx.insert(victimSipcComplaints).values(values).returning();
    return rows[0]!;
  },

  complaints(db: DbOrTx, victimId: string): Promise<VictimSipcComplaintRow[]> {
    return db.select().from(victimSipcComplaints).where(eq(victimSipcComplaints.victimId, victimId)).orderBy(asc(victimSipcComplaints.filedAt), asc(victimSipcComplaints.id));
  },

  /** The complaints of a case's victims (for the list's clock figures). */
  complaintsOfCase(db: DbOrTx, caseId: string): Promise<VictimSipcComplaintRow[]> {
    return db.select().from(victimSipcComplaints).where(eq(victimSipcComplaints.caseId, caseId));
  },

  async findComplaint(db: DbOrTx, victimId: string, id: string): Promise<VictimSipcComplaintRow | null> {
    const rows = await db
      .select()
      .from(victimSipcComplaints)
      .where(and(eq(victimSipcComplaints.victimId, victimId), eq(victimSipcComplaints.id, id)))
      .limit(1);
    return rows[0] ?? null;
  },

  async setComplaintOutcome(tx: DbOrTx, id: string, patch: Pick<VictimSipcComplaintRow, 'outcome' | 'outcomeAt' | 'outcomeNote'> & { sipcReference?: string | null }): Promise<void> {
    await tx.update(victimSipcComplaints).set(patch).where(eq(victimSipcComplaints.id, id));
  },

  // ── Services (G5.3.2) ─────────────────────────────────────────────────────

  services(db: DbOrTx, victimId: string): Promise<VictimServiceRow[]> {
    return db.select().from(victimServices).where(eq(victimServices.victimId, victimId));
  },

  async upsertService(tx: DbOrTx, values: Omit<VictimServiceRow, 'updatedAt'>): Promise<void> {
    const { victimId: _victimId, service: _service, ...rest } = values;
    await tx
      .insert(victimServices)
      .values({ ...values, updatedAt: new Date() })
      .onConflictDoUpdate({ target: [victimServices.victimId, victimServices.service], set: { ...rest, updatedAt: new Date() } });
  },

  // ── Legal holds ───────────────────────────────────────────────────────────

  async insertHold(tx: DbOrTx, values: typeof victimLegalHolds.$inferInsert): Promise<VictimLegalHoldRow> {
    const rows = await tx.insert(victimLegalHolds).values(values).returning();
    return rows[0]!;
  },

  async findHold(db: DbOrTx, id: string): Promise<VictimLegalHoldRow | null> {
    return (await db.select().from(victimLegalHolds).where(eq(victimLegalHolds.id, id)).limit(1))[0] ?? null;
  },

  /** The active hold on the case itself (victimId null) or on one victim. */
  async activeHold(db: DbOrTx, caseId: string, victimId: string | null): Promise<VictimLegalHoldRow | null> {
    const rows = await db
      .select()
      .from(victimLegalHolds)
      .where(and(eq(victimLegalHolds.caseId, caseId), victimId === null ? isNull(victimLegalHolds.victimId) : eq(victimLegalHolds.victimId, victimId), isNull(victimLegalHolds.clearedAt)))
      .limit(1);
    return rows[0] ?? null;
  },

  /** Clears a hold only if it is still active (a concurrent clear wins; this one reports false). */
  async clearHold(tx: DbOrTx, id: string, by: string, at: Date, reason: string): Promise<boolean> {
    const rows = await tx
      .update(victimLegalHolds)
      .set({ clearedBy: by, clearedAt: at, clearReason: reason })
      .where(and(eq(victimLegalHolds.id, id), isNull(victimLegalHolds.clearedAt)))
      .returning({ id: victimLegalHolds.id });
    return rows.length === 1;
  },

  async findHoldWithUsers(db: DbOrTx, id: string): Promise<HoldWithUsers | null> {
    const rows = await db
      .select({ hold: victimLegalHolds, setByUsername: users.username, clearedByUsername: clearer.username })
      .from(victimLegalHolds)
      .innerJoin(users, eq(users.id, victimLegalHolds.setBy))
      .leftJoin(clearer, eq(clearer.id, victimLegalHolds.clearedBy))
      .where(eq(victimLegalHolds.id, id))
      .limit(1);
    return rows[0] ?? null;
  },

  /** Holds of the case: on the case and on any of its victims, newest first. */
  holdsOfCase(db: DbOrTx, caseId: string): Promise<HoldWithUsers[]> {
    return db
      .select({ hold: victimLegalHolds, setByUsername: users.username, clearedByUsername: clearer.username })
      .from(victimLegalHolds)
      .innerJoin(users, eq(users.id, victimLegalHolds.setBy))
      .leftJoin(clearer, eq(clearer.id, victimLegalHolds.clearedBy))
      .where(eq(victimLegalHolds.caseId, caseId))
      .orderBy(desc(victimLegalHolds.setAt), desc(victimLegalHolds.id));
  },

  // ── Retention ─────────────────────────────────────────────────────────────

  /** Victims due for the purge: not purged, their case closed before `closedBefore`, no active hold on the case or on them. */
  purgeCandidates(db: DbOrTx, closedBefore: Date, limit: number): Promise<{ id: string; caseId: string; caseNumber: string; closedAt: Date | null }[]> {
    return db
      .select({ id: victims.id, caseId: victims.caseId, caseNumber: cases.number, closedAt: cases.closedAt })
      .from(victims)
      .innerJoin(cases, eq(cases.id, victims.caseId))
      .where(and(isNull(victims.purgedAt), eq(cases.status, 'closed'), isNotNull(cases.closedAt), lt(cases.closedAt, closedBefore), notExists(activeHoldFor(db))))
      .orderBy(asc(victims.id))
      .limit(limit);
  },

  /**
   * Purges one victim's sealed identity, re-checking every condition in the same statement (a hold
   * set or a case reopened since the candidates were read stops it). True when this call purged it.
   */
  async purge(tx: DbOrTx, id: string, closedBefore: Date, at: Date, marker: string): Promise<boolean> {
    const rows = await tx
      .update(victims)
      .set({
        nameSealed: null,
        nationalIdSealed: null,
        dateOfBirthSealed: null,
        contactSealed: null,
        guardianNameSealed: null,
        guardianContactSealed: null,
        keyId: null,
        maskedName: marker,
        maskedNationalId: null,
        maskedGuardianName: null,
        hasContact: false,
        hasGuardianContact: false,
        purgedAt: at,
        updatedAt: at,
      })
      .where(
        and(
          eq(victims.id, id),
          isNull(victims.purgedAt),
          sql`exists (select 1 from ${cases} where ${cases.id} = ${victims.caseId} and ${cases.status} = 'closed' and ${cases.closedAt} < ${closedBefore.toISOString()}::timestamptz)`,
          notExists(activeHoldFor(tx)),
        ),
      )
      .returning({ id: victims.id });
    return rows.length === 1;
  },

  // ── The auditor's list of reveals (G6.3.6) ────────────────────────────────

  /** Successful reveals and identity exports, newest first, with the victim's masked name and case number. */
  reveals(db: DbOrTx, filter: { actions: readonly string[]; beforeSeq?: number; limit: number }): Promise<VictimRevealRow[]> {
    return db
      .select({
        victimId: victims.id,
        caseId: cases.id,
        caseNumber: cases.number,
        maskedName: victims.maskedName,
        action: auditEvents.action,
        actorUsername: auditEvents.actorUsername,
        actorUnitCode: auditEvents.actorUnitCode,
        occurredAt: auditEvents.occurredAt,
        reason: auditEvents.reason,
        seq: auditEvents.seq,
      })
      .from(auditEvents)
      .innerJoin(victims, sql`${victims.id}::text = ${auditEvents.objectId}`)
      .innerJoin(cases, eq(cases.id, victims.caseId))
      .where(
        and(
          eq(auditEvents.objectType, 'victim'),
          inArray(auditEvents.action, [...filter.actions]),
          eq(auditEvents.outcome, 'success'),
          filter.beforeSeq === undefined ? undefined : lt(auditEvents.seq, filter.beforeSeq),
        ),
      )
      .orderBy(desc(auditEvents.seq))
      .limit(filter.limit);
  },
};
