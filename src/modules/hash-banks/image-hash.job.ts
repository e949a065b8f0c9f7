/**
 * The jobs of known-image matching (issue #8) and their start-up: `evidence.image-hash` hashes
 * and matches one item (keyed by its id, so it is queued once); `evidence.image-hash-sweep`
 * queues every item still without a recorded run — at start and every ten minutes — so a job
 * lost between an item's commit and its queueing, or a crash mid-way, is picked up again.
 */
import { z } from 'zod';
import type { AppConfig } from '../../core/config.ts';
import type { Database } from '../../core/db/client.ts';
import { scheduledJob, type JobDefinition, type ScheduledJob } from '../../core/queue/job-definition.ts';
import type { JobQueue } from '../../core/queue/job-queue.ts';
import type { Vault } from '../../core/vault/vault.ts';
import { IMAGE_TYPES } from '../evidence/media-type.ts';
import { hashEvidenceImages, type ImageHashDeps, type ImageMatchSettings } from './image-hash.service.ts';
import { imageMatchesRepository } from './image-matches.repository.ts';
import { KnownImageIndex } from './known-image-index.ts';

export type ImageHashPayload = { evidenceItemId: string };

/** Items queued per sweep; the next sweep takes the rest. */
export const SWEEP_BATCH = 1000;

/** Hashes and matches one evidence item's images; keyed by the item id, so queued once. */
export function imageHashJob(deps: ImageHashDeps): JobDefinition<ImageHashPayload> {
  return {
    id: 'evidence.image-hash',
    version: 1,
    payload: z.object({ evidenceItemId: z.string().uuid() }),
    retryLimit: 5,
    retryDelaySeconds: 10,
    expireInSeconds: 10 * 60,
    handler: async ({ evidenceItemId }) => {
      await hashEvidenceImages(deps, evidenceItemId);
    },
  };
}

/** Queues a hashing job for every item that has none recorded yet (oldest first); returns how many were new. */
export async function queueUnhashedEvidence(db: Database, queue: JobQueue, job: JobDefinition<ImageHashPayload>, limit = SWEEP_BATCH): Promise<number> {
  let queued = 0;
  for (const evidenceItemId of await imageMatchesRepository.itemsAwaitingHashing(db, [...IMAGE_TYPES], limit)) {
    if (await queue.enqueue(job, { evidenceItemId }, evidenceItemId)) queued += 1;
  }
  return queued;
}

/** Every ten minutes, queues the items still waiting for their hashing run. */
export function imageHashSweepJob(db: Database, queue: JobQueue, job: JobDefinition<ImageHashPayload>): ScheduledJob {
  return scheduledJob({ id: 'evidence.image-hash-sweep', cron: '*/10 * * * *', retryLimit: 1, run: () => queueUnhashedEvidence(db, queue, job) });
}

/** What the rest of the application uses: queue items for hashing, and the process's index. */
export type KnownImageMatching = {
  /** Queues hashing of newly recorded items (uploads, sealed captures); a failure is healed by the sweep. */
  enqueue(evidenceItemIds: readonly string[]): Promise<void>;
  /** This process's PDQ index; null where matching does not run (WORKER=false). */
  index: KnownImageIndex | null;
  settings: ImageMatchSettings;
};

type Logger = { error: (obj: unknown, msg?: string) => void; info: (obj: unknown, msg?: string) => void };

/**
 * Registers the jobs, queues what earlier runs left, and starts loading the index in the
 * background (a worker's first match waits for it; the HTTP server does not).
 */
export async function startKnownImageMatching(input: { db: Database; vault: Vault; queue: JobQueue; config: AppConfig; log: Logger }): Promise<KnownImageMatching> {
  const { db, vault, queue, config, log } = input;
  const settings = config.knownImages;
  // Matching runs in the worker; a web-only process keeps no index (it would only cost memory).
  const index = config.worker ? new KnownImageIndex(settings.pdqMinQuality) : null;
  const job = imageHashJob({ db, vault, index, settings });
  await queue.register(job, config.worker);
  await queue.register(imageHashSweepJob(db, queue, job), config.worker);
  const queued = await queueUnhashedEvidence(db, queue, job);
  if (queued > 0) log.info({ queued }, 'queued evidence images left unhashed');
  if (index) {
    const started = Date.now();
    index.catchUp(db).then(
      (marks) => log.info({ ...marks, bankEntries: index.banks.size, evidenceImages: index.evidence.size, ms: Date.now() - started }, 'known-image index loaded'),
      (error: unknown) => log.error({ err: error }, 'known-image index failed to load; the first match retries'),
    );
  }
  return {
    index,
    settings,
    async enqueue(evidenceItemIds) {
      for (const evidenceItemId of evidenceItemIds) {
        try {
          await queue.enqueue(job, { evidenceItemId }, evidenceItemId);
        } catch (error) {
          log.error({ err: error, evidenceItemId }, 'could not queue image hashing; the sweep will');
        }
      }
    },
  };
}
