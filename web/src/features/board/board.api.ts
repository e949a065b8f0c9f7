/**
 * `/api/cases/board*`: the tracking board (列管, G4.1.1), its CSV/XLSX export and the user's saved
 * views. Schemas: src/modules/cases/board.contract.ts. Need-to-know is the server's rule: the
 * board lists only the cases the user may see, and never reporters (G6.3.6).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiPost, withQuery } from '../../lib/api.ts';
import { fetchSession } from '../auth/session.ts';
import type { CaseStatus } from '../cases/cases.api.ts';
import type { NamedRef } from '../findings/findings.api.ts';
import { filterParams, normalizeFilters, type BoardFilters } from './board-filters.ts';
import { errorFromResponse, fetchFile, type FetchedFile } from './file-download.ts';

/** A supervisor's signed-off outcome of the Art. 40 check (null on the board: not yet decided). */
export type Art40Outcome = 'art40' | 'harmful' | 'not_target';

/** One board row: no reporter and no summary text ever reach the board. */
export interface BoardItem {
  id: string;
  number: string;
  title: string;
  status: CaseStatus;
  serious: boolean;
  art40Outcome: Art40Outcome | null;
  cibAssistance: string;
  owningUnit: NamedRef;
  platform: NamedRef | null;
  openTaskCount: number;
  overdueTaskCount: number;
  nextDueAt: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface BoardPage {
  items: BoardItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface SavedView {
  id: string;
  name: string;
  filters: BoardFilters;
  createdAt: string;
}

export type ExportFormat = 'csv' | 'xlsx';

/** The server's limit on a view's name. */
export const VIEW_NAME_MAX = 100;

export const BOARD_KEY = ['cases', 'board'] as const;
export const boardPageKey = (filters: BoardFilters, page: number, pageSize: number) => ['cases', 'board', 'page', filterParams(filters), page, pageSize] as const;
export const BOARD_VIEWS_KEY = ['cases', 'board', 'views'] as const;

/** `GET /api/cases/board`: one page of the cases the user may see, filtered and sorted. */
export function getBoardPage(filters: BoardFilters, page: number, pageSize: number, signal?: AbortSignal): Promise<BoardPage> {
  return apiGet<BoardPage>(withQuery('/api/cases/board', { ...filterParams(filters), page, pageSize }), { signal });
}

/** `GET /api/cases/board/views`: the user's own saved views. */
export async function listBoardViews(signal?: AbortSignal): Promise<SavedView[]> {
  return (await apiGet<{ items: SavedView[] }>('/api/cases/board/views', { signal })).items;
}

/** `POST /api/cases/board/views`. */
export function saveBoardView(name: string, filters: BoardFilters): Promise<SavedView> {
  return apiPost<SavedView>('/api/cases/board/views', { name: name.trim(), filters: normalizeFilters(filters) });
}

/**
 * `DELETE /api/cases/board/views/:id`. The JSON wrapper has no DELETE, so this is a plain fetch
 * with the session's current CSRF token (read fresh, as the evidence export does).
 */
export async function deleteBoardView(id: string): Promise<void> {
  const { csrfToken } = await fetchSession();
  const response = await fetch(`/api/cases/board/views/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { accept: 'application/json', 'x-csrf-token': csrfToken },
  }).catch((cause: unknown) => {
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
  });
  if (!response.ok) throw await errorFromResponse(response);
}

/** `GET /api/cases/board/export`: every case matching the filters as CSV (UTF-8 with BOM) or XLSX. */
export function exportBoard(filters: BoardFilters, format: ExportFormat): Promise<FetchedFile> {
  const accept = format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return fetchFile(withQuery('/api/cases/board/export', { format, ...filterParams(filters) }), `case-board.${format}`, accept);
}

/** One page of the board; the previous page stays on screen while the next one loads. */
export function useBoardPage(filters: BoardFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: boardPageKey(filters, page, pageSize),
    queryFn: ({ signal }) => getBoardPage(filters, page, pageSize, signal),
    placeholderData: keepPreviousData,
  });
}

/** The saved views, and saving and deleting one. */
export function useBoardViews() {
  const queryClient = useQueryClient();
  const views = useQuery({ queryKey: BOARD_VIEWS_KEY, queryFn: ({ signal }) => listBoardViews(signal) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: BOARD_VIEWS_KEY });
  const save = useMutation({ mutationFn: ({ name, filters }: { name: string; filters: BoardFilters }) => saveBoardView(name, filters), onSuccess: refresh });
  const remove = useMutation({ mutationFn: deleteBoardView, onSuccess: refresh });
  return { views, save, remove };
}
