/**
 * Printing a victim's SIPC complaint (G5.3.1) under the confidentiality rule (G6.3.6, Act Art. 7):
 * by default without the victim's identity; with it only when a user who may see it asks, with a
 * typed reason — then the PDF is marked 機密 on every page and watermarked with who printed it and
 * when, and the export is audited with its reason (`victim.identity_export`). Every print is audited.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../core/db/client.ts';
import type { PdfPrinter } from '../../core/documents/pdf-printer.ts';
import { AppError } from '../../core/errors.ts';
import type { VictimKey } from '../../core/identity/victim-key.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { formatRocDateTime } from '../../core/time.ts';
import { recordAuditNow } from '../audit/audit.service.ts';
import { caseAccessFacts } from '../cases/cases.service.ts';
import { openVictimIdentity, type VictimIdentity } from './victim-identity.ts';
import { sipcComplaintDocument } from './victim-sipc.document.ts';
import { canSeeVictimIdentity, cleanReason, loadVictimFor, refuseIdentityIn } from './victims.service.ts';
import { victimsRepository } from './victims.repository.ts';

export type VictimDocumentDeps = { db: Database; printer: PdfPrinter; victimKey: VictimKey };

/** The short reference a document names the victim by: the first block of the record id. */
export function victimReference(victimId: string): string {
  return `V-${victimId.slice(0, 8).toUpperCase()}`;
}

/** Prints a complaint; `includeIdentity` needs identity rights and a reason (G6.3.6). */
export async function printSipcComplaint(
  deps: VictimDocumentDeps,
  ctx: ServiceContext,
  victimId: string,
  complaintId: string,
  options: { includeIdentity: boolean; reason?: string | null },
  now = new Date(),
): Promise<{ pdf: Buffer; fileName: string }> {
  const { db } = deps;
  const { victim, found } = await loadVictimFor(db, ctx, victimId, 'read');
  const complaint = await victimsRepository.findComplaint(db, victimId, complaintId);
  if (!complaint) throw new AppError('NOT_FOUND', '找不到此申訴紀錄 (no such SIPC complaint)');

  let identity: VictimIdentity | null = null;
  let reason: string | null = null;
  if (options.includeIdentity) {
    const typedReason = options.reason?.trim().slice(0, 500) || null;
    if (!canSeeVictimIdentity(ctx.actor, caseAccessFacts(found))) {
      await recordAuditNow(db, ctx, { action: 'victim.identity_export', objectType: 'victim', objectId: victimId, outcome: 'denied', reason: typedReason, details: { caseId: found.case.id, complaintId } });
      throw new AppError('FORBIDDEN', '僅案件承辦人、婦幼隊與被害人保護權限人員可列印含被害人身分之文件 (only the case’s assignees, the WCPD and victim-protection staff may print a document with the victim’s identity)');
    }
    reason = cleanReason(options.reason ?? '');
    try {
      identity = openVictimIdentity(deps.victimKey, victim.victim);
    } catch (error) {
      await recordAuditNow(db, ctx, { action: 'victim.identity_export', objectType: 'victim', objectId: victimId, outcome: 'failure', reason, details: { caseId: found.case.id, complaintId, problem: error instanceof AppError ? error.details?.problem : 'identity_unreadable' } });
      throw error;
    }
    refuseIdentityIn(reason, 'reason', identity);
  }

  const row = victim.victim;
  const { document, headerHtml, footerHtml } = sipcComplaintDocument({
    unitName: found.unit.nameZh,
    victimReference: victimReference(row.id),
    isMinor: complaint.minorAtFiling,
    ageAtIncident: row.ageAtIncident,
    incidentDate: row.incidentDate,
    filedAt: complaint.filedAt,
    channel: complaint.channel,
    sipcReference: complaint.sipcReference,
    targetHours: complaint.targetHours,
    dueAt: complaint.dueAt,
    content: complaint.content,
    printedAt: now,
    printedBy: ctx.actor!.username,
    identity,
  });
  const watermark = identity ? `機密 ${ctx.actor!.username} ${formatRocDateTime(now)}` : '僅供申訴下架使用';
  const pdf = await deps.printer.print(document, { headerHtml, footerHtml, watermark });
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  await recordAuditNow(db, ctx, {
    action: identity ? 'victim.identity_export' : 'victim.document_print',
    objectType: 'victim',
    objectId: victimId,
    reason,
    details: { caseId: found.case.id, caseNumber: found.case.number, complaintId, sha256, includeIdentity: identity !== null },
  });
  const suffix = identity ? '-confidential' : '';
  return { pdf, fileName: `${found.case.number}-sipc-complaint-${victimReference(row.id)}${suffix}.pdf` };
}
