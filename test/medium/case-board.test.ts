/**
 * The WCPD tracking board (issue #5) through the HTTP API on a real database: every filter
 * narrows, sorting and paging are stable, overdue tasks are counted, need-to-know holds for lists
 * and exports alike, saved views belong to their user, the CSV opens in Excel (BOM, ROC dates,
 * zh-TW labels) and the XLSX in any spreadsheet, exports are audited, and a bad filter is a 400
 * that names the parameter.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/core/access/roles.ts';
import { PdfPrinter } from '../../src/core/documents/pdf-printer.ts';
import { identityKeyFrom } from '../../src/core/identity/identity-key.ts';
import { victimKeyFrom } from '../../src/core/identity/victim-key.ts';
import { LocalBlobStore } from '../../src/core/vault/local-blob-store.ts';
import { Vault } from '../../src/core/vault/vault.ts';
import { generateSigningKey } from '../../src/capture/index.ts';
import { auditEvents } from '../../src/modules/audit/audit.tables.ts';
import caseBoardRoutes from '../../src/modules/cases/board.routes.ts';
import { exportBoard } from '../../src/modules/cases/board.service.ts';
import { caseAssignees, cases } from '../../src/modules/cases/cases.tables.ts';
import { caseTasks } from '../../src/modules/tasks/tasks.tables.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { parseCsv } from '../../src/triage/csv.ts';
import { contextFor, makeUser, seedDepartment, unitByCode, type TestUser } from '../helpers/factories.ts';
import { testConfig, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase, type TestDatabase } from '../helpers/test-database.ts';

const HOUR = 3_600_000;
const unique = () => `${Date.now()}${randomBytes(3).toString('hex')}`;
const pttUrl = () => `https://www.ptt.cc/bbs/Gossiping/M.${unique()}.A.B01.html`;
const dcardUrl = () => `https://www.dcard.tw/f/talk/p/${Date.now()}${Math.floor(Math.random() * 1e6)}`;

/** `buildTestApp` readies the app; until app.ts registers the board this adds it before `ready` (a no-op once it does). */
async function buildBoardTestApp(database: TestDatabase): Promise<AppInstance> {
  const vaultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csep-test-vault-'));
  const config = testConfig();
  const app = await buildApp({
    config,
    database,
    queue: null,
    vault: new Vault(new LocalBlobStore(vaultDir), randomBytes(32)),
    printer: new PdfPrinter({ chromiumPath: config.chromiumPath }),
    signingKey: generateSigningKey(),
    identityKey: identityKeyFrom(randomBytes(32)),
    victimKey: victimKeyFrom(randomBytes(32)),
  });
  if (!app.hasRoute({ method: 'GET', url: '/api/cases/board' })) await app.register(caseBoardRoutes);
  app.addHook('onClose', async () => fs.rmSync(vaultDir, { recursive: true, force: true }));
  await app.ready();
  return app;
}

/** Every entry of a zip archive (stored or deflated), read independently of the writer. */
function unzip(archive: Buffer): Map<string, string> {
  const eocd = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = new Map<string, string>();
  let offset = archive.readUInt32LE(eocd + 16);
  for (let i = 0; i < archive.readUInt16LE(eocd + 10); i += 1) {
    const method = archive.readUInt16LE(offset + 10);
    const size = archive.readUInt32LE(offset + 20);
    const nameLength = archive.readUInt16LE(offset + 28);
    const local = archive.readUInt32LE(offset + 42);
    const name = archive.toString('utf8', offset + 46, offset + 46 + nameLength);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = archive.subarray(start, start + size);
    entries.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    offset += 46 + nameLength + archive.readUInt16LE(offset + 30) + archive.readUInt16LE(offset + 32);
  }
  return entries;
}

type Fixture = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
type BoardBody = { items: { id: string; number: string; openTaskCount: number; overdueTaskCount: number; nextDueAt: string | null; platform: { code: string } | null; owningUnit: { code: string } }[]; total: number; page: number; pageSize: number };

