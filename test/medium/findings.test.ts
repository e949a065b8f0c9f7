/**
 * Patrols, findings and the case numbers they are promoted to (issue #4; G5.1, G6.1, G4.1.1),
 * through the HTTP API on a real database: recording fast without duplicates, the department-wide
 * "already known?" answer that hides another unit's details, need-to-know as a matrix, promote and
 * attach, patrol logs, where cases come from, and bad input refused with nothing written.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/core/access/roles.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { makeUser, seedDepartment, type TestUser } from '../helpers/factories.ts';
import { PIXEL_PNG } from '../fixtures/capture/site.ts';
import { buildTestApp, multipartBody, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

const unique = () => `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
const pttUrl = (id = unique()) => `https://www.ptt.cc/bbs/Gossiping/M.${id}.A.T01.html`;

describeEachDatabase('patrols and findings', (use) => {
  let app: AppInstance;
  let officerDA: TestUser;
  let da: TestClient; // officer, DA-S1
  let da2: TestClient; // another officer, DA-S1
  let xy: TestClient; // officer, XY-S1
  let daSupervisor: TestClient; // supervisor, DA (precinct)
  let wcpd: TestClient;
  let admin: TestClient;
  let auditor: TestClient;
  let ptt: { id: string };

  async function tableCount(table: string): Promise<number> {
    const result = (await use().db.execute(rawSql(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] };
    return Number(result.rows[0]!.n);
  }

  beforeAll(async () => {
    await seedDepartment(use().db);
    app = await buildTestApp(use());
    const client = async (unitCode: string, roles?: Role[]) => {
      const user = await makeUser(use().db, { unitCode, roles });
      const c = new TestClient(app);
      await c.login(use(), user);
      return { user, c };
    };
    const first = await client('DA-S1');
    officerDA = first.user;
    da = first.c;
    da2 = (await client('DA-S1')).c;
    xy = (await client('XY-S1')).c;
    daSupervisor = (await client('DA', ['supervisor'])).c;
    wcpd = (await client('WCPD', ['wcpd_coordinator'])).c;
    admin = (await client('IT', ['admin'])).c;
    auditor = (await client('INSP', ['auditor'])).c;
    const platforms = (await da.request('GET', '/api/platforms')).json();
    ptt = (platforms.items ?? platforms).find((p: { code: string }) => p.code === 'ptt');
    expect(ptt).toBeTruthy();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('runs a patrol: one open at a time, keywords cleaned, unknown platforms named, only the officer ends it', async () => {
    const started = await da.request('POST', '/api/patrols', { platformIds: [ptt.id], keywords: [' 援交 ', '援交', '', '外約'], focuses: ['call_girl_station', 'live_stream'], notes: '夜間巡查' });
    expect(started.statusCode, started.body).toBe(201);
    const patrol = started.json();
    expect(patrol.keywords).toEqual(['援交', '外約']);
    expect(patrol.focuses).toEqual(['call_girl_station', 'live_stream']);
    expect((await da.request('GET', '/api/patrols/current')).json().patrol.id).toBe(patrol.id);

    const second = await da.request('POST', '/api/patrols', {});
    expect(second.statusCode).toBe(409);

    const unknown = await da2.request('POST', '/api/patrols', { platformIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('00000000-0000-4000-8000-000000000000');
    expect((await da2.request('GET', '/api/patrols/current')).json().patrol).toBeNull();

    // A colleague may not end someone else's patrol; another unit does not learn it exists.
    expect((await da2.request('POST', `/api/patrols/${patrol.id}/end`, {})).statusCode).toBe(404);
    expect((await xy.request('GET', `/api/patrols/${patrol.id}`)).statusCode).toBe(404);
    expect((await daSupervisor.request('GET', `/api/patrols/${patrol.id}`)).statusCode).toBe(200);
  });

  it('records a finding in the running patrol with its platform from the domain and triage of its text', async () => {
    const patrol = (await da.request('GET', '/api/patrols/current')).json().patrol;
    const url = pttUrl();
    const created = await da.request('POST', '/api/findings', {
      url,
      accountName: '測試帳號',
      accountId: 'test_account_01',
      posterIp: ' 203.0.113.7 ',
      contentText: '今晚 援.交 可私訊，價格另談',
      ephemeral: true,
      targetCategory: 'art2_1_1',
      targetKind: 'call_girl_station',
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body.outcome).toBe('created');
    expect(body.finding.platform.code).toBe('ptt');
    expect(body.finding.patrolSessionId).toBe(patrol.id);
    expect(body.finding.posterIp).toBe('203.0.113.7');
    expect(body.finding.canonicalUrl).toBe(url.replace('https://www.', 'https://'));
    expect(body.finding.triageScore).toBeGreaterThan(0);
    const match = body.finding.triage.matches.find((m: { term: string }) => m.term === '援交');
    expect(match).toBeTruthy();
    // Offsets point into the text as typed, separator included.
    expect('今晚 援.交 可私訊，價格另談'.slice(match.start, match.end)).toBe('援.交');
    expect(body.known).toEqual([]);
    const byKind = (await da.request('GET', '/api/findings?targetKind=call_girl_station')).json().items;
    expect(byKind.map((f: { id: string }) => f.id)).toEqual([body.finding.id]);
  });

  it('links the same URL instead of duplicating it, and tells another unit only that it is known', async () => {
    const url = pttUrl();
    const first = (await da.request('POST', '/api/findings', { url, accountId: 'dup_account' })).json();
    const sightingsBefore = await tableCount('finding_sightings');

    // Same unit, same post through a share link: one finding, one more sighting.
    const again = await da2.request('POST', '/api/findings', { url: `${url}?utm_source=line&fbclid=abc` });
    expect(again.statusCode).toBe(200);
    expect(again.json().outcome).toBe('sighting_added');
    expect(again.json().finding.id).toBe(first.finding.id);
    expect(await tableCount('finding_sightings')).toBe(sightingsBefore + 1);

    // Another unit is told at once, without the other unit's details.
    const lookup = (await xy.request('GET', `/api/findings/lookup?url=${encodeURIComponent(url.replace('https://www.', 'http://'))}`)).json();
    expect(lookup.platform.code).toBe('ptt');
    expect(lookup.known).toHaveLength(1);
    expect(lookup.known[0]).toMatchObject({ visible: false, findingId: null, caseNumber: null, unit: { code: 'DA-S1' } });
    expect(JSON.stringify(lookup)).not.toContain('dup_account');

    // Recording it there creates that unit's own finding linked to the same URL.
    const theirs = await xy.request('POST', '/api/findings', { url });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().finding.canonicalUrl).toBe(first.finding.canonicalUrl);
    expect(theirs.json().known).toEqual([expect.objectContaining({ visible: false, unit: expect.objectContaining({ code: 'DA-S1' }) })]);

    // The WCPD sees both in full.
    const wcpdLookup = (await wcpd.request('GET', `/api/findings/lookup?url=${encodeURIComponent(url)}`)).json();
    expect(wcpdLookup.known.map((k: { visible: boolean }) => k.visible)).toEqual([true, true]);
  });

  it('enforces need-to-know on findings as a matrix', async () => {
    const { finding } = (await da.request('POST', '/api/findings', { url: pttUrl(), accountId: 'matrix_account' })).json();
    const expectations: [string, TestClient, number][] = [
      ['officer of the unit', da2, 200],
      ['supervisor of the precinct', daSupervisor, 200],
      ['WCPD coordinator', wcpd, 200],
      ['officer of another precinct', xy, 404],
      ['administrator', admin, 403],
      ['auditor', auditor, 403],
    ];
    for (const [who, client, status] of expectations) {
      expect((await client.request('GET', `/api/findings/${finding.id}`)).statusCode, who).toBe(status);
      const patch = await client.request('PATCH', `/api/findings/${finding.id}`, { notes: `by ${who}` });
      expect(patch.statusCode, `${who} patch`).toBe(status);
      const list = await client.request('GET', '/api/findings?limit=200');
      const ids = list.statusCode === 200 ? list.json().items.map((f: { id: string }) => f.id) : [];
      expect(ids.includes(finding.id), `${who} list`).toBe(status === 200);
    }
    const denied = (await use().db.execute(rawSql(`select count(*)::int as n from audit_events where object_id = '${finding.id}' and outcome = 'denied'`))) as unknown as { rows: { n: number }[] };
    expect(Number(denied.rows[0]!.n)).toBeGreaterThanOrEqual(2);
  });

  it('promotes a finding to a numbered case and attaches another; numbers never collide under concurrency', async () => {
    const a = (await da.request('POST', '/api/findings', { url: pttUrl() })).json().finding;
    const b = (await da.request('POST', '/api/findings', { url: pttUrl() })).json().finding;
    const promoted = await da.request('POST', `/api/findings/${a.id}/promote`, { title: '疑似援交訊息', summary: '巡查發現' });
    expect(promoted.statusCode, promoted.body).toBe(200);
    const caseRef = promoted.json().case;
    expect(caseRef.number).toMatch(/^DA-S1-\d{3}-\d{4}$/);
    expect((await da.request('POST', `/api/findings/${a.id}/promote`, { title: 'again' })).statusCode).toBe(409);

    const attached = await da2.request('POST', `/api/findings/${b.id}/attach`, { caseId: caseRef.id });
    expect(attached.statusCode, attached.body).toBe(200);
    const detail = (await da.request('GET', `/api/cases/${caseRef.id}`)).json();
    // The case list: the unit and the WCPD see it, searchable by number; another precinct does not.
    const listed = await da2.request('GET', `/api/cases?q=${encodeURIComponent(caseRef.number)}`);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().items.map((c: { id: string }) => c.id)).toEqual([caseRef.id]);
    expect((await wcpd.request('GET', '/api/cases?limit=200')).json().items.map((c: { id: string }) => c.id)).toContain(caseRef.id);
    expect((await xy.request('GET', '/api/cases?limit=200')).json().items.map((c: { id: string }) => c.id)).not.toContain(caseRef.id);
    expect(detail.findings.map((f: { id: string }) => f.id).sort()).toEqual([a.id, b.id].sort());
    // Another unit can neither read the case nor attach its findings to it.
    const theirs = (await xy.request('POST', '/api/findings', { url: pttUrl() })).json().finding;
    expect((await xy.request('GET', `/api/cases/${caseRef.id}`)).statusCode).toBe(404);
    expect((await xy.request('POST', `/api/findings/${theirs.id}/attach`, { caseId: caseRef.id })).statusCode).toBe(404);

    // Ten promotions at once: ten distinct, consecutive numbers.
    const many = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const f = (await da.request('POST', '/api/findings', { url: pttUrl() })).json().finding;
        return da.request('POST', `/api/findings/${f.id}/promote`, { title: '同時建立' });
      }),
    );
    const numbers = many.map((r) => r.json().case.number as string);
    expect(new Set(numbers).size).toBe(10);
    const sequences = numbers.map((n) => Number(n.split('-').pop())).sort((x, y) => x - y);
    expect(sequences[9]! - sequences[0]!).toBe(9);
  });

  it('files uploads to a case or finding, whose evidence then follows the case', async () => {
    const finding = (await da.request('POST', '/api/findings', { url: pttUrl() })).json().finding;
    const promoted = (await da.request('POST', `/api/findings/${finding.id}/promote`, { title: '證據歸檔' })).json();
    const upload = async (client: TestClient, fields: Record<string, string>) => {
      const { payload, contentType } = multipartBody(fields, [{ filename: 'shot.png', contentType: 'image/png', content: PIXEL_PNG }]);
      return client.request('POST', '/api/evidence/uploads', undefined, { rawBody: payload, headers: { 'content-type': contentType } });
    };
    const toCase = await upload(da2, { caseId: promoted.case.id });
    expect(toCase.statusCode, toCase.body).toBe(200);
    const toFinding = await upload(da, { findingId: finding.id });
    expect(toFinding.statusCode, toFinding.body).toBe(200);
    expect(toFinding.json().items[0].caseId).toBe(promoted.case.id);
    const listed = (await wcpd.request('GET', `/api/evidence?caseId=${promoted.case.id}`)).json().items.map((e: { id: string }) => e.id);
    expect(listed.sort()).toEqual([toCase.json().items[0].id, toFinding.json().items[0].id].sort());
    // Another precinct can neither file to the case nor list or open its evidence.
    expect((await upload(xy, { caseId: promoted.case.id })).statusCode).toBe(404);
    expect((await xy.request('GET', `/api/evidence?caseId=${promoted.case.id}`)).statusCode).toBe(404);
    expect((await xy.request('GET', `/api/evidence/${toCase.json().items[0].id}`)).statusCode).toBe(404);
    expect((await upload(da, { caseId: 'not-an-id' })).statusCode).toBe(400);
  });

  it('refuses bad input with the problem named and writes nothing', async () => {
    const before = { findings: await tableCount('findings'), urls: await tableCount('known_urls'), cases: await tableCount('cases') };
    const cases: [unknown, number, RegExp][] = [
      [{ url: 'ftp://example.com/x' }, 400, /http/],
      [{ url: 'javascript:alert(1)' }, 400, /http/],
      [{ url: 'not a url' }, 400, /not a valid URL/],
      [{ url: 'https://unknown-forum.example/post/1' }, 400, /unknown-forum\.example/],
      [{ url: pttUrl(), platformId: '00000000-0000-4000-8000-000000000000' }, 400, /unknown platform/],
      [{ url: pttUrl(), posterIp: '999.1.1.1' }, 400, /poster IP/],
      [{ url: pttUrl(), seenAt: new Date(Date.now() + 86_400_000).toISOString() }, 400, /future/],
      [{ url: pttUrl(), contentText: '字'.repeat(200_001) }, 400, /content text longer/],
      [{ url: pttUrl(), extra: 1 }, 400, /./],
    ];
    for (const [body, status, message] of cases) {
      const response = await da.request('POST', '/api/findings', body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(response.json().error.message).toMatch(message);
    }
    // A 10 MB paste is refused before it is parsed.
    const huge = await da.request('POST', '/api/findings', { url: pttUrl(), contentText: 'x'.repeat(10 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await da.request('GET', '/api/findings/lookup?url=file%3A%2F%2F%2Fetc%2Fpasswd')).statusCode).toBe(400);
    expect((await da.request('POST', '/api/findings/00000000-0000-4000-8000-000000000000/promote', { title: '   ' })).statusCode).toBe(404);
    expect((await da.request('GET', '/api/findings?cursor=garbage')).statusCode).toBe(400);
    expect({ findings: await tableCount('findings'), urls: await tableCount('known_urls'), cases: await tableCount('cases') }).toEqual(before);
  });

  it('counts patrol logs per day and month and where cases come from', async () => {
    const patrol = (await da.request('GET', '/api/patrols/current')).json().patrol;
    expect((await da.request('POST', `/api/patrols/${patrol.id}/end`, { notes: '結束' })).statusCode).toBe(200);
    expect((await da.request('POST', `/api/patrols/${patrol.id}/end`, {})).statusCode).toBe(409);
    // The home page's work area shows the patrol with its findings, the cases and the open tasks.
    const work = (await da.request('GET', '/api/me/work')).json();
    expect(work.patrols.find((p: { id: string }) => p.id === patrol.id).findingCount).toBeGreaterThanOrEqual(1);
    expect(work.cases.length).toBeGreaterThan(0);
    expect(work.tasks.some((t: { title: string }) => t.title.includes('第 40 條'))).toBe(true);
    expect((await admin.request('GET', '/api/me/work')).json()).toEqual({ tasks: [], cases: [], patrols: [] });
    const from = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const daily = (await da.request('GET', `/api/patrols/log?period=day&from=${from}&to=${to}`)).json().items;
    const mine = daily.filter((row: { officerId: string }) => row.officerId === officerDA.user.id);
    expect(mine.reduce((sum: number, row: { sessions: number }) => sum + row.sessions, 0)).toBe(1);
    expect(mine.reduce((sum: number, row: { findingsRecorded: number }) => sum + row.findingsRecorded, 0)).toBeGreaterThanOrEqual(1);
    expect(mine[0].period).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const monthly = (await daSupervisor.request('GET', `/api/patrols/log?period=month&from=${from}&to=${to}`)).json().items;
    expect(monthly.some((row: { officerId: string }) => row.officerId === officerDA.user.id)).toBe(true);
    // Another precinct's officer sees only their own rows.
    const theirs = (await xy.request('GET', `/api/patrols/log?period=month&from=${from}&to=${to}`)).json().items;
    expect(theirs.every((row: { unitCode: string }) => row.unitCode === 'XY-S1')).toBe(true);
    expect((await da.request('GET', `/api/patrols/log?period=day&from=${to}&to=${from}`)).statusCode).toBe(400);

    const byPlatform = (await wcpd.request('GET', `/api/findings/sources?groupBy=platform&from=${from}&to=${to}`)).json().items;
    const pttRow = byPlatform.find((row: { key: string }) => row.key === 'ptt');
    expect(pttRow.findings).toBeGreaterThanOrEqual(10);
    expect(pttRow.cases).toBeGreaterThanOrEqual(11);
    expect(pttRow.units).toBeGreaterThanOrEqual(2);
    const byDomain = (await wcpd.request('GET', `/api/findings/sources?groupBy=domain&from=${from}&to=${to}`)).json().items;
    expect(byDomain[0].key).toBe('ptt.cc');
    const byAccount = (await da.request('GET', `/api/findings/sources?groupBy=account&from=${from}&to=${to}`)).json().items;
    expect(byAccount.map((row: { key: string }) => row.key)).toContain('ptt:test_account_01');
    // Scoped: XY sees only its own unit's findings in the counts.
    const xyCounts = (await xy.request('GET', `/api/findings/sources?groupBy=platform&from=${from}&to=${to}`)).json().items;
    expect(xyCounts.find((row: { key: string }) => row.key === 'ptt').cases).toBe(0);
  });
});

function rawSql(text: string) {
  return sql.raw(text);
}
