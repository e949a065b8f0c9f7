/**
 * `/api/training`: CIB's technical-investigation courses (G4.1.4) and officers' training
 * histories. Schemas: src/modules/training/training.contract.ts. CIB and the WCPD record courses;
 * a course's trainees are listed only as far as the user may know people.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost, withQuery } from '../../lib/api.ts';

export const TRAINING_LIMITS = { title: 200, trainer: 100, location: 200, notes: 5000, hours: 200, trainees: 500 } as const;

export interface Trainee {
  id: string;
  displayName: string;
  unitCode: string;
}

export interface Course {
  id: string;
  title: string;
  heldOn: string;
  hours: number;
  trainer: string;
  location: string | null;
  notes: string | null;
  traineeCount: number;
  trainees: Trainee[];
  createdAt: string;
  can: { edit: boolean };
}

export interface CourseInput {
  title: string;
  heldOn: string;
  hours: number;
  trainer: string;
  location: string | null;
  notes: string | null;
  traineeIds: string[];
}

export interface TrainingHistory {
  officer: Trainee;
  totalHours: number;
  courses: { id: string; title: string; heldOn: string; hours: number; trainer: string; location: string | null; unitCode: string }[];
}

export interface CourseFilters {
  from?: string;
  to?: string;
  q?: string;
}

export const TRAINING_KEY = ['training'] as const;

export function listCourses(filters: CourseFilters, signal?: AbortSignal): Promise<{ items: Course[]; can: { create: boolean } }> {
  return apiGet(withQuery('/api/training/courses', { ...filters }), { signal });
}

export function createCourse(input: CourseInput): Promise<Course> {
  return apiPost<Course>('/api/training/courses', input);
}

export function updateCourse(id: string, patch: Partial<CourseInput>): Promise<Course> {
  return apiPatch<Course>(`/api/training/courses/${encodeURIComponent(id)}`, patch);
}

export function deleteCourse(id: string): Promise<{ deleted: boolean }> {
  return apiPost(`/api/training/courses/${encodeURIComponent(id)}/delete`);
}

export function useCourses(filters: CourseFilters) {
  return useQuery({ queryKey: ['training', 'courses', filters.from ?? '', filters.to ?? '', filters.q ?? ''], queryFn: ({ signal }) => listCourses(filters, signal), placeholderData: keepPreviousData });
}

/** One officer's history (`me` for the signed-in user). */
export function useTrainingHistory(officerId: string | 'me') {
  return useQuery({
    queryKey: ['training', 'history', officerId],
    queryFn: ({ signal }) => apiGet<TrainingHistory>(officerId === 'me' ? '/api/training/me' : `/api/training/officers/${encodeURIComponent(officerId)}`, { signal }),
  });
}
