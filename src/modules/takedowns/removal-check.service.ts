/**
 * Removal checks of takedown targets (issue #6; G5.2): at the deadline T + 24 h, and whenever an
 * officer asks, the URL is resolved and re-captured, and the capture decides whether the content is
 * gone (removal-decision.ts). The capture is sealed as evidence filed to the target's case; the
 * result and the target's transition (removed, or overdue at the deadline) are written in one
 * transaction with their audit rows.
 */
import { randomUUID } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { z } from 'zod';
import { CAPTURE_FILES, MANIFEST_FILE, pageTextFromHtml, type CaptureManifest } from '../../capture/index.ts';
import type { LookupFn } from '../../capture/ssrf-guard.ts';
import type { Database, DbOrTx } from '../../core/db/client.ts';
import { AppError } from '../../core/errors.ts';
import type { JobDefinition } from '../../core/queue/job-definition.ts';
import type { JobQueue } from '../../core/queue/job-queue.ts';
import { systemContext, type ServiceContext } from '../../core/request-context.ts';
import type { Vault } from '../../core/vault/vault.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { capturesRepository } from '../captures/captures.repository.ts';
import { runCapture, validateCaptureUrl, type CaptureRuntime } from '../captures/captures.service.ts';
import { evidenceRepository } from '../evidence/evidence.repository.ts';
import { findingsRepository } from '../findings/findings.repository.ts';
import { matchPlatformByHost } from '../platforms/platform-registry.seed.ts';
import { platformsRepository } from '../platforms/platforms.repository.ts';
import type { PlatformRow } from '../platforms/platforms.tables.ts';
import { decideRemoval, type RemovalDecision, type RemovalObservation } from './removal-decision.ts';
import { imageHashesFromWarc, selectKeyTexts, type KeyTextSource } from './removal-reference.ts';
import { applyTakedownCaseEvent, loadTarget, markOverdueTargets } from './takedowns.service.ts';
import { takedownsRepository } from './takedowns.repository.ts';
import type { CheckTrigger, TakedownCheckRow, TakedownState, TakedownTargetRow } from './takedowns.tables.ts';

export type RemovalCheckPayload = { checkId: string };
export type RemovalCheckJob = JobDefinition<RemovalCheckPayload>;

/** What requesting a check needs: the database, and the queue with the check job to send it to. */
export type RemovalCheckDeps = { db: Database; queue: Pick<JobQueue, 'enqueue'> | null; checkJob: RemovalCheckJob | null };

/** The clock job's needs beyond the database. */
export type TakedownClockDeps = { queue: Pick<JobQueue, 'enqueue'>; checkJob: RemovalCheckJob };

/** The capture worker's runtime, plus the resolver and clock of the check (both injectable for tests). */
export type RemovalCheckRuntime = CaptureRuntime & {
  /** Resolves the URL's host before anything is captured; default `dns.promises.lookup` (all addresses). */
  lookup?: LookupFn;
  /** The check time (R when the content is found removed); default the system clock. */
  clock?: () => Date;
};

const MINUTE = 60_000;
/** A second on-demand check is refused while one younger than this is still waiting or running. */
const PENDING_CHECK_WINDOW_MINUTES = 30;
/** A check only makes sense once the URL has been reported and until the target is closed. */
const CHECKABLE_STATES: readonly TakedownState[] = ['reported', 'order_issued', 'overdue', 'rpz_requested', 'rpz_applied'];
/** States a verified removal ends (the same as an officer's recordRemoval). */
const REMOVABLE_STATES: readonly TakedownState[] = CHECKABLE_STATES;
/** While RPZ is requested or applied, resolvers answer NXDOMAIN for the domain by design. */
const RPZ_STATES: readonly TakedownState[] = ['rpz_requested', 'rpz_applied'];
const MAX_PAGE_TEXT = 2_000_000;

const defaultLookup: LookupFn = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family }));

function refuseUncheckable(target: TakedownTargetRow): void {
  if (CHECKABLE_STATES.includes(target.state)) return;
  const why =
    target.state === 'removed' || target.state === 'withdrawn'
      ? `下架目標已${target.state === 'removed' ? '確認下架' : '撤回'}，無須再查核 (a ${target.state} target is not checked any more)`
      : '尚未通報下架，無須查核是否下架 (the URL has not been reported yet; there is no removal to check)';
  throw new AppError('WORKFLOW_STEP_REFUSED', why, { state: target.state });
}

async function platformOf(db: DbOrTx, target: TakedownTargetRow): Promise<PlatformRow | null> {
  if (target.platformId) return platformsRepository.findById(db, target.platformId);
  return matchPlatformByHost(new URL(target.url).hostname, await platformsRepository.findAll(db));
}

/**
 * Creates a check and its capture request inside `tx`, with their audit rows. Null when the target
 * already has its deadline check (the unique index), in which case nothing is written.
 */
