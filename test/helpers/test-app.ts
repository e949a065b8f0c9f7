/**
 * Drives the real application through `app.inject` with a cookie jar and the CSRF header, the way
 * the browser does. No port is opened.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { identityKeyFrom } from '../../src/core/identity/identity-key.ts';
import { victimKeyFrom } from '../../src/core/identity/victim-key.ts';
import { LocalBlobStore } from '../../src/core/vault/local-blob-store.ts';
import { Vault } from '../../src/core/vault/vault.ts';
import { PdfPrinter } from '../../src/core/documents/pdf-printer.ts';
import { generateSigningKey } from '../../src/capture/index.ts';
import { loadConfig, type AppConfig } from '../../src/core/config.ts';
import type { DatabaseHandle } from '../../src/core/db/client.ts';
import { totpCodeForStep, totpStep } from '../../src/modules/auth/totp.ts';
import { usersRepository } from '../../src/modules/users/users.repository.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import type { TestUser } from './factories.ts';

/** Test configuration: silent logs and a generous login throttle unless a test sets its own. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '10000', DATA_DIR: '/nonexistent-test-data', ...overrides });
}

/** The app on the given database with a private vault in a temporary folder (removed on close). */
export async function buildTestApp(
  database: DatabaseHandle,
  overrides: Record<string, string> = {},
  options: { vaultDir?: string } = {},
): Promise<AppInstance> {
  const vaultDir = options.vaultDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'csep-test-vault-'));
  const vault = new Vault(new LocalBlobStore(vaultDir), randomBytes(32));
  const config = testConfig(overrides);
  const printer = new PdfPrinter({ chromiumPath: config.chromiumPath });
  const app = await buildApp({ config, database, queue: null, vault, printer, signingKey: generateSigningKey(), identityKey: identityKeyFrom(randomBytes(32)), victimKey: victimKeyFrom(randomBytes(32)) });
  app.addHook('onClose', async () => fs.rmSync(vaultDir, { recursive: true, force: true }));
  await app.ready();
  return app;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export class TestClient {
  readonly cookies = new Map<string, string>();
  csrfToken = '';

  constructor(
    private readonly app: AppInstance,
    readonly ip = '127.0.0.1',
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Sends a request with the jar's cookies and, for writes, the CSRF header. */
  async request(
    method: Method,
    url: string,
    body?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string>; rawBody?: string | Buffer } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    if (method !== 'GET' && options.csrf !== false) headers['x-csrf-token'] = this.csrfToken;
    let payload: string | Buffer | undefined;
    if (options.rawBody !== undefined) {
      payload = options.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const response = await this.app.inject({ method, url, headers, payload, remoteAddress: this.ip });
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const expired = cookie.value === '' || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now()) || cookie.maxAge === 0;
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  /** Fetches the session info and keeps its CSRF token, as the web app does after every step. */
  async session(): Promise<{ authenticated: boolean; stage: string; csrfToken: string; user: { username: string; roles: string[] } | null }> {
    const response = await this.request('GET', '/api/auth/session');
    const info = response.json();
    this.csrfToken = info.csrfToken;
    return info;
  }

  /** Signs a fully enrolled user in: password, then a fresh TOTP code. */
  async login(database: DatabaseHandle, testUser: TestUser): Promise<void> {
    await this.session();
    const step1 = await this.request('POST', '/api/auth/login', { username: testUser.user.username, password: testUser.password });
    if (step1.statusCode !== 200) throw new Error(`login failed: ${step1.statusCode} ${step1.body}`);
    await this.session();
    // Tests sign the same user in several times within one 30-second step; forget the last used
    // step so the replay guard (tested on its own) does not refuse the repeat.
    await database.db.transaction((tx) => usersRepository.update(tx, testUser.user.id, { totpLastStep: null }));
    const code = totpCodeForStep(testUser.totpSecret, totpStep(Date.now()));
    const step2 = await this.request('POST', '/api/auth/mfa/verify', { code });
    if (step2.statusCode !== 200) throw new Error(`MFA failed: ${step2.statusCode} ${step2.body}`);
    await this.session();
  }
}

/** A multipart/form-data body with text fields and files, as a browser sends it. */
export function multipartBody(
  fields: Record<string, string>,
  files: { field?: string; filename: string; contentType?: string; content: Buffer }[],
): { payload: Buffer; contentType: string } {
  const boundary = `----csep${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'files'}"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
