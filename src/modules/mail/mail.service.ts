/**
 * E-mail to the partners (DESIGN.md "Partners the system talks to"): a message is built once,
 * stored with its hash in the caller's transaction, and handed over by a durable job — through
 * SMTP when configured, else as an `.eml` file in the outbox. Channel, recipients and time are
 * recorded on the message and in the audit trail. Administrators browse the outbox without case
 * content (separation of duties): the list shows subjects and recipients only.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { canPerform } from '../../core/access/policy.ts';
import type { Database, DbOrTx } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { JobDefinition } from '../../core/queue/job-definition.ts';
import type { JobQueue } from '../../core/queue/job-queue.ts';
import { systemContext, type ServiceContext } from '../../core/request-context.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { mailRepository, type MailSummary } from './mail.repository.ts';
import type { MailMessageRow, MailStatus } from './mail.tables.ts';
import { buildMessage, messageSha256, outboxFileName, transportFor, type MailAttachment, type MailSettings, type MailTransport } from './mailer.ts';

const MAX_RECIPIENTS = 50;
const MAX_SUBJECT_LENGTH = 300;
/** Stored as base64 in one row; a notice with its PDF stays far below this. */
const MAX_MESSAGE_BYTES = 15 * 1024 * 1024;

export type QueueMailInput = {
  /** What the message is (`takedown.notice`, `task.overdue` …); shown to administrators. */
  kind: string;
  /** The sender, normally `config.mail.from`. */
  from: string;
  to: string[];
  /**
   * Shown to administrators in the outbox list. It must never name a victim or a reporter (nor
   * carry other case content beyond a case number): administrators do not see case content.
   */
  subject: string;
  text: string;
  html?: string | null;
  attachments?: MailAttachment[];
  caseId?: string | null;
  /** Who caused the message, for the audit row; the system when absent. */
  ctx?: ServiceContext;
};

// A pragmatic addr-spec: dot-atom local part, a domain of at least two labels (ASCII; IDN as punycode).
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** True for a plain address such as `report@web547.gov.tw` (no display name, no comments). */
export function isValidMailAddress(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  return local.length <= 64 && LOCAL_PART.test(local) && DOMAIN.test(domain);
}

/** Trims, checks and de-duplicates recipients; refuses an empty list and names the first bad address. */
export function validateRecipients(to: readonly string[]): string[] {
  const seen = new Set<string>();
  const recipients: string[] = [];
  for (const raw of to) {
    const address = raw.trim();
    if (!isValidMailAddress(address)) {
      throw new AppError('VALIDATION_FAILED', `收件人電子郵件格式錯誤 (invalid recipient address): ${JSON.stringify(raw.slice(0, 100))}`);
    }
    const key = address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    recipients.push(address);
  }
  if (recipients.length === 0) throw new AppError('VALIDATION_FAILED', '至少需要一位收件人 (at least one recipient is required)');
  if (recipients.length > MAX_RECIPIENTS) throw new AppError('VALIDATION_FAILED', `收件人過多 (more than ${MAX_RECIPIENTS} recipients)`);
  return recipients;
}

function validateHeaderText(value: string, what: string, max: number): string {
  const text = value.trim();
  if (text === '') throw new AppError('VALIDATION_FAILED', `${what}不可空白 (${what} is empty)`);
  if (/[\r\n]/.test(text)) throw new AppError('VALIDATION_FAILED', `${what}不可換行 (${what} contains a line break)`);
  if (text.length > max) throw new AppError('VALIDATION_FAILED', `${what}過長 (${what} longer than ${max} characters)`);
  return text;
}

/**
 * Builds a message and stores it, queued, inside the caller's transaction `tx`, with its audit row:
 * the business change and its mail commit together or not at all. After the commit, call
 * `enqueueMailDelivery(queue, row.id)`; a message whose job was never queued (a crash between the
 * two) is picked up by `requeueStuckMail` at the next start.
 *
 * The subject and recipients are what administrators see: keep victims' and reporters' names out
 * of subjects (put a case number there, the facts in the body).
 */
export async function queueMail(tx: DbOrTx, input: QueueMailInput): Promise<MailMessageRow> {
  const kind = validateHeaderText(input.kind, 'kind', 100);
  const subject = validateHeaderText(input.subject, '主旨', MAX_SUBJECT_LENGTH);
  const to = validateRecipients(input.to);
  if (!isValidMailAddress(input.from)) throw new AppError('VALIDATION_FAILED', `寄件人電子郵件格式錯誤 (invalid sender address): ${input.from}`);
  for (const attachment of input.attachments ?? []) validateHeaderText(attachment.filename, '附件檔名', 200);
  const id = randomUUID();
  const createdAt = new Date();
  const raw = await buildMessage({
    from: input.from,
    to,
    subject,
    text: input.text,
    html: input.html ?? null,
    attachments: input.attachments ?? [],
    // RFC 3834: machine-sent, so auto-responders stay quiet; the kind helps the receiving desk sort.
    headers: { 'Auto-Submitted': 'auto-generated', 'X-CSEP-Kind': kind },
    messageId: `<${id}@${input.from.slice(input.from.lastIndexOf('@') + 1)}>`,
    date: createdAt,
  });
  if (raw.length > MAX_MESSAGE_BYTES) {
    throw new AppError('VALIDATION_FAILED', `郵件過大 (message larger than ${MAX_MESSAGE_BYTES} bytes)`);
  }
  const sha256 = messageSha256(raw);
  const row = await mailRepository.insert(tx, {
    id,
    kind,
    recipients: to,
    subject,
    rawBase64: raw.toString('base64'),
    sha256,
    caseId: input.caseId ?? null,
    createdAt,
  });
  await recordAudit(tx, input.ctx ?? systemContext('mail'), {
    action: 'mail.queue',
    objectType: 'mail',
    objectId: id,
    details: { kind, recipients: to, sha256, bytes: raw.length, caseId: input.caseId ?? undefined },
  });
  return row;
}

