/** `/api/units`: the unit tree (臺北市政府警察局 → divisions, corps, precincts → squads, stations). */
import { useQuery } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost } from '../../lib/api.ts';

export const UNIT_KINDS = ['department', 'division', 'corps', 'precinct', 'squad', 'section', 'station'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: UnitKind;
  parentId: string | null;
  active: boolean;
}

/** A new unit always sits under an existing one (the department is the single root). */
export interface CreateUnitInput {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: UnitKind;
  parentId: string;
}

/** The root keeps no parent; any other unit can move under another (never into its own subtree). */
export interface UpdateUnitInput {
  nameZh?: string;
  nameEn?: string;
  kind?: UnitKind;
  parentId?: string;
  active?: boolean;
}

export const UNITS_QUERY_KEY = ['units'] as const;

/** Every unit, flat, in the server's order. */
export function useUnits() {
  return useQuery({
    queryKey: UNITS_QUERY_KEY,
    queryFn: async () => (await apiGet<{ items: Unit[] }>('/api/units')).items,
    staleTime: 60_000,
  });
}

/** `POST /api/units` (administrators). */
export function createUnit(input: CreateUnitInput): Promise<Unit> {
  return apiPost<Unit>('/api/units', input);
}

/** `PATCH /api/units/:id` (administrators). */
export function updateUnit(id: string, patch: UpdateUnitInput): Promise<Unit> {
  return apiPatch<Unit>(`/api/units/${encodeURIComponent(id)}`, patch);
}
