/** Rows → the API's finding shapes. */
import type { KnownElsewhere } from './findings.service.ts';
import type { FindingWithRefs } from './findings.repository.ts';

export function presentFinding({ finding, unit, platform, knownUrl, recordedByUsername, case: linkedCase }: FindingWithRefs) {
  return {
    id: finding.id,
    url: finding.url,
    canonicalUrl: knownUrl.canonicalUrl,
    host: knownUrl.host,
    platform: { id: platform.id, code: platform.code, nameZh: platform.nameZh, nameEn: platform.nameEn },
    unit: { id: unit.id, code: unit.code, nameZh: unit.nameZh, nameEn: unit.nameEn },
    recordedBy: recordedByUsername,
    patrolSessionId: finding.patrolSessionId,
    accountName: finding.accountName,
    accountId: finding.accountId,
    posterIp: finding.posterIp,
    identitySource: finding.identitySource,
    contentText: finding.contentText,
    postedAt: finding.postedAt?.toISOString() ?? null,
    seenAt: finding.seenAt.toISOString(),
    ephemeral: finding.ephemeral,
    targetCategory: finding.targetCategory,
    targetKind: finding.targetKind,
    triageScore: finding.triageScore,
    triage: finding.triage ?? null,
    pageTriage: finding.pageTriage ?? null,
    notes: finding.notes,
    case: linkedCase ? { id: linkedCase.id, number: linkedCase.number, title: linkedCase.title } : null,
    createdAt: finding.createdAt.toISOString(),
    updatedAt: finding.updatedAt.toISOString(),
  };
}

export function presentKnown(known: readonly KnownElsewhere[]) {
  return known.map((k) => ({ ...k, seenAt: k.seenAt.toISOString() }));
}

/** The list cursor: the last row's (seenAt, id). */
export function encodeCursor(row: FindingWithRefs): string {
  return `${row.finding.seenAt.toISOString()}_${row.finding.id}`;
}

export function decodeCursor(cursor: string | undefined): { seenAt: Date; id: string } | undefined | null {
  if (!cursor) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_([0-9a-f-]{36})$/.exec(cursor);
  if (!match) return null;
  const seenAt = new Date(match[1]!);
  return Number.isNaN(seenAt.getTime()) ? null : { seenAt, id: match[2]! };
}
