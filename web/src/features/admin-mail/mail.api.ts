/**
 * `/api/admin/mail*`: the administrator's outbox — what the system sent or wrote as .eml files,
 * with each message's SHA-256. Administrators see no body, attachment or case link here; the
 * .eml download is the stored bytes unchanged (schemas: src/modules/mail/mail.routes.ts).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, withQuery } from '../../lib/api.ts';
import { fetchFile, type FetchedFile } from '../board/file-download.ts';

export const MAIL_STATUSES = ['queued', 'sent', 'written_to_outbox', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export interface MailSummary {
  id: string;
  kind: string;
  recipients: string[];
  subject: string;
  status: MailStatus;
  deliveryRef: string | null;
  sha256: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** How many messages the page lists (the server allows up to 500). */
export const MAIL_LIST_LIMIT = 200;

export const mailListKey = (status: MailStatus | undefined) => ['admin', 'mail', status ?? 'all'] as const;

/** `GET /api/admin/mail`: the newest messages, optionally of one status. */
export async function listMail(status: MailStatus | undefined, signal?: AbortSignal): Promise<MailSummary[]> {
  return (await apiGet<{ items: MailSummary[] }>(withQuery('/api/admin/mail', { status, limit: MAIL_LIST_LIMIT }), { signal })).items;
}

/** `GET /api/admin/mail/:id/eml`: the message's exact RFC 5322 bytes (the download is audited). */
export function downloadEml(id: string): Promise<FetchedFile> {
  return fetchFile(`/api/admin/mail/${encodeURIComponent(id)}/eml`, `${id}.eml`, 'message/rfc822');
}

/** The outbox list for a status filter; the previous list stays while the next one loads. */
export function useMailList(status: MailStatus | undefined) {
  return useQuery({ queryKey: mailListKey(status), queryFn: ({ signal }) => listMail(status, signal), placeholderData: keepPreviousData });
}