export type MailDeliveryPayload = { mailId: string };

const MAIL_DELIVERY_ID = 'mail.deliver';
const MAIL_DELIVERY_VERSION = 1;
const mailDeliveryPayload: z.ZodType<MailDeliveryPayload> = z.object({ mailId: z.string().uuid() });

/** The queue name and payload for sending: `JobQueue.enqueue` reads nothing else of a definition. */
const mailDeliveryTarget: JobDefinition<MailDeliveryPayload> = {
  id: MAIL_DELIVERY_ID,
  version: MAIL_DELIVERY_VERSION,
  payload: mailDeliveryPayload,
  handler: () => Promise.reject(new Error('mail delivery runs in the worker registered with mailDeliveryJob()')),
};

type WarnLogger = { error: (obj: unknown, msg?: string) => void };

/**
 * Queues the delivery job of a stored message, once per message (the message id is the job key).
 * Never throws: the business change has committed, and a message left queued is delivered after
 * the next `requeueStuckMail`. Returns false when the job could not be queued (or `queue` is null).
 */
export async function enqueueMailDelivery(queue: JobQueue | null, mailId: string, logger?: WarnLogger): Promise<boolean> {
  if (!queue) return false;
  try {
    await queue.enqueue(mailDeliveryTarget, { mailId }, mailId);
    return true;
  } catch (error) {
    logger?.error({ err: error, mailId }, 'mail delivery not queued; the start-up sweep will queue it');
    return false;
  }
}

export type MailDeliveryOptions = {
  /** Delivery attempts before a message is marked failed (default 6: about half an hour of backoff). */
  maxAttempts?: number;
  /** First retry delay; pg-boss doubles it with jitter on every retry (default 30 s). */
  retryDelaySeconds?: number;
  /** Transport factory, for tests; default `transportFor(settings)` per delivery. */
  transportFor?: (settings: MailSettings) => MailTransport;
};

/**
 * The durable delivery job (`mail.deliver`), keyed by message id. Settings are read on every run,
 * so the transport follows `settings` as it is when the job runs.
 */
export function mailDeliveryJob(db: Database, settings: MailSettings, options: MailDeliveryOptions = {}): JobDefinition<MailDeliveryPayload> {
  const maxAttempts = options.maxAttempts ?? 6;
  const makeTransport = options.transportFor ?? transportFor;
  return {
    id: MAIL_DELIVERY_ID,
    version: MAIL_DELIVERY_VERSION,
    payload: mailDeliveryPayload,
    // The row's attempt count decides when to give up; pg-boss keeps one spare retry so a worker
    // that died mid-send does not leave the message queued with its job spent.
    retryLimit: maxAttempts,
    retryDelaySeconds: options.retryDelaySeconds ?? 30,
    expireInSeconds: 5 * 60,
    handler: async ({ mailId }) => {
      await deliverMail(db, settings, mailId, { maxAttempts, transport: () => makeTransport(settings) });
    },
  };
}

const worker = () => systemContext('worker:mail');

async function markFailed(db: Database, row: MailMessageRow, message: string, channel: string): Promise<void> {
  await db.transaction(async (tx) => {
    await mailRepository.update(tx, row.id, { status: 'failed', lastError: message.slice(0, 1000) });
    await recordAudit(tx, worker(), {
      action: 'mail.failed',
      objectType: 'mail',
      objectId: row.id,
      outcome: 'failure',
      details: { kind: row.kind, channel, attempts: row.attempts, error: message.slice(0, 300) },
    });
  });
}

/**
 * One delivery attempt, idempotent: a message already sent, written or failed is left alone. The
 * stored bytes leave unchanged (their hash is checked first). A failed attempt is recorded and
 * rethrown so pg-boss retries with backoff; the last allowed attempt marks the message failed.
 * A crash after handing over but before recording means one more hand-over (at least once).
 */
