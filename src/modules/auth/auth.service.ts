/**
 * Signing in (issue 2 §4): password (argon2id) then TOTP for everyone; the first sign-in forces a
 * new password and TOTP enrolment. Five failures lock the account for fifteen minutes. Every step
 * rotates the session id, and every success, failure and sign-out is audited.
 */
import QRCode from 'qrcode';
import type { AppConfig } from '../../core/config.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError } from '../../core/errors.ts';
import type { Actor, ServiceContext } from '../../core/request-context.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import type { UnitRow } from '../units/units.tables.ts';
import { usersRepository } from '../users/users.repository.ts';
import type { UserRow } from '../users/users.tables.ts';
import { hashPassword, passwordPolicyViolation, verifyAgainstDummy, verifyPassword } from './password.ts';
import { sessionsRepository } from './sessions.repository.ts';
import type { SessionRow, SessionStage } from './sessions.tables.ts';
import { newCsrfToken, newSessionToken, sessionIdFromToken } from './session-token.ts';
import { generateTotpSecret, totpUri, verifyTotp } from './totp.ts';

export type AuthSettings = Pick<AppConfig, 'session' | 'login'>;

/** The same message for an unknown user, a wrong password and a locked account (no enumeration). */
const INVALID_CREDENTIALS_MESSAGE = '帳號或密碼錯誤，或帳號暫時鎖定 (wrong username or password, or the account is temporarily locked)';

export type IssuedSession = { token: string; session: SessionRow };

/** A resolved request session: the session row, its user and the user's unit. */
export type CurrentSession = { session: SessionRow; user: UserRow; unit: UnitRow };

/** The actor a fully signed-in session acts as. */
export function actorFromSession(current: CurrentSession): Actor {
  return {
    userId: current.user.id,
    username: current.user.username,
    unitId: current.unit.id,
    unitCode: current.unit.code,
    unitPath: current.unit.path,
    roles: current.user.roles,
  };
}

/** The step that follows, given what the user has proven so far. */
function nextStage(user: UserRow, totpProven: boolean): SessionStage {
  if (user.totpEnrolledAt !== null && !totpProven) return 'mfa_required';
  if (user.mustChangePassword) return 'password_change_required';
  if (user.totpEnrolledAt === null) return 'mfa_enrollment_required';
  return 'active';
}

async function issueSession(
  tx: Parameters<Parameters<Database['transaction']>[0]>[0],
  settings: AuthSettings,
  ctx: ServiceContext,
  userId: string,
  stage: SessionStage,
  carriedPendingSecret: string | null = null,
): Promise<IssuedSession> {
  const token = newSessionToken();
  const now = new Date();
  const lifetimeMinutes = stage === 'active' ? settings.session.absoluteMinutes : settings.session.pendingMinutes;
  const session: SessionRow = {
    id: sessionIdFromToken(token),
    userId,
    stage,
    csrfToken: newCsrfToken(),
    pendingTotpSecret: carriedPendingSecret,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + lifetimeMinutes * 60_000),
    sourceIp: ctx.meta.sourceIp,
    userAgent: ctx.meta.userAgent,
  };
  await sessionsRepository.insert(tx, session);
  return { token, session };
}

/** Counts a failure against the account (password or TOTP) and audits it; locks at the limit. */
async function registerFailedAttempt(db: Database, settings: AuthSettings, ctx: ServiceContext, user: UserRow, step: string) {
  await db.transaction(async (tx) => {
    const lockUntil = new Date(Date.now() + settings.login.lockMinutes * 60_000);
    const updated = await usersRepository.registerFailure(tx, user.id, settings.login.maxFailures, lockUntil);
    const lockedNow = updated.lockedUntil !== null && updated.lockedUntil > new Date() && updated.failedLoginCount >= settings.login.maxFailures;
    await recordAudit(tx, ctx, {
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      outcome: 'failure',
      attemptedUsername: user.username,
      details: { step, failures: updated.failedLoginCount, locked: lockedNow },
    });
  });
}

function isLocked(user: UserRow): boolean {
  return user.lockedUntil !== null && user.lockedUntil > new Date();
}

/**
 * First step: username and password. Answers INVALID_CREDENTIALS for every kind of refusal. Any
 * session the browser already had is ended: a sign-in always starts a new session id.
 */
