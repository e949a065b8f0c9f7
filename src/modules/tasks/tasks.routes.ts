/** The signed-in user's open tasks (home page). */
import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { TaskSchema } from '../cases/cases.contract.ts';
import { presentTask } from '../cases/cases.routes.ts';
import { myTasks } from './tasks.service.ts';

export default async function tasksRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  app.get(
    '/api/tasks/mine',
    {
      schema: {
        tags: ['tasks'],
        response: { 200: Type.Object({ items: Type.Array(Type.Intersect([TaskSchema, Type.Object({ caseId: Type.String(), caseNumber: Type.String(), caseTitle: Type.String() })])) }) },
      },
    },
    async (request) => {
      const now = new Date();
      const rows = await myTasks(db, requireActiveUser(request));
      return { items: rows.map((row) => ({ ...presentTask(row.task, now), caseId: row.caseId, caseNumber: row.caseNumber, caseTitle: row.caseTitle })) };
    },
  );
}
