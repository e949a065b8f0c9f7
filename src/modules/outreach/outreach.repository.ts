/** SQL for prevention outreach activities, their officers and attachments (G5.4). */
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { units, type UnitRow } from '../units/units.tables.ts';
import { users } from '../users/users.tables.ts';
import {
  outreachActivities,
  outreachActivityOfficers,
  outreachAttachments,
  type OutreachActivityRow,
  type OutreachAttachmentRow,
  type OutreachKind,
} from './outreach.tables.ts';

export type ActivityWithUnit = { activity: OutreachActivityRow; unit: UnitRow };
export type ActivityOfficer = { activityId: string; id: string; displayName: string; unitCode: string };
export type NewActivity = Pick<OutreachActivityRow, 'unitId' | 'kind' | 'title' | 'startsAt' | 'endsAt' | 'audienceCount' | 'details' | 'notes' | 'createdBy'>;
export type ActivityPatch = Partial<Pick<OutreachActivityRow, 'unitId' | 'kind' | 'title' | 'startsAt' | 'endsAt' | 'audienceCount' | 'details' | 'notes'>>;

export type ActivityFilter = {
  /** Only activities of units under this path (null: every unit). */
  unitPathPrefix: string | null;
  kind?: OutreachKind;
  from?: Date;
  to?: Date;
  limit: number;
};

export const outreachRepository = {
  async insert(tx: DbOrTx, values: NewActivity): Promise<OutreachActivityRow> {
    const rows = await tx.insert(outreachActivities).values(values).returning();
    return rows[0]!;
  },

  async update(tx: DbOrTx, id: string, patch: ActivityPatch): Promise<void> {
    await tx
      .update(outreachActivities)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(outreachActivities.id, id));
  },

  async softDelete(tx: DbOrTx, id: string, deletedBy: string): Promise<void> {
    await tx.update(outreachActivities).set({ deletedAt: new Date(), deletedBy }).where(eq(outreachActivities.id, id));
  },

  /** Replaces the activity's officers. */
  async setOfficers(tx: DbOrTx, activityId: string, userIds: readonly string[]): Promise<void> {
    await tx.delete(outreachActivityOfficers).where(eq(outreachActivityOfficers.activityId, activityId));
    if (userIds.length > 0) await tx.insert(outreachActivityOfficers).values(userIds.map((userId) => ({ activityId, userId })));
  },

  /** A live (not deleted) activity with its unit. */
  async findById(db: DbOrTx, id: string): Promise<ActivityWithUnit | null> {
    const rows = await db
      .select({ activity: outreachActivities, unit: units })
      .from(outreachActivities)
      .innerJoin(units, eq(units.id, outreachActivities.unitId))
      .where(and(eq(outreachActivities.id, id), isNull(outreachActivities.deletedAt)))
      .limit(1);
    return rows[0] ?? null;
  },

  /** Live activities in the scope, in time order (the calendar reads them this way). */
  list(db: DbOrTx, filter: ActivityFilter): Promise<ActivityWithUnit[]> {
    const conditions: (SQL | undefined)[] = [
      isNull(outreachActivities.deletedAt),
      filter.unitPathPrefix === null ? undefined : sql`starts_with(${units.path}, ${filter.unitPathPrefix})`,
      filter.kind ? eq(outreachActivities.kind, filter.kind) : undefined,
      filter.from ? gte(outreachActivities.startsAt, filter.from) : undefined,
      filter.to ? lt(outreachActivities.startsAt, filter.to) : undefined,
    ];
    return db
      .select({ activity: outreachActivities, unit: units })
      .from(outreachActivities)
      .innerJoin(units, eq(units.id, outreachActivities.unitId))
      .where(and(...conditions))
      .orderBy(desc(outreachActivities.startsAt), asc(outreachActivities.title))
      .limit(filter.limit);
  },

  async officersOf(db: DbOrTx, activityIds: readonly string[]): Promise<ActivityOfficer[]> {
    if (activityIds.length === 0) return [];
    return db
      .select({ activityId: outreachActivityOfficers.activityId, id: users.id, displayName: users.displayName, unitCode: units.code })
      .from(outreachActivityOfficers)
      .innerJoin(users, eq(users.id, outreachActivityOfficers.userId))
      .innerJoin(units, eq(units.id, users.unitId))
      .where(inArray(outreachActivityOfficers.activityId, [...activityIds]))
      .orderBy(asc(users.displayName));
  },

  async insertAttachments(tx: DbOrTx, rows: Pick<OutreachAttachmentRow, 'activityId' | 'sha256' | 'fileName' | 'mediaType' | 'sizeBytes' | 'uploadedBy'>[]): Promise<OutreachAttachmentRow[]> {
    if (rows.length === 0) return [];
    return tx.insert(outreachAttachments).values(rows).returning();
  },

  /** Live attachments of the activities, oldest first. */
  async attachmentsOf(db: DbOrTx, activityIds: readonly string[]): Promise<OutreachAttachmentRow[]> {
    if (activityIds.length === 0) return [];
    return db
      .select()
      .from(outreachAttachments)
      .where(and(inArray(outreachAttachments.activityId, [...activityIds]), isNull(outreachAttachments.deletedAt)))
      .orderBy(asc(outreachAttachments.uploadedAt), asc(outreachAttachments.fileName));
  },

  async countAttachments(db: DbOrTx, activityId: string): Promise<number> {
    const rows = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(outreachAttachments)
      .where(and(eq(outreachAttachments.activityId, activityId), isNull(outreachAttachments.deletedAt)));
    return rows[0]?.n ?? 0;
  },

  async softDeleteAttachment(tx: DbOrTx, id: string): Promise<void> {
    await tx.update(outreachAttachments).set({ deletedAt: new Date() }).where(eq(outreachAttachments.id, id));
  },
};
