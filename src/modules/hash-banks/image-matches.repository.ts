/** SQL for evidence image hashes, the hashing runs and the matches they produce (issue #8). */
import { aliasedTable, and, asc, eq, gt, gte, inArray, isNotNull, ne, notExists, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { evidenceItems } from '../evidence/evidence.tables.ts';
import { findings } from '../findings/findings.tables.ts';
import {
  evidenceImageHashes,
  evidenceImageHashRuns,
  hashBankEntries,
  hashBanks,
  imageMatches,
  type EvidenceImageHashRow,
  type HashBankEntryRow,
  type HashBankRow,
  type ImageMatchRow,
} from './hash-banks.tables.ts';

export type NewImageHash = Omit<EvidenceImageHashRow, 'id' | 'hashedAt'>;
export type NewImageMatch = Omit<ImageMatchRow, 'id' | 'matchedAt'>;

/** Where an item is filed now: its own finding, and its case (its own, else its finding's). */
export type Filing = { findingId: string | null; caseId: string | null };

export type StoredMatch = {
  match: ImageMatchRow;
  image: EvidenceImageHashRow;
  other: EvidenceImageHashRow | null;
  entry: HashBankEntryRow | null;
  bank: HashBankRow | null;
};

const otherHashes = aliasedTable(evidenceImageHashes, 'other_hashes');

export const imageMatchesRepository = {
  /**
   * Items whose images are not hashed yet (no run recorded): web captures and image uploads, the
   * oldest first. The sweep queues them, so a lost job or a crash between sealing and queueing heals.
   */
  async itemsAwaitingHashing(db: DbOrTx, imageTypes: readonly string[], limit: number): Promise<string[]> {
    const rows = await db
      .select({ id: evidenceItems.id })
      .from(evidenceItems)
      .where(
        and(
          or(eq(evidenceItems.kind, 'web_capture'), inArray(evidenceItems.mediaType, [...imageTypes])),
          notExists(db.select({ one: sql`1` }).from(evidenceImageHashRuns).where(eq(evidenceImageHashRuns.evidenceItemId, evidenceItems.id))),
        ),
      )
      .orderBy(asc(evidenceItems.recordedAt))
      .limit(limit);
    return rows.map((r) => r.id);
  },

  /** Those of the given items that still wait for their hashing run. */
  async itemsAwaitingHashingAmong(db: DbOrTx, evidenceItemIds: readonly string[], imageTypes: readonly string[]): Promise<string[]> {
    if (evidenceItemIds.length === 0) return [];
    const rows = await db
      .select({ id: evidenceItems.id })
      .from(evidenceItems)
      .where(
        and(
          inArray(evidenceItems.id, [...evidenceItemIds]),
          or(eq(evidenceItems.kind, 'web_capture'), inArray(evidenceItems.mediaType, [...imageTypes])),
          notExists(db.select({ one: sql`1` }).from(evidenceImageHashRuns).where(eq(evidenceImageHashRuns.evidenceItemId, evidenceItems.id))),
        ),
      );
    return rows.map((r) => r.id);
  },

  async hasRun(db: DbOrTx, evidenceItemId: string): Promise<boolean> {
    return (await db.select({ id: evidenceImageHashRuns.evidenceItemId }).from(evidenceImageHashRuns).where(eq(evidenceImageHashRuns.evidenceItemId, evidenceItemId)).limit(1)).length > 0;
  },

  /**
   * Serialises hashing runs across processes for the rest of `tx`: two new copies of one image in
   * two workers still meet, and image-hash ids commit in increasing order (see the index catch-up).
   */
  async lockHashing(tx: DbOrTx): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('csep.evidence-image-hash'))`);
  },

  async insertRun(tx: DbOrTx, values: { evidenceItemId: string; images: number; matches: number; skipped: number }): Promise<void> {
    await tx.insert(evidenceImageHashRuns).values(values);
  },

  async insertHashes(tx: DbOrTx, rows: readonly NewImageHash[]): Promise<EvidenceImageHashRow[]> {
    if (rows.length === 0) return [];
    return tx.insert(evidenceImageHashes).values([...rows]).returning();
  },

  hashesOfItems(db: DbOrTx, evidenceItemIds: readonly string[]): Promise<EvidenceImageHashRow[]> {
    if (evidenceItemIds.length === 0) return Promise.resolve([]);
    return db.select().from(evidenceImageHashes).where(inArray(evidenceImageHashes.evidenceItemId, [...evidenceItemIds])).orderBy(asc(evidenceImageHashes.id));
  },

  async findHash(db: DbOrTx, id: number): Promise<EvidenceImageHashRow | null> {
    return (await db.select().from(evidenceImageHashes).where(eq(evidenceImageHashes.id, id)).limit(1))[0] ?? null;
  },

  /** Matchable PDQ hashes (quality at least `minQuality`) with ids above `afterId`, in id order. */
  pdqHashesAfter(db: DbOrTx, afterId: number, minQuality: number, limit: number): Promise<{ id: number; pdq: string }[]> {
    return db
      .select({ id: evidenceImageHashes.id, pdq: sql<string>`${evidenceImageHashes.pdq}` })
      .from(evidenceImageHashes)
      .where(and(gt(evidenceImageHashes.id, afterId), isNotNull(evidenceImageHashes.pdq), gte(evidenceImageHashes.pdqQuality, minQuality)))
      .orderBy(asc(evidenceImageHashes.id))
      .limit(limit);
  },

  hashesByIds(tx: DbOrTx, ids: readonly number[]): Promise<EvidenceImageHashRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return tx.select().from(evidenceImageHashes).where(inArray(evidenceImageHashes.id, [...ids]));
  },

  /** Matchable PDQ hashes of other items with ids above `afterId` (stored since the index caught up). */
  pdqHashesOfOthersAfter(tx: DbOrTx, afterId: number, minQuality: number, evidenceItemId: string): Promise<EvidenceImageHashRow[]> {
    return tx
      .select()
      .from(evidenceImageHashes)
      .where(and(gt(evidenceImageHashes.id, afterId), isNotNull(evidenceImageHashes.pdq), gte(evidenceImageHashes.pdqQuality, minQuality), ne(evidenceImageHashes.evidenceItemId, evidenceItemId)));
  },

  /** Other items' images with this exact content (SHA-256, or MD5 alone). */
  exactHashesOfOthers(tx: DbOrTx, hashes: { sha256: string; md5: string }, evidenceItemId: string): Promise<EvidenceImageHashRow[]> {
    return tx
      .select()
      .from(evidenceImageHashes)
      .where(and(ne(evidenceImageHashes.evidenceItemId, evidenceItemId), or(eq(evidenceImageHashes.sha256, hashes.sha256), eq(evidenceImageHashes.md5, hashes.md5))));
  },

  /** The current filing of each item. */
  async filingOf(db: DbOrTx, evidenceItemIds: readonly string[]): Promise<Map<string, Filing>> {
    const out = new Map<string, Filing>();
    if (evidenceItemIds.length === 0) return out;
    const rows = await db
      .select({ id: evidenceItems.id, findingId: evidenceItems.findingId, caseId: sql<string | null>`coalesce(${evidenceItems.caseId}, ${findings.caseId})` })
      .from(evidenceItems)
      .leftJoin(findings, eq(findings.id, evidenceItems.findingId))
      .where(inArray(evidenceItems.id, [...new Set(evidenceItemIds)]));
    for (const row of rows) out.set(row.id, { findingId: row.findingId, caseId: row.caseId });
    return out;
  },

  /** Inserts matches not recorded before; returns how many were new. */
  async insertMatches(tx: DbOrTx, rows: readonly NewImageMatch[]): Promise<number> {
    if (rows.length === 0) return 0;
    return (await tx.insert(imageMatches).values([...rows]).onConflictDoNothing().returning({ id: imageMatches.id })).length;
  },

  /** Every match with either side among the items, with both images and the bank entry. */
  async matchesOfItems(db: DbOrTx, evidenceItemIds: readonly string[]): Promise<StoredMatch[]> {
    if (evidenceItemIds.length === 0) return [];
    const ids = [...evidenceItemIds];
    return db
      .select({ match: imageMatches, image: evidenceImageHashes, other: otherHashes, entry: hashBankEntries, bank: hashBanks })
      .from(imageMatches)
      .innerJoin(evidenceImageHashes, eq(evidenceImageHashes.id, imageMatches.imageHashId))
      .leftJoin(otherHashes, eq(otherHashes.id, imageMatches.otherImageHashId))
      .leftJoin(hashBankEntries, eq(hashBankEntries.id, imageMatches.bankEntryId))
      .leftJoin(hashBanks, eq(hashBanks.id, imageMatches.bankId))
      .where(or(inArray(imageMatches.evidenceItemId, ids), inArray(imageMatches.otherEvidenceItemId, ids)))
      .orderBy(asc(imageMatches.matchedAt), asc(imageMatches.id));
  },
};
