/** The task list of whoever is signed in (home page) — the playbook's steps that wait for them. */
import type { Database } from '../../core/db/client.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { requireEvidenceRole } from '../evidence/evidence.service.ts';
import { tasksRepository, type TaskWithCase } from './tasks.repository.ts';

export async function myTasks(db: Database, ctx: ServiceContext, limit = 100): Promise<TaskWithCase[]> {
  const actor = requireEvidenceRole(ctx);
  return tasksRepository.forActor(db, actor, limit);
}
