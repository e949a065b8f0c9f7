/** Capture routes: request a capture, follow its progress, and the public key that verifies manifests. */
import { keyId, publicKeyBase64, publicKeyPem } from '../../capture/index.ts';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { IdParams } from '../units/units.contract.ts';
import { CaptureKeySchema, CaptureListQuery, CaptureListSchema, CaptureSchema, CreateCaptureBody } from './captures.contract.ts';
import type { CaptureWithUnit } from './captures.repository.ts';
import { getCapture, listCaptures, requestCapture } from './captures.service.ts';

export function presentCapture({ request, unit }: CaptureWithUnit) {
  return {
    id: request.id,
    url: request.url,
    platform: request.platform,
    status: request.status,
    attempts: request.attempts,
    error: request.lastError,
    evidenceItemId: request.evidenceItemId,
    owningUnitCode: unit.code,
    createdAt: request.createdAt.toISOString(),
    updatedAt: request.updatedAt.toISOString(),
  };
}

export default async function capturesRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['captures'];

  app.post('/api/captures', { schema: { tags, body: CreateCaptureBody, response: { 202: CaptureSchema } } }, async (request, reply) => {
    const ctx = requireActiveUser(request);
    // Read at request time: the worker side is attached after the app is built.
    const capture = app.deps.capture ?? null;
    const created = await requestCapture(db, app.deps.queue, capture?.job ?? null, ctx, request.body);
    return reply.status(202).send(presentCapture(created));
  });

  app.get('/api/captures', { schema: { tags, querystring: CaptureListQuery, response: { 200: CaptureListSchema } } }, async (request) => ({
    items: (await listCaptures(db, requireActiveUser(request), request.query.limit ?? 50)).map(presentCapture),
  }));

  app.get('/api/captures/:id', { schema: { tags, params: IdParams, response: { 200: CaptureSchema } } }, async (request) =>
    presentCapture(await getCapture(db, requireActiveUser(request), request.params.id)),
  );

  // Public on purpose: anyone holding a capture folder must be able to check its signature.
  app.get('/api/keys/capture', { schema: { tags, response: { 200: CaptureKeySchema } } }, async () => {
    const key = app.deps.signingKey;
    return { algorithm: 'Ed25519' as const, keyId: keyId(key), publicKeyBase64: publicKeyBase64(key), publicKeyPem: publicKeyPem(key) };
  });
}