async function createCheck(
  tx: DbOrTx,
  ctx: ServiceContext,
  target: TakedownTargetRow,
  input: { trigger: CheckTrigger; requestedBy: string | null; captureBy: { userId: string; unitId: string }; platformCode: string | null; now: Date },
): Promise<TakedownCheckRow | null> {
  const id = randomUUID();
  const check = await takedownsRepository.insertCheck(tx, { id, targetId: target.id, trigger: input.trigger, requestedBy: input.requestedBy, createdAt: input.now });
  if (!check) return null;
  // Filed to the target's case (not to a finding): the check's capture is evidence of the case.
  const request = await capturesRepository.insert(tx, {
    url: validateCaptureUrl(target.url),
    platform: input.platformCode,
    notes: `下架查核 removal check ${id} (${input.trigger})`,
    ephemeral: false,
    requestedBy: input.captureBy.userId,
    owningUnitId: input.captureBy.unitId,
    caseId: target.caseId,
    findingId: null,
  });
  const linked = await takedownsRepository.linkCheckCapture(tx, id, request.id);
  await recordAudit(tx, ctx, { action: 'capture.request', objectType: 'capture', objectId: request.id, details: { url: request.url, caseId: target.caseId, takedownCheckId: id } });
  await recordAudit(tx, ctx, {
    action: 'takedown.check_request',
    objectType: 'takedown',
    objectId: target.id,
    details: { caseId: target.caseId, url: target.url, checkId: id, trigger: input.trigger, captureRequestId: request.id },
  });
  return linked;
}

/**
 * An officer's removal check of a target (G5.2), by whoever may update its case. Refused before the
 * URL is reported and once the target is removed or withdrawn, and while another check of the
 * target is still under way (a second capture would only add noise to the case).
 */
export async function requestRemovalCheck(deps: RemovalCheckDeps, ctx: ServiceContext, targetId: string, now = new Date()): Promise<TakedownCheckRow> {
  const { db } = deps;
  const target = await loadTarget(db, ctx, targetId, 'update');
  refuseUncheckable(target);
  if (!deps.queue || !deps.checkJob) throw new AppError('SERVICE_UNAVAILABLE', '擷取服務未啟動，無法查核 (the capture worker is not running)');
  const pending = await takedownsRepository.pendingCheck(db, target.id, new Date(now.getTime() - PENDING_CHECK_WINDOW_MINUTES * MINUTE));
  if (pending) throw new AppError('CONFLICT', '此目標已有查核進行中，請稍候 (a removal check of this target is already under way)', { checkId: pending.id });
  const actor = ctx.actor!;
  const platform = await platformOf(db, target);
  const check = await db.transaction((tx) =>
    createCheck(tx, ctx, target, { trigger: 'on_demand', requestedBy: actor.userId, captureBy: { userId: actor.userId, unitId: actor.unitId }, platformCode: platform?.code ?? null, now }),
  );
  await deps.queue.enqueue(deps.checkJob, { checkId: check!.id }, check!.id);
  return check!;
}

/** A target's removal checks, newest first, for whoever may read its case. */
export async function listRemovalChecks(db: Database, ctx: ServiceContext, targetId: string): Promise<TakedownCheckRow[]> {
  await loadTarget(db, ctx, targetId, 'read');
  return takedownsRepository.checksFor(db, targetId);
}

/**
 * The deadline checks (G5.2, T + 24 h): every open order whose deadline has come gets one check,
 * requested by the system; the unique index keeps it to one however often the clock runs. The
 * capture is recorded under the officer who opened the target (evidence needs a person on record)
 * and the case's unit; the audit rows name the system worker. Deadline checks still queued are
 * sent again, in case a send was lost after its transaction committed (same key: never twice).
 */
export async function requestDeadlineChecks(db: Database, deps: TakedownClockDeps, now = new Date()): Promise<number> {
  const ctx = systemContext('worker:takedown-clock');
  let requested = 0;
  for (const { target, owningUnitId } of await takedownsRepository.dueForDeadlineCheck(db, now, 200)) {
    const platform = await platformOf(db, target);
    const check = await db.transaction((tx) =>
      createCheck(tx, ctx, target, { trigger: 'deadline', requestedBy: null, captureBy: { userId: target.createdBy, unitId: owningUnitId }, platformCode: platform?.code ?? null, now }),
    );
    if (check) requested += 1;
  }
  for (const check of await takedownsRepository.queuedDeadlineChecks(db, 500)) {
    await deps.queue.enqueue(deps.checkJob, { checkId: check.id }, check.id);
  }
  return requested;
}

/**
 * One tick of the 24-hour clock at `now`: deadline checks for orders past T + 24 h, then the
 * safety net for orders whose check has not finished an hour later (markOverdueTargets).
 */
