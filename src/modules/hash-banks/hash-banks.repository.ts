/** SQL for hash banks, their imports and entries (issue #8). */
import { and, asc, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { users } from '../users/users.tables.ts';
import type { HashBankCsvEntry } from './hash-bank-csv.ts';
import { hashBankEntries, hashBankImports, hashBanks, type HashBankEntryRow, type HashBankImportRow, type HashBankRow, type HashType } from './hash-banks.tables.ts';

export type HashBankImportWithUser = HashBankImportRow & { importedByUsername: string };

export type HashBankSummary = {
  bank: HashBankRow;
  createdByUsername: string;
  counts: Record<HashType, number>;
  lastImport: HashBankImportWithUser | null;
};

export type BankEntryWithBank = { entry: HashBankEntryRow; bank: HashBankRow };

/** Rows per INSERT: 6 parameters each, well under PostgreSQL's 65,535. */
const INSERT_BATCH = 2000;

export const hashBanksRepository = {
  async insertBank(tx: DbOrTx, values: Pick<HashBankRow, 'name' | 'description' | 'createdBy'>): Promise<HashBankRow> {
    return (await tx.insert(hashBanks).values(values).returning())[0]!;
  },

  async findBankByName(db: DbOrTx, name: string): Promise<HashBankRow | null> {
    return (await db.select().from(hashBanks).where(eq(hashBanks.name, name)).limit(1))[0] ?? null;
  },

  async findBank(db: DbOrTx, id: string): Promise<HashBankRow | null> {
    return (await db.select().from(hashBanks).where(eq(hashBanks.id, id)).limit(1))[0] ?? null;
  },

  /** Banks with their entry counts by type and latest import, by name; `id` narrows to one. */
  async summaries(db: DbOrTx, id?: string): Promise<HashBankSummary[]> {
    const banks = await db
      .select({ bank: hashBanks, createdByUsername: users.username })
      .from(hashBanks)
      .innerJoin(users, eq(users.id, hashBanks.createdBy))
      .where(id ? eq(hashBanks.id, id) : undefined)
      .orderBy(asc(hashBanks.name));
    if (banks.length === 0) return [];
    const ids = banks.map((b) => b.bank.id);
    const counts = await db
      .select({ bankId: hashBankEntries.bankId, hashType: hashBankEntries.hashType, n: sql<number>`count(*)::int` })
      .from(hashBankEntries)
      .where(inArray(hashBankEntries.bankId, ids))
      .groupBy(hashBankEntries.bankId, hashBankEntries.hashType);
    const latest = await db
      .selectDistinctOn([hashBankImports.bankId], { item: hashBankImports, importedByUsername: users.username })
      .from(hashBankImports)
      .innerJoin(users, eq(users.id, hashBankImports.importedBy))
      .where(inArray(hashBankImports.bankId, ids))
      .orderBy(hashBankImports.bankId, desc(hashBankImports.importedAt));
    return banks.map(({ bank, createdByUsername }) => {
      const byType: Record<HashType, number> = { pdq: 0, md5: 0, sha256: 0 };
      for (const c of counts) if (c.bankId === bank.id) byType[c.hashType] = c.n;
      const last = latest.find((l) => l.item.bankId === bank.id);
      return { bank, createdByUsername, counts: byType, lastImport: last ? { ...last.item, importedByUsername: last.importedByUsername } : null };
    });
  },

  async imports(db: DbOrTx, bankId: string): Promise<HashBankImportWithUser[]> {
    const rows = await db
      .select({ item: hashBankImports, importedByUsername: users.username })
      .from(hashBankImports)
      .innerJoin(users, eq(users.id, hashBankImports.importedBy))
      .where(eq(hashBankImports.bankId, bankId))
      .orderBy(desc(hashBankImports.importedAt));
    return rows.map((r) => ({ ...r.item, importedByUsername: r.importedByUsername }));
  },

  /**
   * Serialises imports across processes for the rest of `tx`, so entry ids commit in increasing
   * order and a process catching up by "ids above the highest I hold" never skips one.
   */
  async lockImports(tx: DbOrTx): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('csep.hash-bank-import'))`);
  },

  async insertImport(tx: DbOrTx, values: Pick<HashBankImportRow, 'bankId' | 'importedBy' | 'rowCount' | 'addedCount' | 'csvSha256' | 'note'>): Promise<HashBankImportRow> {
    return (await tx.insert(hashBankImports).values(values).returning())[0]!;
  },

  async setImportAddedCount(tx: DbOrTx, importId: string, addedCount: number): Promise<void> {
    await tx.update(hashBankImports).set({ addedCount }).where(eq(hashBankImports.id, importId));
  },

  /** Inserts entries new to the bank (a repeated hash is skipped); returns how many were added. */
  async insertEntries(tx: DbOrTx, bankId: string, importId: string, entries: readonly HashBankCsvEntry[]): Promise<number> {
    let added = 0;
    for (let start = 0; start < entries.length; start += INSERT_BATCH) {
      const batch = entries.slice(start, start + INSERT_BATCH).map((e) => ({ bankId, importId, hashType: e.hashType, hash: e.hash, label: e.label, source: e.source }));
      const inserted = await tx.insert(hashBankEntries).values(batch).onConflictDoNothing({ target: [hashBankEntries.bankId, hashBankEntries.hashType, hashBankEntries.hash] }).returning({ id: hashBankEntries.id });
      added += inserted.length;
    }
    return added;
  },

  async setEnabled(tx: DbOrTx, id: string, enabled: boolean): Promise<HashBankRow | null> {
    return (await tx.update(hashBanks).set({ enabled, updatedAt: new Date() }).where(eq(hashBanks.id, id)).returning())[0] ?? null;
  },

  /** Every bank's id and state (the index filters disabled banks at query time). */
  bankStates(db: DbOrTx): Promise<{ id: string; enabled: boolean }[]> {
    return db.select({ id: hashBanks.id, enabled: hashBanks.enabled }).from(hashBanks);
  },

  /** PDQ entries with ids above `afterId`, in id order: loading and catching up the in-memory index. */
  pdqEntriesAfter(db: DbOrTx, afterId: number, limit: number): Promise<{ id: number; bankId: string; hash: string }[]> {
    return db
      .select({ id: hashBankEntries.id, bankId: hashBankEntries.bankId, hash: hashBankEntries.hash })
      .from(hashBankEntries)
      .where(and(gt(hashBankEntries.id, afterId), eq(hashBankEntries.hashType, 'pdq')))
      .orderBy(asc(hashBankEntries.id))
      .limit(limit);
  },

  /** Entries of enabled banks among `ids` (the index's PDQ candidates, checked again in the transaction). */
  async enabledEntriesByIds(tx: DbOrTx, ids: readonly number[]): Promise<BankEntryWithBank[]> {
    if (ids.length === 0) return [];
    return tx
      .select({ entry: hashBankEntries, bank: hashBanks })
      .from(hashBankEntries)
      .innerJoin(hashBanks, eq(hashBanks.id, hashBankEntries.bankId))
      .where(and(inArray(hashBankEntries.id, [...ids]), eq(hashBanks.enabled, true)));
  },

  /** PDQ entries of enabled banks with ids above `afterId` (imported since the index last caught up). */
  enabledPdqEntriesAfter(tx: DbOrTx, afterId: number): Promise<BankEntryWithBank[]> {
    return tx
      .select({ entry: hashBankEntries, bank: hashBanks })
      .from(hashBankEntries)
      .innerJoin(hashBanks, eq(hashBanks.id, hashBankEntries.bankId))
      .where(and(gt(hashBankEntries.id, afterId), eq(hashBankEntries.hashType, 'pdq'), eq(hashBanks.enabled, true)));
  },

  /** Entries of enabled banks that name this exact content by SHA-256 or MD5. */
  exactEnabledEntries(tx: DbOrTx, hashes: { sha256: string; md5: string }): Promise<BankEntryWithBank[]> {
    return tx
      .select({ entry: hashBankEntries, bank: hashBanks })
      .from(hashBankEntries)
      .innerJoin(hashBanks, eq(hashBanks.id, hashBankEntries.bankId))
      .where(
        and(
          eq(hashBanks.enabled, true),
          or(and(eq(hashBankEntries.hashType, 'sha256'), eq(hashBankEntries.hash, hashes.sha256)), and(eq(hashBankEntries.hashType, 'md5'), eq(hashBankEntries.hash, hashes.md5))),
        ),
      );
  },
};
