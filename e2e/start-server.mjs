#!/usr/bin/env node
// The Playwright webServer command. Playwright starts its webServer before globalSetup, so the
// preparation lives here: build the web app, create a throw-away DATA_DIR, migrate, seed the
// demo units, create the e2e users — the officer, and a supervisor of the same precinct (DA)
// who signs off the officer's Art. 40 check (four eyes) and transfers the case — hand their
// one-time passwords to the tests through test-results/e2e-credentials.json, then run the
// server until Playwright stops it (SIGTERM).
// The server may capture pages on 127.0.0.1 (CAPTURE_ALLOW), where the capture spec serves its
// synthetic fixture site.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const port = process.env.E2E_PORT ?? '18080';
const credentialsFile = join(root, 'test-results', 'e2e-credentials.json');
// The officer stays at the top level of the credentials file (the shape the first specs read);
// every user is also listed under `users` by its key.
const users = {
  officer: { username: 'e2e.officer', displayName: '測試員警', unit: 'DA', role: 'officer' },
  supervisor: { username: 'e2e.supervisor', displayName: '測試主管', unit: 'DA', role: 'supervisor' },
};

const log = (line) => process.stdout.write(`[e2e] ${line}\n`);

/** Runs a command to completion; stops everything with its output when it fails. */
function run(label, args, env) {
  log(label);
  const result = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    throw new Error(`${label} failed (exit ${result.status ?? result.signal})`);
  }
  return result.stdout;
}

rmSync(credentialsFile, { force: true });

if (process.env.E2E_SKIP_BUILD !== '1') {
  run('vite build', [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], process.env);
}

const dataDir = mkdtempSync(join(tmpdir(), 'csep-e2e-'));
const env = { ...process.env, DATA_DIR: dataDir };
let server = null;

function cleanUp() {
  if (process.env.E2E_KEEP_DATA === '1') log(`data kept in ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
}

try {
  run('csep db migrate', ['bin/csep.mjs', 'db', 'migrate'], env);
  run('csep demo seed', ['bin/csep.mjs', 'demo', 'seed'], env);
  const created = {};
  for (const [key, user] of Object.entries(users)) {
    const out = run(`csep admin create-user (${user.username})`, [
      'bin/csep.mjs', 'admin', 'create-user',
      '--username', user.username,
      '--display-name', user.displayName,
      '--unit', user.unit,
      '--role', user.role,
    ], env);
    const match = /one-time password:\s*(\S+)/i.exec(out);
    if (!match) throw new Error(`create-user printed no "one-time password: …" line:\n${out}`);
    created[key] = { username: user.username, displayName: user.displayName, password: match[1], dataDir };
  }
  mkdirSync(dirname(credentialsFile), { recursive: true });
  writeFileSync(credentialsFile, JSON.stringify({ ...created.officer, users: created }, null, 2), { mode: 0o600 });
  log(`credentials written to ${credentialsFile}`);
} catch (error) {
  cleanUp();
  process.stderr.write(`[e2e] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

log(`starting the server on port ${port}`);
server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
  cwd: root,
  // CAPTURE_ALLOW lets the capture worker reach the loopback fixture site that e2e/capture.spec.ts
  // serves (synthetic pages only); every other private address stays refused.
  env: { ...env, PORT: port, HOST: '127.0.0.1', CAPTURE_ALLOW: process.env.CAPTURE_ALLOW ?? '127.0.0.1' },
  stdio: 'inherit',
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (server && server.exitCode === null) server.kill(signal);
  });
}

server.on('exit', (code, signal) => {
  cleanUp();
  rmSync(credentialsFile, { force: true });
  process.exit(code ?? (signal ? 0 : 1));
});