export async function runTakedownClock(db: Database, deps: TakedownClockDeps, now = new Date()): Promise<{ checksRequested: number; overdue: number }> {
  let checksRequested = 0;
  let overdue = 0;
  try {
    checksRequested = await requestDeadlineChecks(db, deps, now);
  } finally {
    // The safety net runs even when the checks could not be requested (that is what it is for).
    overdue = await markOverdueTargets(db, now);
  }
  return { checksRequested, overdue };
}

/** The job that performs one removal check; keyed by the check id, so it is queued once. */
export function removalCheckJob(db: Database, vault: Vault, runtime: RemovalCheckRuntime): RemovalCheckJob {
  return {
    id: 'takedowns.removal-check',
    version: 1,
    payload: z.object({ checkId: z.string().uuid() }),
    // The inline capture gives up after maxAttempts; the check's job retries as often.
    retryLimit: Math.max(0, runtime.maxAttempts - 1),
    retryDelaySeconds: 5,
    expireInSeconds: runtime.jobExpireSeconds ?? 5 * 60,
    handler: async ({ checkId }) => {
      await runRemovalCheck(db, vault, runtime, checkId);
    },
  };
}

/** The resolver's error code for the host, or null when it resolves (IP literals need no lookup). */
async function dnsErrorFor(host: string, lookup: LookupFn): Promise<string | null> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0) return null;
  try {
    return (await lookup(bare)).length === 0 ? 'ENODATA' : null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
  }
}

type CaptureFiles = { manifest: CaptureManifest | null; pageText: string | null; warc: Buffer | null };

/** The sealed files of a web-capture item, read back from the vault (each verified against its hash). */
async function readCapture(db: Database, vault: Vault, evidenceId: string | null): Promise<CaptureFiles> {
  const none: CaptureFiles = { manifest: null, pageText: null, warc: null };
  if (!evidenceId) return none;
  const files = await evidenceRepository.filesOf(db, evidenceId);
  const read = async (name: string) => {
    const file = files.find((f) => f.name === name);
    return file ? vault.readAll(file.sha256) : null;
  };
  const [manifest, html, warc] = await Promise.all([read(MANIFEST_FILE), read(CAPTURE_FILES.html), read(CAPTURE_FILES.warc)]);
  return {
    manifest: manifest ? (JSON.parse(manifest.toString('utf8')) as CaptureManifest) : null,
    // The saved DOM is hostile: parsed for its visible text, never executed.
    pageText: html ? pageTextFromHtml(html.toString('utf8')).slice(0, MAX_PAGE_TEXT) : null,
    warc,
  };
}

/** What the original content looked like: the finding's text checked against the sealed capture. */
async function referenceOf(db: Database, vault: Vault, target: TakedownTargetRow) {
  const original = await readCapture(db, vault, target.sealedEvidenceId);
  const finding = target.findingId ? await findingsRepository.findById(db, target.findingId) : null;
  const { keyTexts, source } = selectKeyTexts({ contentText: finding?.finding.contentText ?? null, originalPageText: original.pageText });
  return { keyTexts, keyTextSource: source, originalImageHashes: original.warc ? imageHashesFromWarc(original.warc) : [], originalPageText: original.pageText };
}

function describeReference(keyTexts: number, source: KeyTextSource, images: number): string {
  const from = source === 'finding' ? 'the finding' : source === 'capture' ? 'the sealed capture' : 'nowhere';
  return `reference: ${keyTexts} key text(s) from ${from}, ${images} image hash(es)`;
}

/**
 * The job's work, idempotent: a finished check is left alone. Otherwise the host is resolved
 * first (a name that no longer exists is removal, with nothing to capture), then the URL is
 * captured through the capture worker's own path and sealed, and its status, page text and images
 * decide. A retryable capture failure is thrown so the queue retries the whole check; the check's
 * result and the target's transition are written together, once.
 */
