/**
 * The `csep` command line as an operator runs it: real processes, a real database directory
 * (PGlite) or database (PostgreSQL), exit codes and messages (issue 2 §8).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/core/db/client.ts';
import { acquireEmbeddedDatabaseLock } from '../../src/core/db/embedded-lock.ts';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { loadConfig } from '../../src/core/config.ts';
import { openConfiguredVault } from '../../src/core/vault/open-vault.ts';
import { recordUploads, stageUpload } from '../../src/modules/evidence/evidence.service.ts';
import { makeUser } from '../helpers/factories.ts';
import { createTestDatabase, databaseKindsUnderTest, type TestDatabase } from '../helpers/test-database.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
// Each test starts several real processes (tsx + the embedded database); on a loaded two-core
// machine one such test can take over a minute.
vi.setConfig({ testTimeout: 240_000 });

function csep(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/csep.mjs'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

for (const kind of databaseKindsUnderTest()) {
  describe(`csep command line [${kind}]`, () => {
    let env: Record<string, string>;
    let dataDir: string;
    let pgDatabase: TestDatabase | null = null;

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csep-cli-'));
      if (kind === 'postgres') {
        pgDatabase = await createTestDatabase('postgres');
        env = { DATA_DIR: dataDir, DATABASE_URL: pgDatabase.url! };
      } else {
        env = { DATA_DIR: dataDir };
      }
    });

    afterAll(async () => {
      await pgDatabase?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    /** Tampers with one audit row behind the application's back, as a DBA could. */
    async function tamperAuditRow(seq: number) {
      const sql = `ALTER TABLE audit_events DISABLE TRIGGER USER; UPDATE audit_events SET action = 'forged' WHERE seq = ${seq}; ALTER TABLE audit_events ENABLE TRIGGER USER;`;
      if (pgDatabase) {
        await pgDatabase.superuserSql(sql);
        return;
      }
      const handle = await openDatabase({ kind: 'pglite', dataDir });
      try {
        await handle.executeSql(sql);
      } finally {
        await handle.close();
      }
    }

    it('migrates, seeds the first administrator once, and creates users', () => {
      const first = csep(['db', 'migrate'], env);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/one-time password: \S{16}/);
      const second = csep(['db', 'migrate'], env);
      expect(second.code).toBe(0);
      expect(second.stdout).not.toMatch(/one-time password/);

      const created = csep(['admin', 'create-user', '--username', 'cli.officer', '--display-name', '命令列員警', '--unit', 'DA', '--role', 'officer'], env);
      expect(created.code, created.stderr).toBe(0);
      expect(created.stdout).toMatch(/^one-time password: \S{16}$/m);
    });

    it('fails clearly on bad input and changes nothing', () => {
      const unknownUnit = csep(['admin', 'create-user', '--username', 'x.y.z', '--display-name', 'n', '--unit', 'NOPE', '--role', 'officer'], env);
      expect(unknownUnit.code).toBe(1);
      expect(unknownUnit.stderr).toMatch(/unknown unit code: NOPE/);
      const badRole = csep(['admin', 'create-user', '--username', 'x.y.z', '--display-name', 'n', '--unit', 'DA', '--role', 'chief'], env);
      expect(badRole.code).toBe(1);
      expect(badRole.stderr).toMatch(/unknown role: chief/);
      const duplicate = csep(['admin', 'create-user', '--username', 'cli.officer', '--display-name', 'n', '--unit', 'DA', '--role', 'officer'], env);
      expect(duplicate.code).toBe(1);
      expect(duplicate.stderr).toMatch(/USERNAME_TAKEN/);
      const missingOption = csep(['admin', 'create-user', '--username', 'a.b.c'], env);
      expect(missingOption.code).not.toBe(0);
      expect(missingOption.stderr).toMatch(/required option/);
      const noSuchUser = csep(['admin', 'reset-mfa', 'ghost.user'], env);
      expect(noSuchUser.code).toBe(1);
      expect(noSuchUser.stderr).toMatch(/no such user: ghost.user/);
      const badConfig = csep(['audit', 'verify'], { ...env, PORT: 'eighty' });
      expect(badConfig.code).toBe(1);
      expect(badConfig.stderr).toMatch(/PORT/);
    });

    it('resets MFA and seeds demo data idempotently', () => {
      expect(csep(['admin', 'reset-mfa', 'cli.officer'], env).stdout).toMatch(/MFA reset for cli.officer/);
      const demo = csep(['demo', 'seed'], env);
      expect(demo.code, demo.stderr).toBe(0);
      for (const role of ['wcpd_coordinator', 'cib_investigator', 'supervisor', 'officer', 'auditor', 'admin']) expect(demo.stdout).toContain(role);
      expect(csep(['demo', 'seed'], env).stdout).toMatch(/nothing created/);
    });

    it('prints help for every command', () => {
      for (const args of [['--help'], ['db', 'migrate', '--help'], ['admin', 'create-user', '--help'], ['admin', 'reset-mfa', '--help'], ['audit', 'verify', '--help'], ['demo', 'seed', '--help']]) {
        const help = csep(args, env);
        expect(help.code, args.join(' ')).toBe(0);
        expect(help.stdout).toMatch(/Usage: csep/);
      }
    });

    it('evidence verify re-hashes every evidence file and names a flipped byte and a deleted blob', async () => {
      const handle = pgDatabase ?? (await openDatabase({ kind: 'pglite', dataDir }));
      let shas: string[] = [];
      try {
        const officer = await makeUser(handle.db, { unitCode: 'DA-S1' });
        const ctx = { actor: { userId: officer.user.id, username: officer.user.username, unitId: officer.unit.id, unitCode: officer.unit.code, unitPath: officer.unit.path, roles: officer.user.roles }, meta: { requestId: 'cli-test', sourceIp: null, userAgent: null } };
        const { vault } = await openConfiguredVault(loadConfig({ DATA_DIR: dataDir }));
        const staged = [];
        for (const colour of ['#112233', '#445566']) {
          const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: colour } }).png().toBuffer();
          staged.push(await stageUpload(vault, ctx, { filename: 'shot.png', stream: Readable.from([png]) }, 1_000_000));
        }
        await recordUploads(handle.db, ctx, staged, { ephemeral: false, notes: null, sourceUrl: null, platform: null, seenAt: null });
        shas = staged.map((s) => s.ingest.sha256);
      } finally {
        if (!pgDatabase) await handle.close();
      }
      const ok = csep(['evidence', 'verify'], env);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/evidence files checked: 2, failures: 0/);
      const objectPath = (sha: string) => path.join(dataDir, 'vault', 'objects', sha.slice(0, 2), sha.slice(2, 4), sha);
      fs.chmodSync(objectPath(shas[0]!), 0o600);
      const bytes = fs.readFileSync(objectPath(shas[0]!));
      bytes[100]! ^= 0x01;
      fs.writeFileSync(objectPath(shas[0]!), bytes);
      fs.rmSync(objectPath(shas[1]!));
      const failed = csep(['evidence', 'verify'], env);
      expect(failed.code).toBe(2);
      expect(failed.stdout).toContain(`sha256 ${shas[0]}: unreadable`);
      expect(failed.stdout).toContain(`sha256 ${shas[1]}: missing`);
    });

    it('audit verify exits 0 on an intact chain and names the first broken event', async () => {
      const ok = csep(['audit', 'verify'], env);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/audit chain intact: \d+ events verified/);
      await tamperAuditRow(3);
      const broken = csep(['audit', 'verify'], env);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(/BROKEN at event seq 3: hash_mismatch/);
    });

    if (kind === 'pglite') {
      it('refuses to open the embedded database while another process holds it', () => {
        const release = acquireEmbeddedDatabaseLock(dataDir);
        try {
          const refused = csep(['db', 'migrate'], env);
          expect(refused.code).toBe(1);
          expect(refused.stderr).toMatch(/in use by process \d+/);
        } finally {
          release();
        }
      });
    }
  });
}
