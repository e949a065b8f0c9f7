/** Patrol routes (G5.1, G6.1): start, change, end, the current patrol, lists and the daily/monthly log. */
import { Type } from '@sinclair/typebox';
import { DateTime, Nullable } from '../../core/contract.ts';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { IdParams } from '../units/units.contract.ts';
import type { PatrolWithOwner } from './patrols.repository.ts';
import { PATROL_FOCUSES } from './patrols.tables.ts';
import { currentPatrol, endPatrol, getPatrol, listPatrols, patrolLog, startPatrol, updatePatrol } from './patrols.service.ts';


/** G5.1's three patrol targets (call-girl stations, live streams, image distribution) or other. */
const Focus = Type.Union(PATROL_FOCUSES.map((f) => Type.Literal(f)));

const PatrolSchema = Type.Object({
  id: Type.String(),
  officer: Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String() }),
  unit: Type.Object({ id: Type.String(), code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  startedAt: DateTime,
  endedAt: Nullable(DateTime),
  platformIds: Type.Array(Type.String()),
  keywords: Type.Array(Type.String()),
  focuses: Type.Array(Focus),
  notes: Nullable(Type.String()),
});

const PlanBody = Type.Object(
  {
    platformIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 100 })),
    keywords: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 200 })),
    focuses: Type.Optional(Type.Array(Focus, { maxItems: PATROL_FOCUSES.length })),
    notes: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  },
  { additionalProperties: false },
);

function presentPatrol({ session, unit, officerUsername, officerDisplayName }: PatrolWithOwner) {
  return {
    id: session.id,
    officer: { id: session.officerId, username: officerUsername, displayName: officerDisplayName },
    unit: { id: unit.id, code: unit.code, nameZh: unit.nameZh, nameEn: unit.nameEn },
    startedAt: session.startedAt.toISOString(),
    endedAt: session.endedAt?.toISOString() ?? null,
    platformIds: session.platformIds,
    keywords: session.keywords,
    focuses: session.focuses,
    notes: session.notes,
  };
}

export default async function patrolsRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['patrols'];

  app.get('/api/patrols/current', { schema: { tags, response: { 200: Type.Object({ patrol: Nullable(PatrolSchema) }) } } }, async (request) => {
    const found = await currentPatrol(db, requireActiveUser(request));
    return { patrol: found ? presentPatrol(found) : null };
  });

  app.post('/api/patrols', { schema: { tags, body: PlanBody, response: { 201: PatrolSchema } } }, async (request, reply) =>
    reply.status(201).send(presentPatrol(await startPatrol(db, requireActiveUser(request), request.body))),
  );

  app.get(
    '/api/patrols',
    {
      schema: {
        tags,
        querystring: Type.Object(
          { officerId: Type.Optional(Type.String({ format: 'uuid' })), from: Type.Optional(DateTime), to: Type.Optional(DateTime), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(PatrolSchema) }) },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listPatrols(db, requireActiveUser(request), {
        officerId: q.officerId,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        limit: q.limit ?? 50,
      });
      return { items: rows.map(presentPatrol) };
    },
  );

  app.get(
    '/api/patrols/log',
    {
      schema: {
        tags,
        querystring: Type.Object(
          { period: Type.Union([Type.Literal('day'), Type.Literal('month')]), from: DateTime, to: DateTime, officerId: Type.Optional(Type.String({ format: 'uuid' })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                period: Type.String(),
                officerId: Type.String(),
                officerUsername: Type.String(),
                officerDisplayName: Type.String(),
                unitCode: Type.String(),
                sessions: Type.Integer(),
                minutes: Type.Integer(),
                findingsRecorded: Type.Integer(),
                sightings: Type.Integer(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      return { items: await patrolLog(db, requireActiveUser(request), { period: q.period, from: new Date(q.from), to: new Date(q.to), officerId: q.officerId }) };
    },
  );

  app.get('/api/patrols/:id', { schema: { tags, params: IdParams, response: { 200: PatrolSchema } } }, async (request) =>
    presentPatrol(await getPatrol(db, requireActiveUser(request), request.params.id)),
  );

  app.patch('/api/patrols/:id', { schema: { tags, params: IdParams, body: PlanBody, response: { 200: PatrolSchema } } }, async (request) =>
    presentPatrol(await updatePatrol(db, requireActiveUser(request), request.params.id, request.body)),
  );

  app.post(
    '/api/patrols/:id/end',
    {
      schema: { tags, params: IdParams, body: Type.Optional(Type.Object({ notes: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))) }, { additionalProperties: false })), response: { 200: PatrolSchema } },
    },
    async (request) => presentPatrol(await endPatrol(db, requireActiveUser(request), request.params.id, request.body?.notes)),
  );
}
