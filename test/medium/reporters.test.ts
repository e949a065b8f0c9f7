/**
 * Reporters and informants of a case (G6.3.6, Act Art. 7) through the HTTP API on a real database:
 * recorded sealed under the identity key with only the masked name in clear, listed masked,
 * revealed with a reason only to the owning unit's supervisors, the case's assignees and the
 * WCPD, every reveal and refused attempt audited — and the clear name in no column, audit row or
 * log line.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateSigningKey } from '../../src/capture/index.ts';
import type { Role } from '../../src/core/access/roles.ts';
import { PdfPrinter } from '../../src/core/documents/pdf-printer.ts';
import { AppError } from '../../src/core/errors.ts';
import { identityKeyFrom } from '../../src/core/identity/identity-key.ts';
import { victimKeyFrom } from '../../src/core/identity/victim-key.ts';
import { LocalBlobStore } from '../../src/core/vault/local-blob-store.ts';
import { Vault } from '../../src/core/vault/vault.ts';
import reportersRoutes from '../../src/modules/reporters/reporters.routes.ts';
import { openReporterIdentity } from '../../src/modules/reporters/reporters.service.ts';
import { buildApp, LOG_REDACTIONS } from '../../src/server/app.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { makeUser, seedDepartment, type TestUser } from '../helpers/factories.ts';
import { TestClient, testConfig } from '../helpers/test-app.ts';
import { describeEachDatabase, type TestDatabase } from '../helpers/test-database.ts';

const unique = () => `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
const pttUrl = () => `https://www.ptt.cc/bbs/Gossiping/M.${unique()}.A.T01.html`;

const REPORTER = { name: '林美華', contact: '0912-345-678', relation: '母親' };
const LATIN_REPORTER = { name: 'Jonathan Smithers', contact: 'jonathan.smithers@example.org' };
const SECRETS = [REPORTER.name, REPORTER.contact, LATIN_REPORTER.name, LATIN_REPORTER.contact, 'Jonathan', 'Smithers'];

/**
 * The app as `buildTestApp` builds it, but with every log line captured (at trace level) and the
 * reporters routes registered before `ready()` when app.ts does not register them yet.
 */
async function buildCapturingApp(database: TestDatabase, logLines: string[]): Promise<AppInstance> {
  const vaultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csep-test-vault-'));
  const config = testConfig();
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logLines.push(chunk.toString('utf8'));
      callback();
    },
  });
  const app = await buildApp(
    {
      config,
      database,
      queue: null,
      vault: new Vault(new LocalBlobStore(vaultDir), randomBytes(32)),
      printer: new PdfPrinter({ chromiumPath: config.chromiumPath }),
      signingKey: generateSigningKey(),
      identityKey: identityKeyFrom(randomBytes(32)),
      victimKey: victimKeyFrom(randomBytes(32)),
    },
    { logger: { level: 'trace', redact: LOG_REDACTIONS, stream } },
  );
  if (!app.hasRoute({ method: 'GET', url: '/api/cases/:caseId/reporters' })) await app.register(reportersRoutes);
  app.addHook('onClose', async () => fs.rmSync(vaultDir, { recursive: true, force: true }));
  await app.ready();
  return app;
}

