/**
 * One-step capture of a URL (G6.1 ②③): the officer names a URL; a durable job renders it in
 * Chromium, seals the screenshot, DOM, WARC and the signed manifest in the vault, and records one
 * evidence item. Captured pages are hostile: the SSRF guard runs on every hop and sub-request.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { caseScopeFor, canAccessEvidence } from '../../core/access/policy.ts';
import { CAPTURE_FILES, captureUrl, CaptureError, MANIFEST_FILE, pageTextFromHtml, SsrfRefusedError, verifyCaptureDir, type SigningKey } from '../../capture/index.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { JobQueue } from '../../core/queue/job-queue.ts';
import type { JobDefinition } from '../../core/queue/job-definition.ts';
import { systemContext, type ServiceContext } from '../../core/request-context.ts';
import type { Vault } from '../../core/vault/vault.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { evidenceRepository } from '../evidence/evidence.repository.ts';
import { requireEvidenceRole } from '../evidence/evidence.service.ts';
import { sniffMediaType } from '../evidence/media-type.ts';
import { applyCaptureToFinding } from '../findings/findings.service.ts';
import { triageWithDepartmentLexicon } from '../lexicons/lexicons.service.ts';
import { capturesRepository, type CaptureWithUnit } from './captures.repository.ts';
import type { CaptureRequestRow } from './captures.tables.ts';

/** What the capture worker needs besides the database and the vault. */
export type CaptureRuntime = {
  signingKey: SigningKey;
  /** Hosts or CIDRs exempt from the SSRF guard (CAPTURE_ALLOW; tests use a loopback fixture site). */
  allowList: string[];
  chromiumPath: string;
  /** Scratch folder for captures in progress; never read as evidence. */
  workDir: string;
  /** Attempts before a capture is given up (pg-boss retries with backoff until then). */
  maxAttempts: number;
  /** After this long without finishing, a job whose worker died is retried (default 5 minutes). */
  jobExpireSeconds?: number;
  /** Told of each sealed item after its commit (issue #8 queues its image hashing); must not throw. */
  onSealed?: (evidenceItemId: string) => Promise<void>;
};

export type CaptureInput = { url: string; platform?: string | null; notes?: string | null; ephemeral?: boolean };

/** Set by the findings service when a capture is asked for a finding (access already checked there). */
export type CaptureLinks = { findingId: string | null; caseId: string | null };

