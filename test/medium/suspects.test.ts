/**
 * Suspects, their identifiers and subscriber-data requests (G6.3.4) through the HTTP API on a real
 * database: identifiers normalised and tied to the case's evidence, the Communication Security and
 * Surveillance Act reminder exactly where a request reaches communications records, need-to-know
 * as a matrix, a transferred case refusing writes, and the department-wide identifier lookup that
 * names only the cases the actor may read.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/access/roles.ts';
import { PdfPrinter } from '../../src/core/documents/pdf-printer.ts';
import { identityKeyFrom } from '../../src/core/identity/identity-key.ts';
import { victimKeyFrom } from '../../src/core/identity/victim-key.ts';
import { LocalBlobStore } from '../../src/core/vault/local-blob-store.ts';
import { Vault } from '../../src/core/vault/vault.ts';
import { generateSigningKey } from '../../src/capture/index.ts';
import { auditEvents } from '../../src/modules/audit/audit.tables.ts';
import { cases } from '../../src/modules/cases/cases.tables.ts';
import { evidenceItems } from '../../src/modules/evidence/evidence.tables.ts';
import suspectsRoutes from '../../src/modules/suspects/suspects.routes.ts';
import { CSSA_REMINDER, normaliseEmail, normaliseIp, normalisePhone } from '../../src/modules/suspects/suspects.service.ts';
import { suspectIdentifiers } from '../../src/modules/suspects/suspects.tables.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { makeUser, seedDepartment, type TestUser } from '../helpers/factories.ts';
import { testConfig, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase, type TestDatabase } from '../helpers/test-database.ts';

const unique = () => `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
const pttUrl = () => `https://www.ptt.cc/bbs/Gossiping/M.${unique()}.A.T01.html`;
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

/**
 * `buildTestApp` readies the app, after which no plugin can be added; until app.ts registers the
 * suspects routes this builds the same app and adds them before `ready` (a no-op once it does).
 */
async function buildSuspectsTestApp(database: TestDatabase): Promise<AppInstance> {
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
  if (!app.hasRoute({ method: 'GET', url: '/api/cases/:caseId/suspects' })) await app.register(suspectsRoutes);
  app.addHook('onClose', async () => fs.rmSync(vaultDir, { recursive: true, force: true }));
  await app.ready();
  return app;
}

describe('identifier normalisation', () => {
  it('writes Taiwanese phones in E.164 and refuses garbage', () => {
    for (const written of ['0912-345-678', '0912345678', '+886 912 345 678', '+886-0912-345-678', '886912345678', '00886912345678', '002 886 912 345 678', ' (0912) 345.678 ']) {
      expect(normalisePhone(written), written).toBe('+886912345678');
    }
    expect(normalisePhone('02-2345-6789')).toBe('+886223456789');
    expect(normalisePhone('(02) 2345 6789')).toBe('+886223456789');
    expect(normalisePhone('+886 (0)2 2345-6789')).toBe('+886223456789');
    expect(normalisePhone('04-2222-3333')).toBe('+886422223333');
    expect(normalisePhone('037-123456')).toBe('+88637123456');
    expect(normalisePhone('0800-000-123')).toBe('+886800000123');
    expect(normalisePhone('+852 9123 4567')).toBe('+85291234567');
    for (const garbage of ['0912-ABC-678', '912345678', '091234567', '09123456789', '01-2345-6789', '0912345678#12', '+1', 'call me', '']) {
      expect(() => normalisePhone(garbage), garbage).toThrow(/value is not a phone number/);
    }
  });

  it('normalises IPs and e-mail addresses', () => {
    expect(normaliseIp(' 2001:DB8:0:0::1 ')).toEqual({ value: '2001:db8::1', isPublic: true });
    expect(normaliseIp('::ffff:203.0.113.7').value).toBe('203.0.113.7');
    expect(normaliseIp('192.168.1.10').isPublic).toBe(false);
    expect(normaliseIp('100.64.3.4').isPublic).toBe(false);
    for (const bad of ['999.1.1.1', '127.1', '01.2.3.4', 'fe80::1%eth0', '10.0.0.0/8', 'localhost']) expect(() => normaliseIp(bad), bad).toThrow(/value is not an IPv4 or IPv6/);
    expect(() => normaliseIp('203.0.113.7:51234')).toThrow(/port field/);
    expect(normaliseEmail(' Bad.Guy+tag@Example.COM ')).toBe('bad.guy+tag@example.com');
    expect(normaliseEmail('a@例え.jp')).toBe('a@xn--r8jz45g.jp');
    for (const bad of ['not-an-email', 'a@b', '@example.com', 'a..b@example.com', 'a b@example.com', 'a@-example.com']) expect(() => normaliseEmail(bad), bad).toThrow(/not an e-mail/);
  });
});

