/** SQL for keyword lexicons and their versions. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import type { LexiconEntry } from '../../triage/index.ts';
import { units, type UnitRow } from '../units/units.tables.ts';
import { lexicons, lexiconVersions, type LexiconRow, type LexiconVersionRow } from './lexicons.tables.ts';

export type LexiconWithLatest = { lexicon: LexiconRow; unit: UnitRow | null; latest: LexiconVersionRow };

export const lexiconsRepository = {
  async insert(tx: DbOrTx, values: Pick<LexiconRow, 'name' | 'scope' | 'unitId' | 'createdBy'>): Promise<LexiconRow> {
    return (await tx.insert(lexicons).values(values).returning())[0]!;
  },

  async addVersion(tx: DbOrTx, lexiconId: string, entries: LexiconEntry[], createdBy: string | null, changeNote: string | null): Promise<LexiconVersionRow> {
    // The lexicon row is locked so two editors cannot both write "the next" version number.
    await tx.execute(sql`select id from ${lexicons} where ${lexicons.id} = ${lexiconId} for update`);
    const last = await tx
      .select({ version: lexiconVersions.version })
      .from(lexiconVersions)
      .where(eq(lexiconVersions.lexiconId, lexiconId))
      .orderBy(desc(lexiconVersions.version))
      .limit(1);
    const version = (last[0]?.version ?? 0) + 1;
    return (await tx.insert(lexiconVersions).values({ lexiconId, version, entries, createdBy, changeNote }).returning())[0]!;
  },

  async count(db: DbOrTx): Promise<number> {
    return (await db.select({ n: sql<number>`count(*)::int` }).from(lexicons))[0]?.n ?? 0;
  },

  async findWithLatest(db: DbOrTx, id: string): Promise<LexiconWithLatest | null> {
    const rows = await db
      .select({ lexicon: lexicons, unit: units })
      .from(lexicons)
      .leftJoin(units, eq(units.id, lexicons.unitId))
      .where(eq(lexicons.id, id))
      .limit(1);
    const row = rows[0];
    if (!row) return null;
    const latest = await db.select().from(lexiconVersions).where(eq(lexiconVersions.lexiconId, id)).orderBy(desc(lexiconVersions.version)).limit(1);
    return latest[0] ? { lexicon: row.lexicon, unit: row.unit, latest: latest[0] } : null;
  },

  async listWithLatest(db: DbOrTx): Promise<LexiconWithLatest[]> {
    const rows = await db.select({ lexicon: lexicons, unit: units }).from(lexicons).leftJoin(units, eq(units.id, lexicons.unitId)).orderBy(lexicons.name);
    const out: LexiconWithLatest[] = [];
    for (const row of rows) {
      const found = await this.findWithLatest(db, row.lexicon.id);
      if (found) out.push(found);
    }
    return out;
  },

  versions(db: DbOrTx, lexiconId: string) {
    return db
      .select({ version: lexiconVersions.version, createdAt: lexiconVersions.createdAt, createdBy: lexiconVersions.createdBy, changeNote: lexiconVersions.changeNote, entries: lexiconVersions.entries })
      .from(lexiconVersions)
      .where(and(eq(lexiconVersions.lexiconId, lexiconId)))
      .orderBy(desc(lexiconVersions.version));
  },
};
