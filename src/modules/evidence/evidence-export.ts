/**
 * The evidence export package (G6.1 ⑤: nothing may leak or change in transfer; G6.3.6): a zip of
 * the chosen items' files, `manifest.json` (SHA-256 and size of every file), its Ed25519 signature,
 * the custody events of those items, and a printed evidence list watermarked with who exported
 * it and when. The export itself is audited, with the manifest's hash, before a byte is sent.
 */
import { createHash, sign } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import yazl from 'yazl';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { canonicalJsonBytes, keyId, publicKeyBase64, type SigningKey } from '../../capture/index.ts';
import { html, trustedHtml } from '../../core/documents/html.ts';
import { PAGE_X_OF_Y, printableDocument, type PdfPrinter } from '../../core/documents/pdf-printer.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { formatRocDateTime, toTaipeiIso } from '../../core/time.ts';
import type { Vault } from '../../core/vault/vault.ts';
import { recordAuditNow } from '../audit/audit.service.ts';
import { auditEvents } from '../audit/audit.tables.ts';
import { evidenceRepository, type EvidenceWithUnit } from './evidence.repository.ts';
import { loadAccessible, requireEvidenceRole } from './evidence.service.ts';
import type { EvidenceFileRow } from './evidence.tables.ts';

export const EXPORT_MAX_ITEMS = 200;

type ExportEntry = { item: EvidenceWithUnit; files: EvidenceFileRow[] };

/** The signed export manifest, as written into the package. */
export type ExportManifest = {
  export_id: string;
  created_at: string;
  created_by: string;
  unit: string;
  reason: string;
  items: { id: string; kind: string; captured_at: string; source_url: string | null; sha256: string }[];
  files: { path: string; sha256: string; bytes: number }[];
  signature_algorithm: 'Ed25519';
  key_id: string;
};

function kindLabel(kind: string): string {
  return { web_capture: '網頁擷取 web capture', upload: '上傳 upload', chat_record: '對話紀錄 chat record', derived: '衍生 derived' }[kind] ?? kind;
}

