/**
 * User administration (issue 2 §3). Administrators manage users but see no case content; the
 * operator on the machine (CLI, a system context) may create users and reset MFA too.
 * Supervisors and the WCPD may read people in their scope to assign work.
 */
import { canPerform, canReadUser } from '../../core/access/policy.ts';
import type { Database, DbOrTx } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { generateOneTimePassword, hashPassword } from '../auth/password.ts';
import { sessionsRepository } from '../auth/sessions.repository.ts';
import { unitsRepository } from '../units/units.repository.ts';
import type { CreateUserInput, UpdateUserInput } from './users.contract.ts';
import { usersRepository, type UserWithUnit } from './users.repository.ts';
import type { UserRow } from './users.tables.ts';

function isSystem(ctx: ServiceContext): boolean {
  return ctx.actor === null && ctx.systemName !== undefined;
}

async function requireUserManager(db: Database, ctx: ServiceContext, action: string, objectId: string | null) {
  if (isSystem(ctx) || canPerform(ctx.actor, 'user.manage')) return;
  await recordAuditNow(db, ctx, { action, objectType: 'user', objectId, outcome: 'denied' });
  throw new AppError('FORBIDDEN', '僅系統管理員可管理使用者 (only administrators manage users)');
}

/** Loads a user the actor may read, or answers 404 — and audits the denied attempt — when not. */
async function loadReadableUser(db: Database, ctx: ServiceContext, id: string, action: string): Promise<UserWithUnit> {
  const found = await usersRepository.findById(db, id);
  if (found && (isSystem(ctx) || canReadUser(ctx.actor, { id: found.user.id, unitPath: found.unit.path }))) return found;
  // Another unit's object answers exactly like a missing one, so ids reveal nothing (issue 2 §5).
  await recordAuditNow(db, ctx, { action, objectType: 'user', objectId: id, outcome: 'denied' });
  throw notFound('user');
}

/**
 * Separation of duties (DESIGN.md roles): administrators and auditors see no case content, so
 * neither role may be combined with another.
 */
function assertSeparationOfDuties(roles: readonly string[]): void {
  for (const standalone of ['admin', 'auditor']) {
    if (roles.includes(standalone) && roles.length > 1) {
      throw new AppError('VALIDATION_FAILED', `「${standalone}」角色不可與其他角色併用 (the ${standalone} role cannot be combined with other roles: separation of duties)`);
    }
  }
}

/** People the actor may see: everyone for administrators and the WCPD, the unit subtree for supervisors. */
export async function listUsers(
  db: Database,
  ctx: ServiceContext,
  filter: { unitId?: string; q?: string },
): Promise<UserRow[]> {
  const actor = ctx.actor;
  if (!canPerform(actor, 'user.read') || !actor) {
    await recordAuditNow(db, ctx, { action: 'user.list', objectType: 'user', outcome: 'denied' });
    throw new AppError('FORBIDDEN', '無權查看人員名單 (not allowed to list users)');
  }
  const broad = actor.roles.includes('admin') || actor.roles.includes('wcpd_coordinator');
  const rows = await usersRepository.list(db, {
    unitPathPrefix: broad ? undefined : actor.unitPath,
    unitId: filter.unitId,
    query: filter.q,
    limit: 500,
  });
  // The list carries contact fields (e-mail): a read of sensitive fields is audited.
  await recordAuditNow(db, ctx, {
    action: 'user.list',
    objectType: 'user',
    details: { unitId: filter.unitId ?? null, q: filter.q ?? null, returned: rows.length },
  });
  return rows.map((row) => row.user);
}

/** One user, if the actor may read them. */
export async function getUser(db: Database, ctx: ServiceContext, id: string): Promise<UserRow> {
  const found = await loadReadableUser(db, ctx, id, 'user.view');
  await recordAuditNow(db, ctx, { action: 'user.view', objectType: 'user', objectId: id });
  return found.user;
}

/** Creates a user with a one-time password, which must be changed at the first sign-in. */
export async function createUser(
  db: Database,
  ctx: ServiceContext,
  input: CreateUserInput,
): Promise<{ user: UserRow; oneTimePassword: string }> {
  await requireUserManager(db, ctx, 'user.create', null);
  assertSeparationOfDuties(input.roles);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const user = await db.transaction(async (tx) => {
    const unit = await unitsRepository.findById(tx, input.unitId);
    if (!unit || !unit.active) throw new AppError('VALIDATION_FAILED', '單位不存在或已停用 (unit not found or inactive)');
    if (await usersRepository.findByUsername(tx, input.username)) {
      throw new AppError('USERNAME_TAKEN', `帳號 ${input.username} 已存在 (username already exists)`);
    }
    const created = await usersRepository.insert(tx, {
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      unitId: unit.id,
      roles: input.roles,
      passwordHash,
      mustChangePassword: true,
    });
    await recordAudit(tx, ctx, {
      action: 'user.create',
      objectType: 'user',
      objectId: created.id,
      details: { username: created.username, unitCode: unit.code, roles: created.roles },
    });
    return created;
  });
  return { user, oneTimePassword };
}

