/** The platform registry through the API (G3.1): seeded, readable by all, edited by administrators only. */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditEvents } from '../../src/modules/audit/audit.tables.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { makeUser, seedDepartment, type TestUser } from '../helpers/factories.ts';
import { buildTestApp, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

describeEachDatabase('platform registry', (use) => {
  let app: AppInstance;
  let officer: TestUser;
  let officerClient: TestClient;
  let adminClient: TestClient;

  beforeAll(async () => {
    await seedDepartment(use().db);
    app = await buildTestApp(use());
    officer = await makeUser(use().db, { unitCode: 'DA-S1' });
    officerClient = new TestClient(app);
    await officerClient.login(use(), officer);
    adminClient = new TestClient(app);
    await adminClient.login(use(), await makeUser(use().db, { unitCode: 'IT', roles: ['admin'] }));
    return () => app.close();
  });

  it('is seeded with the 13 platforms and resolves URLs and keyword searches', async () => {
    const items = (await officerClient.request('GET', '/api/platforms')).json().items as { code: string }[];
    expect(items).toHaveLength(13);
    const resolved = await officerClient.request('GET', `/api/platforms/resolve?url=${encodeURIComponent('https://www.ptt.cc/bbs/Test/M.1.A.html')}`);
    expect(resolved.json().platform.code).toBe('ptt');
    const unknown = await officerClient.request('GET', `/api/platforms/resolve?url=${encodeURIComponent('https://example.org/')}`);
    expect(unknown.json().platform).toBeNull();
    const bad = await officerClient.request('GET', '/api/platforms/resolve?url=not-a-url');
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const links = (await officerClient.request('GET', `/api/platforms/search-links?q=${encodeURIComponent('約砲')}`)).json().items as { platform: string; url: string }[];
    expect(links.find((l) => l.platform === 'dcard')?.url).toBe(`https://www.dcard.tw/search?query=${encodeURIComponent('約砲')}`);
  });

  it('lets administrators add and edit platforms, refuses everyone else and bad input', async () => {
    const created = await adminClient.request('POST', '/api/platforms', {
      code: 'discord',
      nameZh: 'Discord',
      nameEn: 'Discord',
      kind: 'messaging',
      domains: ['https://www.Discord.com/', 'discord.gg'],
      searchUrlTemplates: [],
      notes: null,
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().domains).toEqual(['discord.com', 'discord.gg']);
    const disabled = await adminClient.request('PATCH', `/api/platforms/${created.json().id}`, { active: false });
    expect(disabled.json().active).toBe(false);
    const badTemplate = await adminClient.request('PATCH', `/api/platforms/${created.json().id}`, { searchUrlTemplates: ['javascript:alert({q})'] });
    expect(badTemplate.json().error.code).toBe('VALIDATION_FAILED');
    const duplicate = await adminClient.request('POST', '/api/platforms', { code: 'ptt', nameZh: 'x', nameEn: 'x', kind: 'forum', domains: ['x.example'], searchUrlTemplates: [], notes: null });
    expect(duplicate.statusCode).toBe(409);
    const byOfficer = await officerClient.request('POST', '/api/platforms', { code: 'zz', nameZh: 'x', nameEn: 'x', kind: 'forum', domains: ['zz.example'], searchUrlTemplates: [], notes: null });
    expect(byOfficer.statusCode).toBe(403);
    const denied = await use()
      .db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, officer.user.id), eq(auditEvents.action, 'platform.create'), eq(auditEvents.outcome, 'denied')));
    expect(denied).toHaveLength(1);
  });
});