/** Builds the export: checks access to every item, verifies every file, audits, then streams the zip. */
export async function exportEvidencePackage(
  db: Database,
  vault: Vault,
  printer: PdfPrinter,
  signingKey: SigningKey,
  ctx: ServiceContext,
  input: { itemIds: string[]; reason: string },
): Promise<{ stream: Readable; fileName: string; manifestSha256: string }> {
  const actor = requireEvidenceRole(ctx);
  const ids = [...new Set(input.itemIds)];
  if (ids.length === 0 || ids.length > EXPORT_MAX_ITEMS) {
    throw new AppError('VALIDATION_FAILED', `請選擇 1 至 ${EXPORT_MAX_ITEMS} 件證據 (choose 1 to ${EXPORT_MAX_ITEMS} items)`);
  }
  if (input.reason.trim().length < 4) throw new AppError('VALIDATION_FAILED', '請填寫匯出理由 (a reason of at least 4 characters is required)');
  const entries: ExportEntry[] = [];
  for (const id of ids) {
    const item = await loadAccessible(db, ctx, id, 'evidence.export');
    entries.push({ item, files: await evidenceRepository.filesOf(db, id) });
  }
  // Nothing damaged leaves the vault: every file is decrypted and re-hashed first.
  for (const { item, files } of entries) {
    for (const file of files) {
      const check = await vault.verify(file.sha256);
      if (!check.ok) throw new AppError('CONFLICT', `證據 ${item.item.id} 的檔案 ${file.name} 驗證失敗 (${check.problem}); 匯出已停止 (export stopped)`);
    }
  }
  const exportId = crypto.randomUUID();
  const createdAt = new Date();
  const manifestBody = {
    export_id: exportId,
    created_at: toTaipeiIso(createdAt),
    created_by: actor.username,
    unit: actor.unitCode,
    reason: input.reason.trim(),
    items: entries.map(({ item }) => ({
      id: item.item.id,
      kind: item.item.kind,
      captured_at: toTaipeiIso(item.item.capturedAt),
      source_url: item.item.sourceUrl,
      sha256: item.item.sha256,
    })),
    files: entries.flatMap(({ item, files }) =>
      files.map((f) => ({ path: `items/${item.item.id}/${f.name}`, sha256: f.sha256, bytes: f.sizeBytes })),
    ),
    signature_algorithm: 'Ed25519' as const,
    key_id: keyId(signingKey),
  } satisfies ExportManifest;
  const manifestBytes = canonicalJsonBytes(manifestBody);
  const signature = {
    algorithm: 'Ed25519',
    key_id: keyId(signingKey),
    public_key: publicKeyBase64(signingKey),
    signed_file: 'manifest.json',
    signed_form: 'the exact bytes of manifest.json (canonical JSON, see docs/capture-manifest.md)',
    signature: sign(null, manifestBytes, signingKey.privateKey).toString('base64'),
  };
  const manifestSha256 = createHash('sha256').update(manifestBytes).digest('hex');

  const custody = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.objectType, 'evidence'), inArray(auditEvents.objectId, ids)))
    .orderBy(asc(auditEvents.seq));

  const watermark = `匯出 ${actor.username} ${formatRocDateTime(createdAt)}`;
  const list = printableDocument({
    title: '證據清單 Evidence list',
    styles: trustedHtml('table{width:100%;border-collapse:collapse}td,th{border:1px solid #999;padding:3px 5px;vertical-align:top;font-size:9pt}code{font-size:7.5pt;word-break:break-all}h1{font-size:15pt}'),
    body: html`<h1>證據清單 Evidence list</h1>
<p>匯出編號 export ${exportId}<br>匯出人 ${actor.username}（${actor.unitCode}） · 時間 ${formatRocDateTime(createdAt)}<br>理由 ${input.reason.trim()}<br>清單雜湊 manifest SHA-256 <code>${manifestSha256}</code></p>
<table><thead><tr><th>#</th><th>種類 kind</th><th>擷取時間 captured</th><th>來源 source</th><th>檔案與 SHA-256 files</th></tr></thead><tbody>
${entries.map(
  ({ item, files }, index) => html`<tr><td>${index + 1}</td><td>${kindLabel(item.item.kind)}</td><td>${formatRocDateTime(item.item.capturedAt)}</td><td>${item.item.sourceUrl ?? item.item.originalFilename ?? '—'}</td><td>${files.map((f) => html`${f.name} (${f.sizeBytes} B)<br><code>${f.sha256}</code><br>`)}</td></tr>`,
)}
</tbody></table>`,
  });
  const pdf = await printer.print(list, {
    watermark,
    footerHtml: html`${PAGE_X_OF_Y} · 匯出 ${exportId} · manifest SHA-256 ${manifestSha256}`,
  });

  await recordAuditNow(db, ctx, {
    action: 'evidence.export',
    objectType: 'evidence_export',
    objectId: exportId,
    reason: input.reason.trim(),
    details: { itemIds: ids, manifestSha256, files: manifestBody.files.length },
  });

  const zip = new yazl.ZipFile();
  const mtime = createdAt;
  zip.addBuffer(manifestBytes, 'manifest.json', { mtime, compress: false });
  zip.addBuffer(Buffer.from(`${JSON.stringify(signature, null, 2)}\n`), 'manifest.sig.json', { mtime });
  zip.addBuffer(Buffer.from(`${JSON.stringify(custody, null, 2)}\n`), 'custody-events.json', { mtime });
  zip.addBuffer(pdf, 'evidence-list.pdf', { mtime, compress: false });
  const out = new PassThrough();
  // Each vault stream opens only when the zip reaches its entry, so one file is open at a time.
  for (const { item, files } of entries) {
    for (const file of files) {
      zip.addReadStreamLazy(`items/${item.item.id}/${file.name}`, { mtime, compress: false, size: file.sizeBytes }, (callback) => {
        vault.open(file.sha256).then(
          (content) => callback(null, content),
          (error: Error) => callback(error, undefined as unknown as Readable),
        );
      });
    }
  }
  zip.end();
  zip.outputStream.on('error', (error: Error) => out.destroy(error));
  zip.outputStream.pipe(out);
  return { stream: out, fileName: `csep-export-${exportId}.zip`, manifestSha256 };
}
