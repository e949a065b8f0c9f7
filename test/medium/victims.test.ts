/**
 * Victim protection and confidentiality (issue #7; G5.3.1, G5.3.2, G6.3.6) through the HTTP API on a
 * real database: victims recorded sealed field by field under the victim key with masked forms in
 * clear; minor or adult by the age on the incident date; the access matrix of every role; the SIPC
 * complaint's two paths and its 24/72-hour clock on a controllable clock; the referral and the six
 * services; the complaint document with and without identity; the auditor's list of reveals; the
 * retention purge with and without a legal hold; and no identity in any export, error, audit row or
 * log line (the app logs at debug level into a buffer this file greps).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateSigningKey } from '../../src/capture/index.ts';
import type { Role } from '../../src/core/access/roles.ts';
import { PdfPrinter } from '../../src/core/documents/pdf-printer.ts';
import { identityKeyFrom } from '../../src/core/identity/identity-key.ts';
import { victimKeyFrom } from '../../src/core/identity/victim-key.ts';
import { LocalBlobStore } from '../../src/core/vault/local-blob-store.ts';
import { Vault } from '../../src/core/vault/vault.ts';
import { reviewAssessment, submitAssessment } from '../../src/modules/cases/case-workflow.service.ts';
import { caseWorkflowRepository } from '../../src/modules/cases/case-workflow.repository.ts';
import { nationalIdCheckDigit } from '../../src/modules/victims/national-id.ts';
import { PURGED_MARKER } from '../../src/modules/victims/victim-identity.ts';
import { complaintClock } from '../../src/modules/victims/victim-protection.service.ts';
import { purgeExpiredVictimIdentities } from '../../src/modules/victims/victim-retention.service.ts';
import { victimsRepository } from '../../src/modules/victims/victims.repository.ts';
import { buildApp, LOG_REDACTIONS } from '../../src/server/app.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { contextFor, makeUser, seedDepartment, type TestUser } from '../helpers/factories.ts';
import { multipartBody, TestClient, testConfig } from '../helpers/test-app.ts';
import { describeEachDatabase, type TestDatabase } from '../helpers/test-database.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const hasPdfToText = spawnSync('pdftotext', ['-v']).status === 0;
const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });
const unique = () => `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
const nationalId = (first9: string) => `${first9}${nationalIdCheckDigit(first9)}`;

/** Synthetic people: invented names; national ID numbers valid in form, belonging to nobody. */
const MINOR = {
  name: '陳小雯',
  nationalId: nationalId('F22345678'),
  dateOfBirth: '2011-04-02',
  contact: '0987-654-321',
  guardianName: '陳大華',
  guardianContact: '02-2700-1234',
  incidentDate: '2025-06-01',
  sex: 'female',
};
const ADULT = {
  name: '黃怡君',
  nationalId: nationalId('Q29876543'),
  dateOfBirth: '1999-09-09',
  contact: 'yijun.synthetic@example.org',
  incidentDate: '2025-06-01',
};
const SECOND_MINOR = { name: '吳家豪', nationalId: nationalId('B18765432'), dateOfBirth: '2012-12-12', contact: '0911-222-333', incidentDate: '2025-05-05' };
const SECRETS = [
  MINOR.name,
  MINOR.nationalId,
  MINOR.dateOfBirth,
  MINOR.contact,
  MINOR.guardianName,
  MINOR.guardianContact,
  ADULT.name,
  ADULT.nationalId,
  ADULT.dateOfBirth,
  ADULT.contact,
  '陳小雲',
  SECOND_MINOR.name,
  SECOND_MINOR.nationalId,
  SECOND_MINOR.dateOfBirth,
  SECOND_MINOR.contact,
];

function expectNoSecrets(text: string, where: string): void {
  for (const secret of SECRETS) expect(text.includes(secret), `${where} carries ${secret}`).toBe(false);
}

/** Every entry of a zip archive (stored or deflated). */
function unzip(archive: Buffer): string {
  const eocd = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const out: string[] = [];
  let offset = archive.readUInt32LE(eocd + 16);
  for (let i = 0; i < archive.readUInt16LE(eocd + 10); i += 1) {
    const method = archive.readUInt16LE(offset + 10);
    const size = archive.readUInt32LE(offset + 20);
    const nameLength = archive.readUInt16LE(offset + 28);
    const local = archive.readUInt32LE(offset + 42);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = archive.subarray(start, start + size);
    out.push((method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    offset += 46 + nameLength + archive.readUInt16LE(offset + 30) + archive.readUInt16LE(offset + 32);
  }
  return out.join('\n');
}

/** The app as `buildTestApp` builds it, but with every log line (debug and up) captured. */
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
    { logger: { level: 'debug', redact: LOG_REDACTIONS, stream } },
  );
  app.addHook('onClose', async () => fs.rmSync(vaultDir, { recursive: true, force: true }));
  await app.ready();
  return app;
}

type Who = 'assigned' | 'colleague' | 'supervisor' | 'otherUnit' | 'wcpd' | 'protection' | 'protectionOtherUnit' | 'cib' | 'auditor' | 'admin';

