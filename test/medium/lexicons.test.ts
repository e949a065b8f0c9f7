/**
 * Keyword lexicons (G6.1 toolkit) through the API: the seeded department list scores text with
 * UTF-16 offsets into the original; CSV imports are versioned, all-or-nothing with the row named;
 * unit lists stay within their unit.
 */
import { beforeAll, expect, it } from 'vitest';
import type { AppInstance } from '../../src/server/app-types.ts';
import { makeUser, seedDepartment } from '../helpers/factories.ts';
import { buildTestApp, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

describeEachDatabase('keyword lexicons and triage', (use) => {
  let app: AppInstance;
  const clients: Record<string, TestClient> = {};

  beforeAll(async () => {
    await seedDepartment(use().db);
    app = await buildTestApp(use());
    const cast = {
      officerDa: { unitCode: 'DA-S1', roles: ['officer'] },
      supervisorDa: { unitCode: 'DA', roles: ['supervisor'] },
      officerXy: { unitCode: 'XY-S1', roles: ['officer'] },
      wcpd: { unitCode: 'WCPD', roles: ['wcpd_coordinator'] },
    } as const;
    for (const [name, spec] of Object.entries(cast)) {
      clients[name] = new TestClient(app);
      await clients[name].login(use(), await makeUser(use().db, { unitCode: spec.unitCode, roles: [...spec.roles] }));
    }
    return () => app.close();
  });

  it('scores text against the seeded department list, offsets into the original text', async () => {
    const text = '週末 援.交 有人嗎 加ＬＩＮＥ';
    const result = (await clients.officerDa!.request('POST', '/api/triage', { text })).json();
    expect(result.score).toBeGreaterThan(0);
    const terms = result.matches.map((m: { term: string }) => m.term);
    expect(terms).toContain('援交');
    const match = result.matches.find((m: { term: string }) => m.term === '援交');
    expect(text.slice(match.start, match.end)).toBe('援.交');
  });

  it('imports CSV as a new version, refuses a bad row with its number and keeps the old version', async () => {
    const created = (await clients.supervisorDa!.request('POST', '/api/lexicons', { name: '大安分局自訂', scope: 'unit' })).json();
    const id = created.lexicon.id;
    expect(created.lexicon).toMatchObject({ scope: 'unit', unitCode: 'DA', version: 1, entryCount: 0 });
    const good = await clients.supervisorDa!.request('PUT', `/api/lexicons/${id}/csv`, { csv: 'term,category,weight,note\n外送茶,solicitation,4,"code, with comma"\n', note: '初版' });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().lexicon.version).toBe(2);
    const bad = await clients.supervisorDa!.request('PUT', `/api/lexicons/${id}/csv`, { csv: 'term,category,weight,note\n甲,solicitation,3,\n乙,not-a-category,3,\n' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/row 3/);
    const after = (await clients.supervisorDa!.request('GET', `/api/lexicons/${id}`)).json();
    expect(after.lexicon.version).toBe(2);
    expect(after.entries).toEqual([{ term: '外送茶', category: 'solicitation', weight: 4, note: 'code, with comma' }]);
    const exported = await clients.officerDa!.request('GET', `/api/lexicons/${id}/csv`);
    expect(exported.body).toContain('"code, with comma"');
    const history = (await clients.officerDa!.request('GET', `/api/lexicons/${id}/versions`)).json().items;
    expect(history.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const scored = (await clients.officerDa!.request('POST', '/api/triage', { text: '外送 茶', lexiconId: id })).json();
    expect(scored.matches[0].term).toBe('外送茶');

    // Other units neither see nor change it; an officer cannot change it either.
    expect((await clients.officerXy!.request('GET', `/api/lexicons/${id}`)).statusCode).toBe(404);
    expect((await clients.officerXy!.request('GET', '/api/lexicons')).json().items.map((l: { id: string }) => l.id)).not.toContain(id);
    expect((await clients.officerDa!.request('PUT', `/api/lexicons/${id}/csv`, { csv: 'term,category,weight,note\n' })).statusCode).toBe(403);
    expect((await clients.wcpd!.request('GET', `/api/lexicons/${id}`)).statusCode).toBe(200);
    expect((await clients.officerDa!.request('POST', '/api/lexicons', { name: 'x', scope: 'department' })).statusCode).toBe(403);
  });
});
