/** Exactly what leaves the server about hash banks and known-image matches (issue #8). */
import type { HashBankImportWithUser, HashBankSummary } from './hash-banks.repository.ts';
import type { EvidenceImageHashRow } from './hash-banks.tables.ts';
import type { HiddenMatches, ImageMatchesView, VisibleMatch } from './image-matches.service.ts';

/** One import into a bank. */
export function presentImport(item: HashBankImportWithUser) {
  return {
    id: item.id,
    importedAt: item.importedAt.toISOString(),
    importedByUsername: item.importedByUsername,
    rows: item.rowCount,
    added: item.addedCount,
    csvSha256: item.csvSha256,
    note: item.note,
  };
}

/** A bank with its counts by type and latest import. */
export function presentHashBank({ bank, createdByUsername, counts, lastImport }: HashBankSummary) {
  return {
    id: bank.id,
    name: bank.name,
    description: bank.description,
    enabled: bank.enabled,
    createdAt: bank.createdAt.toISOString(),
    createdByUsername,
    counts: { ...counts, total: counts.pdq + counts.md5 + counts.sha256 },
    lastImport: lastImport ? presentImport(lastImport) : null,
  };
}

/** An image on the actor's own side of a match (its hashes are the actor's own evidence). */
export function presentMatchedImage(image: EvidenceImageHashRow) {
  return {
    id: image.id,
    evidenceItemId: image.evidenceItemId,
    source: image.source,
    fileName: image.fileName,
    targetUri: image.targetUri,
    mediaType: image.mediaType,
    width: image.width,
    height: image.height,
    sha256: image.sha256,
    md5: image.md5,
    pdq: image.pdq,
    pdqQuality: image.pdqQuality,
    previewable: image.pdq !== null,
  };
}

function presentMatch({ match, image, bank, evidence }: VisibleMatch) {
  return {
    id: match.id,
    kind: match.kind,
    method: match.method,
    distance: match.distance,
    dihedral: match.dihedral,
    matchedAt: match.matchedAt.toISOString(),
    image: presentMatchedImage(image),
    bank: bank
      ? { id: bank.bank.id, name: bank.bank.name, enabled: bank.bank.enabled, hashType: bank.entry.hashType, label: bank.entry.label, source: bank.entry.source }
      : null,
    evidence: evidence
      ? {
          evidenceItemId: evidence.item.item.id,
          kind: evidence.item.item.kind,
          owningUnitCode: evidence.item.unit.code,
          caseId: evidence.case?.id ?? null,
          caseNumber: evidence.case?.number ?? null,
          findingId: evidence.findingId,
          source: evidence.image.source,
          fileName: evidence.image.fileName,
          targetUri: evidence.image.targetUri,
        }
      : null,
  };
}

/** Hidden matches carry the actor's own image and a count — no id, case, unit or hash of the other side. */
function presentHidden({ image, count }: HiddenMatches) {
  return { image: presentMatchedImage(image), count };
}

/** The matches view: visible matches in full, withheld ones as counts only. */
export function presentImageMatches(view: ImageMatchesView) {
  return {
    hashedImages: view.hashedImages,
    pendingItems: view.pendingItems,
    matches: view.matches.map(presentMatch),
    hidden: view.hidden.map(presentHidden),
    hiddenTotal: view.hidden.reduce((n, h) => n + h.count, 0),
  };
}
