/**
 * Route guards: turn the request's resolved session into a service context, or refuse with a
 * stable error code. Access to data is decided later, by the services (STYLE rule 4).
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';
import type { RequestMeta, ServiceContext } from '../core/request-context.ts';
import { actorFromSession, type CurrentSession } from '../modules/auth/auth.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth plugin for every /api request. */
    auth: { status: 'none' | 'expired' | 'ok'; current: CurrentSession | null; token: string | undefined };
  }
}

/** Where the request came from, for the audit trail. */
export function requestMeta(request: FastifyRequest): RequestMeta {
  const userAgent = request.headers['user-agent'];
  return {
    requestId: String(request.id),
    sourceIp: request.ip ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
  };
}

/** A context with no actor, for the sign-in steps before a user is known. */
export function anonymousContext(request: FastifyRequest): ServiceContext {
  return { actor: null, meta: requestMeta(request) };
}

/** The session in any login stage, or 401. */
export function requireSession(request: FastifyRequest): CurrentSession {
  const { status, current } = request.auth;
  if (status === 'ok' && current) return current;
  if (status === 'expired') throw new AppError('SESSION_EXPIRED', '登入逾時，請重新登入 (session expired, sign in again)');
  throw new AppError('UNAUTHENTICATED', '請先登入 (sign in first)');
}

/** A fully signed-in user's context (password and TOTP done), or 401/403. */
export function requireActiveUser(request: FastifyRequest): ServiceContext {
  const current = requireSession(request);
  if (current.session.stage !== 'active') {
    throw new AppError('LOGIN_STEP_REQUIRED', '請先完成登入步驟 (finish signing in first)');
  }
  return { actor: actorFromSession(current), meta: requestMeta(request) };
}
