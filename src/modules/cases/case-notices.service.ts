/**
 * Notices the case sends by e-mail with a generated PDF (G4.2.2 social affairs at once; G4.2.3 the
 * FPO with the case file): the document is printed from case facts, the mail and the notice record
 * are written in one transaction (the mail goes out through SMTP or the outbox as a durable job),
 * and the notice's case event closes its playbook task. The same documents can be printed for the
 * file; each print is audited.
 */
import { createHash } from 'node:crypto';
import type { AppConfig } from '../../core/config.ts';
import type { Database } from '../../core/db/client.ts';
import type { PdfPrinter } from '../../core/documents/pdf-printer.ts';
import { AppError } from '../../core/errors.ts';
import type { JobQueue } from '../../core/queue/job-queue.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { recordAuditNow } from '../audit/audit.service.ts';
import { evidenceRepository } from '../evidence/evidence.repository.ts';
import { findingsRepository } from '../findings/findings.repository.ts';
import { enqueueMailDelivery, queueMail } from '../mail/mail.service.ts';
import { caseWorkflowRepository } from './case-workflow.repository.ts';
import { caseFile, socialAffairsNotice } from './case-notices.document.ts';
import { checkNotice, writeNotice, type NoticeInput } from './case-workflow.service.ts';
import { casesRepository, type CaseWithUnit } from './cases.repository.ts';
import { loadCaseFor } from './cases.service.ts';

export type NoticeDeps = { db: Database; printer: PdfPrinter; config: AppConfig; queue: JobQueue | null };
export type NoticeDocumentKind = 'social_affairs' | 'case_file';

const STATUS_ZH: Record<string, string> = { open: '受理', assessed: '已檢核', investigating: '偵查中', transferred: '已移送', closed: '已結案' };

async function socialAffairsPdf(deps: NoticeDeps, found: CaseWithUnit, now: Date): Promise<Buffer> {
  if (found.case.art40Outcome !== 'art40' || !found.case.art40ConfirmedAt) {
    throw new AppError('WORKFLOW_STEP_REFUSED', '須經主管覆核確認為第 40 條案件後才通報 (notify once the Art. 40 check is signed off)');
  }
  const approved = (await caseWorkflowRepository.assessments(deps.db, found.case.id)).find((a) => a.decision === 'approved');
  if (!approved) throw new AppError('WORKFLOW_STEP_REFUSED', '找不到已核定的第 40 條檢核 (no approved Art. 40 check)');
  const caseFindings = await findingsRepository.list(deps.db, { unitPathPrefix: null, caseId: found.case.id, limit: 200 });
  const { document, footerHtml } = socialAffairsNotice({
    caseNumber: found.case.number,
    unitName: found.unit.nameZh,
    confirmedAt: found.case.art40ConfirmedAt,
    subparagraphs: approved.elements.childAtRisk.subparagraphs,
    elementReasons: {
      publicDissemination: approved.elements.publicDissemination.reasons,
      inducement: approved.elements.inducement.reasons,
      childAtRisk: approved.elements.childAtRisk.reasons,
    },
    findings: caseFindings.map((f) => ({ url: f.finding.url, platformName: f.platform.nameZh, accountName: f.finding.accountName, accountId: f.finding.accountId, posterIp: f.finding.posterIp, seenAt: f.finding.seenAt })),
    printedAt: now,
  });
  return deps.printer.print(document, { footerHtml });
}

