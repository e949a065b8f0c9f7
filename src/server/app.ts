/**
 * `buildApp()` assembles the HTTP application without listening on a port, so tests drive it
 * with `app.inject` (STYLE rule 10). Plugins are registered in order: errors, security, docs,
 * sessions and CSRF, routes, then the single-page app.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../core/errors.ts';
import auditRoutes from '../modules/audit/audit.routes.ts';
import authRoutes from '../modules/auth/auth.routes.ts';
import healthRoutes from '../modules/health/health.routes.ts';
import capturesRoutes from '../modules/captures/captures.routes.ts';
import caseBoardRoutes from '../modules/cases/board.routes.ts';
import casesRoutes from '../modules/cases/cases.routes.ts';
import findingsRoutes from '../modules/findings/findings.routes.ts';
import liaisonRoutes from '../modules/liaison/liaison.routes.ts';
import takedownsRoutes from '../modules/takedowns/takedowns.routes.ts';
import mailRoutes from '../modules/mail/mail.routes.ts';
import patrolsRoutes from '../modules/patrols/patrols.routes.ts';
import reportersRoutes from '../modules/reporters/reporters.routes.ts';
import victimsRoutes from '../modules/victims/victims.routes.ts';
import suspectsRoutes from '../modules/suspects/suspects.routes.ts';
import outreachRoutes from '../modules/outreach/outreach.routes.ts';
import trainingRoutes from '../modules/training/training.routes.ts';
import evaluationRoutes from '../modules/evaluation/evaluation.routes.ts';
import tasksRoutes from '../modules/tasks/tasks.routes.ts';
import chatImportRoutes from '../modules/evidence/chat-import.routes.ts';
import evidenceRoutes from '../modules/evidence/evidence.routes.ts';
import lexiconsRoutes from '../modules/lexicons/lexicons.routes.ts';
import hashBanksRoutes from '../modules/hash-banks/hash-banks.routes.ts';
import meRoutes from '../modules/me/me.routes.ts';
import platformsRoutes from '../modules/platforms/platforms.routes.ts';
import unitsRoutes from '../modules/units/units.routes.ts';
import usersRoutes from '../modules/users/users.routes.ts';
import type { AppDeps, AppInstance } from './app-types.ts';
import { installErrorHandling } from './plugins/error-handler.ts';
import { installSecurity } from './plugins/security.ts';
import { installSessionAuth } from './plugins/session-auth.ts';
import { installWebApp } from './plugins/web-app.ts';

/** Fields that must never reach a log line (credentials, codes, identities). */
export const LOG_REDACTIONS = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.code',
  '*.oneTimePassword',
  '*.secret',
];

export type BuildAppOptions = { logger?: FastifyServerOptions['logger']; serveWebApp?: boolean };

/** Builds the application on the given dependencies; the caller owns their lifecycle. */
export async function buildApp(deps: AppDeps, options: BuildAppOptions = {}): Promise<AppInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: options.logger ?? (config.logLevel === 'silent' ? false : { level: config.logLevel, redact: LOG_REDACTIONS }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    ajv: {
      // Unknown fields are an error, not silently dropped (issue 2 §9).
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  app.addHook('onClose', () => deps.printer.close());
  // The API speaks JSON only (uploads will register multipart themselves): anything else is 415.
  app.removeContentTypeParser('text/plain');
  installErrorHandling(app);
  await installSecurity(app, { apiRatePerMinute: config.apiRatePerMinute });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'CSEP Platform API — 兒少性剝削網路防制平臺',
        version: '0.1.0',
        description: 'Every request and response schema of the platform. Errors are { error: { code, message } }.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'csep_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await installSessionAuth(app, { config, db: deps.database.db });

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(meRoutes);
  await app.register(unitsRoutes);
  await app.register(usersRoutes);
  await app.register(mailRoutes);
  await app.register(liaisonRoutes);
  await app.register(takedownsRoutes);
  await app.register(auditRoutes);
  await app.register(evidenceRoutes);
  await app.register(chatImportRoutes);
  await app.register(capturesRoutes);
  await app.register(platformsRoutes);
  await app.register(lexiconsRoutes);
  await app.register(hashBanksRoutes);
  await app.register(patrolsRoutes);
  await app.register(findingsRoutes);
  await app.register(caseBoardRoutes);
  await app.register(casesRoutes);
  await app.register(tasksRoutes);
  await app.register(reportersRoutes);
  await app.register(victimsRoutes);
  await app.register(suspectsRoutes);
  // Prevention, training and the per-unit evaluation (issue #9; G5.4, G4.1.4, G4.1.5).
  await app.register(outreachRoutes);
  await app.register(trainingRoutes);
  await app.register(evaluationRoutes);

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !options.serveWebApp) {
      throw new AppError('NOT_FOUND', `找不到此路徑 (no such route): ${request.method} ${request.url.split('?')[0]}`);
    }
    return reply.sendFile('index.html');
  });
  if (options.serveWebApp) await installWebApp(app);

  return app;
}
