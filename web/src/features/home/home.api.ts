/**
 * `GET /api/me/work`: the signed-in user's tasks, cases and patrol sessions. The lists are empty
 * until those modules exist; the item fields below are the ones the home page shows.
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
