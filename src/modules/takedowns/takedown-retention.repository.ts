/** SQL for the 180-day window's reminders (G5.2). */
import { and, eq, isNotNull, isNull, lte, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { takedownTargets, type TakedownTargetRow } from './takedowns.tables.ts';

const reminderColumn = (day: 150 | 170) => (day === 150 ? takedownTargets.retentionReminder150At : takedownTargets.retentionReminder170At);

export const takedownRetentionRepository = {
  /** Targets whose order is at least `day` days old (T ≤ orderedBy), not yet reminded for that day, window still open. */
  reminderDue(db: DbOrTx, day: 150 | 170, orderedBy: Date, limit: number): Promise<{ target: TakedownTargetRow; dataRequestCount: number }[]> {
    return db
      .select({
        target: takedownTargets,
        // Spelled out: inside a select list drizzle may print columns without their table, which would bind `id` to the inner table.
        dataRequestCount: sql<number>`(select count(*)::int from takedown_data_requests r where r.target_id = takedown_targets.id)`,
      })
      .from(takedownTargets)
      .where(
        and(
          isNotNull(takedownTargets.orderIssuedAt),
          lte(takedownTargets.orderIssuedAt, orderedBy),
          isNull(reminderColumn(day)),
          ne(takedownTargets.state, 'withdrawn'),
          sql`${takedownTargets.retentionEndsAt} > ${orderedBy}::timestamptz + make_interval(days => ${day})`,
        ),
      )
      .orderBy(takedownTargets.orderIssuedAt)
      .limit(limit);
  },
  /** Marks the reminder sent; false when another worker did it first. */
  async markReminded(tx: DbOrTx, id: string, day: 150 | 170, at: Date): Promise<boolean> {
    const column = reminderColumn(day);
    const rows = await tx
      .update(takedownTargets)
      .set(day === 150 ? { retentionReminder150At: at } : { retentionReminder170At: at })
      .where(and(eq(takedownTargets.id, id), isNull(column)))
      .returning({ id: takedownTargets.id });
    return rows.length === 1;
  },
};