describeEachDatabase('case tracking board', (use) => {
  let app: AppInstance;
  const clients = {} as Record<'da' | 'daS2' | 'daSupervisor' | 'xy' | 'xyAssigned' | 'wcpd' | 'cib' | 'admin' | 'auditor', TestClient>;
  const users = {} as Record<keyof typeof clients, TestUser>;
  const ids = {} as Record<Fixture, string>;
  const numbers = {} as Record<Fixture, string>;
  const platformIds = {} as Record<'ptt' | 'dcard', string>;
  const unitIds = {} as Record<'DA' | 'DA-S1' | 'DA-S2' | 'XY', string>;
  const now = Date.now();

  /** Fixture labels of a board answer, in its order. */
  const labels = (body: BoardBody) => body.items.map((item) => (Object.entries(ids).find(([, id]) => id === item.id)?.[0] ?? item.number) as Fixture);

  async function board(client: TestClient, query = ''): Promise<BoardBody> {
    const response = await client.request('GET', `/api/cases/board${query ? `?${query}` : ''}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  async function openCase(client: TestClient, url: string, title: string): Promise<{ id: string; number: string }> {
    const finding = await client.request('POST', '/api/findings', { url });
    expect(finding.statusCode, finding.body).toBe(201);
    const promoted = await client.request('POST', `/api/findings/${finding.json().finding.id}/promote`, { title });
    expect(promoted.statusCode, promoted.body).toBe(200);
    return promoted.json().case;
  }

  beforeAll(async () => {
    const db = use().db;
    await seedDepartment(db);
    app = await buildBoardTestApp(use());
    const people: [keyof typeof clients, string, Role[]][] = [
      ['da', 'DA-S1', ['officer']],
      ['daS2', 'DA-S2', ['officer']],
      ['daSupervisor', 'DA', ['supervisor']],
      ['xy', 'XY-S1', ['officer']],
      ['xyAssigned', 'XY-S1', ['officer']],
      ['wcpd', 'WCPD', ['wcpd_coordinator']],
      ['cib', 'CIB-TECH', ['cib_investigator']],
      ['admin', 'IT', ['admin']],
      ['auditor', 'INSP', ['auditor']],
    ];
    for (const [key, unitCode, roles] of people) {
      users[key] = await makeUser(db, { unitCode, roles });
      clients[key] = new TestClient(app);
      await clients[key].login(use(), users[key]);
    }
    for (const code of ['DA', 'DA-S1', 'DA-S2', 'XY'] as const) unitIds[code] = (await unitByCode(db, code)).id;

    // Six cases, opened the real way (a finding promoted), then moved along by direct updates.
    const plan: [Fixture, TestClient, string, string][] = [
      ['A', clients.da, pttUrl(), '看板測試 A 援交貼文'],
      ['B', clients.da, pttUrl(), '看板測試 B 影像交易'],
      ['C', clients.daS2, dcardUrl(), '看板測試 C 直播'],
      ['D', clients.daS2, pttUrl(), '看板測試 D 已結案'],
      ['E', clients.xy, pttUrl(), '看板測試 E 請求刑大'],
      ['F', clients.xy, dcardUrl(), '-看板測試 F 已移送'],
    ];
    for (const [label, client, url, title] of plan) {
      const opened = await openCase(client, url, title);
      ids[label] = opened.id;
      numbers[label] = opened.number;
    }
    const set = (label: Fixture, values: Partial<typeof cases.$inferInsert>) => db.update(cases).set(values).where(eq(cases.id, ids[label]));
    // Creation times in Taipei: A 114/03/01 10:00, B 03/15, E 03/20, C 04/01, D 05/10, F 06/01.
    await set('A', { createdAt: new Date('2025-03-01T10:00:00+08:00') });
    await set('B', { createdAt: new Date('2025-03-15T09:30:00+08:00'), status: 'assessed', art40Outcome: 'art40', serious: true });
    await set('C', { createdAt: new Date('2025-04-01T00:00:00+08:00'), status: 'investigating', art40Outcome: 'harmful' });
    await set('D', { createdAt: new Date('2025-05-10T23:59:00+08:00'), status: 'closed', art40Outcome: 'not_target', closedAt: new Date('2025-06-01T12:00:00+08:00') });
    // E's platform is unknown (a case opened without one).
    await set('E', { createdAt: new Date('2025-03-20T08:00:00+08:00'), cibAssistance: 'requested', platformId: null });
    await set('F', { createdAt: new Date('2025-06-01T15:00:00+08:00'), status: 'transferred', serious: true });
    const platformRows = (await clients.wcpd.request('GET', '/api/platforms')).json();
    for (const p of (platformRows.items ?? platformRows) as { id: string; code: string }[]) if (p.code === 'ptt' || p.code === 'dcard') platformIds[p.code] = p.id;

    // Opening gave every case an Art. 40 check task; give them known deadlines, and C and F an overdue task.
    const dueIn = (label: Fixture, hours: number) =>
      db
        .update(caseTasks)
        .set({ dueAt: new Date(now + hours * HOUR) })
        .where(and(eq(caseTasks.caseId, ids[label]), eq(caseTasks.stepCode, 'art40_check')));
    await dueIn('A', 5);
    await dueIn('B', 1);
    await dueIn('C', 10);
    await dueIn('D', 3);
    await dueIn('F', 10);
    await db.update(caseTasks).set({ status: 'done', doneAt: new Date() }).where(eq(caseTasks.caseId, ids.E));
    for (const [label, hours] of [['C', -1], ['F', -2]] as const) {
      await db.insert(caseTasks).values({ caseId: ids[label], stepCode: 'social_affairs_notice', playbookVersion: 'test', assigneeRole: 'officer', triggeredAt: new Date(now - 5 * HOUR), dueAt: new Date(now + hours * HOUR) });
    }
    // A done task past its deadline is not overdue.
    await db.insert(caseTasks).values({ caseId: ids.A, stepCode: 'child_protection_report', playbookVersion: 'test', assigneeRole: 'officer', triggeredAt: new Date(now - 9 * HOUR), dueAt: new Date(now - 8 * HOUR), status: 'done', doneAt: new Date(now - 9 * HOUR) });
    // An XY officer assigned to DA's case A sees that one case of DA's.
    await db.insert(caseAssignees).values({ caseId: ids.A, userId: users.xyAssigned.user.id, assignedBy: users.daSupervisor.user.id });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists with the owning unit, the platform and the task figures, audited', async () => {
    const body = await board(clients.wcpd, 'sort=createdAt&order=asc');
    expect(body).toMatchObject({ total: 6, page: 1, pageSize: 50 });
    expect(labels(body)).toEqual(['A', 'B', 'E', 'C', 'D', 'F']);
    const c = body.items.find((i) => i.id === ids.C)!;
    expect(c).toMatchObject({ number: numbers.C, owningUnit: { code: 'DA-S2' }, platform: { code: 'dcard' }, openTaskCount: 2, overdueTaskCount: 1, status: 'investigating', art40Outcome: 'harmful' });
    expect(c.nextDueAt).toBe(new Date(now - HOUR).toISOString());
    expect(body.items.find((i) => i.id === ids.A)).toMatchObject({ openTaskCount: 1, overdueTaskCount: 0, nextDueAt: new Date(now + 5 * HOUR).toISOString(), createdAt: '2025-03-01T02:00:00.000Z' });
    expect(body.items.find((i) => i.id === ids.E)).toMatchObject({ openTaskCount: 0, overdueTaskCount: 0, nextDueAt: null, cibAssistance: 'requested', platform: null });
    const [audit] = await use().db.select().from(auditEvents).where(and(eq(auditEvents.action, 'case.board_list'), eq(auditEvents.actorUserId, users.wcpd.user.id))).orderBy(desc(auditEvents.seq)).limit(1);
    expect(audit?.details).toMatchObject({ filters: { sort: 'createdAt', order: 'asc' }, returned: 6, total: 6 });
  });

  it('narrows by each filter', async () => {
    const expectations: [string, Fixture[]][] = [
      [`unitId=${unitIds.DA}`, ['A', 'B', 'C', 'D']],
      [`unitId=${unitIds.DA}&includeSubunits=false`, []],
      [`unitId=${unitIds['DA-S1']}&includeSubunits=false`, ['A', 'B']],
      [`unitId=${unitIds['DA-S2']}`, ['C', 'D']],
      ['status=closed', ['D']],
      ['status=open,closed', ['A', 'E', 'D']],
      ['status=open&status=transferred', ['A', 'E', 'F']],
      [`platformId=${platformIds.dcard}`, ['C', 'F']],
      ['serious=true', ['B', 'F']],
      ['serious=false', ['A', 'E', 'C', 'D']],
      ['overdue=true', ['C', 'F']],
      ['overdue=false', ['A', 'B', 'E', 'D']],
      ['art40Outcome=art40', ['B']],
      ['art40Outcome=pending', ['A', 'E', 'F']],
      ['art40Outcome=harmful,not_target', ['C', 'D']],
      ['from=2025-03-15&to=2025-04-01', ['B', 'E', 'C']],
      // C opened at 114/04/01 00:00 in Taipei, which is still 31 March in UTC.
      ['from=2025-03-15T09:30:00%2B08:00&to=2025-03-31T15:59:59.999Z', ['B', 'E']],
      ['from=2025-03-15T09:30:00.001%2B08:00&to=2025-03-31T16:00:00Z', ['E', 'C']],
      ['to=2025-03-31', ['A', 'B', 'E']],
      ['to=2025-05-10', ['A', 'B', 'E', 'C', 'D']],
      ['from=2025-05-11', ['F']],
      [`q=${encodeURIComponent('影像')}`, ['B']],
      [`q=${encodeURIComponent(numbers.E)}`, ['E']],
      [`q=${encodeURIComponent(numbers.E.toLowerCase())}`, ['E']],
      [`q=${encodeURIComponent('測試 a 援')}`, ['A']],
      [`q=${encodeURIComponent('100%')}`, []],
      [`unitId=${unitIds.DA}&status=investigating,closed&overdue=true&platformId=${platformIds.dcard}`, ['C']],
    ];
    for (const [query, expected] of expectations) {
      const body = await board(clients.wcpd, `sort=createdAt&order=asc&${query}`);
      expect(labels(body), query).toEqual(expected);
      expect(body.total, query).toBe(expected.length);
    }
  });

  it('sorts by creation, number, status and next deadline, and pages without overlap', async () => {
    expect(labels(await board(clients.wcpd))).toEqual(['F', 'D', 'C', 'E', 'B', 'A']);
    const byNumber = (await board(clients.wcpd, 'sort=number')).items.map((i) => i.number);
    expect(byNumber).toEqual([...byNumber].sort());
    expect((await board(clients.wcpd, 'sort=number&order=desc')).items.map((i) => i.number)).toEqual([...byNumber].reverse());
    // Workflow order open → closed; ties newest first.
    expect(labels(await board(clients.wcpd, 'sort=status'))).toEqual(['E', 'A', 'B', 'C', 'F', 'D']);
    expect(labels(await board(clients.wcpd, 'sort=status&order=desc'))).toEqual(['D', 'F', 'C', 'B', 'E', 'A']);
    const statusPages: Fixture[][] = [];
    for (let page = 1; page <= 4; page += 1) statusPages.push(labels(await board(clients.wcpd, `sort=status&pageSize=2&page=${page}`)));
    expect(statusPages).toEqual([['E', 'A'], ['B', 'C'], ['F', 'D'], []]);
    expect(labels(await board(clients.wcpd, 'sort=status&order=desc&status=open,closed'))).toEqual(['D', 'E', 'A']);
    expect(labels(await board(clients.wcpd, 'sort=status&order=desc&status=open,closed&pageSize=1&page=2'))).toEqual(['E']);
    expect(labels(await board(clients.daSupervisor, 'sort=status&serious=false'))).toEqual(['A', 'C', 'D']);
    // Earliest open deadline first (overdue ones lead); a case without an open deadline comes last either way.
    expect(labels(await board(clients.wcpd, 'sort=dueNext'))).toEqual(['F', 'C', 'B', 'D', 'A', 'E']);
    expect(labels(await board(clients.wcpd, 'sort=dueNext&order=desc'))).toEqual(['A', 'D', 'B', 'C', 'F', 'E']);
    expect(labels(await board(clients.wcpd, 'sort=dueNext&overdue=true'))).toEqual(['F', 'C']);
    expect(labels(await board(clients.wcpd, 'sort=dueNext&order=desc&overdue=true'))).toEqual(['C', 'F']);
    expect(labels(await board(clients.wcpd, 'sort=dueNext&overdue=false'))).toEqual(['B', 'D', 'A', 'E']);
    expect(labels(await board(clients.wcpd, 'sort=dueNext&order=desc&overdue=false'))).toEqual(['A', 'D', 'B', 'E']);
    expect(labels(await board(clients.da, 'sort=dueNext'))).toEqual(['B', 'A']);
    // Pages that straddle the cases with a deadline and those without one.
    const dueNextPages: Fixture[][] = [];
    for (let page = 1; page <= 4; page += 1) dueNextPages.push(labels(await board(clients.wcpd, `sort=dueNext&pageSize=2&page=${page}`)));
    expect(dueNextPages).toEqual([['F', 'C'], ['B', 'D'], ['A', 'E'], []]);
    expect(labels(await board(clients.wcpd, 'sort=dueNext&pageSize=4&page=2'))).toEqual(['A', 'E']);
    expect(labels(await board(clients.wcpd, 'sort=dueNext&pageSize=5&page=2'))).toEqual(['E']);
    expect(labels(await board(clients.wcpd, 'sort=dueNext&status=open&pageSize=1&page=2'))).toEqual(['E']);
    // Small pages walk the deadline index, large ones look deadlines up per case: one order either way.
    for (const query of ['sort=dueNext', 'sort=dueNext&order=desc', 'sort=dueNext&overdue=true', 'sort=dueNext&order=desc&overdue=false', 'sort=dueNext&serious=false']) {
      const whole = labels(await board(clients.wcpd, query));
      const onePerPage: Fixture[] = [];
      for (let page = 1; page <= whole.length + 1; page += 1) onePerPage.push(...labels(await board(clients.wcpd, `${query}&pageSize=1&page=${page}`)));
      expect(onePerPage, query).toEqual(whole);
    }

    const pages: Fixture[][] = [];
    for (let page = 1; page <= 4; page += 1) {
      const body = await board(clients.wcpd, `sort=createdAt&order=asc&pageSize=2&page=${page}`);
      expect(body).toMatchObject({ total: 6, page, pageSize: 2 });
      pages.push(labels(body));
    }
    expect(pages).toEqual([['A', 'B'], ['E', 'C'], ['D', 'F'], []]);
  });

  it('respects need-to-know in every list and export', async () => {
    const matrix: [keyof typeof clients, Fixture[]][] = [
      ['da', ['A', 'B']],
      ['daS2', ['C', 'D']],
      ['daSupervisor', ['A', 'B', 'C', 'D']],
      ['xy', ['E', 'F']],
      ['xyAssigned', ['A', 'E', 'F']],
      ['cib', ['E']],
      ['wcpd', ['A', 'B', 'E', 'C', 'D', 'F']],
    ];
    for (const [who, expected] of matrix) {
      const body = await board(clients[who], 'sort=createdAt&order=asc');
      expect(labels(body), who).toEqual(expected);
      expect(body.total, who).toBe(expected.length);
      const csv = await clients[who].request('GET', '/api/cases/board/export?format=csv');
      expect(csv.statusCode, who).toBe(200);
      expect(csv.headers['x-row-count'], who).toBe(String(expected.length));
      for (const label of Object.keys(ids) as Fixture[]) expect(csv.body.includes(numbers[label]), `${who} export ${label}`).toBe(expected.includes(label));
    }
    // A unit outside the scope matches nothing — the same answer as a unit without cases.
    expect(await board(clients.da, `unitId=${unitIds.XY}`)).toMatchObject({ items: [], total: 0 });
    expect(await board(clients.xy, `unitId=${unitIds.DA}`)).toMatchObject({ items: [], total: 0 });
    expect(labels(await board(clients.xyAssigned, `unitId=${unitIds.DA}`))).toEqual(['A']);
    for (const who of ['admin', 'auditor'] as const) {
      for (const url of ['/api/cases/board', '/api/cases/board/export?format=csv', '/api/cases/board/views']) {
        const response = await clients[who].request('GET', url);
        expect(response.statusCode, `${who} ${url}`).toBe(403);
      }
      expect((await clients[who].request('POST', '/api/cases/board/views', { name: 'x', filters: {} })).statusCode).toBe(403);
    }
    expect((await new TestClient(app).request('GET', '/api/cases/board')).statusCode).toBe(401);
  });

  it('keeps saved views per user: create, list, refuse a repeated name, delete', async () => {
    const filters = { status: ['open', 'investigating'], overdue: true, unitId: unitIds.DA, sort: 'dueNext', order: 'asc' };
    const created = await clients.da.request('POST', '/api/cases/board/views', { name: ' 大安 逾期 ', filters });
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json();
    expect(view).toMatchObject({ name: '大安 逾期', filters });
    expect((await clients.da.request('POST', '/api/cases/board/views', { name: '大安 逾期', filters: {} })).statusCode).toBe(409);
    // Another user may use the same name; each sees only their own.
    expect((await clients.daS2.request('POST', '/api/cases/board/views', { name: '大安 逾期', filters: { serious: true } })).statusCode).toBe(201);
    expect((await clients.da.request('GET', '/api/cases/board/views')).json().items).toEqual([view]);
    expect((await clients.daS2.request('GET', '/api/cases/board/views')).json().items.map((v: { filters: unknown }) => v.filters)).toEqual([{ serious: true }]);
    expect((await clients.wcpd.request('GET', '/api/cases/board/views')).json().items).toEqual([]);

    // Filters are checked like the board's query string, naming the field.
    const bad: [unknown, RegExp][] = [
      [{ status: ['bogus'] }, /filters\.status: must be one of open, assessed/],
      [{ colour: 'red' }, /filters\.colour: is not a known parameter/],
      [{ from: '2025-02-30' }, /from: 2025-02-30 is not a date/],
      [{ unitId: randomUUID() }, /unitId: no unit/],
    ];
    for (const [badFilters, message] of bad) {
      const response = await clients.da.request('POST', '/api/cases/board/views', { name: `bad ${unique()}`, filters: badFilters });
      expect(response.statusCode, JSON.stringify(badFilters)).toBe(400);
      expect(response.json().error.message).toMatch(message);
    }
    expect((await clients.da.request('POST', '/api/cases/board/views', { name: '   ', filters: {} })).json().error.message).toMatch(/name/);

    // Someone else's view is not found; the owner deletes it.
    expect((await clients.daS2.request('DELETE', `/api/cases/board/views/${view.id}`)).statusCode).toBe(404);
    expect((await clients.da.request('DELETE', `/api/cases/board/views/${view.id}`)).statusCode).toBe(204);
    expect((await clients.da.request('DELETE', `/api/cases/board/views/${view.id}`)).statusCode).toBe(404);
    expect((await clients.da.request('GET', '/api/cases/board/views')).json().items).toEqual([]);
    const trail = await use().db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.objectId, view.id)).orderBy(auditEvents.seq);
    expect(trail.map((t) => t.action)).toEqual(['case.board_view_create', 'case.board_view_delete']);
  });

  it('exports CSV that Excel opens: BOM, zh-TW header and labels, ROC dates, inert formulas; audited', async () => {
    const response = await clients.wcpd.request('GET', `/api/cases/board/export?format=csv&sort=createdAt&order=asc&unitId=${unitIds.DA}&status=open,assessed,investigating,closed,transferred`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const disposition = String(response.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="cases-1\d\d-\d\d-\d\d\.csv"; filename\*=UTF-8''cases-1\d\d-\d\d-\d\d\.csv$/);
    const raw = response.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(raw.toString('utf8')).map((r) => r.fields);
    expect(records[0]).toEqual(['案號', '案件名稱', '狀態', '列管單位', '單位代碼', '平台', '第40條研判', '重大案件', '刑大協助', '未完成任務數', '逾期任務數', '最近期限', '立案時間', '最後更新', '結案時間']);
    expect(records.slice(1).map((r) => r[0])).toEqual([numbers.A, numbers.B, numbers.C, numbers.D]);
    expect(records[1]!.slice(2, 13)).toEqual(['列管中', '和平東路派出所', 'DA-S1', 'PTT 批踢踢', '尚未研判', '否', '無', '1', '0', expect.stringMatching(/^1\d\d\/\d\d\/\d\d \d\d:\d\d$/), '114/03/01 10:00']);
    expect(records[2]!.slice(2, 9)).toEqual(['已研判', '和平東路派出所', 'DA-S1', 'PTT 批踢踢', '第40條查處標的', '是', '無']);
    expect(records[3]!.slice(5, 11)).toEqual(['Dcard', '有害兒少身心（非第40條）', '否', '無', '2', '1']);
    expect(records[4]!.slice(2, 3).concat(records[4]!.slice(12))).toEqual(['已結案', '114/05/10 23:59', expect.stringMatching(/^1\d\d\//), '114/06/01 12:00']);
    const [audit] = await use().db.select().from(auditEvents).where(eq(auditEvents.action, 'case.board_export')).orderBy(desc(auditEvents.seq)).limit(1);
    expect(audit).toMatchObject({ actorUserId: users.wcpd.user.id, objectType: 'case', outcome: 'success' });
    expect(audit!.details).toEqual({ format: 'csv', rowCount: 4, filters: { sort: 'createdAt', order: 'asc', unitId: unitIds.DA, status: ['open', 'assessed', 'investigating', 'closed', 'transferred'] } });

    // A title a spreadsheet would run as a formula is written inert.
    const f = parseCsv((await clients.wcpd.request('GET', `/api/cases/board/export?format=csv&q=${encodeURIComponent(numbers.F)}`)).rawPayload.toString('utf8'));
    expect(f[1]!.fields[1]).toBe("'-看板測試 F 已移送");
  });

  it('exports an XLSX workbook a spreadsheet program reads back', async () => {
    const response = await clients.wcpd.request('GET', '/api/cases/board/export?format=xlsx&sort=number');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(response.headers['content-disposition'])).toMatch(/filename="cases-1\d\d-\d\d-\d\d\.xlsx"/);
    const parts = unzip(response.rawPayload);
    expect(parts.get('[Content_Types].xml')).toContain('/xl/worksheets/sheet1.xml');
    expect(parts.get('xl/workbook.xml')).toContain('<sheet name="列管案件" sheetId="1" r:id="rId1"/>');
    const sheet = parts.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<t xml:space="preserve">案號</t>');
    expect(sheet).toContain('<dimension ref="A1:O7"/>');
    for (const label of Object.keys(numbers) as Fixture[]) expect(sheet).toContain(`<t xml:space="preserve">${numbers[label]}</t>`);
    expect(sheet).toContain('<t xml:space="preserve">114/03/01 10:00</t>');
    expect(sheet).toContain('<t xml:space="preserve">-看板測試 F 已移送</t>');
    const [audit] = await use().db.select().from(auditEvents).where(eq(auditEvents.action, 'case.board_export')).orderBy(desc(auditEvents.seq)).limit(1);
    expect(audit!.details).toMatchObject({ format: 'xlsx', rowCount: 6 });
  });

  it('refuses an export over the cap, naming the count', async () => {
    await expect(exportBoard(use().db, contextFor(users.wcpd), { format: 'csv' }, { maxRows: 5 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('6 cases match; an export holds at most 5'),
    });
    expect((await exportBoard(use().db, contextFor(users.wcpd), { format: 'csv', serious: true }, { maxRows: 5 })).rowCount).toBe(2);
  });

  it('refuses bad filters with a 400 naming the parameter', async () => {
    const bad: [string, RegExp][] = [
      ['status=bogus', /status: must be one of open, assessed, investigating, transferred, closed/],
      ['status=open,nope', /status: must be one of/],
      ['art40Outcome=maybe', /art40Outcome: must be one of art40, harmful, not_target, pending/],
      ['pageSize=500', /pageSize: must be <= 200/],
      ['page=0', /page: must be >= 1/],
      ['unitId=DA', /unitId: must match format "uuid"/],
      [`unitId=${randomUUID()}`, /unitId: no unit/],
      ['platformId=ptt', /platformId: must match format "uuid"/],
      ['serious=perhaps', /serious: must be boolean/],
      ['overdue=2', /overdue: must be boolean/],
      ['from=2025-02-30', /from: 2025-02-30 is not a date/],
      ['from=yesterday', /from: must match pattern/],
      ['from=2025-05-01&to=2025-04-01', /to: 2025-04-01 is before from 2025-05-01/],
      ['sort=title', /sort: must be one of createdAt, number, status, dueNext/],
      ['order=up', /order: must be one of asc, desc/],
      ['colour=red', /colour: is not a known parameter/],
      [`q=${'x'.repeat(101)}`, /q: must NOT have more than 100 characters/],
    ];
    for (const [query, message] of bad) {
      const response = await clients.wcpd.request('GET', `/api/cases/board?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error, query).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(message) });
    }
    const noFormat = await clients.wcpd.request('GET', '/api/cases/board/export');
    expect(noFormat.statusCode).toBe(400);
    expect(noFormat.json().error.message).toMatch(/format/);
    expect((await clients.wcpd.request('GET', '/api/cases/board/export?format=pdf')).json().error.message).toMatch(/format: must be one of csv, xlsx/);
  });
});
