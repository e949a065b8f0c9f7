/**
 * `/api/liaison`: the partner bodies' liaison windows (聯繫窗口, G4.1.2). Everyone with a case role
 * reads it (every takedown report names its recipient from here); the WCPD coordinators and the
 * administrators keep it. Schemas: src/modules/liaison/liaison.routes.ts.
 */
import { useQuery } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost } from '../../lib/api.ts';
import type { Role } from '../../lib/roles.ts';

/** The partner bodies the guideline names (G4.1.2, G5.1, G5.2, G6.2.1, G6.3.2), in the server's order. */
export const LIAISON_BODIES = ['iwin', 'sab', 'edb', 'sipc', 'twnic', 'prosecutor_taipei', 'prosecutor_shilin', 'other'] as const;
export type LiaisonBody = (typeof LIAISON_BODIES)[number];

export const LIAISON_CHANNELS = ['email', 'phone', 'letter', 'fax', 'online_system'] as const;
export type LiaisonChannel = (typeof LIAISON_CHANNELS)[number];

/** The server's text limits. */
export const LIAISON_LIMITS = { organisation: 300, windowName: 200, email: 300, phone: 100, notes: 3000 } as const;

/** Who may create and edit windows (the server refuses others with 403). */
export const LIAISON_EDITORS: readonly Role[] = ['wcpd_coordinator', 'admin'];

export interface LiaisonContact {
  id: string;
  body: LiaisonBody;
  organisation: string;
  windowName: string | null;
  email: string | null;
  phone: string | null;
  channels: LiaisonChannel[];
  notes: string | null;
  active: boolean;
  updatedAt: string;
}

export interface LiaisonInput {
  organisation: string;
  windowName: string | null;
  email: string | null;
  phone: string | null;
  channels: LiaisonChannel[];
  notes: string | null;
  active: boolean;
}

export const LIAISON_KEY = ['liaison'] as const;

/** `GET /api/liaison`: every window, active or not. */
export async function listLiaison(signal?: AbortSignal): Promise<LiaisonContact[]> {
  return (await apiGet<{ items: LiaisonContact[] }>('/api/liaison', { signal })).items;
}

/** `POST /api/liaison` (201). */
export function createLiaison(input: LiaisonInput & { body: LiaisonBody }): Promise<LiaisonContact> {
  return apiPost<LiaisonContact>('/api/liaison', input);
}

/** `PATCH /api/liaison/:id` (the body of a window never changes). */
export function updateLiaison(id: string, patch: Partial<LiaisonInput>): Promise<LiaisonContact> {
  return apiPatch<LiaisonContact>(`/api/liaison/${encodeURIComponent(id)}`, patch);
}

/** The directory, kept for a minute (it changes rarely). */
export function useLiaison(enabled = true) {
  return useQuery({ queryKey: LIAISON_KEY, queryFn: ({ signal }) => listLiaison(signal), staleTime: 60_000, enabled });
}

/** Directory order: by body (the guideline's order), then organisation and window. */
export function sortedContacts(contacts: readonly LiaisonContact[]): LiaisonContact[] {
  const rank = (body: LiaisonBody) => LIAISON_BODIES.indexOf(body);
  return [...contacts].sort(
    (a, b) =>
      rank(a.body) - rank(b.body) ||
      a.organisation.localeCompare(b.organisation, 'zh-Hant') ||
      (a.windowName ?? '').localeCompare(b.windowName ?? '', 'zh-Hant'),
  );
}

/** The window a takedown report goes to by default: the first active iWIN window, preferring one with e-mail. */
export function defaultReportContact(contacts: readonly LiaisonContact[]): LiaisonContact | undefined {
  const iwin = sortedContacts(contacts).filter((c) => c.body === 'iwin' && c.active);
  return iwin.find((c) => c.email) ?? iwin[0];
}

/**
 * A window's name for pickers and records: the body's name (unless the organisation already
 * says it), the organisation and the window.
 */
export function contactLabel(bodyLabel: string, contact: { organisation: string; windowName: string | null }): string {
  const head = contact.organisation.includes(bodyLabel) ? contact.organisation : `${bodyLabel}｜${contact.organisation}`;
  return contact.windowName ? `${head} — ${contact.windowName}` : head;
}
