/**
 * CIB's technical-investigation training (issue #9; G4.1.4) through the HTTP API: courses recorded
 * by CIB (and the WCPD) only, each trainee credited with the course's hours under the unit they
 * belonged to on the day, trainee names shown only as far as the reader may know people, and each
 * officer's history with its total.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/client.ts';
import { auditEvents } from '../../src/modules/audit/audit.tables.ts';
import { users } from '../../src/modules/users/users.tables.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { makeUser, seedDepartment, unitByCode, type TestUser } from '../helpers/factories.ts';
import { buildTestApp, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

describeEachDatabase('training records', (use) => {
  let db: Database;
  let app: AppInstance;
  let officerDa: TestUser;
  let officerXy: TestUser;
  const clients: Record<'da' | 'xy' | 'supervisorDa' | 'supervisorXy' | 'cib' | 'admin', TestClient> = {} as never;

  beforeAll(async () => {
    db = use().db;
    await seedDepartment(db);
    app = await buildTestApp(use());
    officerDa = await makeUser(db, { unitCode: 'DA-S1', displayName: '測試員警甲' });
    officerXy = await makeUser(db, { unitCode: 'XY-S1', displayName: '測試員警乙' });
    const people = {
      da: officerDa,
      xy: officerXy,
      supervisorDa: await makeUser(db, { unitCode: 'DA', roles: ['supervisor'] }),
      supervisorXy: await makeUser(db, { unitCode: 'XY', roles: ['supervisor'] }),
      cib: await makeUser(db, { unitCode: 'CIB-TECH', roles: ['cib_investigator'] }),
      admin: await makeUser(db, { unitCode: 'IT', roles: ['admin'] }),
    };
    for (const [key, user] of Object.entries(people)) {
      const client = new TestClient(app);
      await client.login(use(), user);
      clients[key as keyof typeof clients] = client;
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lets CIB record a course with trainees; officers and administrators cannot', async () => {
    const course = { title: '網路犯罪數位鑑識', heldOn: '2025-06-12', hours: 3.5, trainer: '刑大科偵隊 林教官', location: '刑大簡報室', traineeIds: [officerDa.user.id, officerXy.user.id] };
    expect((await clients.da.request('POST', '/api/training/courses', course)).statusCode).toBe(403);
    expect((await clients.admin.request('POST', '/api/training/courses', course)).statusCode).toBe(403);
    expect((await clients.cib.request('POST', '/api/training/courses', { ...course, hours: 1.25 })).statusCode).toBe(400);
    const created = await clients.cib.request('POST', '/api/training/courses', course);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ hours: 3.5, traineeCount: 2, can: { edit: true } });
    expect((await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'training.create'), eq(auditEvents.outcome, 'success'))))).toHaveLength(1);

    // A second course, then the officer moves to XY: the first course stays credited to DA-S1.
    const second = await clients.cib.request('POST', '/api/training/courses', { ...course, title: '開源情資蒐集', heldOn: '2025-07-01', hours: 2, traineeIds: [officerDa.user.id] });
    expect(second.statusCode).toBe(201);
    await db.update(users).set({ unitId: (await unitByCode(db, 'XY-S2')).id }).where(eq(users.id, officerDa.user.id));
    const renamed = await clients.cib.request('PATCH', `/api/training/courses/${created.json().id}`, { title: '網路犯罪數位鑑識（一）', traineeIds: [officerDa.user.id, officerXy.user.id] });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().trainees.find((t: { id: string }) => t.id === officerDa.user.id).unitCode).toBe('DA-S1');
  });

  it('shows trainees only as far as the reader may know people', async () => {
    const course = (list: { items: { title: string; trainees: { id: string }[]; traineeCount: number }[] }) => list.items.find((c) => c.title.startsWith('網路犯罪數位鑑識'))!;
    const asOfficer = course((await clients.xy.request('GET', '/api/training/courses')).json());
    expect(asOfficer.traineeCount).toBe(2);
    expect(asOfficer.trainees.map((t) => t.id)).toEqual([officerXy.user.id]);
    // The trainee unit recorded on the day decides: DA's supervisor sees the DA-S1 trainee.
    expect(course((await clients.supervisorDa.request('GET', '/api/training/courses')).json()).trainees.map((t) => t.id)).toEqual([officerDa.user.id]);
    expect(course((await clients.cib.request('GET', '/api/training/courses')).json()).trainees).toHaveLength(2);
    expect((await clients.admin.request('GET', '/api/training/courses')).statusCode).toBe(403);
    const filtered = (await clients.cib.request('GET', '/api/training/courses?from=2025-06-30&to=2025-07-31')).json();
    expect(filtered.items.map((c: { title: string }) => c.title)).toEqual(['開源情資蒐集']);
  });

  it('gives each officer their history with the total hours', async () => {
    const own = await clients.da.request('GET', '/api/training/me');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ officer: { id: officerDa.user.id }, totalHours: 5.5 });
    expect(own.json().courses.map((c: { title: string; unitCode: string }) => [c.title, c.unitCode])).toEqual([
      ['開源情資蒐集', 'DA-S1'],
      ['網路犯罪數位鑑識（一）', 'DA-S1'],
    ]);
    // The officer now belongs to XY-S2: XY's supervisor may read the history, DA's may not any more.
    expect((await clients.supervisorXy.request('GET', `/api/training/officers/${officerDa.user.id}`)).json().totalHours).toBe(5.5);
    expect((await clients.supervisorDa.request('GET', `/api/training/officers/${officerDa.user.id}`)).statusCode).toBe(404);
    expect((await clients.xy.request('GET', `/api/training/officers/${officerDa.user.id}`)).statusCode).toBe(404);

    // A deleted course leaves the histories.
    const second = (await clients.cib.request('GET', '/api/training/courses?q=開源')).json().items[0];
    expect((await clients.cib.request('POST', `/api/training/courses/${second.id}/delete`)).statusCode).toBe(200);
    expect((await clients.da.request('GET', '/api/training/me')).json().totalHours).toBe(3.5);
  });
});
