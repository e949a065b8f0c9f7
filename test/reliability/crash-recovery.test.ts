/**
 * Kill the process mid-upload and mid-capture (SIGKILL, a child process): after the restart no
 * item points to a partial blob, the capture job completes, and the vault and audit chain verify
 * (issue #3 reliability; "a crash mid-write leaves no half-record; a restart resumes jobs").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadOrCreateSigningKey } from '../../src/capture/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { migrateDatabase } from '../../src/core/db/migrate.ts';
import { openConfiguredDatabase } from '../../src/core/db/open-from-config.ts';
import { JobQueue } from '../../src/core/queue/job-queue.ts';
import { openConfiguredVault } from '../../src/core/vault/open-vault.ts';
import { verifyAuditChain } from '../../src/modules/audit/audit.service.ts';
import { captureJob } from '../../src/modules/captures/captures.service.ts';
import { verifyAllEvidence } from '../../src/modules/evidence/evidence.service.ts';
import { createTestDatabase, databaseKindsUnderTest, type TestDatabase } from '../helpers/test-database.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
// A capture test waits for a child to start Chromium, a kill, a restart and a job expiry: its own
// waits allow up to 90 s + 120 s, so the test limit must be above both.
vi.setConfig({ testTimeout: 300_000 });

function startChild(args: string[], env: Record<string, string>): { child: ChildProcess; waitFor: (line: string) => Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/reliability/crash-child.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    detached: true, // its own process group, so Chromium dies with it
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const waitFor = (line: string) =>
    new Promise<string>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`child never printed ${line}: ${out} ${err}`)), 90_000);
      const check = () => {
        if (out.includes(line)) {
          clearTimeout(deadline);
          resolve(out);
        } else if (child.exitCode !== null) {
          clearTimeout(deadline);
          reject(new Error(`child exited ${child.exitCode}: ${out} ${err}`));
        } else setTimeout(check, 50);
      };
      check();
    });
  return { child, waitFor };
}

function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    throw new Error(`the child ended on its own (${child.exitCode ?? child.signalCode}) before it could be killed`);
  }
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGKILL');
  });
}

for (const kind of databaseKindsUnderTest()) {
  describe(`crash recovery [${kind}]`, () => {
    const cleanups: (() => Promise<void> | void)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    async function environment() {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csep-crash-'));
      cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
      let pg: TestDatabase | null = null;
      if (kind === 'postgres') {
        pg = await createTestDatabase('postgres');
        cleanups.push(() => pg!.drop());
      }
      const env: Record<string, string> = { DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url! } : {}) };
      const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: pg?.url ?? undefined });
      return { dataDir, env, config };
    }

    it('a process killed mid-upload leaves no item and no partial blob', async () => {
      const { dataDir, env, config } = await environment();
      const { child, waitFor } = startChild(['upload', dataDir], env);
      await waitFor('READY');
      await new Promise((resolve) => setTimeout(resolve, 700));
      await killGroup(child);
      expect(fs.readdirSync(path.join(dataDir, 'vault', 'tmp')).length).toBeGreaterThan(0);

      const database = await openConfiguredDatabase(config);
      try {
        await migrateDatabase(database);
        const { vault } = await openConfiguredVault(config);
        expect(fs.readdirSync(path.join(dataDir, 'vault', 'tmp'))).toEqual([]);
        const items = await database.executeSql('select count(*)::int as n from evidence_items');
        expect(items.rows[0]!.n).toBe(0);
        expect((await verifyAllEvidence(database.db, vault)).ok).toBe(true);
        expect((await verifyAuditChain(database.db)).ok).toBe(true);
      } finally {
        await database.close();
      }
    });

    it('a capture interrupted by a kill runs again after the restart and is sealed once', async () => {
      let requests = 0;
      const server = http.createServer((request, response) => {
        requests += 1;
        // The first visit hangs, so the first worker is surely mid-capture when it is killed.
        if (requests === 1) return;
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<!doctype html><title>合成測試頁</title><h1>synthetic page</h1>');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      cleanups.push(() => {
        server.closeAllConnections();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow-page`;
      const { dataDir, env, config } = await environment();
      const { child, waitFor } = startChild(['capture', dataDir, url], env);
      const output = await waitFor('RUNNING');
      const requestId = /REQUEST (\S+)/.exec(output)![1]!;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await killGroup(child);

      const database = await openConfiguredDatabase(config);
      const queue = new JobQueue(database, { error: () => undefined, info: () => undefined }, { schedule: false, maintenanceIntervalSeconds: 1 });
      try {
        await migrateDatabase(database);
        const { vault } = await openConfiguredVault(config);
        const before = await database.executeSql(`select status from capture_requests where id = '${requestId}'`);
        expect(before.rows[0]!.status).toBe('running');
        expect((await database.executeSql('select count(*)::int as n from evidence_items')).rows[0]!.n).toBe(0);

        const signingKey = await loadOrCreateSigningKey(path.join(dataDir, 'keys', 'capture-ed25519.pem'));
        const job = captureJob(database.db, vault, {
          signingKey,
          allowList: ['127.0.0.1'],
          chromiumPath: config.chromiumPath,
          workDir: path.join(dataDir, 'capture-work'),
          maxAttempts: 3,
          jobExpireSeconds: 4,
        });
        await queue.start();
        await queue.register(job, true);
        const deadline = Date.now() + 120_000;
        let status = 'running';
        while (status !== 'sealed' && status !== 'failed' && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          status = String((await database.executeSql(`select status from capture_requests where id = '${requestId}'`)).rows[0]!.status);
        }
        expect(status).toBe('sealed');
        expect((await database.executeSql('select count(*)::int as n from evidence_items')).rows[0]!.n).toBe(1);
        expect(await verifyAllEvidence(database.db, vault)).toMatchObject({ ok: true, checked: 4 });
        expect((await verifyAuditChain(database.db)).ok).toBe(true);
      } finally {
        await queue.stop();
        await database.close();
      }
    });
  });
}