describeEachDatabase('reporters', (use) => {
  const logLines: string[] = [];
  let app: AppInstance;
  let da: TestClient; // officer, DA-S1: opens the case
  let colleague: TestClient; // officer, DA-S1, not assigned
  let assigneeUser: TestUser;
  let assignee: TestClient; // officer, DA-S1, assigned to the case
  let supervisorUser: TestUser;
  let daSupervisor: TestClient; // supervisor, DA (precinct)
  let xySupervisor: TestClient; // supervisor of another precinct
  let xy: TestClient; // officer, XY-S1
  let cib: TestClient;
  let wcpd: TestClient;
  let admin: TestClient;
  let auditor: TestClient;
  let ptt: { id: string };

  async function rows<T>(text: string, values: unknown[] = []): Promise<T[]> {
    return (await use().executeSql(text, values)).rows as T[];
  }

  async function openCase(): Promise<string> {
    const finding = (await da.request('POST', '/api/findings', { url: pttUrl(), platformId: ptt.id })).json().finding;
    const promoted = await da.request('POST', `/api/findings/${finding.id}/promote`, { title: '檢舉案件' });
    expect(promoted.statusCode, promoted.body).toBe(200);
    return promoted.json().case.id as string;
  }

  async function reveals(reporterId: string, outcome: string): Promise<{ actor_username: string; reason: string | null }[]> {
    return rows(`select actor_username, reason from audit_events where action = 'reporter.reveal' and object_id = $1 and outcome = $2 order by seq`, [reporterId, outcome]);
  }

  beforeAll(async () => {
    await seedDepartment(use().db);
    app = await buildCapturingApp(use(), logLines);
    const client = async (unitCode: string, roles?: Role[]) => {
      const user = await makeUser(use().db, { unitCode, roles });
      const c = new TestClient(app);
      await c.login(use(), user);
      return { user, c };
    };
    da = (await client('DA-S1')).c;
    colleague = (await client('DA-S1')).c;
    ({ user: assigneeUser, c: assignee } = await client('DA-S1'));
    ({ user: supervisorUser, c: daSupervisor } = await client('DA', ['supervisor']));
    xySupervisor = (await client('XY', ['supervisor'])).c;
    xy = (await client('XY-S1')).c;
    cib = (await client('CIB', ['cib_investigator'])).c;
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

  it('records a reporter sealed, stores only the masked name in clear and lists it masked', async () => {
    const caseId = await openCase();
    const created = await da.request('POST', `/api/cases/${caseId}/reporters`, REPORTER);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ maskedName: '林O華', relation: '母親' });
    const latin = await da.request('POST', `/api/cases/${caseId}/reporters`, { ...LATIN_REPORTER, relation: null });
    expect(latin.statusCode, latin.body).toBe(201);
    expect(latin.json().maskedName).toBe('J******* S*******');

    for (const reader of [da, colleague, daSupervisor, wcpd]) {
      const list = await reader.request('GET', `/api/cases/${caseId}/reporters`);
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((r: { maskedName: string }) => r.maskedName)).toEqual(['林O華', 'J******* S*******']);
      expect(Object.keys(list.json().items[0]).sort()).toEqual(['createdAt', 'createdBy', 'id', 'maskedName', 'relation']);
      for (const secret of SECRETS) expect(list.body).not.toContain(secret);
    }
    expect((await xy.request('GET', `/api/cases/${caseId}/reporters`)).statusCode).toBe(404);
    expect((await admin.request('GET', `/api/cases/${caseId}/reporters`)).statusCode).toBe(403);

    // The database holds ciphertext under the identity key and the masked name, nothing else.
    const stored = await rows<{ id: string; identity_ciphertext: string; masked_name: string; key_id: string }>(
      'select id, identity_ciphertext, masked_name, key_id, relation from case_reporters where case_id = $1',
      [caseId],
    );
    expect(stored).toHaveLength(2);
    const everything = JSON.stringify(await rows('select * from case_reporters where case_id = $1', [caseId]));
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    for (const row of stored) {
      expect(row.key_id).toBe(app.deps.identityKey.id);
      expect(Buffer.from(row.identity_ciphertext, 'base64').toString('utf8')).not.toContain('Smithers');
    }
    const audit = await rows<{ details: unknown }>(`select details from audit_events where action = 'reporter.create' and object_id = $1`, [created.json().id]);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ caseId, hasContact: true });
  });

  it('reveals to the WCPD, the owning unit’s supervisor and an assignee, with a reason, each time audited', async () => {
    const caseId = await openCase();
    const reporter = (await da.request('POST', `/api/cases/${caseId}/reporters`, REPORTER)).json();
    await use().executeSql('insert into case_assignees (case_id, user_id, assigned_by) values ($1, $2, $3)', [caseId, assigneeUser.user.id, supervisorUser.user.id]);

    const reasons: [string, TestClient, string][] = [
      ['WCPD coordinator', wcpd, '婦幼隊列管追蹤需聯繫檢舉人'],
      ['supervisor of the precinct', daSupervisor, '分局偵查需通知檢舉人到案說明'],
      ['assignee', assignee, '承辦人需與檢舉人確認案情'],
    ];
    for (const [who, client, reason] of reasons) {
      const revealed = await client.request('POST', `/api/cases/${caseId}/reporters/${reporter.id}/reveal`, { reason });
      expect(revealed.statusCode, `${who}: ${revealed.body}`).toBe(200);
      expect(revealed.json()).toEqual({ name: REPORTER.name, contact: REPORTER.contact });
      expect(revealed.headers['cache-control']).toBe('no-store');
    }
    const audited = await reveals(reporter.id, 'success');
    expect(audited.map((a) => a.reason)).toEqual(reasons.map(([, , reason]) => reason));
  });

  it('refuses a reveal without a proper reason', async () => {
    const caseId = await openCase();
    const reporter = (await da.request('POST', `/api/cases/${caseId}/reporters`, REPORTER)).json();
    const url = `/api/cases/${caseId}/reporters/${reporter.id}/reveal`;
    for (const body of [{}, { reason: '' }, { reason: '看看' }, { reason: 'x'.repeat(501) }, { reason: '       ' }, { reason: '正當理由', extra: 1 }]) {
      const refused = await wcpd.request('POST', url, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json().error.code).toBe('VALIDATION_FAILED');
      expect(refused.body).not.toContain(REPORTER.name);
    }
    expect(await reveals(reporter.id, 'success')).toEqual([]);
  });

  it('refuses everyone else, as 404 outside the case’s reach and 403 within it, and audits each attempt', async () => {
    const caseId = await openCase();
    const reporter = (await da.request('POST', `/api/cases/${caseId}/reporters`, REPORTER)).json();
    const expectations: [string, TestClient, number][] = [
      ['officer of the unit who opened it, not assigned', da, 403],
      ['officer of the same unit, not assigned', colleague, 403],
      ['officer of another precinct', xy, 404],
      ['supervisor of another precinct', xySupervisor, 404],
      ['CIB investigator, no assistance requested', cib, 404],
      ['administrator', admin, 403],
      ['auditor', auditor, 403],
    ];
    for (const [who, client, status] of expectations) {
      const refused = await client.request('POST', `/api/cases/${caseId}/reporters/${reporter.id}/reveal`, { reason: `我想知道檢舉人是誰 (${who})` });
      expect(refused.statusCode, `${who}: ${refused.body}`).toBe(status);
      expect(refused.body).not.toContain(REPORTER.name);
      expect(refused.body).not.toContain(REPORTER.contact);
    }
    const denied = await reveals(reporter.id, 'denied');
    expect(denied).toHaveLength(expectations.length);
    expect(denied.every((d) => d.reason?.startsWith('我想知道檢舉人是誰'))).toBe(true);
    expect(await reveals(reporter.id, 'success')).toEqual([]);

    // A reporter id from another case is not found through this case.
    const otherCase = await openCase();
    const notHere = await wcpd.request('POST', `/api/cases/${otherCase}/reporters/${reporter.id}/reveal`, { reason: '婦幼隊列管追蹤' });
    expect(notHere.statusCode).toBe(404);
  });

  it('refuses new reporters on a case the actor may not update or that has been transferred, but still reveals there', async () => {
    const caseId = await openCase();
    expect((await xy.request('POST', `/api/cases/${caseId}/reporters`, REPORTER)).statusCode).toBe(404);
    expect((await auditor.request('POST', `/api/cases/${caseId}/reporters`, REPORTER)).statusCode).toBe(403);
    for (const [body, field] of [
      [{ name: '   ' }, 'name'],
      [{ name: '王'.repeat(101) }, 'name'],
      [{ name: '王小明', contact: 'x'.repeat(201) }, 'contact'],
      [{ name: '王小明', relation: 'x'.repeat(101) }, 'relation'],
      [{ name: '王小明', email: 'x@example.org' }, 'additional properties'],
    ] as const) {
      const refused = await da.request('POST', `/api/cases/${caseId}/reporters`, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json().error.message).toContain(field);
    }
    expect(await rows('select id from case_reporters where case_id = $1', [caseId])).toEqual([]);

    const reporter = (await da.request('POST', `/api/cases/${caseId}/reporters`, REPORTER)).json();
    await use().superuserSql(`update cases set status = 'transferred' where id = '${caseId}'`);
    const refused = await da.request('POST', `/api/cases/${caseId}/reporters`, LATIN_REPORTER);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CASE_READ_ONLY');
    expect(await rows('select id from case_reporters where case_id = $1', [caseId])).toHaveLength(1);
    const revealed = await daSupervisor.request('POST', `/api/cases/${caseId}/reporters/${reporter.id}/reveal`, { reason: '移送後檢察官函詢檢舉人聯絡方式' });
    expect(revealed.statusCode, revealed.body).toBe(200);
  });

  it('refuses to open a sealed identity that was altered or moved to another row, with a safe 500', async () => {
    const caseId = await openCase();
    const first = (await da.request('POST', `/api/cases/${caseId}/reporters`, REPORTER)).json();
    const second = (await da.request('POST', `/api/cases/${caseId}/reporters`, LATIN_REPORTER)).json();
    const [row] = await rows<{ id: string; identity_ciphertext: string; key_id: string }>('select id, identity_ciphertext, key_id from case_reporters where id = $1', [first.id]);
    const sealed = { id: row!.id, identityCiphertext: row!.identity_ciphertext, keyId: row!.key_id };
    const key = app.deps.identityKey;

    expect(openReporterIdentity(key, sealed)).toEqual({ name: REPORTER.name, contact: REPORTER.contact });
    const opening = (attempt: typeof sealed, otherKey = key) => {
      try {
        openReporterIdentity(otherKey, attempt);
      } catch (error) {
        return error;
      }
      throw new Error('opened');
    };
    // Bound to its record id: the same ciphertext under another id does not open.
    const moved = opening({ ...sealed, id: second.id });
    expect(moved).toBeInstanceOf(AppError);
    expect(moved).toMatchObject({ code: 'INTERNAL', status: 500, details: { problem: 'identity_unreadable' } });
    const flipped = Buffer.from(sealed.identityCiphertext, 'base64');
    flipped[flipped.length - 1]! ^= 1;
    expect(opening({ ...sealed, identityCiphertext: flipped.toString('base64') })).toMatchObject({ code: 'INTERNAL' });
    expect(opening(sealed, identityKeyFrom(randomBytes(32)))).toMatchObject({ code: 'INTERNAL', details: { problem: 'identity_key_mismatch' } });

    // Copied onto the other row behind the application's back: the reveal fails, safely and audited.
    await use().superuserSql(`update case_reporters set identity_ciphertext = '${sealed.identityCiphertext}' where id = '${second.id}'`);
    const failed = await wcpd.request('POST', `/api/cases/${caseId}/reporters/${second.id}/reveal`, { reason: '婦幼隊列管追蹤' });
    expect(failed.statusCode).toBe(500);
    expect(failed.json().error.code).toBe('INTERNAL');
    for (const secret of SECRETS) expect(failed.body).not.toContain(secret);
    expect(await reveals(second.id, 'failure')).toHaveLength(1);
  });

  it('leaves no clear name or contact in any audit row or log line', async () => {
    const audit = await rows<{ row: string }>('select row_to_json(a)::text as row from audit_events a');
    expect(audit.length).toBeGreaterThan(10);
    const trail = audit.map((a) => a.row).join('\n');
    expect(trail).toContain('reporter.reveal');
    for (const secret of SECRETS) expect(trail).not.toContain(secret);
    // Masked names stay out of the trail too.
    expect(trail).not.toContain('林O華');

    const logs = logLines.join('');
    expect(logs).toContain('/reveal');
    for (const secret of SECRETS) expect(logs).not.toContain(secret);
  });
});
