/**
 * `/api/platforms` for administrators: the platform registry (G3.1) — social networks, forums,
 * messaging apps, video sites and mobile games — read by everyone signed in, created and edited
 * by administrators only (the server answers others with 403). Schemas:
 * src/modules/platforms/platforms.routes.ts.
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost } from '../../lib/api.ts';
import { PLATFORMS_KEY as FINDINGS_PLATFORMS_KEY } from '../findings/findings.api.ts';
import { PLATFORMS_KEY as PATROL_PLATFORMS_KEY, type Platform } from '../patrol/patrol.api.ts';
import type { PlatformKind } from './platform-rules.ts';

export type { Platform };

/** The fields an administrator edits; `code` is set once, on creation. */
export interface PlatformFields {
  nameZh: string;
  nameEn: string;
  kind: PlatformKind;
  domains: string[];
  searchUrlTemplates: string[];
  unavailableMarkers: string[];
  notes: string | null;
}

/** `POST /api/platforms`: a new platform is always active. */
export type CreatePlatformInput = PlatformFields & { code: string };

/** `PATCH /api/platforms/:id`: only the fields that changed (at least one). */
export type UpdatePlatformInput = Partial<PlatformFields & { active: boolean }>;

/**
 * This page's entry, under the `platforms` prefix so that invalidating the registry reaches it
 * too; a key of its own because the findings feature caches a narrower shape under `['platforms']`.
 */
export const PLATFORMS_ADMIN_KEY = ['platforms', 'admin'] as const;

/** `GET /api/platforms`: every platform, active or not, by code (the server's order). */
export function usePlatformsAdmin() {
  return useQuery({
    queryKey: PLATFORMS_ADMIN_KEY,
    queryFn: async ({ signal }) => (await apiGet<{ items: Platform[] }>('/api/platforms', { signal })).items,
  });
}

/** `POST /api/platforms` (administrators). */
export function createPlatform(input: CreatePlatformInput): Promise<Platform> {
  return apiPost<Platform>('/api/platforms', input);
}

/** `PATCH /api/platforms/:id` (administrators). */
export function updatePlatform(id: string, patch: UpdatePlatformInput): Promise<Platform> {
  return apiPatch<Platform>(`/api/platforms/${encodeURIComponent(id)}`, patch);
}

/** After a change: every feature's copy of the registry (this page, findings filters, the patrol toolkit). */
export async function invalidatePlatforms(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: FINDINGS_PLATFORMS_KEY }),
    queryClient.invalidateQueries({ queryKey: PATROL_PLATFORMS_KEY }),
  ]);
}
