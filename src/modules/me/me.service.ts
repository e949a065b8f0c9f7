/** The home page's work lists, assembled from the task, case and patrol services (their access rules apply). */
import type { Database } from '../../core/db/client.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { listCases } from '../cases/cases.service.ts';
import { patrolsRepository } from '../patrols/patrols.repository.ts';
import { listPatrols } from '../patrols/patrols.service.ts';
import { platformsRepository } from '../platforms/platforms.repository.ts';
import { playbookStep } from '../playbook/playbook-114-07-08.ts';
import { myTasks } from '../tasks/tasks.service.ts';

export async function myWork(db: Database, ctx: ServiceContext, now = new Date()) {
  const actor = ctx.actor!;
  const [tasks, cases, patrols, platforms] = await Promise.all([
    myTasks(db, ctx, 50),
    listCases(db, ctx, { limit: 10 }),
    listPatrols(db, ctx, { officerId: actor.userId, limit: 5 }),
    platformsRepository.findAll(db),
  ]);
  const platformName = new Map(platforms.map((p) => [p.id, p.nameZh]));
  const own = patrols.filter((p) => p.session.officerId === actor.userId);
  const counts = await patrolsRepository.findingCounts(db, own.map((p) => p.session.id));
  const patrolRows = own.map((patrol) => ({
      id: patrol.session.id,
      startedAt: patrol.session.startedAt.toISOString(),
      endedAt: patrol.session.endedAt?.toISOString() ?? null,
      platform: patrol.session.platformIds.map((id) => platformName.get(id) ?? '?').join('、') || '—',
      findingCount: counts.get(patrol.session.id) ?? 0,
  }));
  return {
    tasks: tasks.map(({ task, caseId, caseNumber }) => ({
      id: task.id,
      title: playbookStep(task.stepCode)?.titleZh ?? task.stepCode,
      titleEn: playbookStep(task.stepCode)?.titleEn ?? task.stepCode,
      dueAt: task.dueAt?.toISOString() ?? null,
      overdue: task.dueAt !== null && task.dueAt < now,
      caseId,
      caseNumber,
    })),
    cases: cases.map(({ case: row }) => ({ id: row.id, caseNumber: row.number, title: row.title, status: row.status, updatedAt: row.updatedAt.toISOString() })),
    patrols: patrolRows,
  };
}