export async function runRemovalCheck(db: Database, vault: Vault, runtime: RemovalCheckRuntime, checkId: string): Promise<TakedownCheckRow | null> {
  const check = await db.transaction((tx) => takedownsRepository.startCheck(tx, checkId));
  if (!check) return null;
  const target = (await takedownsRepository.findById(db, check.targetId))!;
  const host = new URL(target.url).hostname;
  const dnsError = await dnsErrorFor(host, runtime.lookup ?? defaultLookup);

  const captureRequestId = check.captureRequestId;
  let evidenceId: string | null = null;
  let observed: Pick<RemovalObservation, 'httpStatus' | 'captureError' | 'pageText' | 'requestedUrl' | 'finalUrl' | 'currentImageHashes'> = { httpStatus: null, pageText: '', currentImageHashes: [] };
  if (dnsError === null && captureRequestId) {
    const before = await capturesRepository.findById(db, captureRequestId);
    // A capture already sealed or failed (an earlier run of this check) is not taken again.
    if (before && (before.request.status === 'queued' || before.request.status === 'running')) await runCapture(db, vault, runtime, captureRequestId);
    const after = (await capturesRepository.findById(db, captureRequestId))?.request ?? null;
    // Another run of this check holds the capture (a retry after the job's lease expired): let the
    // queue try again later rather than decide without the page.
    if (after && (after.status === 'queued' || after.status === 'running')) throw new Error(`removal check ${check.id}: capture ${captureRequestId} is still ${after.status}`);
    if (after?.status === 'sealed' && after.evidenceItemId) {
      evidenceId = after.evidenceItemId;
      const current = await readCapture(db, vault, evidenceId);
      observed = {
        httpStatus: current.manifest?.http_status ?? null,
        captureError: current.manifest ? null : 'the sealed capture has no manifest',
        pageText: current.pageText ?? '',
        requestedUrl: current.manifest?.url ?? null,
        finalUrl: current.manifest?.final_url ?? null,
        currentImageHashes: current.warc ? imageHashesFromWarc(current.warc) : [],
      };
    } else {
      observed = { ...observed, captureError: after?.lastError ?? 'the capture did not finish' };
    }
  } else if (dnsError === null) {
    observed = { ...observed, captureError: 'no capture was requested for this check' };
  }

  const reference = await referenceOf(db, vault, target);
  const platform = await platformOf(db, target);
  const decision: RemovalDecision = decideRemoval({
    ...observed,
    dnsError,
    markers: platform?.unavailableMarkers ?? [],
    keyTexts: reference.keyTexts,
    originalImageHashes: reference.originalImageHashes,
    originalPageText: reference.originalPageText,
    rpzInEffect: RPZ_STATES.includes(target.state),
  });
  const detail = `${decision.detail} (${describeReference(reference.keyTexts.length, reference.keyTextSource, reference.originalImageHashes.length)})`;
  // "failed": the URL could not be looked at (capture or resolver failure); "done": it was, whatever it showed.
  const status = decision.reason === 'capture_failed' || decision.reason === 'dns_error' ? 'failed' : 'done';
  const checkedAt = (runtime.clock ?? (() => new Date()))();
  const ctx = systemContext('worker:takedown-check');

  await db.transaction(async (tx) => {
    const finished = await takedownsRepository.finishCheck(tx, check.id, { status, outcome: decision.outcome, reason: decision.reason, detail: detail.slice(0, 2000), evidenceId, checkedAt });
    if (!finished) return;
    if (dnsError !== null && captureRequestId) {
      // Nothing to capture at a name that does not resolve; the request is closed with the reason.
      await capturesRepository.update(tx, captureRequestId, { status: 'failed', lastError: `not captured: DNS ${dnsError} (${host})` });
    }
    const current = (await takedownsRepository.findById(tx, target.id))!;
    await recordAudit(tx, ctx, {
      action: 'takedown.check_done',
      objectType: 'takedown',
      objectId: target.id,
      outcome: status === 'failed' ? 'failure' : 'success',
      details: { caseId: target.caseId, url: target.url, checkId: check.id, trigger: check.trigger, outcome: decision.outcome, reason: decision.reason, evidenceId },
    });
    if (decision.outcome === 'removed') {
      // R = the time the removal was verified; the check's capture is the evidence of it.
      if (await takedownsRepository.transition(tx, target.id, REMOVABLE_STATES, { state: 'removed', removedAt: checkedAt, removalEvidenceId: evidenceId })) {
        await recordAudit(tx, ctx, {
          action: 'takedown.removed',
          objectType: 'takedown',
          objectId: target.id,
          details: { caseId: target.caseId, url: target.url, from: current.state, checkId: check.id, reason: decision.reason, evidenceId },
        });
      }
    } else if (check.trigger === 'deadline' || (current.dueAt !== null && checkedAt >= current.dueAt)) {
      // G5.2: not shown to be removed at T + 24 h → overdue (an inconclusive check as well: the
      // burden is on the removal, and the officer sees the check's reason). An officer's own check
      // after the deadline that finds it still up says the same.
      if (await takedownsRepository.transition(tx, target.id, ['order_issued'], { state: 'overdue' })) {
        await recordAudit(tx, ctx, {
          action: 'takedown.overdue',
          objectType: 'takedown',
          objectId: target.id,
          details: { caseId: target.caseId, url: target.url, dueAt: target.dueAt?.toISOString(), checkId: check.id, outcome: decision.outcome, reason: decision.reason, evidenceId },
        });
        await applyTakedownCaseEvent(tx, ctx, target.caseId, 'takedown_overdue', checkedAt);
      }
    }
  });
  return takedownsRepository.findCheck(db, check.id);
}
