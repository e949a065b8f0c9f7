/**
 * The signed-in user's own work area (home page): their open playbook tasks, the cases they work
 * on (assigned or opened by them, else their unit's most recent) and their latest patrols.
 * Administrators and auditors have no case work: their lists are empty.
 */
import { Type } from '@sinclair/typebox';
import { canSeeCaseContent } from '../../core/access/policy.ts';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { myWork } from './me.service.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

const WorkAreaSchema = Type.Object({
  tasks: Type.Array(
    Type.Object({ id: Type.String(), title: Type.String(), titleEn: Type.String(), dueAt: Nullable(Type.String()), overdue: Type.Boolean(), caseId: Type.String(), caseNumber: Type.String() }),
  ),
  cases: Type.Array(Type.Object({ id: Type.String(), caseNumber: Type.String(), title: Type.String(), status: Type.String(), updatedAt: Type.String() })),
  patrols: Type.Array(Type.Object({ id: Type.String(), startedAt: Type.String(), endedAt: Nullable(Type.String()), platform: Type.String(), findingCount: Type.Integer() })),
});

export default async function meRoutes(app: AppInstance): Promise<void> {
  app.get('/api/me/work', { schema: { tags: ['me'], response: { 200: WorkAreaSchema } } }, async (request) => {
    const ctx = requireActiveUser(request);
    if (!canSeeCaseContent(ctx.actor)) return { tasks: [], cases: [], patrols: [] };
    return myWork(app.deps.database.db, ctx);
  });
}
