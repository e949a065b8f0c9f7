/**
 * Configuration, validated once at start (STYLE rule 7). Nothing else reads `process.env`.
 * A wrong setting stops the start with a message that names it.
 */
import path from 'node:path';
import { z } from 'zod';

const durationMinutes = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Behind TLS (directly or through a proxy) the session cookie is marked Secure. */
  COOKIE_SECURE: z
    .enum(['true', 'false', 'auto'])
    .default('auto')
    .transform((v) => v),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SESSION_IDLE_MINUTES: durationMinutes(30),
  SESSION_ABSOLUTE_MINUTES: durationMinutes(12 * 60),
  /** How long a half-finished login (password given, TOTP pending) stays usable. */
  LOGIN_PENDING_MINUTES: durationMinutes(10),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: durationMinutes(15),
  /** Per-IP throttle on the login endpoints, requests per minute. */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(20),
  API_RATE_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Start the pg-boss worker in this process (npm start runs web and worker together). */
  WORKER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** Hosts or CIDRs the capture SSRF guard lets through (comma-separated); only for fixture sites. */
  CAPTURE_ALLOW: z.string().default(''),
  /** 32-byte master key (base64 or hex) that wraps every evidence object's data key; else DATA_DIR/keys/master.key. */
  CSEP_MASTER_KEY: z
    .string()
    .refine((v) => decodeKey(v) !== null, 'must be 32 bytes as base64 (44 characters) or hex (64 characters)')
    .optional(),
  /** 32-byte key (base64 or hex) that encrypts reporters' identities (G6.3.6); else DATA_DIR/keys/identity.key. */
  CSEP_IDENTITY_KEY: z
    .string()
    .refine((v) => decodeKey(v) !== null, 'must be 32 bytes as base64 (44 characters) or hex (64 characters)')
    .optional(),
  /** 32-byte key (base64 or hex) that encrypts victims' identities (G6.3.6), apart from reporters'; else DATA_DIR/keys/victim.key. */
  CSEP_VICTIM_KEY: z
    .string()
    .refine((v) => decodeKey(v) !== null, 'must be 32 bytes as base64 (44 characters) or hex (64 characters)')
    .optional(),
  /** Days after a case is closed before its victims' sealed identities are purged (unless a legal hold stops it). */
  VICTIM_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(3650),
  /** SMTP server for notices and reminders (smtp:// or smtps://, credentials in the URL); empty = write .eml files to the outbox. */
  SMTP_URL: z
    .string()
    .refine((v) => v === '' || /^smtps?:\/\/[^\s]+$/.test(v), 'must be an smtp:// or smtps:// URL')
    .default(''),
  MAIL_FROM: z.string().email().default('csep-noreply@police.gov.taipei'),
  /** Where .eml files go when no SMTP server is configured (default DATA_DIR/outbox). */
  OUTBOX_DIR: z.string().optional(),
  /** The application's public address, for links in e-mails. */
  PUBLIC_URL: z.string().url().optional(),
  /**
   * Known-image matching (issue #8): PDQ Hamming distance at or below which two images match
   * (upstream's rule is 31; above ~64 unrelated pictures start to match).
   */
  PDQ_MATCH_DISTANCE: z.coerce.number().int().min(0).max(64).default(31),
  /** PDQ quality below which an image is too flat to match perceptually (upstream: 50). */
  PDQ_MIN_QUALITY: z.coerce.number().int().min(0).max(100).default(50),
});

/** Decodes a 32-byte key given as hex or base64; null when it is neither. */
export function decodeKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed, 'base64');
    return bytes.length === 32 ? bytes : null;
  }
  return null;
}

export type AppConfig = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  cookieSecure: 'true' | 'false' | 'auto';
  trustProxy: boolean;
  session: { idleMinutes: number; absoluteMinutes: number; pendingMinutes: number };
  login: { maxFailures: number; lockMinutes: number; ratePerMinute: number };
  apiRatePerMinute: number;
  bodyLimitBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  worker: boolean;
  chromiumPath: string;
  /** The master key from the environment, when given there (else the key file is used). */
  masterKey: Buffer | undefined;
  identityKey: Buffer | undefined;
  victimKey: Buffer | undefined;
  victimRetentionDays: number;
  mail: { smtpUrl: string | null; from: string; outboxDir: string; publicUrl: string | null };
  captureAllow: string[];
  /** Known-image matching thresholds (issue #8). */
  knownImages: { pdqMatchDistance: number; pdqMinQuality: number };
};

/** Thrown when the environment holds an invalid setting; the message names every bad setting. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates an environment (default `process.env`) into the typed configuration. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Empty strings count as unset so `PORT= npm start` means the default, not an error.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    cookieSecure: c.COOKIE_SECURE,
    trustProxy: c.TRUST_PROXY,
    session: {
      idleMinutes: c.SESSION_IDLE_MINUTES,
      absoluteMinutes: c.SESSION_ABSOLUTE_MINUTES,
      pendingMinutes: c.LOGIN_PENDING_MINUTES,
    },
    login: { maxFailures: c.LOGIN_MAX_FAILURES, lockMinutes: c.LOGIN_LOCK_MINUTES, ratePerMinute: c.LOGIN_RATE_PER_MINUTE },
    apiRatePerMinute: c.API_RATE_PER_MINUTE,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    logLevel: c.LOG_LEVEL,
    worker: c.WORKER,
    chromiumPath: c.CHROMIUM_PATH,
    captureAllow: c.CAPTURE_ALLOW.split(',').map((v) => v.trim()).filter((v) => v !== ''),
    masterKey: c.CSEP_MASTER_KEY ? (decodeKey(c.CSEP_MASTER_KEY) ?? undefined) : undefined,
    identityKey: c.CSEP_IDENTITY_KEY ? (decodeKey(c.CSEP_IDENTITY_KEY) ?? undefined) : undefined,
    victimKey: c.CSEP_VICTIM_KEY ? (decodeKey(c.CSEP_VICTIM_KEY) ?? undefined) : undefined,
    victimRetentionDays: c.VICTIM_RETENTION_DAYS,
    mail: {
      smtpUrl: c.SMTP_URL === '' ? null : c.SMTP_URL,
      from: c.MAIL_FROM,
      outboxDir: path.resolve(c.OUTBOX_DIR ?? path.join(c.DATA_DIR, 'outbox')),
      publicUrl: c.PUBLIC_URL ?? null,
    },
    knownImages: { pdqMatchDistance: c.PDQ_MATCH_DISTANCE, pdqMinQuality: c.PDQ_MIN_QUALITY },
  };
}