async function caseFilePdf(deps: NoticeDeps, found: CaseWithUnit, now: Date): Promise<Buffer> {
  const [transfer, evidence, timeline] = await Promise.all([
    caseWorkflowRepository.transfer(deps.db, found.case.id),
    evidenceRepository.list(deps.db, { unitPathPrefix: null, caseId: found.case.id, limit: 1000 }),
    casesRepository.timeline(deps.db, found.case.id, 2000),
  ]);
  const { document, footerHtml } = caseFile({
    caseNumber: found.case.number,
    title: found.case.title,
    unitName: found.unit.nameZh,
    status: STATUS_ZH[found.case.status] ?? found.case.status,
    art40ConfirmedAt: found.case.art40ConfirmedAt,
    transfer: transfer ? { office: transfer.prosecutorOffice, transferredOn: transfer.transferredOn, documentNumber: transfer.documentNumber } : null,
    evidence: evidence.map((e) => ({ id: e.item.id, kind: e.item.kind, sha256: e.item.sha256, capturedAt: e.item.capturedAt, mediaType: e.item.mediaType })),
    // Reads of the case are part of its audit trail but not of the case file.
    timeline: timeline.filter((t) => t.outcome === 'success' && !t.action.endsWith('view') && !t.action.endsWith('list')).map((t) => ({ occurredAt: t.occurredAt, action: t.action, unitCode: t.actorUnitCode })),
    printedAt: now,
  });
  return deps.printer.print(document, { footerHtml, watermark: '僅供偵查使用' });
}

/** Prints one of the case's documents for the file (audited as a print of case content). */
export async function printCaseDocument(deps: NoticeDeps, ctx: ServiceContext, caseId: string, kind: NoticeDocumentKind, now = new Date()): Promise<{ pdf: Buffer; fileName: string }> {
  const found = await loadCaseFor(deps.db, ctx, caseId, 'read');
  const pdf = kind === 'social_affairs' ? await socialAffairsPdf(deps, found, now) : await caseFilePdf(deps, found, now);
  await recordAuditNow(deps.db, ctx, { action: 'case.document_print', objectType: 'case', objectId: caseId, details: { kind, sha256: createHash('sha256').update(pdf).digest('hex') } });
  return { pdf, fileName: `${found.case.number}-${kind === 'social_affairs' ? 'social-affairs-notice' : 'case-file'}.pdf` };
}

/**
 * Sends the social-affairs notice (after sign-off) or the FPO notice with the case file (after
 * transfer) by e-mail, and records it. The subject names only the case number.
 */
export async function sendCaseNotice(
  deps: NoticeDeps,
  ctx: ServiceContext,
  caseId: string,
  input: { kind: 'social_affairs' | 'fpo'; recipients: string[] },
  now = new Date(),
): Promise<CaseWithUnit> {
  const found = await loadCaseFor(deps.db, ctx, caseId, 'update');
  if (input.kind === 'fpo' && found.case.status !== 'transferred') throw new AppError('WORKFLOW_STEP_REFUSED', '移送後才通知家防官 (the FPO is notified after the transfer)');
  const pdf = input.kind === 'social_affairs' ? await socialAffairsPdf(deps, found, now) : await caseFilePdf(deps, found, now);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const subject =
    input.kind === 'social_affairs' ? `兒少性剝削案件通報（案號 ${found.case.number}）` : `移送案件通知家防官（案號 ${found.case.number}）`;
  const text =
    input.kind === 'social_affairs'
      ? `${found.unit.nameZh}通報：案號 ${found.case.number} 經確認為兒童及少年性剝削防制條例第 40 條案件，通報單如附件（PDF，SHA-256 ${sha256}）。`
      : `${found.unit.nameZh}：案號 ${found.case.number} 已移送地檢署，移送案卷清冊如附件（PDF，SHA-256 ${sha256}）。`;
  const channel = deps.config.mail.smtpUrl ? 'email' : 'eml_outbox';
  const notice: NoticeInput = { kind: input.kind, recipient: input.recipients.join(', '), channel, sentAt: now, documentSha256: sha256 };
  const recipient = checkNotice(found, notice, now);
  let mailId = '';
  // Mail and notice commit together; nothing in here reads outside the transaction (PGlite has one connection).
  await deps.db.transaction(async (tx) => {
    const mail = await queueMail(tx, {
      kind: `case.notice.${input.kind}`,
      from: deps.config.mail.from,
      to: input.recipients,
      subject,
      text,
      attachments: [{ filename: `${found.case.number}.pdf`, contentType: 'application/pdf', content: pdf }],
      caseId,
      ctx,
    });
    mailId = mail.id;
    await writeNotice(tx, ctx, found, { ...notice, mailMessageId: mail.id }, recipient);
  });
  await enqueueMailDelivery(deps.queue, mailId);
  return (await casesRepository.findById(deps.db, caseId))!;
}
