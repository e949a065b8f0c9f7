/** Sign-in, MFA, password change and sign-out routes: schema, guard, one service call. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { newCsrfToken } from './session-token.ts';
import {
  changePassword,
  confirmMfaEnrollment,
  login,
  logout,
  startMfaEnrollment,
  verifyMfa,
  type IssuedSession,
} from './auth.service.ts';
import {
  ChangePasswordBody,
  CodeBody,
  EmptyBody,
  EnrollmentResponse,
  LoginBody,
  OkResponse,
  SessionInfoSchema,
  StageResponse,
} from './auth.contract.ts';
import type { AppInstance } from '../../server/app-types.ts';
import { anonymousContext, requireSession } from '../../server/request-auth.ts';
import { clearSessionCookie, cookieOptions, CSRF_COOKIE, setSessionCookie } from '../../server/plugins/session-auth.ts';

export default async function authRoutes(app: AppInstance): Promise<void> {
  const { config, database } = app.deps;
  const db = database.db;
  const loginRateLimit = { rateLimit: { max: config.login.ratePerMinute, timeWindow: '1 minute' } };

  const answerWithSession = (request: FastifyRequest, reply: FastifyReply, issued: IssuedSession) => {
    setSessionCookie(reply, config, request, issued.token);
    return { stage: issued.session.stage };
  };

  app.get('/api/auth/session', { schema: { tags: ['auth'], response: { 200: SessionInfoSchema } } }, async (request, reply) => {
    const current = request.auth.current;
    if (!current) {
      if (request.auth.token) clearSessionCookie(reply, config, request);
      // Before sign-in, CSRF protection is a double-submit cookie.
      let csrfToken = request.cookies[CSRF_COOKIE];
      if (!csrfToken || csrfToken.length > 64) {
        csrfToken = newCsrfToken();
        void reply.setCookie(CSRF_COOKIE, csrfToken, cookieOptions(config, request));
      }
      return { authenticated: false, stage: 'anonymous' as const, csrfToken, user: null };
    }
    const { session, user, unit } = current;
    return {
      authenticated: session.stage === 'active',
      stage: session.stage,
      csrfToken: session.csrfToken,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        unit: { id: unit.id, code: unit.code, nameZh: unit.nameZh, nameEn: unit.nameEn },
        roles: user.roles,
      },
    };
  });

  app.post(
    '/api/auth/login',
    { config: loginRateLimit, schema: { tags: ['auth'], body: LoginBody, response: { 200: StageResponse } } },
    async (request, reply) => {
      const issued = await login(db, config, anonymousContext(request), { ...request.body, previousToken: request.auth.token });
      return answerWithSession(request, reply, issued);
    },
  );

  app.post(
    '/api/auth/mfa/verify',
    { config: loginRateLimit, schema: { tags: ['auth'], body: CodeBody, response: { 200: StageResponse } } },
    async (request, reply) => {
      const issued = await verifyMfa(db, config, anonymousContext(request), requireSession(request), request.body.code);
      return answerWithSession(request, reply, issued);
    },
  );

  app.post(
    '/api/auth/password',
    { config: loginRateLimit, schema: { tags: ['auth'], body: ChangePasswordBody, response: { 200: StageResponse } } },
    async (request, reply) => {
      const issued = await changePassword(db, config, anonymousContext(request), requireSession(request), request.body);
      return answerWithSession(request, reply, issued);
    },
  );

  app.post(
    '/api/auth/mfa/enroll/start',
    { schema: { tags: ['auth'], body: EmptyBody, response: { 200: EnrollmentResponse } } },
    async (request) => startMfaEnrollment(db, requireSession(request)),
  );

  app.post(
    '/api/auth/mfa/enroll/confirm',
    { config: loginRateLimit, schema: { tags: ['auth'], body: CodeBody, response: { 200: StageResponse } } },
    async (request, reply) => {
      const issued = await confirmMfaEnrollment(db, config, anonymousContext(request), requireSession(request), request.body.code);
      return answerWithSession(request, reply, issued);
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'], body: EmptyBody, response: { 200: OkResponse } } }, async (request, reply) => {
    await logout(db, anonymousContext(request), requireSession(request));
    clearSessionCookie(reply, config, request);
    return { ok: true };
  });
}