/** Keeps at least one active administrator, so nobody locks the department out of its own system. */
async function assertAdminRemains(tx: DbOrTx, changedUserId: string): Promise<void> {
  if ((await usersRepository.countActiveAdminsExcept(tx, changedUserId)) === 0) {
    throw new AppError('LAST_ADMIN', '至少需保留一位啟用中的系統管理員 (at least one active administrator must remain)');
  }
}

/** Changes a user's name, e-mail, unit, roles or active flag; disabling ends their sessions. */
export async function updateUser(db: Database, ctx: ServiceContext, id: string, input: UpdateUserInput): Promise<UserRow> {
  await requireUserManager(db, ctx, 'user.update', id);
  if (input.roles) assertSeparationOfDuties(input.roles);
  return db.transaction(async (tx) => {
    const existing = await usersRepository.findById(tx, id);
    if (!existing) throw notFound('user');
    if (input.unitId !== undefined) {
      const unit = await unitsRepository.findById(tx, input.unitId);
      if (!unit || !unit.active) throw new AppError('VALIDATION_FAILED', '單位不存在或已停用 (unit not found or inactive)');
    }
    const losesAdmin =
      existing.user.roles.includes('admin') &&
      ((input.roles !== undefined && !input.roles.includes('admin')) || input.active === false);
    if (losesAdmin) await assertAdminRemains(tx, id);
    const updated = await usersRepository.update(tx, id, {
      ...(input.displayName !== undefined && { displayName: input.displayName }),
      ...(input.email !== undefined && { email: input.email }),
      ...(input.unitId !== undefined && { unitId: input.unitId }),
      ...(input.roles !== undefined && { roles: input.roles }),
      ...(input.active !== undefined && { active: input.active }),
    });
    let endedSessions = 0;
    if (input.active === false) endedSessions = await sessionsRepository.deleteAllForUser(tx, id);
    await recordAudit(tx, ctx, {
      action: input.active === false ? 'user.disable' : 'user.update',
      objectType: 'user',
      objectId: id,
      details: {
        changed: Object.keys(input),
        ...(input.roles && { roles: input.roles }),
        ...(input.unitId && { unitId: input.unitId }),
        endedSessions,
      },
    });
    return updated;
  });
}

/** Issues a new one-time password; the user must change it at the next sign-in. Sessions end. */
export async function resetPassword(db: Database, ctx: ServiceContext, id: string): Promise<string> {
  await requireUserManager(db, ctx, 'user.reset_password', id);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await db.transaction(async (tx) => {
    if (!(await usersRepository.findById(tx, id))) throw notFound('user');
    await usersRepository.update(tx, id, { passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null });
    await sessionsRepository.deleteAllForUser(tx, id);
    await recordAudit(tx, ctx, { action: 'user.reset_password', objectType: 'user', objectId: id });
  });
  return oneTimePassword;
}

/** Removes the user's TOTP enrolment; they enrol again at the next sign-in. Sessions end. */
export async function resetMfa(db: Database, ctx: ServiceContext, id: string): Promise<UserRow> {
  await requireUserManager(db, ctx, 'user.reset_mfa', id);
  return db.transaction(async (tx) => {
    if (!(await usersRepository.findById(tx, id))) throw notFound('user');
    const user = await usersRepository.update(tx, id, { totpSecret: null, totpEnrolledAt: null, totpLastStep: null });
    await sessionsRepository.deleteAllForUser(tx, id);
    await recordAudit(tx, ctx, { action: 'user.reset_mfa', objectType: 'user', objectId: id });
    return user;
  });
}

/** Lifts a sign-in lock before its 15 minutes have run. */
export async function unlockUser(db: Database, ctx: ServiceContext, id: string): Promise<UserRow> {
  await requireUserManager(db, ctx, 'user.unlock', id);
  return db.transaction(async (tx) => {
    if (!(await usersRepository.findById(tx, id))) throw notFound('user');
    const user = await usersRepository.update(tx, id, { failedLoginCount: 0, lockedUntil: null });
    await recordAudit(tx, ctx, { action: 'user.unlock', objectType: 'user', objectId: id });
    return user;
  });
}
