/**
 * `npm start`: web and worker in one process on the embedded database (or PostgreSQL when
 * DATABASE_URL is set). `npm start -- --demo` also seeds demo users.
 */
import { ConfigError, loadConfig } from '../core/config.ts';
import { EmbeddedDatabaseBusyError } from '../core/db/embedded-lock.ts';
import { startRuntime } from './runtime.ts';

function printOnce(lines: string[]): void {
  const bar = '═'.repeat(72);
  process.stdout.write(`\n${bar}\n${lines.join('\n')}\n${bar}\n\n`);
}

try {
  const config = loadConfig();
  const runtime = await startRuntime(config, { demo: process.argv.includes('--demo') });
  if (runtime.adminOneTimePassword) {
    printOnce([
      '首次啟動：已建立系統管理員帳號 (first start: administrator created)',
      `  username: admin`,
      `  one-time password: ${runtime.adminOneTimePassword}`,
      '此密碼僅顯示這一次；首次登入須變更密碼並設定雙因素驗證 (TOTP)。',
      'This password is shown once; the first sign-in forces a new password and TOTP enrolment.',
    ]);
  }
  if (runtime.masterKeyCreated) {
    printOnce([
      `證據庫主金鑰已建立：${runtime.masterKeyCreated} (the evidence vault's master key was created)`,
      '請立即備份此檔案並妥善保管；遺失後所有證據將無法解密。',
      'BACK UP THIS FILE NOW and keep it apart from the data: without it no evidence can ever be decrypted.',
    ]);
  }
  if (runtime.demoUsers.length > 0) {
    printOnce([
      '示範資料：已建立示範使用者 (demo users created; one-time passwords shown once)',
      ...runtime.demoUsers.map((u) => `  ${u.username.padEnd(16)} ${u.roles.join(',').padEnd(20)} ${u.unitCode.padEnd(9)} ${u.oneTimePassword}`),
    ]);
  }
  process.stdout.write(`CSEP Platform listening on ${runtime.address} (database: ${config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`})\n`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: shutting down\n`);
    runtime.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError || error instanceof EmbeddedDatabaseBusyError) {
    process.stderr.write(`csep: ${error.message}\n`);
  } else {
    process.stderr.write(`csep: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}
