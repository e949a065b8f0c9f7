/**
 * Known-image matches as an officer may see them (issue #8; G6.3.6 need-to-know), for an evidence
 * item, a finding or a case. The actor must be able to read the item, finding or case first.
 * A match into a bank shows the bank and its label (every case role may see those). A match into
 * another item shows that item and its case only when the actor may see that item; otherwise the
 * officer learns only that matches exist elsewhere — a count per own image, no case number, no
 * unit, no id. The WCPD coordinator sees every case, so sees which one. This is decided here,
 * not in the UI: nothing hidden leaves the server.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../core/db/client.ts';
import { notFound } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import type { Vault } from '../../core/vault/vault.ts';
import { recordAuditNow } from '../audit/audit.service.ts';
import { casesRepository } from '../cases/cases.repository.ts';
import { loadCaseFor } from '../cases/cases.service.ts';
import type { CaseRow } from '../cases/cases.tables.ts';
import { evidenceRepository, type EvidenceWithUnit } from '../evidence/evidence.repository.ts';
import { blurredPreview, canSeeItem, loadAccessible, requireEvidenceRole } from '../evidence/evidence.service.ts';
import { findingsRepository } from '../findings/findings.repository.ts';
import { loadFinding } from '../findings/findings.service.ts';
import { IMAGE_TYPES } from '../evidence/media-type.ts';
import { imagesFromWarc } from '../takedowns/removal-reference.ts';
import type { EvidenceImageHashRow, HashBankEntryRow, HashBankRow, ImageMatchRow } from './hash-banks.tables.ts';
import { imageMatchesRepository, type StoredMatch } from './image-matches.repository.ts';

export type MatchScope = { kind: 'evidence' | 'finding' | 'case'; id: string };

/** The other side of a match the actor may see: the item, its unit and its case. */
export type VisibleEvidenceSide = { item: EvidenceWithUnit; image: EvidenceImageHashRow; case: CaseRow | null; findingId: string | null };

export type VisibleMatch = {
  match: ImageMatchRow;
  /** The image on the actor's side (an image of the item, finding or case asked about). */
  image: EvidenceImageHashRow;
  bank: { bank: HashBankRow; entry: HashBankEntryRow } | null;
  evidence: VisibleEvidenceSide | null;
};

/** Matches the actor may not see, counted per own image: all that leaves the server of them. */
export type HiddenMatches = { image: EvidenceImageHashRow; count: number };

export type ImageMatchesView = {
  /** Images hashed in the scope, and items of the scope still waiting for their hashing run. */
  hashedImages: number;
  pendingItems: number;
  matches: VisibleMatch[];
  hidden: HiddenMatches[];
};

/** The evidence items of a scope, after the actor's read access to the scope is checked. */
async function itemsInScope(db: Database, ctx: ServiceContext, scope: MatchScope): Promise<string[]> {
  requireEvidenceRole(ctx);
  switch (scope.kind) {
    case 'evidence':
      return [(await loadAccessible(db, ctx, scope.id, 'image_match.view')).item.id];
    case 'finding':
      await loadFinding(db, ctx, scope.id, 'read');
      return (await findingsRepository.evidenceOf(db, scope.id)).map((e) => e.id);
    case 'case':
      await loadCaseFor(db, ctx, scope.id, 'read');
      return casesRepository.evidenceIdsOf(db, scope.id);
  }
}

