/**
 * The signed-in user's own work area (home page). Tasks, cases and patrols arrive with the case and
 * patrol modules; until then the lists are truthfully empty.
 */
import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';

const WorkAreaSchema = Type.Object({
  tasks: Type.Array(Type.Object({ id: Type.String() }, { additionalProperties: true })),
  cases: Type.Array(Type.Object({ id: Type.String() }, { additionalProperties: true })),
  patrols: Type.Array(Type.Object({ id: Type.String() }, { additionalProperties: true })),
});

export default async function meRoutes(app: AppInstance): Promise<void> {
  app.get('/api/me/work', { schema: { tags: ['me'], response: { 200: WorkAreaSchema } } }, async (request) => {
    requireActiveUser(request);
    return { tasks: [], cases: [], patrols: [] };
  });
}
