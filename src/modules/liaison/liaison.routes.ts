/** Liaison directory routes (G4.1.2). */
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../core/contract.ts';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { IdParams } from '../units/units.contract.ts';
import { createLiaison, listLiaison, updateLiaison } from './liaison.service.ts';
import { LIAISON_BODIES, LIAISON_CHANNELS, type LiaisonContactRow } from './liaison.tables.ts';

const Body = Type.Union(LIAISON_BODIES.map((b) => Type.Literal(b)));
const Channel = Type.Union(LIAISON_CHANNELS.map((c) => Type.Literal(c)));

const ContactSchema = Type.Object({
  id: Type.String(),
  body: Body,
  organisation: Type.String(),
  windowName: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  channels: Type.Array(Channel),
  notes: Nullable(Type.String()),
  active: Type.Boolean(),
  updatedAt: Type.String({ format: 'date-time' }),
});

const fields = {
  organisation: Type.String({ maxLength: 300 }),
  windowName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  email: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  channels: Type.Array(Channel, { maxItems: LIAISON_CHANNELS.length }),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 3000 }))),
  active: Type.Optional(Type.Boolean()),
};

const present = (row: LiaisonContactRow) => ({ ...row, updatedAt: row.updatedAt.toISOString() });

export default async function liaisonRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['liaison'];
  app.get('/api/liaison', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(ContactSchema) }) } } }, async (request) => ({
    items: (await listLiaison(db, requireActiveUser(request))).map(present),
  }));
  app.post('/api/liaison', { schema: { tags, body: Type.Object({ body: Body, ...fields }, { additionalProperties: false }), response: { 201: ContactSchema } } }, async (request, reply) =>
    reply.status(201).send(present(await createLiaison(db, requireActiveUser(request), request.body))),
  );
  app.patch(
    '/api/liaison/:id',
    { schema: { tags, params: IdParams, body: Type.Partial(Type.Object(fields), { additionalProperties: false }), response: { 200: ContactSchema } } },
    async (request) => present(await updateLiaison(db, requireActiveUser(request), request.params.id, request.body)),
  );
}
