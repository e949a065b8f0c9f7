/**
 * Building and handing over e-mail (DESIGN.md "Partners the system talks to"): none of iWIN, SAB,
 * SIPC, TWNIC or the prosecutors offers an API, so notices leave as e-mail — through SMTP when it is
 * configured, otherwise as `.eml` files in an outbox that an operator sends by hand. Messages are
 * built once into RFC 5322 bytes; every transport hands over exactly those bytes.
 */
import { createHash, randomUUID } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { AppConfig } from '../../core/config.ts';

/** The mail part of the validated configuration (`config.mail`). */
export type MailSettings = AppConfig['mail'];

export type MailAttachment = { filename: string; contentType: string; content: Buffer };

export type MessageInput = {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string | null;
  attachments?: MailAttachment[];
  /** Extra header lines (`Auto-Submitted`, `X-CSEP-Kind` …); values are encoded, never raw. */
  headers?: Record<string, string>;
  /** `<local@domain>`; generated when absent. */
  messageId?: string;
  date?: Date;
};

/**
 * Builds the RFC 5322 bytes of a message (CRLF line ends, UTF-8 throughout: subjects and names as
 * RFC 2047 encoded words, bodies in base64 so Chinese text survives any relay unchanged).
 */
export async function buildMessage(input: MessageInput): Promise<Buffer> {
  const options: Mail.Options & { newline: 'windows' } = {
    from: input.from,
    to: input.to,
    subject: input.subject,
    text: input.text,
    html: input.html ?? undefined,
    attachments: (input.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    headers: input.headers,
    messageId: input.messageId,
    date: input.date,
    // CJK text is shorter in base64 than in quoted-printable, and base64 never meets a line-length limit.
    textEncoding: 'base64',
    // Supported by MailComposer though missing from its types: CRLF line ends everywhere (RFC 5322).
    newline: 'windows',
  };
  const bytes = await new MailComposer(options).compile().build();
  // SMTP's DATA ends at CRLF "." CRLF: a message already ending in CRLF travels byte for byte.
  return bytes.subarray(-2).equals(Buffer.from('\r\n')) ? bytes : Buffer.concat([bytes, Buffer.from('\r\n')]);
}

/** SHA-256 of a message's bytes, hex; recorded at enqueue time and checked before every delivery. */
export function messageSha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export type MailChannel = 'smtp' | 'outbox';

/** A stored message ready to leave: the exact bytes and the SMTP envelope. */
export type OutgoingMail = {
  id: string;
  createdAt: Date;
  raw: Buffer;
  envelope: { from: string; to: string[] };
};

export type DeliveryReceipt = {
  /** The outbox file name, or the Message-ID the SMTP server accepted. */
  deliveryRef: string;
  /** Recipients the server refused while it accepted others (SMTP only). */
  rejected: string[];
};

/** Hands one message over; throws when it could not (the caller retries). */
export interface MailTransport {
  readonly channel: MailChannel;
  deliver(mail: OutgoingMail): Promise<DeliveryReceipt>;
  close(): void;
}

/** Connection limits: a dead relay must fail the attempt quickly, not hold a worker for minutes. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, dnsTimeout: 10_000 };

/** Sends through the configured SMTP relay (`smtp://` or `smtps://`, credentials in the URL). */
export class SmtpTransport implements MailTransport {
  readonly channel = 'smtp' as const;
  private readonly transporter: nodemailer.Transporter<SMTPTransport.SentMessageInfo>;

  constructor(smtpUrl: string) {
    // The transport instance, not the URL string: createTransport(url) drops every option but the URL's.
    this.transporter = nodemailer.createTransport(new SMTPTransport({ url: smtpUrl, ...SMTP_TIMEOUTS }));
  }

  async deliver(mail: OutgoingMail): Promise<DeliveryReceipt> {
    const info = await this.transporter.sendMail({ envelope: mail.envelope, raw: mail.raw });
    const messageId = messageIdOf(mail.raw);
    return {
      deliveryRef: messageId ?? info.messageId,
      rejected: info.rejected.map((r) => (typeof r === 'string' ? r : r.address)),
    };
  }

  close(): void {
    this.transporter.close();
  }
}

/** Writes `<created-at>-<id>.eml` files into a private folder, for an operator to send. */
export class OutboxTransport implements MailTransport {
  readonly channel = 'outbox' as const;

  constructor(private readonly dir: string) {}

  async deliver(mail: OutgoingMail): Promise<DeliveryReceipt> {
    await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
    // The name depends only on the message, so a retried job overwrites its own file, never adds one.
    const name = outboxFileName(mail.id, mail.createdAt);
    const temp = path.join(this.dir, `.${name}.${randomUUID()}.tmp`);
    const handle = await fsp.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(mail.raw);
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await fsp.rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    // Rename is atomic: whoever reads the outbox sees the whole message or none of it.
    await fsp.rename(temp, path.join(this.dir, name)).catch(async (error: unknown) => {
      await fsp.rm(temp, { force: true });
      throw error;
    });
    return { deliveryRef: name, rejected: [] };
  }

  close(): void {}
}

/** `20250708T060500123Z-<id>.eml`: sorts by creation time in any file list. */
export function outboxFileName(id: string, createdAt: Date): string {
  const stamp = createdAt.toISOString().replace(/[-:.]/g, '');
  return `${stamp}-${id}.eml`;
}

/** The transport the configuration asks for: SMTP when a URL is set, otherwise the outbox. */
export function transportFor(settings: Pick<MailSettings, 'smtpUrl' | 'outboxDir'>): MailTransport {
  return settings.smtpUrl ? new SmtpTransport(settings.smtpUrl) : new OutboxTransport(settings.outboxDir);
}

/** The Message-ID header of built bytes (headers end at the first empty line). */
export function messageIdOf(raw: Buffer): string | null {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end === -1 ? raw.length : end).toString('latin1');
  const match = /^message-id:[ \t]*(<[^>\r\n]+>)/im.exec(head.replace(/\r\n[ \t]+/g, ' '));
  return match?.[1] ?? null;
}
