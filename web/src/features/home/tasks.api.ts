/**
 * `GET /api/tasks/mine`: the playbook steps waiting for the signed-in user — assigned to them, or
 * to one of their roles in their unit or below (src/modules/tasks/tasks.routes.ts).
 */
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../lib/api.ts';

export interface MyTask {
  id: string;
  stepCode: string;
  /** The guideline clause the step carries out (`G6.3.1`). */
  clause: string;
  titleZh: string;
  titleEn: string;
  /** True when the deadline is department practice rather than the guideline's or the Act's text. */
  practice: boolean;
  assigneeRole: string;
  status: 'open' | 'done' | 'cancelled';
  triggeredAt: string;
  dueAt: string | null;
  overdue: boolean;
  doneAt: string | null;
  caseId: string;
  caseNumber: string;
  caseTitle: string;
}

export const MY_TASKS_KEY = ['tasks', 'mine'] as const;

/** The signed-in user's open case tasks (mount it only for roles that see case content). */
export function useMyTasks() {
  return useQuery({
    queryKey: MY_TASKS_KEY,
    queryFn: async ({ signal }) => (await apiGet<{ items: MyTask[] }>('/api/tasks/mine', { signal })).items,
  });
}

/** Earliest deadline first, tasks without one last; ties by when the step began. */
export function sortByDue<T extends Pick<MyTask, 'dueAt' | 'triggeredAt'>>(tasks: readonly T[]): T[] {
  const due = (task: T) => (task.dueAt ? Date.parse(task.dueAt) : Number.POSITIVE_INFINITY);
  return [...tasks].sort((a, b) => due(a) - due(b) || Date.parse(a.triggeredAt) - Date.parse(b.triggeredAt));
}
