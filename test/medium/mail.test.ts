/**
 * E-mail to partners (DESIGN.md "Partners the system talks to"): a message is stored with its
 * business change, delivered by the durable job as the exact bytes recorded — to an `.eml` outbox
 * without SMTP, to a real loopback SMTP peer with it — retried on refusal, swept up after a crash,
 * and browsed by administrators only, audited.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateSigningKey } from '../../src/capture/index.ts';
import { PdfPrinter } from '../../src/core/documents/pdf-printer.ts';
import { AppError } from '../../src/core/errors.ts';
import { identityKeyFrom } from '../../src/core/identity/identity-key.ts';
import { victimKeyFrom } from '../../src/core/identity/victim-key.ts';
import { JobQueue } from '../../src/core/queue/job-queue.ts';
import { LocalBlobStore } from '../../src/core/vault/local-blob-store.ts';
import { Vault } from '../../src/core/vault/vault.ts';
import { auditEvents } from '../../src/modules/audit/audit.tables.ts';
import { mailRepository } from '../../src/modules/mail/mail.repository.ts';
import mailRoutes from '../../src/modules/mail/mail.routes.ts';
import { enqueueMailDelivery, mailDeliveryJob, queueMail, requeueStuckMail, type QueueMailInput } from '../../src/modules/mail/mail.service.ts';
import { mailMessages, type MailMessageRow } from '../../src/modules/mail/mail.tables.ts';
import type { MailSettings } from '../../src/modules/mail/mailer.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { makeUser, seedDepartment } from '../helpers/factories.ts';
import { testConfig, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase, type TestDatabase } from '../helpers/test-database.ts';

const silentLogger = { error: () => undefined, info: () => undefined };
const FROM = 'csep-noreply@police.gov.taipei';
const SUBJECT = '兒少性剝削網路內容移除通知 案號 114-DA-0001';
const BODY = '您好：\n本局於巡查中發現下列網址涉及兒少性剝削內容，請依法移除並保存相關資料 180 日。\nhttps://example.org/post/1';
const REFUSED_DOMAIN = 'refused.example.org';
const MAX_ATTEMPTS = 3;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

type Received = { from: string; to: string[]; sha256: string; bytes: Buffer };

/** A loopback SMTP peer without TLS or auth that refuses every recipient at REFUSED_DOMAIN. */
async function startSmtpPeer() {
  const received: Received[] = [];
  const refusals = new Map<string, number>();
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith(`@${REFUSED_DOMAIN}`)) {
        refusals.set(address.address, (refusals.get(address.address) ?? 0) + 1);
        const error = new Error('mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const mailFrom = session.envelope.mailFrom;
        received.push({
          from: mailFrom === false ? '' : mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          sha256: sha256(bytes),
          bytes,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refusals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The test app with the mail routes, whether or not app.ts registers them yet. */
async function buildMailTestApp(database: TestDatabase, vaultDir: string): Promise<AppInstance> {
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
  if (!app.hasRoute({ method: 'GET', url: '/api/admin/mail' })) await app.register(mailRoutes);
  await app.ready();
  return app;
}

/** Decodes RFC 2047 encoded words (B and Q) of one header of raw message bytes. */
function decodedHeader(raw: Buffer, name: string): string | null {
  const head = raw.toString('latin1').split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (!line) return null;
  const value = line.slice(name.length + 1).trim();
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

/** The text/plain body of a message built by buildMessage (base64 transfer encoding). */
function decodedText(raw: Buffer): string {
  const text = raw.toString('latin1');
  const part = /Content-Type: text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+)/.exec(text);
  if (!part) throw new Error('no base64 text/plain part');
  return Buffer.from(part[1]!.replace(/\r\n/g, ''), 'base64').toString('utf8');
}

describeEachDatabase('mail to partners', (use) => {
  let app: AppInstance;
  let queue: JobQueue;
  let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
  let tempDir: string;
  let settings: MailSettings;

  beforeAll(async () => {
    await seedDepartment(use().db);
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csep-mail-'));
    peer = await startSmtpPeer();
    // The job reads these settings on every run, so a test switches between outbox and SMTP here.
    settings = { smtpUrl: null, from: FROM, outboxDir: path.join(tempDir, 'outbox'), publicUrl: null };
    app = await buildMailTestApp(use(), path.join(tempDir, 'vault'));
    queue = new JobQueue(use(), silentLogger, { schedule: false });
    await queue.start();
    await queue.register(mailDeliveryJob(use().db, settings, { maxAttempts: MAX_ATTEMPTS, retryDelaySeconds: 1 }), true);
    app.deps.queue = queue;
  });

  afterAll(async () => {
    await queue?.stop();
    await app?.close();
    await peer?.close();
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  function notice(overrides: Partial<QueueMailInput> = {}): QueueMailInput {
    return { kind: 'takedown.notice', from: FROM, to: ['report@iwin.example.org'], subject: SUBJECT, text: BODY, ...overrides };
  }

  /** Stores a message as a business transaction would, then queues its job after the commit. */
  async function sendNotice(overrides: Partial<QueueMailInput> = {}): Promise<MailMessageRow> {
    const row = await use().db.transaction((tx) => queueMail(tx, notice(overrides)));
    expect(await enqueueMailDelivery(queue, row.id)).toBe(true);
    return row;
  }

  async function waitForMail(id: string, done: (row: MailMessageRow) => boolean = (row) => row.status !== 'queued'): Promise<MailMessageRow> {
    const deadline = Date.now() + 45_000;
    for (;;) {
      const row = await mailRepository.findById(use().db, id);
      if (row && done(row)) return row;
      if (Date.now() > deadline) throw new Error(`mail ${id} still ${row?.status} after ${row?.attempts} attempts`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function auditOf(action: string, objectId?: string) {
    return use()
      .db.select()
      .from(auditEvents)
      .where(objectId === undefined ? eq(auditEvents.action, action) : and(eq(auditEvents.action, action), eq(auditEvents.objectId, objectId)));
  }

  it('writes an .eml file to the outbox without SMTP: the stored bytes, Chinese intact', async () => {
    settings.smtpUrl = null;
    const queued = await sendNotice({ attachments: [{ filename: '移除通知單.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 test') }] });
    expect(queued.status).toBe('queued');
    const stored = Buffer.from(queued.rawBase64, 'base64');
    expect(sha256(stored)).toBe(queued.sha256);

    const done = await waitForMail(queued.id);
    expect(done.status, done.lastError ?? '').toBe('written_to_outbox');
    expect(done.attempts).toBe(1);
    expect(done.sentAt).toBeInstanceOf(Date);
    expect(done.deliveryRef).toMatch(new RegExp(`^\\d{8}T\\d{9}Z-${queued.id}\\.eml$`));

    const files = fs.readdirSync(settings.outboxDir);
    expect(files).toEqual([done.deliveryRef]); // no temporary file left behind
    const file = path.join(settings.outboxDir, done.deliveryRef!);
    const bytes = fs.readFileSync(file);
    expect(sha256(bytes)).toBe(queued.sha256);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(settings.outboxDir).mode & 0o777).toBe(0o700);
    expect(decodedHeader(bytes, 'Subject')).toBe(SUBJECT);
    expect(decodedHeader(bytes, 'To')).toBe('report@iwin.example.org');
    expect(decodedText(bytes)).toBe(BODY);
    expect(decodedHeader(bytes, 'Message-ID')).toBe(`<${queued.id}@police.gov.taipei>`);

    // Running the job again for a written message changes nothing (idempotent).
    await mailDeliveryJob(use().db, settings).handler({ mailId: queued.id });
    expect(fs.readdirSync(settings.outboxDir)).toEqual([done.deliveryRef]);
    expect((await mailRepository.findById(use().db, queued.id))!.attempts).toBe(1);
    const delivered = await auditOf('mail.deliver', queued.id);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.details).toMatchObject({ channel: 'outbox', deliveryRef: done.deliveryRef });
  });

  it('sends the exact stored bytes to a real SMTP peer', async () => {
    settings.smtpUrl = peer.url;
    const to = ['report@iwin.example.org', 'sab@social.example.org'];
    const queued = await sendNotice({ to, html: `<p>${BODY}</p>` });
    const done = await waitForMail(queued.id);
    expect(done.status, done.lastError ?? '').toBe('sent');
    expect(done.deliveryRef).toBe(`<${queued.id}@police.gov.taipei>`);
    expect(done.lastError).toBeNull();

    const got = peer.received.filter((r) => r.sha256 === queued.sha256);
    expect(got).toHaveLength(1);
    expect(got[0]!.from).toBe(FROM);
    expect(got[0]!.to).toEqual(to);
    expect(got[0]!.bytes.equals(Buffer.from(queued.rawBase64, 'base64'))).toBe(true);
    expect(decodedHeader(got[0]!.bytes, 'Subject')).toBe(SUBJECT);
  });

  it('records recipients the peer refused while it accepted the others, without sending twice', async () => {
    settings.smtpUrl = peer.url;
    const refused = `partial@${REFUSED_DOMAIN}`;
    const queued = await sendNotice({ to: ['report@iwin.example.org', refused] });
    const done = await waitForMail(queued.id);
    expect(done.status).toBe('sent');
    expect(done.attempts).toBe(1);
    expect(done.lastError).toContain(refused);
    const got = peer.received.filter((r) => r.sha256 === queued.sha256);
    expect(got.map((r) => r.to)).toEqual([['report@iwin.example.org']]);
  });

  it('retries a refusing peer with backoff, then marks the message failed with the last error', async () => {
    settings.smtpUrl = peer.url;
    const refused = `desk@${REFUSED_DOMAIN}`;
    const queued = await sendNotice({ to: [refused] });
    const done = await waitForMail(queued.id);
    expect(done.status).toBe('failed');
    expect(done.attempts).toBe(MAX_ATTEMPTS);
    expect(done.lastError).toMatch(/550/);
    expect(done.sentAt).toBeNull();
    expect(peer.refusals.get(refused)).toBe(MAX_ATTEMPTS);
    const failedAttempts = (await auditOf('mail.deliver', queued.id)).filter((e) => e.outcome === 'failure');
    expect(failedAttempts).toHaveLength(MAX_ATTEMPTS - 1);
    const failed = await auditOf('mail.failed', queued.id);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.details).toMatchObject({ channel: 'smtp', attempts: MAX_ATTEMPTS });
  });

  it('delivers a message stored before a crash (no job) once the sweep runs', async () => {
    settings.smtpUrl = peer.url;
    // The business transaction committed, the process died before the job was queued.
    const orphan = await use().db.transaction((tx) => queueMail(tx, notice()));
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await mailRepository.findById(use().db, orphan.id))!.status).toBe('queued');

    expect(await requeueStuckMail(use().db, queue)).toBe(1);
    // A second sweep (another node starting) does not queue it twice.
    expect(await requeueStuckMail(use().db, queue)).toBe(0);
    const done = await waitForMail(orphan.id);
    expect(done.status, done.lastError ?? '').toBe('sent');
    expect(peer.received.filter((r) => r.sha256 === orphan.sha256)).toHaveLength(1);
  });

  it('lets administrators list and download the outbox, audited; officers get 403', async () => {
    const admin = new TestClient(app);
    await admin.login(use(), await makeUser(use().db, { roles: ['admin'] }));
    const officer = new TestClient(app);
    const officerUser = await makeUser(use().db, { roles: ['officer'] });
    await officer.login(use(), officerUser);

    const listed = await admin.request('GET', '/api/admin/mail?limit=50');
    expect(listed.statusCode, listed.body).toBe(200);
    const items = listed.json().items as Record<string, unknown>[];
    expect(items.length).toBeGreaterThanOrEqual(4);
    const sent = items.find((i) => i.status === 'sent')!;
    expect(Object.keys(sent).sort()).toEqual(
      ['attempts', 'createdAt', 'deliveryRef', 'id', 'kind', 'lastError', 'recipients', 'sentAt', 'sha256', 'status', 'subject'].sort(),
    );
    expect(sent.subject).toBe(SUBJECT);
    const failedOnly = (await admin.request('GET', '/api/admin/mail?status=failed')).json().items as { status: string }[];
    expect(failedOnly.length).toBeGreaterThanOrEqual(1);
    expect(failedOnly.every((i) => i.status === 'failed')).toBe(true);
    expect((await admin.request('GET', '/api/admin/mail?status=bogus')).statusCode).toBe(400);

    const download = await admin.request('GET', `/api/admin/mail/${String(sent.id)}/eml`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('message/rfc822');
    expect(download.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="\\d{8}T\\d{9}Z-${String(sent.id)}\\.eml"$`));
    expect(sha256(download.rawPayload)).toBe(sent.sha256);
    const downloads = await auditOf('mail.download', String(sent.id));
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.outcome).toBe('success');
    expect((await auditOf('mail.browse')).some((e) => e.outcome === 'success')).toBe(true);
    expect((await admin.request('GET', '/api/admin/mail/00000000-0000-4000-8000-000000000000/eml')).statusCode).toBe(404);

    const refusedList = await officer.request('GET', '/api/admin/mail');
    expect(refusedList.statusCode).toBe(403);
    expect(refusedList.json().error.code).toBe('FORBIDDEN');
    expect((await officer.request('GET', `/api/admin/mail/${String(sent.id)}/eml`)).statusCode).toBe(403);
    const denied = (await auditOf('mail.download', String(sent.id))).filter((e) => e.outcome === 'denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]!.actorUserId).toBe(officerUser.user.id);
    expect((await auditOf('mail.browse')).some((e) => e.outcome === 'denied' && e.actorUserId === officerUser.user.id)).toBe(true);
  });

  it('refuses bad recipients with a validation error and stores nothing; a rolled-back change leaves no mail', async () => {
    const count = async () => (await use().db.select({ id: mailMessages.id }).from(mailMessages)).length;
    const before = await count();
    const bad: string[][] = [[], ['not-an-address'], ['a@localhost'], ['ok@example.org', 'two@@example.org'], ['x@example.org\r\nBcc: spy@example.org'], ['王小明 <x@example.org>']];
    for (const to of bad) {
      const attempt = use().db.transaction((tx) => queueMail(tx, notice({ to })));
      await expect(attempt, JSON.stringify(to)).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && e.status === 400);
    }
    await expect(use().db.transaction((tx) => queueMail(tx, notice({ subject: '主旨\r\nBcc: spy@example.org' })))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(use().db.transaction((tx) => queueMail(tx, notice({ subject: '  ' })))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

    // The mail shares the caller's transaction: when the business change fails, no mail remains.
    await expect(
      use().db.transaction(async (tx) => {
        await queueMail(tx, notice());
        throw new Error('business change failed');
      }),
    ).rejects.toThrow('business change failed');
    expect(await count()).toBe(before);
  });
});
