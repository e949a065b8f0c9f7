/** Unit tree routes. */
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { CreateUnitBody, IdParams, UnitListSchema, UnitSchema, UpdateUnitBody } from './units.contract.ts';
import { presentUnit } from './units.presenter.ts';
import { createUnit, listUnits, updateUnit } from './units.service.ts';

export default async function unitsRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['units'];

  app.get('/api/units', { schema: { tags, response: { 200: UnitListSchema } } }, async (request) => ({
    items: (await listUnits(db, requireActiveUser(request))).map(presentUnit),
  }));

  app.post('/api/units', { schema: { tags, body: CreateUnitBody, response: { 200: UnitSchema } } }, async (request) =>
    presentUnit(await createUnit(db, requireActiveUser(request), request.body)),
  );

  app.patch(
    '/api/units/:id',
    { schema: { tags, params: IdParams, body: UpdateUnitBody, response: { 200: UnitSchema } } },
    async (request) => presentUnit(await updateUnit(db, requireActiveUser(request), request.params.id, request.body)),
  );
}