export async function deliverMail(
  db: Database,
  settings: Pick<MailSettings, 'from'>,
  mailId: string,
  options: { maxAttempts: number; transport: () => MailTransport },
): Promise<void> {
  const row = await db.transaction((tx) => mailRepository.claim(tx, mailId));
  if (!row) return;
  const transport = options.transport();
  try {
    if (row.attempts > options.maxAttempts) {
      await markFailed(db, row, row.lastError ?? '超過重試次數 (delivery attempts exhausted)', transport.channel);
      return;
    }
    const raw = Buffer.from(row.rawBase64, 'base64');
    if (row.sha256 !== null && messageSha256(raw) !== row.sha256) {
      // Never send bytes other than those recorded when the message was queued.
      await markFailed(db, row, '郵件內容與雜湊值不符 (stored message does not match its SHA-256)', transport.channel);
      return;
    }
    let receipt;
    try {
      receipt = await transport.deliver({ id: row.id, createdAt: row.createdAt, raw, envelope: { from: settings.from, to: row.recipients } });
    } catch (error) {
      const message = describeError(error);
      if (row.attempts >= options.maxAttempts) {
        await markFailed(db, row, message, transport.channel);
        return;
      }
      await db.transaction(async (tx) => {
        await mailRepository.update(tx, row.id, { lastError: message.slice(0, 1000) });
        await recordAudit(tx, worker(), {
          action: 'mail.deliver',
          objectType: 'mail',
          objectId: row.id,
          outcome: 'failure',
          details: { kind: row.kind, channel: transport.channel, attempt: row.attempts, error: message.slice(0, 300) },
        });
      });
      throw error; // pg-boss retries with backoff
    }
    const status: MailStatus = transport.channel === 'smtp' ? 'sent' : 'written_to_outbox';
    const partial = receipt.rejected.length > 0 ? `部分收件人被拒 (recipients refused): ${receipt.rejected.join(', ')}` : null;
    await db.transaction(async (tx) => {
      await mailRepository.update(tx, row.id, { status, deliveryRef: receipt.deliveryRef, sentAt: new Date(), lastError: partial });
      await recordAudit(tx, worker(), {
        action: 'mail.deliver',
        objectType: 'mail',
        objectId: row.id,
        details: {
          kind: row.kind,
          channel: transport.channel,
          recipients: row.recipients,
          deliveryRef: receipt.deliveryRef,
          attempt: row.attempts,
          rejected: receipt.rejected.length > 0 ? receipt.rejected : undefined,
        },
      });
    });
  } finally {
    transport.close();
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const smtp = error as Error & { responseCode?: number; response?: string };
    return smtp.response ? `${error.message} (${smtp.responseCode ?? '?'}: ${smtp.response})`.slice(0, 1000) : error.message;
  }
  return String(error);
}

/**
 * Queues the delivery job of every message still `queued` (for instance stored just before a
 * crash, so its job was never sent). Safe to run any time: a message whose job still exists is
 * not queued twice. Returns how many jobs were newly queued. Register `mailDeliveryJob` first.
 */
export async function requeueStuckMail(db: DbOrTx, queue: JobQueue, limit = 1000): Promise<number> {
  let queued = 0;
  for (const id of await mailRepository.listQueuedIds(db, limit)) {
    if ((await queue.enqueue(mailDeliveryTarget, { mailId: id }, id)) !== null) queued += 1;
  }
  return queued;
}

async function requireMailAdmin(db: Database, ctx: ServiceContext, action: string, objectId: string | null): Promise<void> {
  // The outbox is operated by administrators (SMTP, files); it is not a window on case content.
  if (canPerform(ctx.actor, 'user.manage')) return;
  await recordAuditNow(db, ctx, { action, objectType: 'mail', objectId, outcome: 'denied' });
  throw new AppError('FORBIDDEN', '僅系統管理者可查看郵件寄送紀錄 (only administrators browse the outbox)');
}

/** The outbox list for administrators: subjects, recipients and delivery state, never bodies. */
export async function listMailForAdmin(db: Database, ctx: ServiceContext, filter: { status: MailStatus | null; limit: number }): Promise<MailSummary[]> {
  await requireMailAdmin(db, ctx, 'mail.browse', null);
  const rows = await mailRepository.list(db, filter);
  await recordAuditNow(db, ctx, { action: 'mail.browse', objectType: 'mail', details: { status: filter.status, limit: filter.limit, returned: rows.length } });
  return rows;
}

export type MailDownload = { fileName: string; bytes: Buffer; sha256: string | null };

/** A stored message's exact bytes as an `.eml` file, for an administrator to send by hand; audited. */
export async function downloadMailForAdmin(db: Database, ctx: ServiceContext, id: string): Promise<MailDownload> {
  await requireMailAdmin(db, ctx, 'mail.download', id);
  const row = await mailRepository.findById(db, id);
  if (!row) throw notFound('mail');
  await recordAuditNow(db, ctx, { action: 'mail.download', objectType: 'mail', objectId: id, details: { kind: row.kind, sha256: row.sha256, status: row.status } });
  return { fileName: outboxFileName(row.id, row.createdAt), bytes: Buffer.from(row.rawBase64, 'base64'), sha256: row.sha256 };
}
