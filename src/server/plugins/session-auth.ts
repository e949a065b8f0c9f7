/**
 * Resolves the session cookie on every /api request and enforces CSRF protection on every
 * state-changing request (issue 2 §4): the `x-csrf-token` header must equal the session's token,
 * or — before sign-in — the anonymous CSRF cookie (double submit).
 */
import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../core/config.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError } from '../../core/errors.ts';
import { resolveSession } from '../../modules/auth/auth.service.ts';

export const SESSION_COOKIE = 'csep_session';
export const CSRF_COOKIE = 'csep_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Cookie attributes: HttpOnly, SameSite=Strict, and Secure behind TLS. */
export function cookieOptions(config: AppConfig, request: FastifyRequest) {
  const secure = config.cookieSecure === 'auto' ? request.protocol === 'https' : config.cookieSecure === 'true';
  return { httpOnly: true, sameSite: 'strict' as const, secure, path: '/' };
}

/** Sets the session cookie after a sign-in step. */
export function setSessionCookie(reply: FastifyReply, config: AppConfig, request: FastifyRequest, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, cookieOptions(config, request));
}

/** Removes the session cookie (sign-out, expiry). */
export function clearSessionCookie(reply: FastifyReply, config: AppConfig, request: FastifyRequest): void {
  void reply.clearCookie(SESSION_COOKIE, cookieOptions(config, request));
}

/** Registers cookie parsing, session resolution and the CSRF check for /api routes. */
export async function installSessionAuth(app: FastifyInstance, deps: { config: AppConfig; db: Database }): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('auth', null as unknown as FastifyRequest['auth']);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    request.auth = { status: 'none', current: null, token };
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs') || request.url === '/api/health') return;
    const lookup = await resolveSession(deps.db, deps.config, token);
    request.auth = lookup.status === 'ok' ? { status: 'ok', current: lookup.current, token } : { status: lookup.status, current: null, token };
    if (SAFE_METHODS.has(request.method)) return;
    const sent = request.headers['x-csrf-token'];
    const expected = lookup.status === 'ok' ? lookup.current.session.csrfToken : request.cookies[CSRF_COOKIE];
    if (typeof sent !== 'string' || !expected || !tokensEqual(sent, expected)) {
      throw new AppError('CSRF_INVALID', '安全驗證失敗，請重新整理頁面 (missing or invalid CSRF token; reload the page)');
    }
  });
}