describeEachDatabase('suspects and subscriber-data requests', (use) => {
  let app: AppInstance;
  let officerDA: TestUser;
  let officerXY: TestUser;
  let da: TestClient; // officer, DA-S1
  let da2: TestClient; // another officer, DA-S1
  let xy: TestClient; // officer, XY-S1
  let daSupervisor: TestClient; // supervisor, DA (precinct)
  let wcpd: TestClient;
  let admin: TestClient;
  let auditor: TestClient;
  let ptt: { id: string };

  type CaseRef = { id: string; number: string };

  /** A case of the client's unit, opened the real way: a finding promoted. */
  async function openCase(client: TestClient, title = '嫌疑人測試案'): Promise<CaseRef> {
    const finding = (await client.request('POST', '/api/findings', { url: pttUrl() })).json().finding;
    const promoted = await client.request('POST', `/api/findings/${finding.id}/promote`, { title });
    expect(promoted.statusCode, promoted.body).toBe(200);
    return promoted.json().case;
  }

  /** An evidence item filed to the case (captures reach cases through the worker, absent here). */
  async function evidenceOf(caseId: string, owner: TestUser): Promise<string> {
    const rows = await use()
      .db.insert(evidenceItems)
      .values({
        kind: 'derived',
        owningUnitId: owner.unit.id,
        caseId,
        capturedBy: owner.user.id,
        capturedAt: new Date(),
        sha256: randomBytes(32).toString('hex'),
        sizeBytes: 10,
        mediaType: 'text/plain',
        notes: 'suspects test',
      })
      .returning({ id: evidenceItems.id });
    return rows[0]!.id;
  }

  async function newSuspect(client: TestClient, caseId: string, label = '嫌疑人A'): Promise<string> {
    const response = await client.request('POST', `/api/cases/${caseId}/suspects`, { label });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  }

  async function addIdentifier(client: TestClient, caseId: string, suspectId: string, body: Record<string, unknown>) {
    return client.request('POST', `/api/cases/${caseId}/suspects/${suspectId}/identifiers`, { evidenceIds: [], ...body });
  }

  async function identifierCount(): Promise<number> {
    return (await use().db.select({ n: sql<number>`count(*)::int` }).from(suspectIdentifiers))[0]!.n;
  }

  async function auditActions(objectId: string): Promise<string[]> {
    const rows = await use().db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.objectId, objectId));
    return rows.map((r) => r.action);
  }

  beforeAll(async () => {
    await seedDepartment(use().db);
    app = await buildSuspectsTestApp(use());
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
    const xyOfficer = await client('XY-S1');
    officerXY = xyOfficer.user;
    xy = xyOfficer.c;
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

  it('records a suspect, identifiers with their evidence, the location comparison and requests through to the answer', async () => {
    const theCase = await openCase(da);
    const evidence = await evidenceOf(theCase.id, officerDA);
    const created = await da.request('POST', `/api/cases/${theCase.id}/suspects`, { label: ' 暱稱「小明」 ', notes: '疑為媒介者' });
    expect(created.statusCode, created.body).toBe(201);
    const suspect = created.json();
    expect(suspect).toMatchObject({ caseId: theCase.id, label: '暱稱「小明」', notes: '疑為媒介者', identifiers: [] });
    expect(suspect).not.toHaveProperty('cssaReminder');

    const renamed = await da2.request('PATCH', `/api/cases/${theCase.id}/suspects/${suspect.id}`, { label: '王姓男子', notes: null });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ label: '王姓男子', notes: null });

    const account = await addIdentifier(da, theCase.id, suspect.id, { kind: 'platform_account', value: '  xiaoming_88  ', platformId: ptt.id, evidenceIds: [evidence] });
    expect(account.statusCode, account.body).toBe(201);
    expect(account.json()).toMatchObject({ kind: 'platform_account', value: 'xiaoming_88', platform: { code: 'ptt' }, evidenceIds: [evidence], warnings: [] });

    // An IP with date and time but no port: kept, with a warning; the time is stored as the instant.
    const ipNoPort = await addIdentifier(da, theCase.id, suspect.id, { kind: 'ip', value: '2001:DB8:0:0::1', observedAt: '2025-11-20T21:15:00+08:00', evidenceIds: [evidence] });
    expect(ipNoPort.statusCode, ipNoPort.body).toBe(201);
    expect(ipNoPort.json()).toMatchObject({ value: '2001:db8::1', observedAt: '2025-11-20T13:15:00.000Z', port: null, warnings: ['port_missing'] });
    const ip = await addIdentifier(da, theCase.id, suspect.id, { kind: 'ip', value: '203.0.113.7', observedAt: '2025-11-20T21:16:05+08:00', port: 51234, evidenceIds: [evidence] });
    expect(ip.json()).toMatchObject({ value: '203.0.113.7', port: 51234, warnings: [] });
    const again = await addIdentifier(da, theCase.id, suspect.id, { kind: 'ip', value: '203.0.113.7', observedAt: '2025-11-20T13:16:05Z', port: 51234, evidenceIds: [evidence] });
    expect(again.statusCode).toBe(409);

    const email = await addIdentifier(da, theCase.id, suspect.id, { kind: 'email', value: ' XiaoMing@Example.COM ', evidenceIds: [evidence] });
    expect(email.json()).toMatchObject({ value: 'xiaoming@example.com', warnings: [] });
    const phone = await addIdentifier(da, theCase.id, suspect.id, { kind: 'phone', value: '0912-345-678' });
    expect(phone.json()).toMatchObject({ value: '+886912345678', warnings: ['evidence_missing'] });
    const phoneId = phone.json().id;

    // G6.3.4: the calling-location comparison, on a phone only.
    const comparedAt = hourAgo();
    const compared = await da.request('PUT', `/api/cases/${theCase.id}/suspects/${suspect.id}/identifiers/${phoneId}/location-comparison`, {
      locationComparison: '通聯基地臺位置與被害人所述見面地點（大安區）相符',
      comparedAt,
    });
    expect(compared.statusCode, compared.body).toBe(200);
    expect(compared.json()).toMatchObject({ locationComparison: expect.stringContaining('相符'), locationComparedAt: comparedAt });
    const notPhone = await da.request('PUT', `/api/cases/${theCase.id}/suspects/${suspect.id}/identifiers/${email.json().id}/location-comparison`, { locationComparison: 'x', comparedAt });
    expect(notPhone.statusCode).toBe(400);
    expect(notPhone.json().error.message).toMatch(/kind: .*phone/);

    // A request that does not reach communications records carries no reminder…
    const emailRequest = await da.request('POST', `/api/cases/${theCase.id}/suspects/${suspect.id}/identifiers/${email.json().id}/requests`, {
      recipient: 'Example Mail Inc.',
      legalBasis: '刑事訴訟法第229條、第230條',
      touchesCommunications: false,
    });
    expect(emailRequest.statusCode, emailRequest.body).toBe(201);
    expect(emailRequest.json()).toMatchObject({ status: 'drafted', touchesCommunications: false });
    expect(emailRequest.json()).not.toHaveProperty('cssaReminder');
    const listWithout = (await da.request('GET', `/api/cases/${theCase.id}/suspects`)).json();
    expect(listWithout).not.toHaveProperty('cssaReminder');

    // …one that does carries it in every response that includes it.
    const phoneRequestPath = `/api/cases/${theCase.id}/suspects/${suspect.id}/identifiers/${phoneId}/requests`;
    const phoneRequest = await da.request('POST', phoneRequestPath, { recipient: '中華電信', legalBasis: '通訊保障及監察法第11條之1 調取票', touchesCommunications: true });
    expect(phoneRequest.statusCode, phoneRequest.body).toBe(201);
    expect(phoneRequest.json().cssaReminder).toBe(CSSA_REMINDER);
    expect(CSSA_REMINDER).toContain('通訊保障及監察法');
    expect(CSSA_REMINDER).toContain('調取票');
    expect(CSSA_REMINDER).toContain('Communication Security and Surveillance Act');
    const requestId = phoneRequest.json().id;
    const sentAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const sent = await da.request('POST', `${phoneRequestPath}/${requestId}/sent`, { sentAt });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'sent', sentAt, cssaReminder: CSSA_REMINDER });
    expect((await da.request('POST', `${phoneRequestPath}/${requestId}/sent`, { sentAt })).statusCode).toBe(409);
    const answeredAt = hourAgo();
    const answered = await da.request('POST', `${phoneRequestPath}/${requestId}/answer`, { answeredAt, result: '用戶為王○明，門號申辦地址臺北市大安區' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answeredAt, result: expect.stringContaining('王○明'), cssaReminder: CSSA_REMINDER });

    const list = await da.request('GET', `/api/cases/${theCase.id}/suspects`);
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.cssaReminder).toBe(CSSA_REMINDER);
    expect(body.items).toHaveLength(1);
    expect(body.items[0].identifiers.map((i: { kind: string }) => i.kind)).toEqual(['platform_account', 'ip', 'ip', 'email', 'phone']);
    const listedPhone = body.items[0].identifiers.find((i: { id: string }) => i.id === phoneId);
    expect(listedPhone.requests).toEqual([expect.objectContaining({ id: requestId, status: 'answered', recipient: '中華電信' })]);
    expect(listedPhone.locationComparison).toContain('大安區');

    // Every change wrote its audit row; the list read too.
    expect(await auditActions(suspect.id)).toEqual(['suspect.create', 'suspect.update']);
    expect(await auditActions(phoneId)).toEqual(['suspect.identifier_add', 'suspect.location_comparison']);
    expect(await auditActions(requestId)).toEqual(['suspect.request_create', 'suspect.request_sent', 'suspect.request_answer']);
    expect((await auditActions(theCase.id)).filter((a) => a === 'suspect.list')).toHaveLength(2);
    // The identifier itself stays out of the audit trail (auditors never see case content).
    const addRows = await use().db.select().from(auditEvents).where(eq(auditEvents.action, 'suspect.identifier_add'));
    expect(JSON.stringify(addRows)).not.toContain('912345678');
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    const theCase = await openCase(da);
    const other = await openCase(da);
    const evidence = await evidenceOf(theCase.id, officerDA);
    const foreignEvidence = await evidenceOf(other.id, officerDA);
    const suspectId = await newSuspect(da, theCase.id);
    const before = await identifierCount();
    const observedAt = hourAgo();
    const unknownPlatform = randomUUID();
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ kind: 'ip', value: '999.1.1.1', observedAt }, /value is not an IPv4 or IPv6 address/],
      [{ kind: 'ip', value: '203.0.113.7:443', observedAt }, /port field/],
      [{ kind: 'ip', value: '203.0.113.7' }, /observedAt/],
      [{ kind: 'ip', value: '203.0.113.7', observedAt: '2025-11-20' }, /observedAt/],
      [{ kind: 'ip', value: '203.0.113.7', observedAt: '2025-11-20T21:15:00' }, /observedAt/],
      [{ kind: 'ip', value: '203.0.113.7', observedAt: new Date(Date.now() + 86_400_000).toISOString() }, /observedAt is in the future/],
      [{ kind: 'ip', value: '203.0.113.7', observedAt, port: 70_000 }, /port/],
      [{ kind: 'phone', value: '0912-ABC-678' }, /value is not a phone number/],
      [{ kind: 'phone', value: '12345' }, /value is not a phone number/],
      [{ kind: 'phone', value: '0912345678', port: 80 }, /port applies to an IP only/],
      [{ kind: 'email', value: 'not-an-email' }, /value is not an e-mail address/],
      [{ kind: 'platform_account', value: 'someone' }, /platformId/],
      [{ kind: 'platform_account', value: 'someone', platformId: unknownPlatform }, new RegExp(`platformId.*${unknownPlatform}`)],
      [{ kind: 'platform_account', value: '   ', platformId: ptt.id }, /value is empty/],
      [{ kind: 'email', value: 'a@example.com', evidenceIds: [evidence, foreignEvidence] }, new RegExp(`evidenceIds: ${foreignEvidence} is not evidence of this case`)],
      [{ kind: 'email', value: 'a@example.com', evidenceIds: [randomUUID()] }, /evidenceIds: .* is not evidence of this case/],
      [{ kind: 'fax', value: '02-2345-6789' }, /kind/],
    ];
    for (const [body, message] of bad) {
      const response = await addIdentifier(da, theCase.id, suspectId, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.message, JSON.stringify(body)).toMatch(message);
    }
    expect(await identifierCount()).toBe(before);
    expect((await da.request('POST', `/api/cases/${theCase.id}/suspects`, { label: '   ' })).json().error.message).toMatch(/label/);

    // answeredAt may not precede sentAt; an answer needs a sent request.
    const email = (await addIdentifier(da, theCase.id, suspectId, { kind: 'email', value: 'b@example.com', evidenceIds: [evidence] })).json();
    const requestsPath = `/api/cases/${theCase.id}/suspects/${suspectId}/identifiers/${email.id}/requests`;
    const request = (await da.request('POST', requestsPath, { recipient: 'Example Mail Inc.', legalBasis: '刑事訴訟法第229條', touchesCommunications: false })).json();
    const early = await da.request('POST', `${requestsPath}/${request.id}/answer`, { answeredAt: hourAgo(), result: '查無資料' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('WORKFLOW_STEP_REFUSED');
    const sentAt = hourAgo();
    expect((await da.request('POST', `${requestsPath}/${request.id}/sent`, { sentAt })).statusCode).toBe(200);
    const beforeSent = await da.request('POST', `${requestsPath}/${request.id}/answer`, { answeredAt: new Date(Date.parse(sentAt) - 60_000).toISOString(), result: '查無資料' });
    expect(beforeSent.statusCode).toBe(400);
    expect(beforeSent.json().error.message).toMatch(/answeredAt precedes sentAt/);
    expect((await da.request('GET', `/api/cases/${theCase.id}/suspects`)).json().items[0].identifiers[0].requests[0]).toMatchObject({ status: 'sent', answeredAt: null, result: null });
  });

  it('enforces need-to-know on suspects as a matrix, and objects of another case are not found', async () => {
    const theCase = await openCase(da);
    const suspectId = await newSuspect(da, theCase.id);
    const expectations: [string, TestClient, number][] = [
      ['officer of the unit', da2, 200],
      ['supervisor of the precinct', daSupervisor, 200],
      ['WCPD coordinator', wcpd, 200],
      ['officer of another precinct', xy, 404],
      ['administrator', admin, 403],
      ['auditor', auditor, 403],
    ];
    for (const [who, client, status] of expectations) {
      const list = await client.request('GET', `/api/cases/${theCase.id}/suspects`);
      expect(list.statusCode, `${who} list`).toBe(status);
      if (status === 200) expect(list.json().items.map((s: { id: string }) => s.id)).toContain(suspectId);
      const create = await client.request('POST', `/api/cases/${theCase.id}/suspects`, { label: `by ${who}` });
      expect(create.statusCode, `${who} create`).toBe(status === 200 ? 201 : status);
      const patch = await client.request('PATCH', `/api/cases/${theCase.id}/suspects/${suspectId}`, { notes: `by ${who}` });
      expect(patch.statusCode, `${who} patch`).toBe(status);
      const identifier = await addIdentifier(client, theCase.id, suspectId, { kind: 'email', value: `${randomBytes(3).toString('hex')}@example.com` });
      expect(identifier.statusCode, `${who} identifier`).toBe(status === 200 ? 201 : status);
    }
    const denied = await use()
      .db.select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, theCase.id), eq(auditEvents.outcome, 'denied')));
    expect(denied[0]!.n).toBeGreaterThanOrEqual(4);

    // The suspect of one case through another case's path: not found, whoever asks.
    const theirCase = await openCase(xy);
    const otherOfMine = await openCase(da);
    expect((await xy.request('PATCH', `/api/cases/${theirCase.id}/suspects/${suspectId}`, { notes: 'probe' })).statusCode).toBe(404);
    expect((await da.request('PATCH', `/api/cases/${otherOfMine.id}/suspects/${suspectId}`, { notes: 'wrong case' })).statusCode).toBe(404);
    const email = (await addIdentifier(da, theCase.id, suspectId, { kind: 'email', value: 'c@example.com' })).json();
    const otherSuspect = await newSuspect(da, otherOfMine.id);
    const wrongPath = `/api/cases/${otherOfMine.id}/suspects/${otherSuspect}/identifiers/${email.id}/requests`;
    expect((await da.request('POST', wrongPath, { recipient: 'x', legalBasis: 'y', touchesCommunications: false })).statusCode).toBe(404);
    expect((await da.request('GET', `/api/cases/${randomUUID()}/suspects`)).statusCode).toBe(404);
  });

  it('refuses writes to a transferred case but still answers reads', async () => {
    const theCase = await openCase(da);
    const suspectId = await newSuspect(da, theCase.id);
    const phone = (await addIdentifier(da, theCase.id, suspectId, { kind: 'phone', value: '0922-000-111' })).json();
    await use().db.update(cases).set({ status: 'transferred' }).where(eq(cases.id, theCase.id));
    const before = await identifierCount();
    const attempts = [
      await da.request('POST', `/api/cases/${theCase.id}/suspects`, { label: '移送後' }),
      await da.request('PATCH', `/api/cases/${theCase.id}/suspects/${suspectId}`, { label: '移送後' }),
      await addIdentifier(da, theCase.id, suspectId, { kind: 'email', value: 'late@example.com' }),
      await da.request('PUT', `/api/cases/${theCase.id}/suspects/${suspectId}/identifiers/${phone.id}/location-comparison`, { locationComparison: 'x', comparedAt: hourAgo() }),
      await da.request('POST', `/api/cases/${theCase.id}/suspects/${suspectId}/identifiers/${phone.id}/requests`, { recipient: '中華電信', legalBasis: 'x', touchesCommunications: true }),
    ];
    for (const response of attempts) {
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().error.code).toBe('CASE_READ_ONLY');
    }
    expect(await identifierCount()).toBe(before);
    const list = await da.request('GET', `/api/cases/${theCase.id}/suspects`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0].label).toBe('嫌疑人A');
  });

  it('cross-references an identifier department-wide, naming only the cases the actor may read', async () => {
    const mine = await openCase(da);
    const mineToo = await openCase(da2);
    const theirs = await openCase(xy);
    const written = [
      [da, mine, '0933-222-111'],
      [da2, mineToo, '0933222111'],
      [xy, theirs, '+886 933 222 111'],
    ] as const;
    for (const [client, theCase, value] of written) {
      const suspectId = await newSuspect(client, theCase.id);
      expect((await addIdentifier(client, theCase.id, suspectId, { kind: 'phone', value })).statusCode).toBe(201);
    }
    const query = (value: string, caseId?: string) => `/api/suspects/identifier-matches?kind=phone&value=${encodeURIComponent(value)}${caseId ? `&caseId=${caseId}` : ''}`;

    // From my case: the other DA case by number, XY's case only as a count.
    const fromMine = await da.request('GET', query('(0933) 222-111', mine.id));
    expect(fromMine.statusCode, fromMine.body).toBe(200);
    expect(fromMine.json()).toEqual({ kind: 'phone', value: '+886933222111', total: 2, cases: [{ id: mineToo.id, number: mineToo.number, unitCode: 'DA-S1' }], hidden: 1 });
    expect(fromMine.body).not.toContain(theirs.number);
    expect(fromMine.body).not.toContain(theirs.id);

    const fromXy = (await xy.request('GET', query('0933222111'))).json();
    expect(fromXy).toMatchObject({ total: 3, hidden: 2, cases: [{ number: theirs.number }] });
    const fromWcpd = (await wcpd.request('GET', query('0933222111', mine.id))).json();
    expect(fromWcpd).toMatchObject({ total: 2, hidden: 0 });
    expect(fromWcpd.cases.map((c: { number: string }) => c.number).sort()).toEqual([mineToo.number, theirs.number].sort());

    // A case the actor may not read cannot anchor a lookup; admin and auditor see no case content.
    expect((await xy.request('GET', query('0933222111', mine.id))).statusCode).toBe(404);
    expect((await admin.request('GET', query('0933222111'))).statusCode).toBe(403);
    expect((await auditor.request('GET', query('0933222111'))).statusCode).toBe(403);
    expect((await da.request('GET', query('not a phone'))).statusCode).toBe(400);
    expect((await da.request('GET', query('0999-888-777'))).json()).toMatchObject({ total: 0, cases: [], hidden: 0 });

    const lookups = await use().db.select().from(auditEvents).where(and(eq(auditEvents.action, 'suspect.identifier_lookup'), eq(auditEvents.actorUserId, officerXY.user.id)));
    expect(lookups.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(lookups)).not.toContain('933222111');
  });
});
