import type { EvidenceWithUnit } from './evidence.repository.ts';
import type { EvidenceFileRow } from './evidence.tables.ts';

/** Exactly what leaves the server about an evidence item. */
export function presentEvidence({ item, unit }: EvidenceWithUnit) {
  return {
    id: item.id,
    kind: item.kind,
    owningUnitCode: unit.code,
    caseId: item.caseId,
    sourceUrl: item.sourceUrl,
    platform: item.platform,
    capturedAt: item.capturedAt.toISOString(),
    recordedAt: item.recordedAt.toISOString(),
    ephemeral: item.ephemeral,
    sha256: item.sha256,
    md5: item.md5,
    sizeBytes: item.sizeBytes,
    mediaType: item.mediaType,
    originalFilename: item.originalFilename,
    notes: item.notes,
    metadata: item.metadata,
    supersedesId: item.supersedesId,
  };
}

export function presentEvidenceFile(file: EvidenceFileRow) {
  return { name: file.name, sha256: file.sha256, sizeBytes: file.sizeBytes, mediaType: file.mediaType };
}
