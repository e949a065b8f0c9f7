/**
 * `GET /api/me/work`: the signed-in user's open tasks, their cases (assigned or opened by them,
 * else the unit's latest) and their latest patrol sessions; empty for administrators and auditors.
 */
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../lib/api.ts';

export interface WorkTask {
  id: string;
  title?: string;
  dueAt?: string | null;
  caseNumber?: string | null;
}

export interface WorkCase {
  id: string;
  caseNumber?: string;
  title?: string;
  updatedAt?: string;
}

export interface WorkPatrol {
  id: string;
  startedAt?: string;
  platform?: string;
  findingCount?: number;
}

export interface MyWork {
  tasks: WorkTask[];
  cases: WorkCase[];
  patrols: WorkPatrol[];
}

/** The current user's work lists. */
export function useMyWork() {
  return useQuery({ queryKey: ['me', 'work'], queryFn: () => apiGet<MyWork>('/api/me/work') });
}
