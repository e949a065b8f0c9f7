/** The liaison directory (G4.1.2): seeded with the guideline's partner bodies, kept by the WCPD, read by case roles. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/core/access/roles.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { makeUser, seedDepartment } from '../helpers/factories.ts';
import { buildTestApp, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

describeEachDatabase('liaison directory', (use) => {
  let app: AppInstance;
  let wcpd: TestClient;
  let officer: TestClient;
  let auditor: TestClient;

  beforeAll(async () => {
    await seedDepartment(use().db);
    app = await buildTestApp(use());
    const signIn = async (unitCode: string, roles: Role[]) => {
      const c = new TestClient(app);
      await c.login(use(), await makeUser(use().db, { unitCode, roles }));
      return c;
    };
    wcpd = await signIn('WCPD', ['wcpd_coordinator']);
    officer = await signIn('DA-S1', ['officer']);
    auditor = await signIn('INSP', ['auditor']);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('is seeded with every partner body and kept only by the WCPD, each change audited', async () => {
    const listed = (await officer.request('GET', '/api/liaison')).json().items;
    expect(listed.map((c: { body: string }) => c.body).sort()).toEqual(['edb', 'iwin', 'prosecutor_shilin', 'prosecutor_taipei', 'sab', 'sipc', 'twnic']);
    expect((await auditor.request('GET', '/api/liaison')).statusCode).toBe(403);
    const iwin = listed.find((c: { body: string }) => c.body === 'iwin');

    expect((await officer.request('PATCH', `/api/liaison/${iwin.id}`, { windowName: '王小姐' })).statusCode).toBe(403);
    const updated = await wcpd.request('PATCH', `/api/liaison/${iwin.id}`, { windowName: '窗口測試', email: 'report@iwin.example.tw', phone: '02-2577-5118' });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ windowName: '窗口測試', email: 'report@iwin.example.tw' });

    const bad = await wcpd.request('PATCH', `/api/liaison/${iwin.id}`, { email: 'not-an-address' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('not-an-address');
    const noMail = await wcpd.request('POST', '/api/liaison', { body: 'other', organisation: '某機關', channels: ['email'] });
    expect(noMail.statusCode).toBe(400);
    const created = await wcpd.request('POST', '/api/liaison', { body: 'other', organisation: '新北市政府社會局', channels: ['phone'], phone: '(02) 2960-3456' });
    expect(created.statusCode, created.body).toBe(201);
    expect((await wcpd.request('PATCH', '/api/liaison/00000000-0000-4000-8000-000000000000', { notes: 'x' })).statusCode).toBe(404);
  });
});
