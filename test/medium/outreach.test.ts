/**
 * Prevention outreach (issue #9; G5.4, G4.1.5) through the HTTP API: every kind with its own
 * fields, unit scoping (a unit's officers and supervisors record for their unit and sub-units, the
 * WCPD for any, officers of other units do not even see it), audited edits and deletion, and
 * attachments streamed into the vault — accepted by their bytes, refused otherwise, downloaded as
 * attachments that never render in the app's origin.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import sharp from 'sharp';
import yazl from 'yazl';
import type { Database } from '../../src/core/db/client.ts';
import { auditEvents } from '../../src/modules/audit/audit.tables.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { makeUser, seedDepartment, unitByCode, type TestUser } from '../helpers/factories.ts';
import { buildTestApp, multipartBody, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

const schoolTalk = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  startsAt: '2025-05-06T02:00:00.000Z',
  endsAt: '2025-05-06T03:30:00.000Z',
  audienceCount: 240,
  officerIds: [] as string[],
  notes: '講題：網路交友與自我保護',
  details: { kind: 'school_talk', schoolName: '示範高中', schoolLevel: 'senior_vocational', topics: ['網路新型態性犯罪', '自我保護', ' '], withEducationBureauTour: true },
  ...extra,
});

async function zipWith(name: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from('<Types/>'), '[Content_Types].xml');
  zip.addBuffer(Buffer.from('slide'), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describeEachDatabase('prevention outreach', (use) => {
  let db: Database;
  let app: AppInstance;
  let officerDa: TestUser;
  let officerDa2: TestUser;
  let officerXy: TestUser;
  const clients: Record<'da' | 'da2' | 'xy' | 'supervisorDa' | 'wcpd' | 'admin', TestClient> = {} as never;

  beforeAll(async () => {
    db = use().db;
    await seedDepartment(db);
    app = await buildTestApp(use());
    officerDa = await makeUser(db, { unitCode: 'DA-S1' });
    officerDa2 = await makeUser(db, { unitCode: 'DA-S2' });
    officerXy = await makeUser(db, { unitCode: 'XY-S1' });
    const users = {
      da: officerDa,
      da2: officerDa2,
      xy: officerXy,
      supervisorDa: await makeUser(db, { unitCode: 'DA', roles: ['supervisor'] }),
      wcpd: await makeUser(db, { unitCode: 'WCPD', roles: ['wcpd_coordinator'] }),
      admin: await makeUser(db, { unitCode: 'IT', roles: ['admin'] }),
    };
    for (const [key, user] of Object.entries(users)) {
      const client = new TestClient(app);
      await client.login(use(), user);
      clients[key as keyof typeof clients] = client;
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  it('records a school talk for the officer’s unit, with officers and the kind’s own fields', async () => {
    const created = await clients.da.request('POST', '/api/outreach', schoolTalk('校園法治教育宣導', { officerIds: [officerDa.user.id] }));
    expect(created.statusCode, created.body).toBe(201);
    const activity = created.json();
    expect(activity).toMatchObject({
      unit: { code: 'DA-S1' },
      kind: 'school_talk',
      audienceCount: 240,
      details: { kind: 'school_talk', schoolLevel: 'senior_vocational', topics: ['網路新型態性犯罪', '自我保護'], withEducationBureauTour: true },
      can: { edit: true },
    });
    expect(activity.officers).toEqual([{ id: officerDa.user.id, displayName: officerDa.user.displayName, unitCode: 'DA-S1' }]);
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'outreach.create'), eq(auditEvents.objectId, activity.id)));
    expect(audit?.details).toMatchObject({ kind: 'school_talk' });
  });

  it('validates each kind by its own schema and what a schema cannot see', async () => {
    const post = { title: '宣導貼文', startsAt: '2025-05-07T02:00:00.000Z', officerIds: [], details: { kind: 'online_post', platform: 'Instagram', link: 'https://www.instagram.com/p/example/', reach: null } };
    expect((await clients.da.request('POST', '/api/outreach', post)).statusCode).toBe(201);
    const refused = [
      { ...post, details: { ...post.details, link: 'javascript:alert(1)' } },
      { ...post, details: { kind: 'online_post', platform: 'Instagram', link: 'https://x.example/', reach: null, schoolName: '多餘欄位' } },
      { ...post, details: { kind: 'school_talk', schoolName: '示範國小', schoolLevel: 'university', topics: [], withEducationBureauTour: false } },
      { ...post, details: { kind: 'press_release', mediaGroups: [' '], withPictures: false } },
      { ...post, endsAt: '2025-05-07T01:00:00.000Z' },
      { ...post, startsAt: '2035-01-01T00:00:00.000Z' },
    ];
    for (const body of refused) {
      const answer = await clients.da.request('POST', '/api/outreach', body);
      expect(answer.statusCode, JSON.stringify(body.details)).toBe(400);
      expect(answer.json().error.code).toBe('VALIDATION_FAILED');
    }
    for (const details of [
      { kind: 'media_interview', medium: 'print', outlet: '示範日報', programme: null },
      { kind: 'radio_programme', station: '警察廣播電台', programme: '治安零距離' },
      { kind: 'press_release', mediaGroups: ['市府記者群組', '警政線記者'], withPictures: true },
      { kind: 'special_day_event', occasion: '國際兒童網路安全日', format: 'online', withParentsAndChildren: true, venue: null },
    ]) {
      const answer = await clients.da.request('POST', '/api/outreach', { ...post, title: details.kind, details });
      expect(answer.statusCode, answer.body).toBe(201);
      expect(answer.json().details).toEqual(details);
    }
  });

  it('scopes by unit: own subtree to write, WCPD anywhere, other units neither write nor see', async () => {
    const xyUnit = await unitByCode(db, 'XY-S1');
    const daS2 = await unitByCode(db, 'DA-S2');
    const forXy = await clients.da.request('POST', '/api/outreach', schoolTalk('越區登錄', { unitId: xyUnit.id }));
    expect(forXy.statusCode).toBe(403);
    // The supervisor records for a station of the precinct; the WCPD for any unit.
    const bySupervisor = await clients.supervisorDa.request('POST', '/api/outreach', schoolTalk('分局登錄', { unitId: daS2.id, officerIds: [officerDa2.user.id] }));
    expect(bySupervisor.statusCode, bySupervisor.body).toBe(201);
    expect(bySupervisor.json().officers).toHaveLength(1);
    const byWcpd = await clients.wcpd.request('POST', '/api/outreach', schoolTalk('婦幼隊代登', { unitId: xyUnit.id, officerIds: [officerXy.user.id] }));
    expect(byWcpd.statusCode, byWcpd.body).toBe(201);
    // An officer may not name people beyond their own scope (not even a sibling station's).
    for (const other of [officerXy, officerDa2]) {
      const naming = await clients.da.request('POST', '/api/outreach', schoolTalk('點名他所', { officerIds: [other.user.id] }));
      expect(naming.statusCode).toBe(400);
    }

    const daActivity = bySupervisor.json();
    expect((await clients.xy.request('GET', `/api/outreach/${daActivity.id}`)).statusCode).toBe(404);
    expect((await clients.xy.request('PATCH', `/api/outreach/${daActivity.id}`, { title: '竄改' })).statusCode).toBe(404);
    const xyList = (await clients.xy.request('GET', '/api/outreach')).json();
    expect(xyList.items.map((a: { unit: { code: string } }) => a.unit.code)).toEqual(['XY-S1']);
    // A station officer sees their station; the precinct's supervisor the whole precinct; the WCPD all.
    const da2List = (await clients.da2.request('GET', '/api/outreach')).json();
    expect(new Set(da2List.items.map((a: { unit: { code: string } }) => a.unit.code))).toEqual(new Set(['DA-S2']));
    expect(da2List.items[0].can.edit).toBe(true);
    const supervisorList = (await clients.supervisorDa.request('GET', '/api/outreach')).json();
    expect(new Set(supervisorList.items.map((a: { unit: { code: string } }) => a.unit.code))).toEqual(new Set(['DA-S1', 'DA-S2']));
    const wcpdList = (await clients.wcpd.request('GET', `/api/outreach?from=2025-05-01T00:00:00.000Z&to=2025-06-01T00:00:00.000Z`)).json();
    expect(new Set(wcpdList.items.map((a: { unit: { code: string } }) => a.unit.code))).toEqual(new Set(['DA-S1', 'DA-S2', 'XY-S1']));
    const onlyXy = (await clients.wcpd.request('GET', `/api/outreach?unitId=${(await unitByCode(db, 'XY')).id}`)).json();
    expect(onlyXy.items).toHaveLength(1);
    // Administrators see no outreach (no operational need).
    expect((await clients.admin.request('GET', '/api/outreach')).statusCode).toBe(403);

    // Edits: the supervisor changes the station's activity; the change is audited.
    const edited = await clients.supervisorDa.request('PATCH', `/api/outreach/${daActivity.id}`, { audienceCount: 260, details: { kind: 'special_day_event', occasion: '兒童節', format: 'hybrid', withParentsAndChildren: true, venue: '分局禮堂' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ kind: 'special_day_event', audienceCount: 260 });
    const updates = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'outreach.update'), eq(auditEvents.objectId, daActivity.id))).orderBy(auditEvents.seq);
    expect(updates.map((u) => u.outcome)).toEqual(['denied', 'success']);
    expect(updates[1]?.details).toMatchObject({ changed: ['audienceCount', 'details'] });

    // Deleting: gone from lists and from reads, the row and its audit remain.
    expect((await clients.da2.request('POST', `/api/outreach/${daActivity.id}/delete`)).statusCode).toBe(200);
    expect((await clients.supervisorDa.request('GET', `/api/outreach/${daActivity.id}`)).statusCode).toBe(404);
    expect((await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'outreach.delete'), eq(auditEvents.objectId, daActivity.id))))).toHaveLength(1);
  });

  it('keeps slides and posters in the vault: sniffed, refused when not a kept kind, downloaded as attachments', async () => {
    const activity = (await clients.da.request('POST', '/api/outreach', schoolTalk('附件測試'))).json();
    const png = await sharp({ create: { width: 32, height: 20, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer();
    const pptx = await zipWith('ppt/slides/slide1.xml');
    const upload = multipartBody({}, [
      { filename: '海報.png', contentType: 'image/png', content: png },
      { filename: '../../簡報.pptx', contentType: 'application/octet-stream', content: pptx },
    ]);
    const uploaded = await clients.da.request('POST', `/api/outreach/${activity.id}/attachments`, undefined, { rawBody: upload.payload, headers: { 'content-type': upload.contentType } });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    const files = uploaded.json().attachments as { id: string; fileName: string; mediaType: string; sizeBytes: number }[];
    expect(files.map((f) => [f.fileName, f.mediaType])).toEqual([
      ['海報.png', 'image/png'],
      ['簡報.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ]);

    const download = await clients.supervisorDa.request('GET', `/api/outreach/${activity.id}/attachments/${files[0]!.id}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(png)).toBe(true);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toContain('sandbox');
    expect((await clients.xy.request('GET', `/api/outreach/${activity.id}/attachments/${files[0]!.id}/content`)).statusCode).toBe(404);

    // A script named like a slide, an HTML page and a zip that claims to be a PDF are refused by their bytes.
    for (const [filename, content] of [
      ['簡報.pptx', Buffer.from('#!/bin/sh\necho hi\n')],
      ['poster.png', Buffer.from('<html><script>alert(1)</script></html>')],
      ['report.pdf', pptx],
    ] as const) {
      const bad = multipartBody({}, [{ filename, content }]);
      const refused = await clients.da.request('POST', `/api/outreach/${activity.id}/attachments`, undefined, { rawBody: bad.payload, headers: { 'content-type': bad.contentType } });
      expect(refused.statusCode, filename).toBe(415);
      expect(refused.json().error.code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
    }
    // Other units cannot add files; removal is audited and the file disappears from the activity.
    const byXy = multipartBody({}, [{ filename: 'x.png', content: png }]);
    expect((await clients.xy.request('POST', `/api/outreach/${activity.id}/attachments`, undefined, { rawBody: byXy.payload, headers: { 'content-type': byXy.contentType } })).statusCode).toBe(404);
    const removed = await clients.da.request('POST', `/api/outreach/${activity.id}/attachments/${files[0]!.id}/delete`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().attachments.map((f: { fileName: string }) => f.fileName)).toEqual(['簡報.pptx']);
    expect((await clients.da.request('GET', `/api/outreach/${activity.id}/attachments/${files[0]!.id}/content`)).statusCode).toBe(404);
    const added = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'outreach.attachment_add'), eq(auditEvents.objectId, activity.id))).orderBy(auditEvents.seq);
    expect(added.map((a) => a.outcome)).toEqual(['success', 'denied']);
  });

  it('offers the people in the actor’s scope for the officers field', async () => {
    const people = (await clients.da.request('GET', '/api/outreach/people')).json().items as { id: string; unitCode: string }[];
    expect(new Set(people.map((p) => p.unitCode))).toEqual(new Set(['DA-S1']));
    const all = (await clients.wcpd.request('GET', `/api/outreach/people?q=${encodeURIComponent(officerXy.user.username)}`)).json().items as { id: string }[];
    expect(all.map((p) => p.id)).toEqual([officerXy.user.id]);
  });
});
