/**
 * Starts the whole system in one process (`npm start`): database (migrated, bootstrapped), the job
 * queue with its worker, and the HTTP server. Returns a stop function for a clean shutdown.
 */
import { loadOrCreateIdentityKey } from '../core/identity/identity-key.ts';
import { loadOrCreateVictimKey } from '../core/identity/victim-key.ts';
import type { AppConfig } from '../core/config.ts';
import { bootstrapSystem } from '../core/bootstrap.ts';
import { openConfiguredDatabase } from '../core/db/open-from-config.ts';
import { migrateDatabase } from '../core/db/migrate.ts';
import { JobQueue } from '../core/queue/job-queue.ts';
import { sessionCleanupJob } from '../modules/auth/session-cleanup.job.ts';
import { seedDemoData, type SeededDemoUser } from '../modules/demo/demo-seed.ts';
import { systemContext } from '../core/request-context.ts';
import { openConfiguredVault } from '../core/vault/open-vault.ts';
import path from 'node:path';
import { loadOrCreateSigningKey } from '../capture/index.ts';
import { captureJob, type CaptureRuntime } from '../modules/captures/captures.service.ts';
import { startKnownImageMatching } from '../modules/hash-banks/image-hash.job.ts';
import { mailDeliveryJob, requeueStuckMail } from '../modules/mail/mail.service.ts';
import { taskRemindersJob } from '../modules/tasks/task-reminders.job.ts';
import { removalCheckJob } from '../modules/takedowns/removal-check.service.ts';
import { takedownClockJob } from '../modules/takedowns/takedown-clock.job.ts';
import { takedownRetentionJob } from '../modules/takedowns/takedown-retention.job.ts';
import { victimRetentionJob } from '../modules/victims/victim-retention.job.ts';
import { PdfPrinter } from '../core/documents/pdf-printer.ts';
import { buildApp } from './app.ts';
import type { AppInstance } from './app-types.ts';

export type Runtime = {
  app: AppInstance;
  address: string;
  adminOneTimePassword: string | null;
  /** True on the start that created the vault's master key file (the operator must back it up). */
  masterKeyCreated: string | null;
  demoUsers: SeededDemoUser[];
  stop(): Promise<void>;
};

export async function startRuntime(config: AppConfig, options: { demo?: boolean; listen?: boolean } = {}): Promise<Runtime> {
  const database = await openConfiguredDatabase(config);
  let queue: JobQueue | null = null;
  let app: AppInstance | null = null;
  try {
    await migrateDatabase(database);
    const { adminOneTimePassword } = await bootstrapSystem(database.db);
    const demoUsers = options.demo ? await seedDemoData(database.db, systemContext('demo-seed')) : [];
    const { vault, keyCreated, keySource } = await openConfiguredVault(config);
    const printer = new PdfPrinter({ chromiumPath: config.chromiumPath });
    const signingKey = await loadOrCreateSigningKey(path.join(config.dataDir, 'keys', 'capture-ed25519.pem'));
    const identityKey = loadOrCreateIdentityKey(config.dataDir, config.identityKey);
    const victimKey = loadOrCreateVictimKey(config.dataDir, config.victimKey);
    app = await buildApp({ config, database, queue: null, vault, printer, signingKey, identityKey, victimKey }, { serveWebApp: true });
    queue = new JobQueue(database, app.log);
    await queue.start();
    app.deps.queue = queue;
    await queue.register(sessionCleanupJob(database.db, config), config.worker);
    // Known-image matching (issue #8), before the captures that queue its hashing; its index loads in the background.
    const imageMatching = await startKnownImageMatching({ db: database.db, vault, queue, config, log: app.log });
    app.deps.imageMatching = imageMatching;
    const captureRuntime: CaptureRuntime = {
      signingKey,
      allowList: config.captureAllow,
      chromiumPath: config.chromiumPath,
      workDir: path.join(config.dataDir, 'capture-work'),
      maxAttempts: 3,
      onSealed: (evidenceItemId) => imageMatching.enqueue([evidenceItemId]),
    };
    await queue.register(mailDeliveryJob(database.db, config.mail), config.worker);
    // After register: pg-boss refuses sends to a queue that does not exist yet.
    await requeueStuckMail(database.db, queue);
    const runningQueueRef = queue;
    await queue.register(taskRemindersJob(database.db, config, () => runningQueueRef), config.worker);
    const capture = captureJob(database.db, vault, captureRuntime);
    await queue.register(capture, config.worker);
    app.deps.capture = { job: capture };
    // The removal check before the clock that sends to it (pg-boss refuses sends to an unknown queue).
    const takedownCheck = removalCheckJob(database.db, vault, captureRuntime);
    await queue.register(takedownCheck, config.worker);
    app.deps.takedownCheck = { job: takedownCheck };
    await queue.register(takedownClockJob(database.db, { queue, checkJob: takedownCheck }), config.worker);
    await queue.register(takedownRetentionJob(database.db, config, queue), config.worker);
    await queue.register(victimRetentionJob(database.db, config), config.worker);
    const address = options.listen === false ? '' : await app.listen({ port: config.port, host: config.host });
    const runningApp = app;
    const runningQueue = queue;
    return {
      app: runningApp,
      address,
      adminOneTimePassword,
      masterKeyCreated: keyCreated ? keySource : null,
      demoUsers,
      async stop() {
        await runningApp.close();
        await runningQueue.stop();
        await database.close();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await queue?.stop().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
}
