/**
 * A process the crash tests kill with SIGKILL in the middle of its work (run with tsx):
 *   upload  DATA_DIR          seals an endless upload into the vault, printing READY once bytes flow
 *   capture DATA_DIR URL      queues a capture of URL and works on it, printing RUNNING once it runs
 * With DATABASE_URL set it uses PostgreSQL instead of PGlite under DATA_DIR.
 */
import path from 'node:path';
import sharp from 'sharp';
import { loadOrCreateSigningKey } from '../../src/capture/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { migrateDatabase } from '../../src/core/db/migrate.ts';
import { openConfiguredDatabase } from '../../src/core/db/open-from-config.ts';
import { JobQueue } from '../../src/core/queue/job-queue.ts';
import { openConfiguredVault } from '../../src/core/vault/open-vault.ts';
import { captureJob, requestCapture } from '../../src/modules/captures/captures.service.ts';
import { stageUpload } from '../../src/modules/evidence/evidence.service.ts';
import { makeUser, seedDepartment } from '../helpers/factories.ts';

const [mode, dataDir, url] = process.argv.slice(2);
const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL, CAPTURE_ALLOW: '127.0.0.1' });
const database = await openConfiguredDatabase(config);
await migrateDatabase(database);
await seedDepartment(database.db);
const officer = await makeUser(database.db, { unitCode: 'DA-S1' });
const ctx = {
  actor: {
    userId: officer.user.id,
    username: officer.user.username,
    unitId: officer.unit.id,
    unitCode: officer.unit.code,
    unitPath: officer.unit.path,
    roles: officer.user.roles,
  },
  meta: { requestId: 'crash-child', sourceIp: null, userAgent: null },
};
const { vault } = await openConfiguredVault(config);

if (mode === 'upload') {
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } }).png().toBuffer();
  async function* endless() {
    yield png;
    process.stdout.write('READY\n');
    for (;;) {
      yield Buffer.alloc(64 * 1024, 7);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  await stageUpload(vault, ctx, { filename: 'endless.png', stream: endless() }, 10 * 1024 * 1024 * 1024);
} else if (mode === 'capture') {
  const signingKey = await loadOrCreateSigningKey(path.join(dataDir!, 'keys', 'capture-ed25519.pem'));
  const job = captureJob(database.db, vault, {
    signingKey,
    allowList: ['127.0.0.1'],
    chromiumPath: config.chromiumPath,
    workDir: path.join(dataDir!, 'capture-work'),
    maxAttempts: 3,
    jobExpireSeconds: 4,
  });
  const queue = new JobQueue(database, { error: () => undefined, info: () => undefined }, { schedule: false });
  await queue.start();
  await queue.register(job, true);
  const request = await requestCapture(database.db, queue, job, ctx, { url: url! });
  process.stdout.write(`REQUEST ${request.request.id}\n`);
  for (;;) {
    const rows = await database.executeSql(`select status from capture_requests where id = '${request.request.id}'`);
    if (rows.rows[0]?.status === 'running') {
      process.stdout.write('RUNNING\n');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise(() => undefined); // keep working until killed
}
