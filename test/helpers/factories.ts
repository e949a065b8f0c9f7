/**
 * Factories (STYLE rule 12): partial overrides, missing parents created. They go through the
 * services where a real path exists, and set test-only state (a known password and TOTP secret)
 * directly where the real path would need a person at a keyboard.
 */
import { randomBytes } from 'node:crypto';
import type { Role, UnitKind } from '../../src/core/access/roles.ts';
import { bootstrapSystem } from '../../src/core/bootstrap.ts';
import type { Database } from '../../src/core/db/client.ts';
import { systemContext, type ServiceContext } from '../../src/core/request-context.ts';
import { hashPassword } from '../../src/modules/auth/password.ts';
import { generateTotpSecret } from '../../src/modules/auth/totp.ts';
import { unitsRepository } from '../../src/modules/units/units.repository.ts';
import type { UnitRow } from '../../src/modules/units/units.tables.ts';
import { usersRepository } from '../../src/modules/users/users.repository.ts';
import { createUser } from '../../src/modules/users/users.service.ts';
import type { UserRow } from '../../src/modules/users/users.tables.ts';

export const TEST_PASSWORD = 'Correct-Horse-Battery-9';
const ctx = systemContext('test-factory');

/** Seeds the department's unit tree and the first administrator, as a first start does. */
export async function seedDepartment(db: Database): Promise<void> {
  await bootstrapSystem(db);
}

/** A unit by code from the seeded tree, or a new one under `parentCode` (default the department). */
export async function unitByCode(db: Database, code: string): Promise<UnitRow> {
  const unit = await unitsRepository.findByCode(db, code);
  if (!unit) throw new Error(`unit ${code} not seeded`);
  return unit;
}

export async function makeUnit(
  db: Database,
  overrides: Partial<{ code: string; nameZh: string; nameEn: string; kind: UnitKind; parentCode: string }> = {},
): Promise<UnitRow> {
  const parent = await unitByCode(db, overrides.parentCode ?? 'TPD');
  const code = overrides.code ?? `T${randomBytes(3).toString('hex').toUpperCase()}`;
  return db.transaction((tx) =>
    unitsRepository.insert(
      tx,
      {
        code,
        nameZh: overrides.nameZh ?? `測試單位${code}`,
        nameEn: overrides.nameEn ?? `Test unit ${code}`,
        kind: overrides.kind ?? 'station',
        parentId: parent.id,
      },
      parent.path,
    ),
  );
}

export type TestUser = { user: UserRow; unit: UnitRow; password: string; totpSecret: string };

/**
 * A fully enrolled user (known password, TOTP secret, no forced change) in `unitCode`
 * (default DA-S1) with `roles` (default officer).
 */
export async function makeUser(
  db: Database,
  overrides: Partial<{ username: string; displayName: string; unitCode: string; roles: Role[]; enrolled: boolean }> = {},
): Promise<TestUser> {
  await prepareFactories();
  const unit = await unitByCode(db, overrides.unitCode ?? 'DA-S1');
  const username = overrides.username ?? `user.${randomBytes(4).toString('hex')}`;
  const { user } = await createUser(db, ctx, {
    username,
    displayName: overrides.displayName ?? `測試使用者 ${username}`,
    unitId: unit.id,
    roles: overrides.roles ?? ['officer'],
  });
  const totpSecret = generateTotpSecret();
  const enrolled = overrides.enrolled ?? true;
  const updated = await db.transaction((tx) =>
    usersRepository.update(tx, user.id, {
      passwordHash: passwordHashCache ?? user.passwordHash,
      mustChangePassword: !enrolled,
      totpSecret: enrolled ? totpSecret : null,
      totpEnrolledAt: enrolled ? new Date() : null,
    }),
  );
  return { user: updated, unit, password: TEST_PASSWORD, totpSecret };
}

let passwordHashCache: string | null = null;
/** Hashes the shared test password once per file (argon2id is deliberately slow). */
export async function prepareFactories(): Promise<void> {
  passwordHashCache ??= await hashPassword(TEST_PASSWORD);
}

/** A service context acting as `testUser` (service-level tests that skip HTTP). */
export function contextFor(testUser: TestUser): ServiceContext {
  return {
    actor: {
      userId: testUser.user.id,
      username: testUser.user.username,
      unitId: testUser.unit.id,
      unitCode: testUser.unit.code,
      unitPath: testUser.unit.path,
      roles: testUser.user.roles,
    },
    meta: { requestId: `test-${randomBytes(4).toString('hex')}`, sourceIp: '127.0.0.1', userAgent: 'vitest' },
  };
}
