/**
 * Chat-record import and print (G6.3.3): the export is sealed exactly as received, parsed from the
 * sealed copy, recorded with its audit row or not at all; other units see nothing; the printed PDF
 * carries every message and, on every page, the page number, the case number and the SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditEvents } from '../../src/modules/audit/audit.tables.ts';
import { evidenceItems } from '../../src/modules/evidence/evidence.tables.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { makeUser, seedDepartment, type TestUser } from '../helpers/factories.ts';
import { buildTestApp, multipartBody, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

const FIXTURE = fs.readFileSync(new URL('../fixtures/chat/line-export-zh-TW.txt', import.meta.url));
/** Messages in the fixture, counted by hand: six on 11/20, three on 11/21. */
const FIXTURE_MESSAGES = 9;
const hasPdfToText = spawnSync('pdftotext', ['-v']).status === 0;

/** The PDF's text per page (pdftotext ends each page with a form feed). */
function pdfPages(pdf: Buffer): string[] {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\f')
    .filter((page) => page.trim() !== '');
}

/** Page objects in the PDF (the fallback when pdftotext is not installed). */
function pageObjectCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

describeEachDatabase('chat-record import and print', (use) => {
  let app: AppInstance;
  const people: Record<string, TestUser> = {};
  const clients: Record<string, TestClient> = {};
  let fixtureItemId = '';

  beforeAll(async () => {
    await seedDepartment(use().db);
    app = await buildTestApp(use());
    const cast = {
      officerDa: { unitCode: 'DA-S1', roles: ['officer'] },
      officerXy: { unitCode: 'XY-S1', roles: ['officer'] },
      admin: { unitCode: 'IT', roles: ['admin'] },
    } as const;
    for (const [name, spec] of Object.entries(cast)) {
      people[name] = await makeUser(use().db, { unitCode: spec.unitCode, roles: [...spec.roles] });
      clients[name] = new TestClient(app);
      await clients[name].login(use(), people[name]);
    }
    return () => app.close();
  });

  async function importChat(client: TestClient, content: Buffer, fields: Record<string, string> = {}, filename = '與小安的聊天記錄.txt') {
    const { payload, contentType } = multipartBody(fields, [{ field: 'file', filename, contentType: 'text/plain', content }]);
    return client.request('POST', '/api/evidence/chat-imports', undefined, { rawBody: payload, headers: { 'content-type': contentType } });
  }

  async function countItems() {
    return (await use().db.select({ n: sql<number>`count(*)::int` }).from(evidenceItems))[0]!.n;
  }

  async function auditRows(action: string, objectId: string) {
    return use()
      .db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.objectId, objectId)));
  }

  it('seals a LINE export as received and records it as a chat record with its audit row', async () => {
    const response = await importChat(clients.officerDa!, FIXTURE, { notes: '被害人提供之 LINE 對話' });
    expect(response.statusCode, response.body).toBe(200);
    const { item, files } = response.json();
    const sha256 = createHash('sha256').update(FIXTURE).digest('hex');
    expect(item.kind).toBe('chat_record');
    expect(item.sha256).toBe(sha256);
    expect(item.sizeBytes).toBe(FIXTURE.length);
    expect(item.mediaType).toBe('text/plain');
    expect(item.originalFilename).toBe('與小安的聊天記錄.txt');
    expect(item.owningUnitCode).toBe('DA-S1');
    expect(item.caseId).toBeNull();
    expect(item.notes).toBe('被害人提供之 LINE 對話');
    expect(item.metadata).toEqual({
      format: 'line',
      messageCount: FIXTURE_MESSAGES,
      participants: ['阿傑', '小安'],
      firstMessageAt: '2025-11-20T21:15:00+08:00',
      lastMessageAt: '2025-11-21T08:06:00+08:00',
    });
    expect(files).toEqual([{ name: '與小安的聊天記錄.txt', sha256, sizeBytes: FIXTURE.length, mediaType: 'text/plain' }]);
    const audit = await auditRows('evidence.chat_import', item.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ sha256, messageCount: FIXTURE_MESSAGES, format: 'line' });
    // The sealed original is the same bytes, downloadable as the item's file.
    const download = await clients.officerDa!.request(
      'GET',
      `/api/evidence/${item.id}/files/${encodeURIComponent(files[0].name)}/content?mode=download&reason=${encodeURIComponent('核對原始檔')}`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(FIXTURE)).toBe(true);
    fixtureItemId = item.id;
  });

  it('gives the messages back, parsed again from the sealed original, and audits the view', async () => {
    const response = await clients.officerDa!.request('GET', `/api/evidence/${fixtureItemId}/chat`);
    expect(response.statusCode, response.body).toBe(200);
    const { messages } = response.json();
    expect(messages).toHaveLength(FIXTURE_MESSAGES);
    expect(messages[0]).toEqual({ time: '2025-11-20T21:15:00+08:00', sender: '阿傑', text: '哈囉 看到你在Dcard的貼文', kind: 'text' });
    expect(messages[2].text).toBe('我是之前留言的那個\n想問你週末有空嗎');
    expect(messages.map((m: { kind: string }) => m.kind)).toEqual(['text', 'text', 'text', 'sticker', 'photo', 'unsent', 'text', 'text', 'call']);
    const views = await auditRows('evidence.view', fixtureItemId);
    expect(views.some((row) => row.actorUserId === people.officerDa!.user.id && row.outcome === 'success')).toBe(true);
  });

  it('refuses a binary file (415) and an unparseable text (422, naming the line), recording nothing', async () => {
    const before = await countItems();
    const importsBefore = (await use().db.select().from(auditEvents).where(eq(auditEvents.action, 'evidence.chat_import'))).length;

    const binary = await importChat(clients.officerDa!, Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(512)]), {}, 'chat.txt');
    expect(binary.statusCode).toBe(415);
    expect(binary.json().error.code).toBe('UPLOAD_TYPE_NOT_ALLOWED');

    const notAChat = await importChat(clients.officerDa!, Buffer.from('[LINE] 與小安的聊天記錄\n\n2025/11/20（週四）\n21:15\t阿傑\t哈囉\n這一行不是訊息\n'));
    expect(notAChat.statusCode).toBe(422);
    expect(notAChat.json().error.code).toBe('CHAT_PARSE_FAILED');
    expect(notAChat.json().error.message).toContain('第 5 行');

    const wrongFormat = await importChat(clients.officerDa!, FIXTURE, { format: 'csv' });
    expect(wrongFormat.statusCode).toBe(422);
    // The CSV parser reads the whole file before the header, so it names the first line CSV cannot read.
    expect(wrongFormat.json().error.code).toBe('CHAT_PARSE_FAILED');
    expect(wrongFormat.json().error.message).toMatch(/第 \d+ 行/);

    const badFormatField = await importChat(clients.officerDa!, FIXTURE, { format: 'whatsapp' });
    expect(badFormatField.json().error.code).toBe('VALIDATION_FAILED');

    const twoFiles = multipartBody({}, [
      { field: 'file', filename: 'a.txt', content: FIXTURE },
      { field: 'file', filename: 'b.txt', content: FIXTURE },
    ]);
    const two = await clients.officerDa!.request('POST', '/api/evidence/chat-imports', undefined, {
      rawBody: twoFiles.payload,
      headers: { 'content-type': twoFiles.contentType },
    });
    expect(two.statusCode).toBe(400);

    expect(await countItems()).toBe(before);
    expect((await use().db.select().from(auditEvents).where(eq(auditEvents.action, 'evidence.chat_import'))).length).toBe(importsBefore);
  });

  it('refuses a file over 20 MiB with 413 and records nothing', async () => {
    const before = await countItems();
    const line = Buffer.from('21:15\t阿傑\t這是一段很長的測試訊息，只為了讓檔案超過上限。\n');
    const big = Buffer.concat([Buffer.from('[LINE] 與小安的聊天記錄\n2025/11/20（週四）\n'), Buffer.alloc(20 * 1024 * 1024 + line.length, line)]);
    const response = await importChat(clients.officerDa!, big);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('UPLOAD_TOO_LARGE');
    expect(await countItems()).toBe(before);
  });

  it('lets no other unit or role see a chat record or print it, and audits the attempts', async () => {
    const chat = await clients.officerXy!.request('GET', `/api/evidence/${fixtureItemId}/chat`);
    expect(chat.statusCode).toBe(404);
    const pdf = await clients.officerXy!.request('GET', `/api/evidence/${fixtureItemId}/chat.pdf?reason=${encodeURIComponent('想看看內容')}`);
    expect(pdf.statusCode).toBe(404);
    const denied = await use()
      .db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, people.officerXy!.user.id), eq(auditEvents.objectId, fixtureItemId), eq(auditEvents.outcome, 'denied')));
    expect(denied.map((row) => row.action).sort()).toEqual(['evidence.print', 'evidence.view']);
    const { payload, contentType } = multipartBody({}, [{ field: 'file', filename: 'chat.txt', content: FIXTURE }]);
    const adminImport = await clients.admin!.request('POST', '/api/evidence/chat-imports', undefined, { rawBody: payload, headers: { 'content-type': contentType } });
    expect(adminImport.statusCode).toBe(403);
  });

  it('prints the complete record as a PDF: SHA-256, case and page x of y on every page; printing needs a reason and is audited', async () => {
    const sha256 = createHash('sha256').update(FIXTURE).digest('hex');
    const noReason = await clients.officerDa!.request('GET', `/api/evidence/${fixtureItemId}/chat.pdf`);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('VALIDATION_FAILED');

    const reason = '移送書附件列印';
    const response = await clients.officerDa!.request('GET', `/api/evidence/${fixtureItemId}/chat.pdf?reason=${encodeURIComponent(reason)}`);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''chat-record-/);
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');

    // The other unit's denied attempt is on the same item; this is the officer's own print.
    const prints = (await auditRows('evidence.print', fixtureItemId)).filter((row) => row.actorUserId === people.officerDa!.user.id);
    expect(prints).toHaveLength(1);
    expect(prints[0]!.reason).toBe(reason);
    expect(prints[0]!.outcome).toBe('success');
    expect(prints[0]!.details).toMatchObject({ sha256, messageCount: FIXTURE_MESSAGES, pdfSha256: createHash('sha256').update(pdf).digest('hex') });

    if (!hasPdfToText) {
      expect(pageObjectCount(pdf)).toBeGreaterThanOrEqual(1);
      return;
    }
    const pages = pdfPages(pdf);
    const text = pages.join('\n');
    expect(text).toContain('對話紀錄');
    expect(text).toContain('未立案');
    expect(text).toContain('與小安的聊天記錄.txt');
    expect(text).toContain(sha256);
    expect(text).toContain('第 1 頁');
    expect(text).toContain('哈囉 看到你在Dcard的貼文');
    expect(text).toContain('114/11/20 21:15');
    // The multi-line message keeps its line break; the sticker and the unsent notice are bracketed.
    expect(text).toMatch(/我是之前留言的那個[^\n]*\n[^\n]*想問你週末有空嗎/);
    expect(text).toContain('[貼圖 sticker]');
    expect(text).toContain('[已收回 unsent]');
    expect(text).toContain('[通話 call]');
  });

  it('prints a long record over several pages, every page footed, a <script> message as plain text', async () => {
    const rows = ['time,sender,text'];
    for (let i = 1; i <= 160; i += 1) {
      const minute = String(i % 60).padStart(2, '0');
      const hour = String(10 + Math.floor(i / 60)).padStart(2, '0');
      const text = i === 42 ? '"<script>alert(""xss"")</script> 不要點"' : `"第 ${i} 則測試訊息"`;
      rows.push(`2025-11-20T${hour}:${minute}:00+08:00,${i % 2 ? '阿傑' : '小安'},${text}`);
    }
    const csv = Buffer.from(`${rows.join('\n')}\n`);
    const imported = await importChat(clients.officerDa!, csv, { format: 'csv' }, 'export.csv');
    expect(imported.statusCode, imported.body).toBe(200);
    const { item } = imported.json();
    expect(item.metadata.messageCount).toBe(160);

    const response = await clients.officerDa!.request('GET', `/api/evidence/${item.id}/chat.pdf?reason=${encodeURIComponent('完整列印核對')}`);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    if (!hasPdfToText) {
      expect(pageObjectCount(pdf)).toBeGreaterThan(1);
      return;
    }
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) => {
      expect(page).toContain(`第 ${index + 1} 頁／共 ${pages.length} 頁`);
      expect(page).toContain('未立案');
      expect(page).toContain(item.sha256);
    });
    const text = pages.join('\n');
    expect(text).toContain('<script>alert("xss")</script> 不要點');
    for (const i of [1, 80, 160]) expect(text).toContain(`第 ${i} 則測試訊息`);
  });
});
