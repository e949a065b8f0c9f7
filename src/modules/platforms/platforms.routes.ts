/** Platform registry routes (G3.1). */
import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { IdParams } from '../units/units.contract.ts';
import { searchUrl } from './platform-registry.seed.ts';
import { createPlatform, listPlatforms, resolvePlatform, updatePlatform } from './platforms.service.ts';
import { PLATFORM_KINDS, type PlatformRow } from './platforms.tables.ts';

const Kind = Type.Union(PLATFORM_KINDS.map((k) => Type.Literal(k)));
const PlatformSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  kind: Kind,
  domains: Type.Array(Type.String()),
  searchUrlTemplates: Type.Array(Type.String()),
  unavailableMarkers: Type.Array(Type.String()),
  notes: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});
/** "Content unavailable" phrases for the removal checks (G5.2); the service also checks trimmed lengths. */
const UnavailableMarkers = Type.Array(Type.String({ minLength: 2, maxLength: 200 }), { maxItems: 50 });
const Editable = {
  nameZh: Type.String({ minLength: 1, maxLength: 100 }),
  nameEn: Type.String({ minLength: 1, maxLength: 100 }),
  kind: Kind,
  domains: Type.Array(Type.String({ minLength: 3, maxLength: 253 }), { maxItems: 20 }),
  searchUrlTemplates: Type.Array(Type.String({ maxLength: 500 }), { maxItems: 10 }),
  notes: Type.Union([Type.String({ maxLength: 1000 }), Type.Null()]),
};
const CreateBody = Type.Object(
  { code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,31}$' }), ...Editable, unavailableMarkers: Type.Optional(UnavailableMarkers) },
  { additionalProperties: false },
);
const UpdateBody = Type.Partial(Type.Object({ ...Editable, unavailableMarkers: UnavailableMarkers, active: Type.Boolean() }), { additionalProperties: false, minProperties: 1 });

function present(p: PlatformRow) {
  return { id: p.id, code: p.code, nameZh: p.nameZh, nameEn: p.nameEn, kind: p.kind, domains: p.domains, searchUrlTemplates: p.searchUrlTemplates, unavailableMarkers: p.unavailableMarkers, notes: p.notes, active: p.active };
}

export default async function platformsRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['platforms'];

  app.get('/api/platforms', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(PlatformSchema) }) } } }, async (request) => ({
    items: (await listPlatforms(db, requireActiveUser(request))).map(present),
  }));

  app.get(
    '/api/platforms/resolve',
    {
      schema: {
        tags,
        querystring: Type.Object({ url: Type.String({ minLength: 1, maxLength: 2048 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ platform: Type.Union([PlatformSchema, Type.Null()]) }) },
      },
    },
    async (request) => {
      const platform = await resolvePlatform(db, requireActiveUser(request), request.query.url);
      return { platform: platform ? present(platform) : null };
    },
  );

  app.get(
    '/api/platforms/search-links',
    {
      schema: {
        tags,
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ platform: Type.String(), url: Type.String() })) }) },
      },
    },
    async (request) => {
      const list = await listPlatforms(db, requireActiveUser(request));
      return {
        items: list
          .filter((p) => p.active)
          .flatMap((p) => p.searchUrlTemplates.map((template) => ({ platform: p.code, url: searchUrl(template, request.query.q) }))),
      };
    },
  );

  app.post('/api/platforms', { schema: { tags, body: CreateBody, response: { 200: PlatformSchema } } }, async (request) =>
    present(await createPlatform(db, requireActiveUser(request), request.body)),
  );

  app.patch('/api/platforms/:id', { schema: { tags, params: IdParams, body: UpdateBody, response: { 200: PlatformSchema } } }, async (request) =>
    present(await updatePlatform(db, requireActiveUser(request), request.params.id, request.body)),
  );
}
