/**
 * `/api/outreach`: prevention activities (G5.4, G4.1.5) of the units the user may see, their
 * attachments, and the people an activity may name. Schemas: src/modules/outreach/outreach.contract.ts.
 * The server decides who may record what (own unit and sub-units; the WCPD for any unit).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost, postMultipart, withQuery } from '../../lib/api.ts';
import { fetchFile, type FetchedFile } from '../board/file-download.ts';

export const OUTREACH_KINDS = ['school_talk', 'online_post', 'media_interview', 'radio_programme', 'press_release', 'special_day_event'] as const;
export type OutreachKind = (typeof OUTREACH_KINDS)[number];
export const SCHOOL_LEVELS = ['senior_vocational', 'junior_high', 'primary'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];
export const INTERVIEW_MEDIA = ['electronic', 'print', 'tv'] as const;
export type InterviewMedium = (typeof INTERVIEW_MEDIA)[number];
export const EVENT_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

/** The server's limits. */
export const OUTREACH_LIMITS = { title: 200, text: 100, notes: 5000, venue: 200, link: 2048, audience: 10_000_000, officers: 50, attachmentBytes: 50 * 1024 * 1024, attachmentFiles: 10 } as const;

export type OutreachDetails =
  | { kind: 'school_talk'; schoolName: string; schoolLevel: SchoolLevel; topics: string[]; withEducationBureauTour: boolean }
  | { kind: 'online_post'; platform: string; link: string; reach: number | null }
  | { kind: 'media_interview'; medium: InterviewMedium; outlet: string; programme: string | null }
  | { kind: 'radio_programme'; station: string; programme: string }
  | { kind: 'press_release'; mediaGroups: string[]; withPictures: boolean }
  | { kind: 'special_day_event'; occasion: string; format: EventFormat; withParentsAndChildren: boolean; venue: string | null };

export interface Person {
  id: string;
  displayName: string;
  unitCode: string;
}

export interface Attachment {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export interface Activity {
  id: string;
  unit: { id: string; code: string; nameZh: string; nameEn: string };
  kind: OutreachKind;
  title: string;
  startsAt: string;
  endsAt: string | null;
  audienceCount: number | null;
  officers: Person[];
  notes: string | null;
  details: OutreachDetails;
  attachments: Attachment[];
  createdAt: string;
  updatedAt: string;
  can: { edit: boolean };
}

export interface ActivityInput {
  unitId?: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  audienceCount: number | null;
  officerIds: string[];
  notes: string | null;
  details: OutreachDetails;
}

export interface ActivityFilters {
  unitId?: string;
  kind?: OutreachKind;
  /** UTC bounds of the window (`to` exclusive). */
  from?: string;
  to?: string;
}

export const OUTREACH_KEY = ['outreach'] as const;
export const outreachListKey = (filters: ActivityFilters) => ['outreach', 'list', filters.unitId ?? '', filters.kind ?? '', filters.from ?? '', filters.to ?? ''] as const;

const activityPath = (id: string) => `/api/outreach/${encodeURIComponent(id)}`;

/** `GET /api/outreach`: the activities in the window, newest first, and whether the user may record. */
export function listActivities(filters: ActivityFilters, signal?: AbortSignal): Promise<{ items: Activity[]; can: { create: boolean } }> {
  return apiGet(withQuery('/api/outreach', { ...filters, limit: 1000 }), { signal });
}

export function createActivity(input: ActivityInput): Promise<Activity> {
  return apiPost<Activity>('/api/outreach', input);
}

export function updateActivity(id: string, patch: Partial<ActivityInput>): Promise<Activity> {
  return apiPatch<Activity>(activityPath(id), patch);
}

export function deleteActivity(id: string): Promise<{ deleted: boolean }> {
  return apiPost(`${activityPath(id)}/delete`);
}

/** `POST /api/outreach/:id/attachments` (multipart): slides, posters, pictures. */
export function uploadAttachments(id: string, files: File[]): Promise<Activity> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  return postMultipart<Activity>(`${activityPath(id)}/attachments`, form);
}

export function deleteAttachment(id: string, attachmentId: string): Promise<Activity> {
  return apiPost<Activity>(`${activityPath(id)}/attachments/${encodeURIComponent(attachmentId)}/delete`);
}

/** Downloads an attachment (fetched, so a refusal shows on the page). */
export function downloadAttachment(id: string, attachment: Attachment): Promise<FetchedFile> {
  return fetchFile(`${activityPath(id)}/attachments/${encodeURIComponent(attachment.id)}/content`, attachment.fileName);
}

/** `GET /api/outreach/people`: people the user may name as officers. */
export async function listPeople(q: string, signal?: AbortSignal): Promise<Person[]> {
  return (await apiGet<{ items: Person[] }>(withQuery('/api/outreach/people', { q }), { signal })).items;
}

export function useActivities(filters: ActivityFilters) {
  return useQuery({ queryKey: outreachListKey(filters), queryFn: ({ signal }) => listActivities(filters, signal), placeholderData: keepPreviousData });
}

export function usePeople(q: string, path = '/api/outreach/people') {
  return useQuery({
    queryKey: ['people', path, q],
    queryFn: async ({ signal }) => (await apiGet<{ items: Person[] }>(withQuery(path, { q }), { signal })).items,
    staleTime: 60_000,
  });
}
