/**
 * Access rules enforced in the services, tested through the API (issue 2 §3, §5): another unit's
 * object answers 404 and the attempt is audited as denied; administrators manage users and units;
 * only auditors read the audit trail.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/modules/audit/audit.tables.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { makeUser, seedDepartment, unitByCode, type TestUser } from '../helpers/factories.ts';
import { buildTestApp, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

describeEachDatabase('access and administration', (use) => {
  let app: AppInstance;
  const people: Record<string, TestUser> = {};
  const clients: Record<string, TestClient> = {};

  beforeAll(async () => {
    const db = use().db;
    await seedDepartment(db);
    app = await buildTestApp(use());
    const cast = {
      officerDa: { unitCode: 'DA-S1', roles: ['officer'] },
      officerDaOther: { unitCode: 'DA-S2', roles: ['officer'] },
      officerXy: { unitCode: 'XY-S1', roles: ['officer'] },
      supervisorDa: { unitCode: 'DA', roles: ['supervisor'] },
      wcpd: { unitCode: 'WCPD', roles: ['wcpd_coordinator'] },
      cib: { unitCode: 'CIB-TECH', roles: ['cib_investigator'] },
      auditor: { unitCode: 'INSP', roles: ['auditor'] },
      admin: { unitCode: 'IT', roles: ['admin'] },
    } as const;
    for (const [name, spec] of Object.entries(cast)) {
      people[name] = await makeUser(db, { unitCode: spec.unitCode, roles: [...spec.roles] });
      clients[name] = new TestClient(app);
      await clients[name].login(use(), people[name]);
    }
    return () => app.close();
  });

  async function deniedEventsFor(actor: TestUser, action: string, objectId?: string) {
    const conditions = [eq(auditEvents.actorUserId, actor.user.id), eq(auditEvents.action, action), eq(auditEvents.outcome, 'denied')];
    if (objectId) conditions.push(eq(auditEvents.objectId, objectId));
    return use().db.select().from(auditEvents).where(and(...conditions));
  }

  describe('reading a user by id', () => {
    // [reader, target, expected status]
    const MATRIX: [string, string, number][] = [
      ['supervisorDa', 'officerDa', 200],
      ['supervisorDa', 'officerDaOther', 200],
      ['supervisorDa', 'officerXy', 404],
      ['officerDa', 'officerDaOther', 404],
      ['officerDa', 'officerXy', 404],
      ['officerDa', 'officerDa', 200],
      ['wcpd', 'officerXy', 200],
      ['admin', 'officerXy', 200],
      ['auditor', 'officerXy', 404],
      ['cib', 'officerDa', 404],
    ];
    it.each(MATRIX)('%s reading %s → %i', async (reader, target, status) => {
      const response = await clients[reader]!.request('GET', `/api/users/${people[target]!.user.id}`);
      expect(response.statusCode).toBe(status);
      if (status === 404) {
        expect(response.json().error.code).toBe('NOT_FOUND');
        expect(await deniedEventsFor(people[reader]!, 'user.view', people[target]!.user.id)).toHaveLength(1);
      } else {
        expect(response.json().username).toBe(people[target]!.user.username);
        expect(response.json()).not.toHaveProperty('passwordHash');
        expect(response.json()).not.toHaveProperty('totpSecret');
      }
    });

    it('an id that does not exist answers exactly like another unit\'s user', async () => {
      const missing = await clients.officerDa!.request('GET', '/api/users/00000000-0000-4000-8000-000000000000');
      const foreign = await clients.officerDa!.request('GET', `/api/users/${people.officerXy!.user.id}`);
      expect(missing.statusCode).toBe(foreign.statusCode);
      expect(missing.json()).toEqual(foreign.json());
    });
  });

  it('lists people within scope: the supervisor sees their precinct, the admin everyone, an officer nobody', async () => {
    const supervisorList = (await clients.supervisorDa!.request('GET', '/api/users')).json().items as { username: string }[];
    const names = supervisorList.map((u) => u.username);
    expect(names).toContain(people.officerDa!.user.username);
    expect(names).not.toContain(people.officerXy!.user.username);
    const adminList = (await clients.admin!.request('GET', '/api/users')).json().items as { username: string }[];
    expect(adminList.map((u) => u.username)).toContain(people.officerXy!.user.username);
    const officer = await clients.officerDa!.request('GET', '/api/users');
    expect(officer.statusCode).toBe(403);
    expect(await deniedEventsFor(people.officerDa!, 'user.list')).toHaveLength(1);
  });

  it('only auditors browse and verify the audit trail; each browse is itself audited', async () => {
    for (const name of ['officerDa', 'supervisorDa', 'wcpd', 'cib', 'admin']) {
      const response = await clients[name]!.request('GET', '/api/audit/events');
      expect(response.statusCode, name).toBe(403);
      expect(await deniedEventsFor(people[name]!, 'audit.browse')).toHaveLength(1);
    }
    const page = await clients.auditor!.request('GET', `/api/audit/events?actor=${people.officerDa!.user.username}&outcome=denied&limit=5`);
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((e: { outcome: string; actorUsername: string }) => e.outcome === 'denied' && e.actorUsername === people.officerDa!.user.username)).toBe(true);
    const verify = await clients.auditor!.request('GET', '/api/audit/verify');
    expect(verify.json()).toMatchObject({ ok: true, firstBroken: null });
    const browses = await use()
      .db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, people.auditor!.user.id), eq(auditEvents.action, 'audit.browse')));
    expect(browses.length).toBeGreaterThanOrEqual(1);
  });

  it('administrators create users with a one-time password that must be changed at first sign-in', async () => {
    const unit = await unitByCode(use().db, 'WH-S1');
    const created = await clients.admin!.request('POST', '/api/users', {
      username: 'new.officer',
      displayName: '新進員警',
      email: 'new.officer@example.test',
      unitId: unit.id,
      roles: ['officer'],
    });
    expect(created.statusCode).toBe(200);
    const { user, oneTimePassword } = created.json();
    expect(user).toMatchObject({ username: 'new.officer', mfaEnrolled: false, active: true, roles: ['officer'] });
    expect(oneTimePassword).toHaveLength(16);
    const duplicate = await clients.admin!.request('POST', '/api/users', { username: 'NEW.officer', displayName: 'x', unitId: unit.id, roles: ['officer'] });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('USERNAME_TAKEN');

    const newcomer = new TestClient(app);
    await newcomer.session();
    const login = await newcomer.request('POST', '/api/auth/login', { username: 'new.officer', password: oneTimePassword });
    expect(login.json()).toEqual({ stage: 'password_change_required' });

    const byOfficer = await clients.officerDa!.request('POST', '/api/users', { username: 'sneaky', displayName: 'x', unitId: unit.id, roles: ['admin'] });
    expect(byOfficer.statusCode).toBe(403);
    expect(await deniedEventsFor(people.officerDa!, 'user.create')).toHaveLength(1);
  });

  it('keeps administrators and auditors apart from case roles (separation of duties)', async () => {
    const unit = await unitByCode(use().db, 'IT');
    for (const roles of [['admin', 'officer'], ['auditor', 'wcpd_coordinator'], ['admin', 'auditor']]) {
      const refused = await clients.admin!.request('POST', '/api/users', { username: `mixed.${roles.join('.')}`, displayName: 'x', unitId: unit.id, roles });
      expect(refused.statusCode, roles.join('+')).toBe(400);
      expect(refused.json().error.message).toMatch(/separation of duties/);
    }
    const widen = await clients.admin!.request('PATCH', `/api/users/${people.auditor!.user.id}`, { roles: ['auditor', 'supervisor'] });
    expect(widen.statusCode).toBe(400);
  });

  it('never lets the last active administrator go', async () => {
    const db = use().db;
    // Only our admin and the bootstrap admin exist; disable the bootstrap one first.
    const list = (await clients.admin!.request('GET', '/api/users')).json().items as { id: string; roles: string[]; username: string }[];
    for (const other of list.filter((u) => u.roles.includes('admin') && u.id !== people.admin!.user.id)) {
      expect((await clients.admin!.request('PATCH', `/api/users/${other.id}`, { active: false })).statusCode).toBe(200);
    }
    const self = await clients.admin!.request('PATCH', `/api/users/${people.admin!.user.id}`, { roles: ['officer'] });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.code).toBe('LAST_ADMIN');
    void db;
  });

  it('administrators edit the unit tree: add, rename, move; a cycle is refused; others are refused', async () => {
    const da = await unitByCode(use().db, 'DA');
    const xy = await unitByCode(use().db, 'XY');
    const created = await clients.admin!.request('POST', '/api/units', {
      code: 'DA-S9',
      nameZh: '測試派出所',
      nameEn: 'Test Police Station',
      kind: 'station',
      parentId: da.id,
    });
    expect(created.statusCode).toBe(200);
    const unit = created.json();
    expect(unit).toMatchObject({ code: 'DA-S9', parentId: da.id, active: true });
    expect(unit).not.toHaveProperty('path');

    const moved = await clients.admin!.request('PATCH', `/api/units/${unit.id}`, { parentId: xy.id, nameZh: '改名派出所' });
    expect(moved.json()).toMatchObject({ parentId: xy.id, nameZh: '改名派出所' });
    // The move carries the unit into the XY supervisor's scope, out of DA's.
    const movedUnit = await unitByCode(use().db, 'DA-S9');
    expect(movedUnit.path.startsWith(xy.path)).toBe(true);

    const cycle = await clients.admin!.request('PATCH', `/api/units/${xy.id}`, { parentId: unit.id });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json().error.code).toBe('UNIT_CYCLE');

    const taken = await clients.admin!.request('POST', '/api/units', { code: 'DA', nameZh: 'x', nameEn: 'x', kind: 'station', parentId: da.id });
    expect(taken.json().error.code).toBe('UNIT_CODE_TAKEN');

    const byOfficer = await clients.officerDa!.request('POST', '/api/units', { code: 'ZZZ', nameZh: 'x', nameEn: 'x', kind: 'station', parentId: da.id });
    expect(byOfficer.statusCode).toBe(403);

    // Everyone signed in reads the tree: the seeded department, WCPD, CIB and 14 precincts.
    const tree = (await clients.officerDa!.request('GET', '/api/units')).json().items as { code: string; kind: string }[];
    expect(tree.filter((u) => u.kind === 'precinct')).toHaveLength(14);
    expect(tree.map((u) => u.code)).toEqual(expect.arrayContaining(['TPD', 'WCPD', 'CIB', 'ZZ1', 'ZZ2', 'WS1', 'WS2']));
  });
});