export async function login(
  db: Database,
  settings: AuthSettings,
  ctx: ServiceContext,
  input: { username: string; password: string; previousToken?: string },
): Promise<IssuedSession> {
  if (input.previousToken) await sessionsRepository.deleteById(db, sessionIdFromToken(input.previousToken));
  const found = await usersRepository.findByUsername(db, input.username);
  if (!found) {
    await verifyAgainstDummy(input.password);
    await recordAuditNow(db, ctx, {
      action: 'auth.login',
      outcome: 'failure',
      attemptedUsername: input.username.toLowerCase().slice(0, 64),
      details: { step: 'password', unknownUser: true },
    });
    throw new AppError('INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);
  }
  const user = found.user;
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  if (!user.active || isLocked(user)) {
    await recordAuditNow(db, ctx, {
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      outcome: 'denied',
      attemptedUsername: user.username,
      details: { step: 'password', reason: user.active ? 'locked' : 'disabled' },
    });
    throw new AppError('INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);
  }
  if (!passwordOk) {
    await registerFailedAttempt(db, settings, ctx, user, 'password');
    throw new AppError('INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);
  }
  return db.transaction(async (tx) => {
    const stage = nextStage(user, false);
    const issued = await issueSession(tx, settings, ctx, user.id, stage);
    await recordAudit(tx, ctx, {
      action: 'auth.password_accepted',
      objectType: 'user',
      objectId: user.id,
      attemptedUsername: user.username,
      details: { nextStage: stage },
    });
    return issued;
  });
}

/** Replaces a session with a new id at the next stage; a completed sign-in resets the failure count. */
async function advance(
  db: Database,
  settings: AuthSettings,
  ctx: ServiceContext,
  current: CurrentSession,
  user: UserRow,
  totpProven: boolean,
  extra: { action: string; userPatch?: Partial<UserRow>; endOtherSessions?: boolean },
): Promise<IssuedSession> {
  return db.transaction(async (tx) => {
    const stage = nextStage(user, totpProven);
    const patch: Partial<UserRow> = { ...extra.userPatch };
    if (stage === 'active') Object.assign(patch, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() });
    if (Object.keys(patch).length > 0) await usersRepository.update(tx, user.id, patch);
    if (extra.endOtherSessions) await sessionsRepository.deleteAllForUser(tx, user.id);
    else await sessionsRepository.deleteById(tx, current.session.id);
    const issued = await issueSession(tx, settings, ctx, user.id, stage);
    const auditCtx: ServiceContext = { ...ctx, actor: actorFromSession(current) };
    await recordAudit(tx, auditCtx, { action: extra.action, objectType: 'user', objectId: user.id, details: { nextStage: stage } });
    if (stage === 'active') await recordAudit(tx, auditCtx, { action: 'auth.login', objectType: 'user', objectId: user.id });
    return issued;
  });
}

function requireStage(current: CurrentSession, ...stages: SessionStage[]): void {
  if (!stages.includes(current.session.stage)) {
    throw new AppError('LOGIN_STEP_REQUIRED', `此步驟目前不適用 (this step does not apply now: ${current.session.stage})`);
  }
}

/** Second step for an enrolled user: the TOTP code. Failures count toward the lock. */
export async function verifyMfa(
  db: Database,
  settings: AuthSettings,
  ctx: ServiceContext,
  current: CurrentSession,
  code: string,
): Promise<IssuedSession> {
  requireStage(current, 'mfa_required');
  const user = current.user;
  if (isLocked(user) || !user.totpSecret) throw new AppError('MFA_INVALID', '驗證碼錯誤 (wrong code)');
  const step = verifyTotp(user.totpSecret, code, Date.now(), user.totpLastStep);
  if (step === null) {
    await registerFailedAttempt(db, settings, ctx, user, 'totp');
    throw new AppError('MFA_INVALID', '驗證碼錯誤或已使用過 (wrong or already used code)');
  }
  const proven = { ...user, totpLastStep: step };
  return advance(db, settings, ctx, current, proven, true, { action: 'auth.mfa_verified', userPatch: { totpLastStep: step } });
}

/** Sets a new password: forced at the first sign-in, allowed any time when signed in. */
export async function changePassword(
  db: Database,
  settings: AuthSettings,
  ctx: ServiceContext,
  current: CurrentSession,
  input: { currentPassword: string; newPassword: string },
): Promise<IssuedSession> {
  requireStage(current, 'password_change_required', 'active');
  const user = current.user;
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await registerFailedAttempt(db, settings, ctx, user, 'password_change');
    throw new AppError('INVALID_CREDENTIALS', '目前密碼錯誤 (the current password is wrong)');
  }
  const violation = passwordPolicyViolation(input.newPassword, user.username);
  if (violation) throw new AppError('PASSWORD_POLICY', violation);
  if (input.newPassword === input.currentPassword) {
    throw new AppError('PASSWORD_POLICY', '新密碼不可與目前密碼相同 (the new password must differ from the current one)');
  }
  const passwordHash = await hashPassword(input.newPassword);
  const updated: UserRow = { ...user, passwordHash, mustChangePassword: false };
  // A changed password ends every other session of the user.
  return advance(db, settings, ctx, current, updated, true, {
    action: 'auth.password_changed',
    userPatch: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() },
    endOtherSessions: true,
  });
}