/** The known-image matches of an evidence item, a finding's items or a case's items, need-to-know applied. */
export async function listImageMatches(db: Database, ctx: ServiceContext, scope: MatchScope): Promise<ImageMatchesView> {
  const itemIds = await itemsInScope(db, ctx, scope);
  const inScope = new Set(itemIds);
  const stored = await imageMatchesRepository.matchesOfItems(db, itemIds);
  const images = await imageMatchesRepository.hashesOfItems(db, itemIds);
  const awaiting = await imageMatchesRepository.itemsAwaitingHashingAmong(db, itemIds, [...IMAGE_TYPES]);

  const itemCache = new Map<string, Promise<{ found: EvidenceWithUnit; visible: boolean } | null>>();
  const remoteItem = (id: string) => {
    let pending = itemCache.get(id);
    if (!pending) {
      pending = (async () => {
        const found = await evidenceRepository.findById(db, id);
        return found ? { found, visible: inScope.has(id) || (await canSeeItem(db, ctx.actor, found)) } : null;
      })();
      itemCache.set(id, pending);
    }
    return pending;
  };
  const caseCache = new Map<string, Promise<CaseRow | null>>();
  const caseOf = (id: string) => {
    let pending = caseCache.get(id);
    if (!pending) {
      pending = casesRepository.findById(db, id).then((found) => found?.case ?? null);
      caseCache.set(id, pending);
    }
    return pending;
  };

  const matches: VisibleMatch[] = [];
  const hidden = new Map<number, HiddenMatches>();
  for (const row of stored) {
    const local = orient(row, inScope);
    if (row.match.kind === 'bank') {
      // Bank labels are for case roles; every actor reaching here holds one (requireEvidenceRole).
      matches.push({ match: row.match, image: local.image, bank: row.entry && row.bank ? { bank: row.bank, entry: row.entry } : null, evidence: null });
      continue;
    }
    const remoteImage = local.remote!;
    const remote = await remoteItem(remoteImage.evidenceItemId);
    if (!remote?.visible) {
      const entry = hidden.get(local.image.id) ?? { image: local.image, count: 0 };
      entry.count += 1;
      hidden.set(local.image.id, entry);
      continue;
    }
    const filing = (await imageMatchesRepository.filingOf(db, [remoteImage.evidenceItemId])).get(remoteImage.evidenceItemId);
    const owningCase = filing?.caseId ? await caseOf(filing.caseId) : null;
    matches.push({
      match: row.match,
      image: local.image,
      bank: null,
      evidence: { item: remote.found, image: remoteImage, case: owningCase, findingId: filing?.findingId ?? null },
    });
  }
  const view = { hashedImages: images.length, pendingItems: awaiting.length, matches, hidden: [...hidden.values()] };
  if (matches.length > 0 || hidden.size > 0) {
    await recordAuditNow(db, ctx, {
      action: 'image_match.view',
      objectType: scope.kind,
      objectId: scope.id,
      details: { visible: matches.length, hidden: view.hidden.reduce((n, h) => n + h.count, 0) },
    });
  }
  return view;
}

/** Which side of a stored match is the actor's: the new image when it is in scope, else the other. */
function orient(row: StoredMatch, inScope: ReadonlySet<string>): { image: EvidenceImageHashRow; remote: EvidenceImageHashRow | null } {
  if (row.match.kind === 'bank' || inScope.has(row.match.evidenceItemId) || !row.other) return { image: row.image, remote: row.other };
  return { image: row.other, remote: row.image };
}

/**
 * A blurred preview of one hashed image of an item (an image inside a capture's WARC has no file
 * of its own): the same blur and the same custody record as any evidence preview.
 */
export async function imagePreview(db: Database, vault: Vault, ctx: ServiceContext, input: { evidenceItemId: string; imageHashId: number }): Promise<Buffer> {
  const { item } = await loadAccessible(db, ctx, input.evidenceItemId, 'evidence.preview');
  const image = await imageMatchesRepository.findHash(db, input.imageHashId);
  if (!image || image.evidenceItemId !== item.id || image.pdq === null) throw notFound('image');
  const file = (await evidenceRepository.filesOf(db, item.id)).find((f) => f.name === image.fileName);
  if (!file) throw notFound('image');
  const content = await vault.readAll(file.sha256);
  const bytes = image.source === 'warc_record' ? imagesFromWarc(content).find((w) => createHash('sha256').update(w.payload).digest('hex') === image.sha256)?.payload : content;
  if (!bytes) throw notFound('image');
  const preview = await blurredPreview(bytes);
  await recordAuditNow(db, ctx, {
    action: 'evidence.preview',
    objectType: 'evidence',
    objectId: item.id,
    details: { file: file.name, sha256: image.sha256, imageHashId: image.id, ...(image.targetUri !== null && { targetUri: image.targetUri.slice(0, 500) }) },
  });
  return preview;
}
