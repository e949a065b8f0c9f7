/** SQL for users. */
import { and, asc, eq, ilike, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { units, type UnitRow } from '../units/units.tables.ts';
import { users, type UserRow } from './users.tables.ts';

export type UserWithUnit = { user: UserRow; unit: UnitRow };

export type NewUser = Pick<UserRow, 'username' | 'displayName' | 'email' | 'unitId' | 'roles' | 'passwordHash'> & {
  mustChangePassword?: boolean;
};

export const usersRepository = {
  async findById(db: DbOrTx, id: string): Promise<UserWithUnit | null> {
    const rows = await db.select({ user: users, unit: units }).from(users).innerJoin(units, eq(units.id, users.unitId)).where(eq(users.id, id)).limit(1);
    return rows[0] ?? null;
  },

  async findByUsername(db: DbOrTx, username: string): Promise<UserWithUnit | null> {
    const rows = await db
      .select({ user: users, unit: units })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(eq(users.username, username.toLowerCase()))
      .limit(1);
    return rows[0] ?? null;
  },

  /** Users filtered by unit subtree (path prefix) and a free-text query on username/name. */
  list(db: DbOrTx, filter: { unitPathPrefix?: string; unitId?: string; query?: string; limit: number }): Promise<UserWithUnit[]> {
    const conditions: SQL[] = [];
    if (filter.unitPathPrefix) conditions.push(sql`${units.path} like ${`${filter.unitPathPrefix}%`}`);
    if (filter.unitId) conditions.push(eq(users.unitId, filter.unitId));
    if (filter.query) {
      const pattern = `%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern))!);
    }
    return db
      .select({ user: users, unit: units })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(asc(units.path), asc(users.username))
      .limit(filter.limit);
  },

  async count(db: DbOrTx): Promise<number> {
    const rows = await db.select({ n: sql<number>`count(*)::int` }).from(users);
    return rows[0]?.n ?? 0;
  },

  /** Active administrators other than `userId` (the last-administrator guard). */
  async countActiveAdminsExcept(db: DbOrTx, userId: string): Promise<number> {
    const rows = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.active, true), sql`'admin' = any(${users.roles})`, ne(users.id, userId)));
    return rows[0]?.n ?? 0;
  },

  async insert(tx: DbOrTx, user: NewUser): Promise<UserRow> {
    const rows = await tx
      .insert(users)
      .values({ ...user, username: user.username.toLowerCase() })
      .returning();
    return rows[0]!;
  },

  async update(tx: DbOrTx, id: string, patch: Partial<Omit<UserRow, 'id' | 'createdAt'>>): Promise<UserRow> {
    const rows = await tx
      .update(users)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    return rows[0]!;
  },

  /** Counts a failed sign-in; locks the account once `maxFailures` is reached. Returns the new state. */
  async registerFailure(tx: DbOrTx, id: string, maxFailures: number, lockUntil: Date): Promise<UserRow> {
    const rows = await tx
      .update(users)
      .set({
        failedLoginCount: sql`${users.failedLoginCount} + 1`,
        lockedUntil: sql`case when ${users.failedLoginCount} + 1 >= ${maxFailures} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
        updatedAt: new Date(),
      })
      .where(eq(users.id, id))
      .returning();
    return rows[0]!;
  },
};