/** Offers a new TOTP secret (QR code and text) to a user who must enrol. */
export async function startMfaEnrollment(
  db: Database,
  current: CurrentSession,
): Promise<{ otpauthUrl: string; qrDataUrl: string; secret: string }> {
  requireStage(current, 'mfa_enrollment_required');
  const secret = generateTotpSecret();
  await sessionsRepository.setPendingTotpSecret(db, current.session.id, secret);
  const otpauthUrl = totpUri(secret, current.user.username);
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { otpauthUrl, qrDataUrl, secret };
}

/** Completes enrolment with a code from the offered secret; the session becomes active. */
export async function confirmMfaEnrollment(
  db: Database,
  settings: AuthSettings,
  ctx: ServiceContext,
  current: CurrentSession,
  code: string,
): Promise<IssuedSession> {
  requireStage(current, 'mfa_enrollment_required');
  const secret = current.session.pendingTotpSecret;
  if (!secret) throw new AppError('LOGIN_STEP_REQUIRED', '請先取得 QR 碼 (start the enrolment first)');
  const step = verifyTotp(secret, code, Date.now(), null);
  if (step === null) {
    await registerFailedAttempt(db, settings, ctx, current.user, 'totp_enrollment');
    throw new AppError('MFA_INVALID', '驗證碼錯誤 (wrong code)');
  }
  const enrolledAt = new Date();
  const updated: UserRow = { ...current.user, totpSecret: secret, totpEnrolledAt: enrolledAt, totpLastStep: step };
  return advance(db, settings, ctx, current, updated, true, {
    action: 'auth.mfa_enrolled',
    userPatch: { totpSecret: secret, totpEnrolledAt: enrolledAt, totpLastStep: step },
  });
}

/** Ends the session on the server. */
export async function logout(db: Database, ctx: ServiceContext, current: CurrentSession): Promise<void> {
  await db.transaction(async (tx) => {
    await sessionsRepository.deleteById(tx, current.session.id);
    await recordAudit(tx, { ...ctx, actor: actorFromSession(current) }, { action: 'auth.logout', objectType: 'user', objectId: current.user.id });
  });
}

export type SessionLookup = { status: 'none' } | { status: 'expired' } | { status: 'ok'; current: CurrentSession };

const TOUCH_INTERVAL_MS = 30_000;

/**
 * Finds the session behind a cookie token and enforces the idle timeout, the absolute lifetime
 * and the user's active flag on the server (issue 2 §4).
 */
export async function resolveSession(db: Database, settings: AuthSettings, token: string | undefined): Promise<SessionLookup> {
  if (!token || token.length > 100) return { status: 'none' };
  const session = await sessionsRepository.findById(db, sessionIdFromToken(token));
  if (!session) return { status: 'expired' };
  const now = Date.now();
  const idleLimit = settings.session.idleMinutes * 60_000;
  if (session.expiresAt.getTime() <= now || now - session.lastSeenAt.getTime() > idleLimit) {
    await sessionsRepository.deleteById(db, session.id);
    return { status: 'expired' };
  }
  const found = await usersRepository.findById(db, session.userId);
  if (!found || !found.user.active) {
    await sessionsRepository.deleteById(db, session.id);
    return { status: 'expired' };
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    const at = new Date(now);
    await sessionsRepository.touch(db, session.id, at);
    session.lastSeenAt = at;
  }
  return { status: 'ok', current: { session, user: found.user, unit: found.unit } };
}

/** Deletes expired and idle sessions (run by the session-cleanup job). */
export function purgeExpiredSessions(db: Database, settings: AuthSettings, now = new Date()): Promise<number> {
  return sessionsRepository.deleteExpired(db, now, new Date(now.getTime() - settings.session.idleMinutes * 60_000));
}
