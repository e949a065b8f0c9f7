/**
 * Signing in, end to end through the HTTP layer on a real database (issue 2 §4, §9).
 */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditEvents } from '../../src/modules/audit/audit.tables.ts';
import { sessions } from '../../src/modules/auth/sessions.tables.ts';
import { totpCodeForStep, totpStep } from '../../src/modules/auth/totp.ts';
import { usersRepository } from '../../src/modules/users/users.repository.ts';
import { makeUser, seedDepartment } from '../helpers/factories.ts';
import { buildTestApp, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { createUser } from '../../src/modules/users/users.service.ts';
import { systemContext } from '../../src/core/request-context.ts';
import { unitsRepository } from '../../src/modules/units/units.repository.ts';

describeEachDatabase('sign-in', (use) => {
  let app: AppInstance;

  beforeAll(async () => {
    await seedDepartment(use().db);
    app = await buildTestApp(use());
    return () => app.close();
  });

  async function countAudit(action: string, outcome?: string): Promise<number> {
    const rows = await use()
      .db.select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(outcome ? sql`${auditEvents.action} = ${action} and ${auditEvents.outcome} = ${outcome}` : eq(auditEvents.action, action));
    return rows[0]!.n;
  }

  it('first sign-in forces a new password and TOTP enrolment, then reaches the home data', async () => {
    const db = use().db;
    const unit = (await unitsRepository.findByCode(db, 'XY-S1'))!;
    const { oneTimePassword } = await createUser(db, systemContext('test'), {
      username: 'first.login',
      displayName: '首次登入',
      unitId: unit.id,
      roles: ['officer'],
    });
    const client = new TestClient(app);
    await client.session();
    const login = await client.request('POST', '/api/auth/login', { username: 'First.Login', password: oneTimePassword });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toEqual({ stage: 'password_change_required' });
    const firstCookie = client.cookies.get('csep_session');
    const cookieHeader = login.headers['set-cookie'] as string;
    expect(cookieHeader).toMatch(/HttpOnly/);
    expect(cookieHeader).toMatch(/SameSite=Strict/);

    // Nothing else is reachable before the sign-in is complete.
    await client.session();
    expect((await client.request('GET', '/api/me/work')).json().error.code).toBe('LOGIN_STEP_REQUIRED');

    const weak = await client.request('POST', '/api/auth/password', { currentPassword: oneTimePassword, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('PASSWORD_POLICY');

    const changed = await client.request('POST', '/api/auth/password', {
      currentPassword: oneTimePassword,
      newPassword: 'A-much-better-passphrase-42',
    });
    expect(changed.json()).toEqual({ stage: 'mfa_enrollment_required' });
    expect(client.cookies.get('csep_session')).not.toBe(firstCookie);

    await client.session();
    const enrolment = await client.request('POST', '/api/auth/mfa/enroll/start', {});
    expect(enrolment.statusCode).toBe(200);
    const { secret, qrDataUrl, otpauthUrl } = enrolment.json();
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(otpauthUrl).toContain(`secret=${secret}`);

    const wrong = await client.request('POST', '/api/auth/mfa/enroll/confirm', { code: '000000' === totpCodeForStep(secret, totpStep(Date.now())) ? '111111' : '000000' });
    expect(wrong.json().error.code).toBe('MFA_INVALID');

    const confirmed = await client.request('POST', '/api/auth/mfa/enroll/confirm', { code: totpCodeForStep(secret, totpStep(Date.now())) });
    expect(confirmed.json()).toEqual({ stage: 'active' });
    const info = await client.session();
    expect(info.authenticated).toBe(true);
    expect(info.user?.username).toBe('first.login');
    const work = await client.request('GET', '/api/me/work');
    expect(work.statusCode).toBe(200);
    expect(work.json()).toEqual({ tasks: [], cases: [], patrols: [] });
    expect(work.headers['cache-control']).toBe('no-store');
    expect(await countAudit('auth.mfa_enrolled')).toBeGreaterThanOrEqual(1);
  });

  it('an enrolled user signs in with password then TOTP; a replayed code is refused', async () => {
    const user = await makeUser(use().db, { unitCode: 'DA-S2' });
    const client = new TestClient(app);
    await client.session();
    const step1 = await client.request('POST', '/api/auth/login', { username: user.user.username, password: user.password });
    expect(step1.json()).toEqual({ stage: 'mfa_required' });
    await client.session();
    const code = totpCodeForStep(user.totpSecret, totpStep(Date.now()));
    expect((await client.request('POST', '/api/auth/mfa/verify', { code })).json()).toEqual({ stage: 'active' });

    const again = new TestClient(app);
    await again.session();
    await again.request('POST', '/api/auth/login', { username: user.user.username, password: user.password });
    await again.session();
    const replay = await again.request('POST', '/api/auth/mfa/verify', { code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('MFA_INVALID');
  });

  it('answers an unknown user and a wrong password identically, and audits both', async () => {
    const user = await makeUser(use().db);
    const client = new TestClient(app);
    await client.session();
    const unknown = await client.request('POST', '/api/auth/login', { username: 'nobody.here', password: 'whatever-password' });
    const wrong = await client.request('POST', '/api/auth/login', { username: user.user.username, password: 'not-the-password' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(await countAudit('auth.login', 'failure')).toBeGreaterThanOrEqual(2);
  });

  it('locks the account for 15 minutes after 5 failures, even against the right password', async () => {
    const user = await makeUser(use().db);
    const client = new TestClient(app);
    await client.session();
    for (let i = 0; i < 5; i += 1) {
      const r = await client.request('POST', '/api/auth/login', { username: user.user.username, password: `wrong-${i}` });
      expect(r.statusCode).toBe(401);
    }
    const locked = await client.request('POST', '/api/auth/login', { username: user.user.username, password: user.password });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('INVALID_CREDENTIALS');
    const row = (await usersRepository.findById(use().db, user.user.id))!.user;
    const lockMinutes = (row.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(lockMinutes).toBeGreaterThan(14);
    expect(lockMinutes).toBeLessThanOrEqual(15);

    // When the lock has run out, the right password works again.
    await use().db.transaction((tx) => usersRepository.update(tx, user.user.id, { lockedUntil: new Date(Date.now() - 1000) }));
    const after = await client.request('POST', '/api/auth/login', { username: user.user.username, password: user.password });
    expect(after.json()).toEqual({ stage: 'mfa_required' });
  });

  it('ends sessions on logout, on idle timeout, at the absolute lifetime and when the user is disabled', async () => {
    const db = use().db;
    const user = await makeUser(db);
    const client = new TestClient(app);
    await client.login(use(), user);
    const token = client.cookies.get('csep_session')!;
    expect((await client.request('POST', '/api/auth/logout', {})).statusCode).toBe(200);
    const stolen = new TestClient(app);
    stolen.cookies.set('csep_session', token);
    expect((await stolen.request('GET', '/api/me/work')).json().error.code).toBe('SESSION_EXPIRED');

    // Idle for longer than 30 minutes.
    await client.login(use(), user);
    await db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(sessions.userId, user.user.id));
    expect((await client.request('GET', '/api/me/work')).json().error.code).toBe('SESSION_EXPIRED');

    // Past the absolute lifetime, however active.
    await client.login(use(), user);
    await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, user.user.id));
    expect((await client.request('GET', '/api/me/work')).statusCode).toBe(401);

    // Disabled by an administrator: the session ends on the server at once.
    await client.login(use(), user);
    const admin = await makeUser(db, { unitCode: 'IT', roles: ['admin'] });
    const adminClient = new TestClient(app);
    await adminClient.login(use(), admin);
    const disabled = await adminClient.request('PATCH', `/api/users/${user.user.id}`, { active: false });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().active).toBe(false);
    expect((await client.request('GET', '/api/me/work')).json().error.code).toBe('SESSION_EXPIRED');
    const rows = await db.select().from(sessions).where(eq(sessions.userId, user.user.id));
    expect(rows).toHaveLength(0);
  });

  it('refuses state-changing requests without the CSRF token and writes nothing', async () => {
    const db = use().db;
    const admin = await makeUser(db, { unitCode: 'IT', roles: ['admin'] });
    const client = new TestClient(app);
    await client.login(use(), admin);
    const unit = (await unitsRepository.findByCode(db, 'DA'))!;
    const before = await countAudit('user.create');
    const missing = await client.request(
      'POST',
      '/api/users',
      { username: 'csrf.victim', displayName: 'x', unitId: unit.id, roles: ['officer'] },
      { csrf: false },
    );
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('CSRF_INVALID');
    const forged = await client.request(
      'POST',
      '/api/users',
      { username: 'csrf.victim', displayName: 'x', unitId: unit.id, roles: ['officer'] },
      { headers: { 'x-csrf-token': 'forged-token-value' }, csrf: false },
    );
    expect(forged.json().error.code).toBe('CSRF_INVALID');
    expect(await usersRepository.findByUsername(db, 'csrf.victim')).toBeNull();
    expect(await countAudit('user.create')).toBe(before);

    // The login form is protected too (double-submit cookie before a session exists).
    const anonymous = new TestClient(app);
    const noToken = await anonymous.request('POST', '/api/auth/login', { username: 'a', password: 'b' }, { csrf: false });
    expect(noToken.json().error.code).toBe('CSRF_INVALID');
  });

  it('answers bad input with a clear error and writes nothing', async () => {
    const db = use().db;
    const admin = await makeUser(db, { unitCode: 'IT', roles: ['admin'] });
    const client = new TestClient(app);
    await client.login(use(), admin);
    const before = await countAudit('user.create');
    const malformed = await client.request('POST', '/api/users', undefined, { rawBody: '{"username": "x",' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('MALFORMED_JSON');
    const unit = (await unitsRepository.findByCode(db, 'DA'))!;
    const unknownField = await client.request('POST', '/api/users', {
      username: 'extra.field',
      displayName: 'x',
      unitId: unit.id,
      roles: ['officer'],
      isRoot: true,
    });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.code).toBe('VALIDATION_FAILED');
    const badRole = await client.request('POST', '/api/users', { username: 'bad.role', displayName: 'x', unitId: unit.id, roles: ['god'] });
    expect(badRole.json().error.code).toBe('VALIDATION_FAILED');
    const oversize = await client.request('POST', '/api/users', undefined, {
      rawBody: JSON.stringify({ username: 'big', displayName: 'x'.repeat(2_000_000), unitId: unit.id, roles: ['officer'] }),
    });
    expect(oversize.statusCode).toBe(413);
    expect(oversize.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const wrongType = await client.request('POST', '/api/users', undefined, { rawBody: 'username=x', headers: { 'content-type': 'text/plain' } });
    expect(wrongType.statusCode).toBe(415);
    expect(await countAudit('user.create')).toBe(before);
    expect(await usersRepository.findByUsername(db, 'extra.field')).toBeNull();
    const unknownRoute = await client.request('GET', '/api/no-such-thing');
    expect(unknownRoute.statusCode).toBe(404);
    expect(unknownRoute.json().error.code).toBe('NOT_FOUND');
  });

  it('sends security headers: strict CSP, no framing, no caching of API answers', async () => {
    const response = await new TestClient(app).request('GET', '/api/auth/session');
    const csp = response.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describeEachDatabase('per-IP throttling of sign-in', (use) => {
  it('answers 429 RATE_LIMITED past the per-minute limit', async () => {
    await seedDepartment(use().db);
    const app = await buildTestApp(use(), { LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const client = new TestClient(app, '198.51.100.7');
      await client.session();
      const codes: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        codes.push((await client.request('POST', '/api/auth/login', { username: 'nobody', password: 'x' })).statusCode);
      }
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes.slice(3)).toEqual([429, 429]);
      const limited = await client.request('POST', '/api/auth/login', { username: 'nobody', password: 'x' });
      expect(limited.json().error.code).toBe('RATE_LIMITED');
      // Another address is not affected.
      const other = new TestClient(app, '198.51.100.8');
      await other.session();
      expect((await other.request('POST', '/api/auth/login', { username: 'nobody', password: 'x' })).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});