describeEachDatabase('victims', (use) => {
  const logLines: string[] = [];
  let app: AppInstance;
  const users = {} as Record<Who | 'opener', TestUser>;
  const clients = {} as Record<Who | 'opener', TestClient>;
  let ptt: { id: string };

  async function rows<T>(text: string, values: unknown[] = []): Promise<T[]> {
    return (await use().executeSql(text, values)).rows as T[];
  }

  /** A case of DA-S1 opened from a PTT finding, with `assigned` assigned to it. */
  async function openCase(): Promise<{ caseId: string; findingId: string; number: string }> {
    const finding = (await clients.opener.request('POST', '/api/findings', { url: `https://www.ptt.cc/bbs/Sex/M.${unique()}.A.V01.html`, platformId: ptt.id })).json().finding;
    const promoted = await clients.opener.request('POST', `/api/findings/${finding.id}/promote`, { title: '被害人保護測試' });
    expect(promoted.statusCode, promoted.body).toBe(200);
    const caseId = promoted.json().case.id as string;
    const assigned = await clients.supervisor.request('PUT', `/api/cases/${caseId}/assignees`, { userIds: [users.assigned.user.id] });
    expect(assigned.statusCode, assigned.body).toBe(200);
    return { caseId, findingId: finding.id, number: promoted.json().case.number };
  }

  /** Seals a capture of the finding's URL and opens its takedown target (so a complaint has a URL with evidence). */
  async function sealTarget(caseId: string, findingId: string): Promise<{ targetId: string; evidenceId: string; sha: string }> {
    const sha = randomBytes(32).toString('hex');
    const [evidence] = await rows<{ id: string }>(
      `insert into evidence_items (kind, owning_unit_id, finding_id, captured_by, captured_at, sha256, size_bytes, media_type)
       values ('web_capture', $1, $2, $3, now() - interval '2 hours', $4, 10, 'application/json') returning id`,
      [users.opener.unit.id, findingId, users.opener.user.id, sha],
    );
    const opened = await clients.opener.request('POST', `/api/cases/${caseId}/takedowns`, { findingId });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().sealedEvidenceId).toBe(evidence!.id);
    return { targetId: opened.json().id, evidenceId: evidence!.id, sha };
  }

  /** The adult's signed authorisation form, uploaded as sealed evidence of the case through the upload API. */
  async function uploadForm(client: TestClient, caseId: string): Promise<{ id: string; sha256: string }> {
    const { payload, contentType } = multipartBody({ caseId, notes: '被害人授權書（掃描檔）' }, [
      { filename: 'authorisation.pdf', contentType: 'application/pdf', content: Buffer.from(`%PDF-1.4\n% synthetic signed authorisation ${unique()}\n%%EOF\n`) },
    ]);
    const uploaded = await client.request('POST', '/api/evidence/uploads', undefined, { rawBody: payload, headers: { 'content-type': contentType } });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    return uploaded.json().items[0];
  }

  async function addVictim(caseId: string, victim: Record<string, unknown>, client = clients.opener) {
    const created = await client.request('POST', `/api/cases/${caseId}/victims`, victim);
    expect(created.statusCode, created.body).toBe(201);
    expectNoSecrets(created.body, 'the creation answer');
    return created.json();
  }

  const filing = (offsetMs = -60_000) => ({ filedAt: new Date(Date.now() + offsetMs).toISOString(), channel: 'online_form', sipcReference: `SIPC-${unique()}` });

  async function taskOf(caseId: string, step: string) {
    const detail = (await clients.wcpd.request('GET', `/api/cases/${caseId}`)).json();
    return (detail.tasks as { stepCode: string; status: string; dueAt: string | null; triggeredAt: string }[]).find((t) => t.stepCode === step);
  }

  beforeAll(async () => {
    await seedDepartment(use().db);
    app = await buildCapturingApp(use(), logLines);
    const enrol = async (who: Who | 'opener', unitCode: string, roles?: Role[]) => {
      users[who] = await makeUser(use().db, { unitCode, roles });
      clients[who] = new TestClient(app);
      await clients[who].login(use(), users[who]);
    };
    await enrol('opener', 'DA-S1');
    await enrol('assigned', 'DA-S1');
    await enrol('colleague', 'DA-S1');
    await enrol('supervisor', 'DA', ['supervisor']);
    await enrol('otherUnit', 'XY-S1');
    await enrol('wcpd', 'WCPD', ['wcpd_coordinator']);
    await enrol('protection', 'DA-S1', ['officer', 'victim_protection']);
    await enrol('protectionOtherUnit', 'XY-S1', ['officer', 'victim_protection']);
    await enrol('cib', 'CIB', ['cib_investigator']);
    await enrol('auditor', 'INSP', ['auditor']);
    await enrol('admin', 'IT', ['admin']);
    const platforms = (await clients.opener.request('GET', '/api/platforms')).json();
    ptt = (platforms.items ?? platforms).find((p: { code: string }) => p.code === 'ptt');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('records a minor sealed field by field under the victim key, masked in clear, minor by the age on the incident date', async () => {
    const { caseId } = await openCase();
    const before = Date.now();
    const victim = await addVictim(caseId, MINOR);
    expect(victim).toMatchObject({
      caseId,
      maskedName: '陳O雯',
      maskedNationalId: `${MINOR.nationalId.slice(0, 3)}****${MINOR.nationalId.slice(-3)}`,
      maskedGuardianName: '陳O華',
      hasContact: true,
      hasGuardianContact: true,
      incidentDate: MINOR.incidentDate,
      sex: 'female',
      isMinor: true,
      ageAtIncident: 14,
      ageRule: 'civil-code-124/v1',
      purgedAt: null,
      sipcComplaints: [],
      can: { create: true, seeIdentity: false, protect: false, hold: false },
    });
    expect(victim.services.map((s: { service: string }) => s.service)).toEqual(['single_window', 'psychological_support', 'judicial_accompaniment', 'legal_advice', 'placement_assessment', 'parenting_talks']);

    // The database holds one ciphertext per field under the victim key (not the identity key), and masked forms.
    const [row] = await rows<Record<string, string | null>>('select * from victims where id = $1', [victim.id]);
    expectNoSecrets(JSON.stringify(row), 'the victims row');
    expect(row!.key_id).toBe(app.deps.victimKey.id);
    expect(row!.key_id).not.toBe(app.deps.identityKey.id);
    const sealed = ['name_sealed', 'national_id_sealed', 'date_of_birth_sealed', 'contact_sealed', 'guardian_name_sealed', 'guardian_contact_sealed'].map((c) => row![c]);
    expect(sealed.every((s) => typeof s === 'string' && s.length > 20)).toBe(true);
    expect(new Set(sealed).size).toBe(6);

    // G5.3.2: the social-worker task is open at once, due in 24 hours (department practice).
    const task = await taskOf(caseId, 'victim_social_worker');
    expect(task).toMatchObject({ status: 'open' });
    expect(new Date(task!.dueAt!).getTime() - new Date(task!.triggeredAt).getTime()).toBe(24 * HOUR);
    expect(new Date(task!.triggeredAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await taskOf(caseId, 'victim_adult_referral')).toBeUndefined();

    const audit = await rows<{ details: Record<string, unknown> }>(`select details from audit_events where action = 'victim.create' and object_id = $1`, [victim.id]);
    expect(audit[0]!.details).toMatchObject({ caseId, isMinor: true, ageAtIncident: 14, ageRule: 'civil-code-124/v1' });
    expect((await clients.opener.request('GET', `/api/cases/${caseId}`)).json().victimCount).toBe(1);
  });

  it('answers the access matrix: who lists (masked), reads, reveals, prints with identity and files a complaint', async () => {
    const { caseId, findingId } = await openCase();
    await sealTarget(caseId, findingId);
    const victim = await addVictim(caseId, MINOR);
    const first = await clients.wcpd.request('POST', `/api/victims/${victim.id}/sipc-complaints`, filing());
    expect(first.statusCode, first.body).toBe(201);
    const complaintId = first.json().id as string;

    type Action = 'list' | 'read' | 'reveal' | 'documentWithIdentity' | 'fileComplaint';
    const actions: Record<Action, (c: TestClient) => Promise<{ statusCode: number; body: string; rawPayload: Buffer }>> = {
      list: (c) => c.request('GET', `/api/cases/${caseId}/victims`),
      read: (c) => c.request('GET', `/api/victims/${victim.id}`),
      reveal: (c) => c.request('POST', `/api/victims/${victim.id}/reveal`, { reason: '需聯繫被害人法定代理人安排詢問' }),
      documentWithIdentity: (c) => c.request('GET', `/api/victims/${victim.id}/sipc-complaints/${complaintId}/document?includeIdentity=true&reason=${encodeURIComponent('向處理中心補充被害人資料')}`),
      fileComplaint: (c) => c.request('POST', `/api/victims/${victim.id}/sipc-complaints`, filing()),
    };
    const allowed = { list: 200, read: 200, reveal: 200, documentWithIdentity: 200, fileComplaint: 201 };
    const maskedOnly = { list: 200, read: 200, reveal: 403, documentWithIdentity: 403, fileComplaint: 403 };
    const unreachable = { list: 404, read: 404, reveal: 404, documentWithIdentity: 404, fileComplaint: 404 };
    const noCaseContent = { list: 403, read: 403, reveal: 403, documentWithIdentity: 403, fileComplaint: 403 };
    const matrix: [Who, Record<Action, number>][] = [
      ['assigned', allowed],
      ['colleague', maskedOnly],
      ['supervisor', maskedOnly],
      ['otherUnit', unreachable],
      ['wcpd', allowed],
      ['protection', allowed],
      ['protectionOtherUnit', unreachable],
      ['cib', unreachable],
      ['auditor', noCaseContent],
      ['admin', noCaseContent],
    ];
    for (const [who, expected] of matrix) {
      for (const action of Object.keys(actions) as Action[]) {
        const response = await actions[action](clients[who]);
        expect(response.statusCode, `${who} ${action}: ${response.body.slice(0, 200)}`).toBe(expected[action]);
        const carriesIdentity = response.statusCode === 200 && (action === 'reveal' || action === 'documentWithIdentity');
        if (!carriesIdentity) expectNoSecrets(response.body, `${who} ${action}`);
        if (response.statusCode === 404) expect(response.body).not.toContain('陳O雯');
      }
    }
    // Every refused reveal is audited as denied; the allowed ones as successes with their reason.
    const reveals = await rows<{ outcome: string; actor_username: string; reason: string }>(`select outcome, actor_username, reason from audit_events where action = 'victim.reveal' and object_id = $1`, [victim.id]);
    expect(reveals.filter((r) => r.outcome === 'success').map((r) => r.actor_username).sort()).toEqual([users.assigned, users.wcpd, users.protection].map((u) => u.user.username).sort());
    expect(reveals.filter((r) => r.outcome === 'denied')).toHaveLength(7);
    expect(reveals.every((r) => r.reason === '需聯繫被害人法定代理人安排詢問')).toBe(true);
  });

  it('reveals with a typed reason only, answers the identity uncached, and refuses a short reason', async () => {
    const { caseId } = await openCase();
    const victim = await addVictim(caseId, MINOR);
    const url = `/api/victims/${victim.id}/reveal`;
    for (const body of [{}, { reason: '看看' }, { reason: '     ' }, { reason: 'x'.repeat(501) }, { reason: '正當理由說明', extra: 1 }]) {
      const refused = await clients.assigned.request('POST', url, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expectNoSecrets(refused.body, 'a refused reveal');
    }
    // The reason goes into the audit trail, which never holds an identity.
    const naming = await clients.assigned.request('POST', url, { reason: `聯繫${MINOR.guardianName}到場` });
    expect(naming.statusCode).toBe(400);
    expect(naming.json().error.message).toContain('reason');
    expectNoSecrets(naming.body, 'a reason refusal');
    const revealed = await clients.assigned.request('POST', url, { reason: '承辦人需通知法定代理人到場' });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.headers['cache-control']).toBe('no-store');
    expect(revealed.json()).toEqual({
      name: MINOR.name,
      nationalId: MINOR.nationalId,
      dateOfBirth: MINOR.dateOfBirth,
      contact: MINOR.contact,
      guardianName: MINOR.guardianName,
      guardianContact: MINOR.guardianContact,
    });
    const [audit] = await rows<{ reason: string; details: unknown }>(`select reason, details from audit_events where action = 'victim.reveal' and object_id = $1 and outcome = 'success'`, [victim.id]);
    expect(audit!.reason).toBe('承辦人需通知法定代理人到場');
    expectNoSecrets(JSON.stringify(audit), 'the reveal audit row');
  });

  it('changes a victim with protection rights: re-seals and re-masks, re-judges the age and moves the tasks', async () => {
    const { caseId } = await openCase();
    const victim = await addVictim(caseId, MINOR);
    expect((await clients.colleague.request('PATCH', `/api/victims/${victim.id}`, { notes: '補充說明' })).statusCode).toBe(403);
    expect((await clients.otherUnit.request('PATCH', `/api/victims/${victim.id}`, { notes: '補充說明' })).statusCode).toBe(404);

    // A corrected date of birth makes the victim an adult on the incident date: the question task opens.
    const corrected = await clients.assigned.request('PATCH', `/api/victims/${victim.id}`, { dateOfBirth: '2007-05-31', name: '陳小雲', notes: '出生日期經戶政資料更正' });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({ maskedName: '陳O雲', isMinor: false, ageAtIncident: 18, notes: '出生日期經戶政資料更正' });
    expectNoSecrets(corrected.body, 'the update answer');
    expect(corrected.body).not.toContain('2007-05-31');
    expect(await taskOf(caseId, 'victim_adult_referral')).toMatchObject({ status: 'open' });
    // No minor waits for a social worker any more: that task is done.
    expect(await taskOf(caseId, 'victim_social_worker')).toMatchObject({ status: 'done' });
    const revealed = (await clients.assigned.request('POST', `/api/victims/${victim.id}/reveal`, { reason: '確認更正後之身分資料' })).json();
    expect(revealed).toMatchObject({ name: '陳小雲', dateOfBirth: '2007-05-31', nationalId: MINOR.nationalId, contact: MINOR.contact });
    const [audit] = await rows<{ details: Record<string, unknown> }>(`select details from audit_events where action = 'victim.update' and object_id = $1 and outcome = 'success'`, [victim.id]);
    expect(audit!.details).toMatchObject({ fields: ['dateOfBirth', 'name', 'notes'], isMinor: false, ageAtIncident: 18 });
    expect(JSON.stringify(audit)).not.toContain('陳小雲');

    // A ciphertext moved onto another field does not open: a safe 500, audited as a failure.
    await use().superuserSql(`update victims set contact_sealed = name_sealed where id = '${victim.id}'`);
    const broken = await clients.wcpd.request('POST', `/api/victims/${victim.id}/reveal`, { reason: '婦幼隊列管追蹤需聯繫' });
    expect(broken.statusCode).toBe(500);
    expect(broken.json().error.code).toBe('INTERNAL');
    expect(broken.body).not.toContain('陳小雲');
    expect(await rows(`select seq from audit_events where action = 'victim.reveal' and object_id = $1 and outcome = 'failure'`, [victim.id])).toHaveLength(1);
  });

  it('keeps identity out of every validation error', async () => {
    const { caseId } = await openCase();
    const bad = nationalId('F22345678').slice(0, 9) + String((Number(nationalId('F22345678').slice(-1)) + 1) % 10);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...MINOR, nationalId: bad }, '身分證字號格式錯誤', bad],
      [{ ...MINOR, nationalId: 'A12345' }, '身分證字號格式錯誤', 'A12345'],
      [{ ...MINOR, dateOfBirth: '2011-02-30' }, '出生日期格式錯誤', '2011-02-30'],
      [{ ...MINOR, dateOfBirth: '2099-01-01' }, '出生日期不可晚於今日', '2099-01-01'],
      [{ ...MINOR, incidentDate: '2010-01-01' }, '事件日期不可早於出生日期', '2010-01-01'],
      [{ ...MINOR, notes: `被害人${MINOR.name}自述` }, '不可含被害人身分資料', MINOR.name],
      [{ ...MINOR, notes: `身分證 ${MINOR.nationalId.toLowerCase()}` }, '不可含被害人身分資料', MINOR.nationalId],
      [{ ...MINOR, name: '王'.repeat(101) }, 'name', '王'.repeat(101)],
      [{ ...MINOR, contact: '9'.repeat(201) }, 'contact', '9'.repeat(201)],
    ];
    for (const [body, message, value] of cases) {
      const refused = await clients.opener.request('POST', `/api/cases/${caseId}/victims`, body);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().error.code).toBe('VALIDATION_FAILED');
      expect(refused.json().error.message).toContain(message);
      expect(refused.body).not.toContain(value);
      expectNoSecrets(refused.body, 'a validation error');
    }
    expect(await rows('select id from victims where case_id = $1', [caseId])).toEqual([]);
  });

  it('adult path: the SIPC complaint is refused until the victim’s own authorisation is recorded; the answers close the question task', async () => {
    const { caseId, findingId } = await openCase();
    const { evidenceId: captureId, sha } = await sealTarget(caseId, findingId);
    const victim = await addVictim(caseId, ADULT);
    expect(victim).toMatchObject({ isMinor: false, ageAtIncident: 25 });
    expect(await taskOf(caseId, 'victim_adult_referral')).toMatchObject({ status: 'open' });
    expect(await taskOf(caseId, 'victim_social_worker')).toBeUndefined();

    const draft = await clients.assigned.request('GET', `/api/victims/${victim.id}/sipc-complaints/draft`);
    expect(draft.json()).toMatchObject({ targetHours: 72, blockedBy: 'authorisation_required' });
    const refused = await clients.assigned.request('POST', `/api/victims/${victim.id}/sipc-complaints`, filing());
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('VICTIM_AUTHORISATION_REQUIRED');
    expect(refused.json().error.message).toContain('授權書');
    expect(refused.json().error.message).toContain('authorisation');
    expectNoSecrets(refused.body, 'the refusal');

    // The form must be evidence of this very case.
    const otherCase = await openCase();
    const foreignForm = await uploadForm(clients.opener, otherCase.caseId);
    const form = await uploadForm(clients.assigned, caseId);
    const authorisation = { evidenceId: form.id, signedOn: '2025-06-10', scope: '授權警察機關代為向性影像處理中心申訴下架' };
    const foreign = await clients.assigned.request('POST', `/api/victims/${victim.id}/authorisation`, { ...authorisation, evidenceId: foreignForm.id });
    expect(foreign.statusCode).toBe(400);
    expect((await clients.colleague.request('POST', `/api/victims/${victim.id}/authorisation`, authorisation)).statusCode).toBe(403);
    const recorded = await clients.assigned.request('POST', `/api/victims/${victim.id}/authorisation`, authorisation);
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json().authorisations).toMatchObject([{ evidenceId: form.id, signedOn: '2025-06-10' }]);
    // The signed form names the victim: a colleague who may read the case neither lists nor opens it (G6.3.6).
    const caseEvidence = (who: Who) => clients[who].request('GET', `/api/evidence?caseId=${caseId}`);
    expect((await caseEvidence('assigned')).json().items.map((i: { id: string }) => i.id)).toContain(form.id);
    expect((await caseEvidence('colleague')).json().items.map((i: { id: string }) => i.id)).not.toContain(form.id);
    expect((await clients.colleague.request('GET', `/api/evidence/${form.id}`)).statusCode).toBe(404);
    expect((await clients.assigned.request('GET', `/api/evidence/${form.id}`)).statusCode).toBe(200);
    expect((await clients.wcpd.request('GET', `/api/evidence/${form.id}`)).statusCode).toBe(200);

    // G5.3.2: an adult has a social worker only when they ask; refusing to answer is an answer.
    expect((await clients.assigned.request('POST', `/api/victims/${victim.id}/social-worker`, { name: '社工林專員', arrivedAt: new Date().toISOString() })).json().error.code).toBe('WORKFLOW_STEP_REFUSED');
    const answered = await clients.assigned.request('POST', `/api/victims/${victim.id}/referral`, { wantsSocialWorker: 'refused_to_answer', wantsCounsellingReferral: 'no', answeredAt: new Date().toISOString() });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().referral).toMatchObject({ wantsSocialWorker: 'refused_to_answer', wantsCounsellingReferral: 'no' });
    expect(await taskOf(caseId, 'victim_adult_referral')).toMatchObject({ status: 'done' });

    const filed = await clients.assigned.request('POST', `/api/victims/${victim.id}/sipc-complaints`, filing());
    expect(filed.statusCode, filed.body).toBe(201);
    const complaint = filed.json();
    expect(complaint).toMatchObject({ targetHours: 72, minorAtFiling: false, authorisationId: recorded.json().authorisations[0].id, overdue: false, outcome: null });
    expect(new Date(complaint.dueAt).getTime() - new Date(complaint.filedAt).getTime()).toBe(72 * HOUR);
    // The content: the case's takedown URL with its sealed capture — never the signed form, which shows the victim.
    expect(complaint.content.evidence).toEqual([expect.objectContaining({ id: captureId, sha256: sha })]);
    expect(JSON.stringify(complaint.content)).not.toContain(form.id);
    expect(JSON.stringify(complaint.content)).not.toContain(form.sha256);
  });

  it('minor path: files at once with a 24-hour target; the social worker closes the task, per case', async () => {
    const empty = await openCase();
    const lonely = await addVictim(empty.caseId, MINOR);
    const noEvidence = await clients.assigned.request('POST', `/api/victims/${lonely.id}/sipc-complaints`, filing());
    expect(noEvidence.statusCode).toBe(409);
    expect(noEvidence.json().error.code).toBe('EVIDENCE_NOT_SEALED');

    const { caseId, findingId } = await openCase();
    const { evidenceId } = await sealTarget(caseId, findingId);
    const victim = await addVictim(caseId, MINOR);
    expect((await clients.assigned.request('GET', `/api/victims/${victim.id}/sipc-complaints/draft`)).json()).toMatchObject({ targetHours: 24, blockedBy: null });
    const filed = await clients.assigned.request('POST', `/api/victims/${victim.id}/sipc-complaints`, filing());
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ targetHours: 24, minorAtFiling: true, authorisationId: null });
    expect(filed.json().content.urls).toEqual([expect.objectContaining({ evidenceId })]);
    expect(filed.json().content.urls[0].url).toMatch(/^https:\/\/www\.ptt\.cc\//);
    expect(new Date(filed.json().dueAt).getTime() - new Date(filed.json().filedAt).getTime()).toBe(24 * HOUR);
    expect((await clients.assigned.request('POST', `/api/victims/${victim.id}/authorisation`, { evidenceId, signedOn: '2025-06-10', scope: '授權申訴' })).json().error.code).toBe('WORKFLOW_STEP_REFUSED');
    expect((await clients.assigned.request('POST', `/api/victims/${victim.id}/referral`, { wantsSocialWorker: 'yes', wantsCounsellingReferral: 'yes', answeredAt: new Date().toISOString() })).json().error.code).toBe('WORKFLOW_STEP_REFUSED');

    // A second minor keeps the case's task open until both have their social worker.
    const second = await addVictim(caseId, SECOND_MINOR);
    const arrived = { name: '社工張專員', arrivedAt: new Date(Date.now() - HOUR).toISOString() };
    expect((await clients.assigned.request('POST', `/api/victims/${victim.id}/social-worker`, arrived)).json().socialWorker).toMatchObject({ name: '社工張專員' });
    expect(await taskOf(caseId, 'victim_social_worker')).toMatchObject({ status: 'open' });
    expect((await clients.wcpd.request('POST', `/api/victims/${second.id}/social-worker`, arrived)).statusCode).toBe(200);
    expect(await taskOf(caseId, 'victim_social_worker')).toMatchObject({ status: 'done' });
    // Another minor reopens it.
    await addVictim(caseId, { ...SECOND_MINOR, incidentDate: '2025-07-01' });
    expect(await taskOf(caseId, 'victim_social_worker')).toMatchObject({ status: 'open' });
  });

  it('runs the SIPC clocks: 24 hours for a minor, 72 for an adult, overdue on a controllable clock', async () => {
    const { caseId, findingId } = await openCase();
    await sealTarget(caseId, findingId);
    const minor = await addVictim(caseId, MINOR);
    const adult = await addVictim(caseId, ADULT);
    const form = await uploadForm(clients.assigned, caseId);
    await clients.assigned.request('POST', `/api/victims/${adult.id}/authorisation`, { evidenceId: form.id, signedOn: '2025-06-10', scope: '授權申訴下架' });

    // Filed 25 hours ago: the minor's is overdue, the adult's is not yet.
    const minorLate = (await clients.assigned.request('POST', `/api/victims/${minor.id}/sipc-complaints`, filing(-25 * HOUR))).json();
    const adultOnTime = (await clients.assigned.request('POST', `/api/victims/${adult.id}/sipc-complaints`, filing(-25 * HOUR))).json();
    expect(minorLate).toMatchObject({ overdue: true, removedWithinTarget: null });
    expect(adultOnTime).toMatchObject({ overdue: false });
    const list = (await clients.colleague.request('GET', `/api/cases/${caseId}/victims`)).json();
    expect(list.items.find((v: { id: string }) => v.id === minor.id).sipc).toEqual({ filed: 1, open: 1, overdue: 1 });
    expect(list.items.find((v: { id: string }) => v.id === adult.id).sipc).toEqual({ filed: 1, open: 1, overdue: 0 });

    // The clock itself, on a clock the test holds.
    const [row] = await victimsRepository.complaints(use().db, adult.id);
    const filedAt = row!.filedAt.getTime();
    expect(complaintClock(row!, new Date(filedAt + 72 * HOUR))).toEqual({ overdue: false, removedWithinTarget: null });
    expect(complaintClock(row!, new Date(filedAt + 72 * HOUR + 1))).toEqual({ overdue: true, removedWithinTarget: null });
    expect(complaintClock({ ...row!, outcome: 'removed', outcomeAt: new Date(filedAt + 71 * HOUR) }, new Date(filedAt + 100 * HOUR))).toEqual({ overdue: false, removedWithinTarget: true });
    expect(complaintClock({ ...row!, outcome: 'not_removed', outcomeAt: new Date(filedAt + 71 * HOUR) }, new Date(filedAt + 100 * HOUR))).toEqual({ overdue: true, removedWithinTarget: null });

    // Removed after its 24 hours: no longer overdue, the target missed.
    const outcome = await clients.assigned.request('POST', `/api/victims/${minor.id}/sipc-complaints/${minorLate.id}/outcome`, { outcome: 'removed', outcomeAt: new Date(Date.now() - HOUR).toISOString(), sipcReference: 'SIPC-114-000123' });
    expect(outcome.statusCode, outcome.body).toBe(200);
    expect(outcome.json()).toMatchObject({ outcome: 'removed', overdue: false, removedWithinTarget: false, sipcReference: 'SIPC-114-000123' });
    const early = await clients.assigned.request('POST', `/api/victims/${minor.id}/sipc-complaints/${minorLate.id}/outcome`, { outcome: 'removed', outcomeAt: new Date(Date.now() - 30 * HOUR).toISOString() });
    expect(early.statusCode).toBe(400);
    const future = await clients.assigned.request('POST', `/api/victims/${minor.id}/sipc-complaints`, filing(2 * HOUR));
    expect(future.statusCode).toBe(400);
  });

  it('records the six services offered, accepted or declined, and given, with dates in order', async () => {
    const { caseId } = await openCase();
    const victim = await addVictim(caseId, MINOR);
    const put = (service: string, body: Record<string, unknown>, client = clients.assigned) => client.request('PUT', `/api/victims/${victim.id}/services/${service}`, body);
    const given = await put('psychological_support', { offeredOn: '2025-06-02', response: 'accepted', respondedOn: '2025-06-03', givenOn: '2025-06-10', note: '每週一次' });
    expect(given.statusCode, given.body).toBe(200);
    await put('placement_assessment', { offeredOn: '2025-06-02', response: 'declined', respondedOn: '2025-06-02' });
    const detail = (await put('single_window', { offeredOn: '2025-06-02' })).json();
    const byService = Object.fromEntries(detail.services.map((s: { service: string }) => [s.service, s]));
    expect(byService.psychological_support).toMatchObject({ offeredOn: '2025-06-02', response: 'accepted', respondedOn: '2025-06-03', givenOn: '2025-06-10', note: '每週一次' });
    expect(byService.placement_assessment).toMatchObject({ response: 'declined', givenOn: null });
    expect(byService.single_window).toMatchObject({ offeredOn: '2025-06-02', response: null });
    expect(byService.legal_advice).toMatchObject({ offeredOn: null });

    for (const [body, field] of [
      [{ offeredOn: '2025-06-02', response: 'declined', respondedOn: '2025-06-03', givenOn: '2025-06-04' }, 'givenOn'],
      [{ offeredOn: '2025-06-05', response: 'accepted', respondedOn: '2025-06-03' }, 'respondedOn'],
      [{ offeredOn: '2025-06-05', response: 'accepted' }, 'respondedOn'],
      [{ offeredOn: '2099-06-05' }, 'offeredOn'],
      [{ offeredOn: '2025-06-05', note: `聯絡 ${MINOR.guardianName}` }, 'note'],
    ] as const) {
      const refused = await put('legal_advice', body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json().error.message).toContain(field);
      expectNoSecrets(refused.body, 'a service refusal');
    }
    expect((await put('unknown_service', { offeredOn: '2025-06-02' })).statusCode).toBe(400);
    expect((await put('legal_advice', { offeredOn: '2025-06-02' }, clients.colleague)).statusCode).toBe(403);
  });

  it('prints the complaint without identity by default; with it only for the authorised, with a reason, marked 機密 and watermarked', async () => {
    const { caseId, findingId, number } = await openCase();
    const { sha } = await sealTarget(caseId, findingId);
    const victim = await addVictim(caseId, MINOR);
    const complaint = (await clients.assigned.request('POST', `/api/victims/${victim.id}/sipc-complaints`, filing())).json();
    const base = `/api/victims/${victim.id}/sipc-complaints/${complaint.id}/document`;

    const plain = await clients.colleague.request('GET', base);
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.headers['content-type']).toBe('application/pdf');
    expect(plain.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(String(plain.headers['content-disposition'])).not.toContain('confidential');

    expect((await clients.assigned.request('GET', `${base}?includeIdentity=true`)).statusCode).toBe(400);
    expect((await clients.assigned.request('GET', `${base}?includeIdentity=true&reason=abc`)).statusCode).toBe(400);
    const secret = await clients.assigned.request('GET', `${base}?includeIdentity=true&reason=${encodeURIComponent('處理中心要求補充被害人身分')}`);
    expect(secret.statusCode, secret.body).toBe(200);
    expect(String(secret.headers['content-disposition'])).toContain('confidential');

    if (hasPdfToText) {
      const text = pdfText(plain.rawPayload);
      expect(text).toContain('性影像處理中心申訴下架資料');
      expect(text).toContain(number);
      expect(text).toContain(sha.slice(0, 32));
      expect(text).toContain('未成年');
      expectNoSecrets(text, 'the complaint without identity');
      expect(text).not.toContain('陳O雯');
      expect(text).not.toContain('機密');

      const confidential = pdfText(secret.rawPayload);
      expect(confidential).toContain('機密');
      expect(confidential).toContain(MINOR.name);
      expect(confidential).toContain(MINOR.nationalId);
      // Every page's header names who printed it (the diagonal watermark does too, but pdftotext scatters rotated text).
      expect(confidential).toContain(users.assigned.user.username);
    }
    const audit = await rows<{ action: string; reason: string | null; actor_username: string; details: Record<string, unknown> }>(
      `select action, reason, actor_username, details from audit_events where object_id = $1 and action in ('victim.document_print', 'victim.identity_export') and outcome = 'success' order by seq`,
      [victim.id],
    );
    expect(audit.map((a) => [a.action, a.reason])).toEqual([
      ['victim.document_print', null],
      ['victim.identity_export', '處理中心要求補充被害人身分'],
    ]);
    expect(audit[1]!.details).toMatchObject({ includeIdentity: true, complaintId: complaint.id });
    expectNoSecrets(JSON.stringify(audit), 'the print audit rows');
  });

  it('lets the auditor, and only the auditor, list who revealed which victim’s identity, when and why', async () => {
    const { caseId, number } = await openCase();
    const victim = await addVictim(caseId, ADULT);
    await clients.protection.request('POST', `/api/victims/${victim.id}/reveal`, { reason: '被害人保護官聯繫被害人' });
    const listed = await clients.auditor.request('GET', '/api/audit/victim-reveals?limit=50');
    expect(listed.statusCode, listed.body).toBe(200);
    expectNoSecrets(listed.body, 'the auditor’s list');
    const entry = listed.json().items.find((i: { victimId: string }) => i.victimId === victim.id);
    expect(entry).toMatchObject({ caseId, caseNumber: number, maskedName: '黃O君', action: 'victim.reveal', actorUsername: users.protection.user.username, actorUnitCode: 'DA-S1', reason: '被害人保護官聯繫被害人' });
    expect(Date.parse(entry.occurredAt)).toBeGreaterThan(Date.now() - 60_000);
    const next = await clients.auditor.request('GET', `/api/audit/victim-reveals?beforeSeq=${entry.seq}`);
    expect(next.json().items.every((i: { seq: number }) => i.seq < entry.seq)).toBe(true);
    for (const who of ['wcpd', 'admin', 'supervisor', 'assigned'] as const) expect((await clients[who].request('GET', '/api/audit/victim-reveals')).statusCode, who).toBe(403);
  });

  it('tells another unit only department-wide counts, and the case page only a count', async () => {
    const { caseId } = await openCase();
    await addVictim(caseId, MINOR);
    await addVictim(caseId, ADULT);
    const figures = await clients.otherUnit.request('GET', '/api/victims/figures');
    expect(figures.statusCode).toBe(200);
    expect(Object.keys(figures.json()).sort()).toEqual(['adults', 'minors', 'total']);
    expect(figures.json().total).toBe(figures.json().minors + figures.json().adults);
    expect(figures.json().minors).toBeGreaterThanOrEqual(1);
    expect((await clients.otherUnit.request('GET', `/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await clients.otherUnit.request('GET', `/api/cases/${caseId}/victims`)).statusCode).toBe(404);
    expect((await clients.admin.request('GET', '/api/victims/figures')).statusCode).toBe(403);
    const detail = (await clients.colleague.request('GET', `/api/cases/${caseId}`)).json();
    expect(detail.victimCount).toBe(2);
  });

  it('keeps victims out of the existing exports: board CSV and XLSX, the social-affairs notice and the case file', async () => {
    const { caseId, number } = await openCase();
    const victim = await addVictim(caseId, MINOR);
    await clients.wcpd.request('POST', `/api/victims/${victim.id}/reveal`, { reason: '婦幼隊列管追蹤需聯繫' });
    const [evidence] = await rows<{ id: string }>(
      `insert into evidence_items (kind, owning_unit_id, case_id, captured_by, captured_at, sha256, size_bytes, media_type) values ('upload', $1, $2, $3, now(), $4, 1, 'image/png') returning id`,
      [users.opener.unit.id, caseId, users.opener.user.id, 'c'.repeat(64)],
    );
    const evidenceIds = [evidence!.id];
    await submitAssessment(use().db, contextFor(users.opener), caseId, {
      publicDissemination: { held: true, reasons: '公開看板', evidenceIds },
      inducement: { held: true, reasons: '暗語招攬', evidenceIds },
      childAtRisk: { held: true, reasons: '自稱國中生', evidenceIds, subparagraphs: [3] },
    });
    const pending = (await caseWorkflowRepository.pendingAssessment(use().db, caseId))!;
    await reviewAssessment(use().db, contextFor(users.supervisor), caseId, { assessmentId: pending.id, decision: 'approved' });

    const csv = await clients.wcpd.request('GET', `/api/cases/board/export?format=csv&q=${encodeURIComponent(number)}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.rawPayload.toString('utf8')).toContain(number);
    expectNoSecrets(csv.rawPayload.toString('utf8'), 'the board CSV');
    const xlsx = await clients.wcpd.request('GET', `/api/cases/board/export?format=xlsx&q=${encodeURIComponent(number)}`);
    expect(xlsx.statusCode).toBe(200);
    const sheet = unzip(xlsx.rawPayload);
    expect(sheet).toContain(number);
    expectNoSecrets(sheet, 'the board XLSX');
    expect(sheet).not.toContain('陳O雯');

    const timeline = await clients.opener.request('GET', `/api/cases/${caseId}/timeline`);
    expect(timeline.body).toContain('victim.create');
    expectNoSecrets(timeline.body, 'the case timeline');

    for (const kind of ['social_affairs', 'case_file']) {
      const document = await clients.opener.request('GET', `/api/cases/${caseId}/documents/${kind}`);
      expect(document.statusCode, `${kind}: ${document.body.slice(0, 200)}`).toBe(200);
      if (hasPdfToText) {
        const text = pdfText(document.rawPayload);
        expect(text).toContain(number);
        expectNoSecrets(text, kind);
        expect(text).not.toContain('陳O雯');
      }
    }
  });

  it('purges the identities of a case closed beyond the retention period, unless a legal hold stops it', async () => {
    const db = use().db;
    const days = app.deps.config.victimRetentionDays;
    const close = async (caseId: string) => {
      const closed = await clients.supervisor.request('POST', `/api/cases/${caseId}/status`, { to: 'closed', reason: '全案偵結' });
      expect(closed.statusCode, closed.body).toBe(200);
    };
    const plain = await openCase();
    const plainVictim = await addVictim(plain.caseId, MINOR);
    const heldCase = await openCase();
    const heldCaseVictim = await addVictim(heldCase.caseId, ADULT);
    const mixed = await openCase();
    const keptVictim = await addVictim(mixed.caseId, MINOR);
    const goneVictim = await addVictim(mixed.caseId, SECOND_MINOR);

    // Legal holds: the WCPD or a supervisor of the case, with a reason; nobody else.
    expect((await clients.colleague.request('POST', `/api/cases/${heldCase.caseId}/victim-holds`, { reason: '另案審理中需保留' })).statusCode).toBe(403);
    expect((await clients.otherUnit.request('POST', `/api/cases/${heldCase.caseId}/victim-holds`, { reason: '另案審理中需保留' })).statusCode).toBe(404);
    expect((await clients.wcpd.request('POST', `/api/cases/${heldCase.caseId}/victim-holds`, { reason: '短' })).statusCode).toBe(400);
    const caseHold = await clients.wcpd.request('POST', `/api/cases/${heldCase.caseId}/victim-holds`, { reason: '地檢署函請保留被害人資料' });
    expect(caseHold.statusCode, caseHold.body).toBe(201);
    expect(caseHold.json()).toMatchObject({ caseId: heldCase.caseId, victimId: null, active: true, setBy: users.wcpd.user.username });
    expect((await clients.supervisor.request('POST', `/api/cases/${heldCase.caseId}/victim-holds`, { reason: '重複設定保存命令' })).statusCode).toBe(409);
    const victimHold = await clients.supervisor.request('POST', `/api/victims/${keptVictim.id}/holds`, { reason: '民事求償程序進行中' });
    expect(victimHold.statusCode, victimHold.body).toBe(201);

    for (const c of [plain, heldCase, mixed]) await close(c.caseId);
    // Closed: the holds are still set and cleared there; victim work waits for a reopening.
    expect((await clients.assigned.request('PATCH', `/api/victims/${plainVictim.id}`, { notes: '結案後補記' })).json().error.code).toBe('CASE_READ_ONLY');

    const now = Date.now();
    expect(await purgeExpiredVictimIdentities(db, { victimRetentionDays: days }, new Date(now + (days - 1) * DAY))).toBe(0);
    const later = new Date(now + (days + 1) * DAY);
    expect(await purgeExpiredVictimIdentities(db, { victimRetentionDays: days }, later)).toBe(2);
    expect(await purgeExpiredVictimIdentities(db, { victimRetentionDays: days }, later)).toBe(0);

    const state = async (id: string) => (await rows<Record<string, unknown>>('select * from victims where id = $1', [id]))[0]!;
    for (const id of [plainVictim.id, goneVictim.id]) {
      const row = await state(id);
      expect(row).toMatchObject({ masked_name: PURGED_MARKER, masked_national_id: null, name_sealed: null, national_id_sealed: null, date_of_birth_sealed: null, contact_sealed: null, key_id: null });
      expect(row.purged_at).not.toBeNull();
      // The facts remain.
      expect(row).toMatchObject({ is_minor: true, age_rule: 'civil-code-124/v1' });
    }
    for (const id of [heldCaseVictim.id, keptVictim.id]) expect((await state(id)).name_sealed).not.toBeNull();
    const purgedAudit = await rows<{ object_id: string; details: Record<string, unknown> }>(`select object_id, details from audit_events where action = 'victim.purge'`);
    expect(purgedAudit.map((a) => a.object_id).sort()).toEqual([plainVictim.id, goneVictim.id].sort());
    expect(purgedAudit[0]!.details).toMatchObject({ retentionDays: days });

    // A purged identity is gone for everyone; the victim and the case's facts are still there.
    const gone = await clients.wcpd.request('POST', `/api/victims/${plainVictim.id}/reveal`, { reason: '檢察官函查被害人身分' });
    expect(gone.statusCode).toBe(409);
    expect(gone.json().error.code).toBe('CONFLICT');
    const listed = (await clients.opener.request('GET', `/api/cases/${plain.caseId}/victims`)).json();
    expect(listed.items[0]).toMatchObject({ maskedName: PURGED_MARKER, isMinor: true, incidentDate: MINOR.incidentDate });
    expect(listed.items[0].purgedAt).not.toBeNull();

    // Clearing the case's hold lets the next run purge it (idempotently).
    const cleared = await clients.supervisor.request('POST', `/api/victim-holds/${caseHold.json().id}/clear`, { reason: '地檢署函覆已無需保留' });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ active: false, clearedBy: users.supervisor.user.username, clearReason: '地檢署函覆已無需保留' });
    expect((await clients.supervisor.request('POST', `/api/victim-holds/${caseHold.json().id}/clear`, { reason: '再次解除保存命令' })).statusCode).toBe(409);
    expect(await purgeExpiredVictimIdentities(db, { victimRetentionDays: days }, later)).toBe(1);
    expect((await state(heldCaseVictim.id)).masked_name).toBe(PURGED_MARKER);
    expect((await state(keptVictim.id)).name_sealed).not.toBeNull();
    const holdAudit = await rows<{ action: string; reason: string }>(`select action, reason from audit_events where action in ('victim.hold_set', 'victim.hold_clear') and outcome = 'success' order by seq`);
    expect(holdAudit.map((a) => a.action)).toEqual(['victim.hold_set', 'victim.hold_set', 'victim.hold_clear']);
  });

  it('leaves no identity in any audit row or log line', async () => {
    const audit = await rows<{ row: string }>('select row_to_json(a)::text as row from audit_events a');
    const trail = audit.map((a) => a.row).join('\n');
    expect(trail).toContain('victim.reveal');
    expectNoSecrets(trail, 'the audit trail');
    // Masked names stay out of the trail too.
    for (const masked of ['陳O雯', '黃O君', '吳O豪']) expect(trail).not.toContain(masked);

    const logs = logLines.join('');
    expect(logs).toContain('/reveal');
    expectNoSecrets(logs, 'the application log');
  });
});
