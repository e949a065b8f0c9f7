/** The administrator's outbox: what the system sent or wrote, and each message's exact bytes. */
import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { IdParams } from '../units/units.contract.ts';
import type { MailSummary } from './mail.repository.ts';
import { downloadMailForAdmin, listMailForAdmin } from './mail.service.ts';
import { MAIL_STATUSES } from './mail.tables.ts';

const MailStatusSchema = Type.Union(MAIL_STATUSES.map((s) => Type.Literal(s)));
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** One message as administrators see it: no body, no attachment, no case link. */
export const MailSummarySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  recipients: Type.Array(Type.String()),
  subject: Type.String(),
  status: MailStatusSchema,
  deliveryRef: NullableString,
  sha256: NullableString,
  attempts: Type.Integer(),
  lastError: NullableString,
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const MailListSchema = Type.Object({ items: Type.Array(MailSummarySchema) });

export const MailListQuery = Type.Object(
  {
    status: Type.Optional(MailStatusSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export function presentMail(row: MailSummary) {
  return {
    id: row.id,
    kind: row.kind,
    recipients: row.recipients,
    subject: row.subject,
    status: row.status,
    deliveryRef: row.deliveryRef,
    sha256: row.sha256,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

export default async function mailRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['mail'];

  app.get('/api/admin/mail', { schema: { tags, querystring: MailListQuery, response: { 200: MailListSchema } } }, async (request) => {
    const rows = await listMailForAdmin(db, requireActiveUser(request), { status: request.query.status ?? null, limit: request.query.limit ?? 100 });
    return { items: rows.map(presentMail) };
  });

  app.get(
    '/api/admin/mail/:id/eml',
    // The stored RFC 5322 bytes, unchanged: their SHA-256 is the one listed (and sent as X-Mail-SHA256).
    { schema: { tags, params: IdParams, produces: ['message/rfc822'] } },
    async (request, reply) => {
      const download = await downloadMailForAdmin(db, requireActiveUser(request), request.params.id);
      return reply
        .header('Content-Type', 'message/rfc822')
        .header('Content-Disposition', `attachment; filename="${download.fileName}"`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .header('Cache-Control', 'no-store')
        .header('X-Mail-SHA256', download.sha256 ?? '')
        .send(download.bytes);
    },
  );
}