/** Checks a URL an officer asks to capture: http(s) only, no embedded credentials, sane length. */
export function validateCaptureUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('VALIDATION_FAILED', `網址格式錯誤 (not a valid URL): ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('VALIDATION_FAILED', `只能擷取 http 或 https 網址 (only http and https URLs can be captured): ${url.protocol}`);
  }
  if (url.username || url.password) throw new AppError('VALIDATION_FAILED', '網址不可包含帳號密碼 (the URL must not carry credentials)');
  const text = url.toString();
  if (text.length > 2048) throw new AppError('VALIDATION_FAILED', '網址過長 (URL longer than 2048 characters)');
  return text;
}

/** The job that performs one capture request; its key is the request id, so it is queued once. */
export function captureJob(db: Database, vault: Vault, runtime: CaptureRuntime): JobDefinition<{ captureRequestId: string }> {
  return {
    id: 'capture.web-page',
    version: 1,
    payload: z.object({ captureRequestId: z.string().uuid() }),
    retryLimit: Math.max(0, runtime.maxAttempts - 1),
    retryDelaySeconds: 5,
    expireInSeconds: runtime.jobExpireSeconds ?? 5 * 60,
    handler: async ({ captureRequestId }) => {
      await runCapture(db, vault, runtime, captureRequestId);
    },
  };
}

/** Records the request and queues its job. */
export async function requestCapture(
  db: Database,
  queue: JobQueue | null,
  definition: JobDefinition<{ captureRequestId: string }> | null,
  ctx: ServiceContext,
  input: CaptureInput,
  links: CaptureLinks = { findingId: null, caseId: null },
): Promise<CaptureWithUnit> {
  const actor = requireEvidenceRole(ctx);
  const url = validateCaptureUrl(input.url);
  if (!queue || !definition) throw new AppError('SERVICE_UNAVAILABLE', '擷取服務未啟動 (the capture worker is not running)');
  const created = await db.transaction(async (tx) => {
    const request = await capturesRepository.insert(tx, {
      url,
      platform: input.platform ?? null,
      notes: input.notes ?? null,
      ephemeral: input.ephemeral ?? false,
      requestedBy: actor.userId,
      owningUnitId: actor.unitId,
      caseId: links.caseId,
      findingId: links.findingId,
    });
    await recordAudit(tx, ctx, { action: 'capture.request', objectType: 'capture', objectId: request.id, details: { url, findingId: links.findingId ?? undefined } });
    return request;
  });
  await queue.enqueue(definition, { captureRequestId: created.id }, created.id);
  return (await capturesRepository.findById(db, created.id))!;
}

function canSee(ctx: ServiceContext, found: CaptureWithUnit): boolean {
  return canAccessEvidence(ctx.actor, { owningUnitPath: found.unit.path, caseFacts: null });
}

/** One request with its progress, for the unit that made it (and the WCPD). */
export async function getCapture(db: Database, ctx: ServiceContext, id: string): Promise<CaptureWithUnit> {
  requireEvidenceRole(ctx);
  const found = await capturesRepository.findById(db, id);
  if (found && canSee(ctx, found)) return found;
  await recordAuditNow(db, ctx, { action: 'capture.view', objectType: 'capture', objectId: id, outcome: 'denied' });
  throw notFound('capture');
}

/** Recent requests the actor may see. */
export async function listCaptures(db: Database, ctx: ServiceContext, limit: number): Promise<CaptureWithUnit[]> {
  requireEvidenceRole(ctx);
  const scope = caseScopeFor(ctx.actor);
  if (scope.kind === 'none') return [];
  return capturesRepository.list(db, { unitPathPrefix: scope.kind === 'all' ? null : scope.unitPath, limit });
}

async function fail(db: Database, request: CaptureRequestRow, message: string): Promise<void> {
  await db.transaction(async (tx) => {
    await capturesRepository.update(tx, request.id, { status: 'failed', lastError: message.slice(0, 1000) });
    await recordAudit(tx, systemContext('worker:capture'), {
      action: 'capture.failed',
      objectType: 'capture',
      objectId: request.id,
      outcome: 'failure',
      details: { url: request.url, error: message.slice(0, 300), attempts: request.attempts },
    });
  });
}

/**
 * The job's work, idempotent: a sealed request is left alone; anything else is captured afresh
 * into a scratch folder, verified, sealed file by file in the vault, and recorded as one item in
 * one transaction. A crash at any point leaves no item (at worst unreferenced vault objects), and
 * the retried job starts over.
 */
export async function runCapture(db: Database, vault: Vault, runtime: CaptureRuntime, requestId: string): Promise<void> {
  const request = await db.transaction((tx) => capturesRepository.claim(tx, requestId));
  if (!request) return;
  const outDir = path.join(runtime.workDir, `${request.id}-${request.attempts}`);
  await fsp.mkdir(runtime.workDir, { recursive: true, mode: 0o700 });
  await fsp.rm(outDir, { recursive: true, force: true });
  try {
    let result;
    try {
      result = await captureUrl(request.url, {
        outDir,
        signingKey: runtime.signingKey,
        chromiumPath: runtime.chromiumPath,
        allowList: runtime.allowList,
        retries: 0,
      });
    } catch (error) {
      if (error instanceof SsrfRefusedError) {
        await fail(db, request, `網址被安全規則拒絕 (refused by the SSRF guard): ${error.reason}`);
        return;
      }
      const retryable = error instanceof CaptureError && error.retryable && request.attempts < runtime.maxAttempts;
      if (retryable) {
        await db.transaction((tx) => capturesRepository.update(tx, request.id, { status: 'queued', lastError: (error as Error).message.slice(0, 1000) }));
        throw error; // pg-boss retries with backoff
      }
      await fail(db, request, (error as Error).message);
      return;
    }
    const problems = await verifyCaptureDir(outDir);
    if (problems.length > 0) {
      await fail(db, request, `擷取結果驗證失敗 (capture failed verification): ${problems.map((p) => p.message).join('; ')}`);
      return;
    }
    const manifest = result.manifest;
    const names = [...manifest.files.map((f) => f.name), MANIFEST_FILE];
    const sealed: { name: string; sha256: string; size: number; mediaType: string }[] = [];
    for (const name of names) {
      const file = await fsp.open(path.join(outDir, name), 'r');
      try {
        const ingest = await vault.ingest(file.createReadStream({ highWaterMark: 1 << 20 }) as unknown as Readable);
        sealed.push({ name, sha256: ingest.sha256, size: ingest.size, mediaType: mediaTypeOf(name, ingest.head) });
      } finally {
        await file.close().catch(() => undefined);
      }
    }
    const manifestSeal = sealed.find((f) => f.name === MANIFEST_FILE)!;
    // The page text is scored for the finding (G6.1); read from the saved DOM, never executed.
    const pageTriage = request.findingId ? await triagePageText(db, path.join(outDir, CAPTURE_FILES.html)) : null;
    const sealedItemId = await db.transaction(async (tx) => {
      const item = await evidenceRepository.insert(
        tx,
        {
          kind: 'web_capture',
          owningUnitId: request.owningUnitId,
          caseId: request.caseId,
          findingId: request.findingId,
          sourceUrl: request.url,
          platform: request.platform ?? (manifest.extracted as { platform?: string }).platform ?? null,
          capturedBy: request.requestedBy,
          capturedAt: new Date(manifest.captured_at),
          ephemeral: request.ephemeral,
          sha256: manifestSeal.sha256,
          md5: null,
          sizeBytes: manifestSeal.size,
          mediaType: 'application/json',
          originalFilename: MANIFEST_FILE,
          notes: request.notes,
          metadata: {
            finalUrl: manifest.final_url,
            httpStatus: manifest.http_status,
            title: manifest.title,
            serverIp: manifest.server_ip,
            tls: manifest.tls,
            extracted: manifest.extracted,
            keyId: manifest.key_id,
            screenshotCapped: manifest.screenshot_capped,
            startedAt: manifest.started_at,
            finishedAt: manifest.finished_at,
          },
          supersedesId: null,
        },
        sealed.map((f, position) => ({ name: f.name, sha256: f.sha256, sizeBytes: f.size, mediaType: f.mediaType, position })),
      );
      await capturesRepository.update(tx, request.id, { status: 'sealed', evidenceItemId: item.id, lastError: null });
      if (request.findingId) await applyCaptureToFinding(tx, request.findingId, item.id, manifest.extracted, pageTriage);
      await recordAudit(tx, systemContext('worker:capture'), {
        action: 'evidence.capture_sealed',
        objectType: 'evidence',
        objectId: item.id,
        details: { captureRequestId: request.id, url: request.url, manifestSha256: manifestSeal.sha256, files: sealed.length },
      });
      return item.id;
    });
    await runtime.onSealed?.(sealedItemId);
  } finally {
    await fsp.rm(outDir, { recursive: true, force: true });
  }
}

async function triagePageText(db: Database, htmlPath: string) {
  const html = await fsp.readFile(htmlPath, 'utf8').catch(() => null);
  if (html === null) return null;
  return triageWithDepartmentLexicon(db, pageTextFromHtml(html).slice(0, 2_000_000));
}

function mediaTypeOf(name: string, head: Buffer): string {
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.html')) return 'text/html';
  if (name.endsWith('.warc.gz')) return 'application/warc+gzip';
  return sniffMediaType(head);
}
