/**
 * Hash at ingest and match (issue #8; G5.1, G6.1): every image of an evidence item — an uploaded
 * image, a capture's screenshot, each image response inside a capture's WARC — gets SHA-256, MD5,
 * PDQ with its quality and the eight dihedral PDQ hashes, read back from the vault (so the hashes
 * are of exactly what was sealed). Each new image is then matched against the enabled hash banks
 * and against every image already hashed in the department: exact for SHA-256 and MD5, PDQ within
 * the configured distance for images of sufficient quality, a rotated or mirrored copy included
 * (the new image's eight dihedral hashes are compared with the stored originals).
 *
 * Runs as the `evidence.image-hash` job, keyed by the evidence id; idempotent (a recorded run
 * ends it at once), and the hashes, matches, run marker and audit row commit together.
 */
import { createHash } from 'node:crypto';
import { CAPTURE_FILES } from '../../capture/index.ts';
import type { Database } from '../../core/db/client.ts';
import { systemContext } from '../../core/request-context.ts';
import type { Vault } from '../../core/vault/vault.ts';
import { DIHEDRAL_ORDER, hammingDistance, pdqHashFileWithDihedrals } from '../../pdq/index.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { evidenceRepository } from '../evidence/evidence.repository.ts';
import type { EvidenceFileRow, EvidenceItemRow } from '../evidence/evidence.tables.ts';
import { IMAGE_TYPES, sniffMediaType } from '../evidence/media-type.ts';
import { imagesFromWarc } from '../takedowns/removal-reference.ts';
import { hashBanksRepository, type BankEntryWithBank } from './hash-banks.repository.ts';
import type { EvidenceImageHashRow, ImageHashSource, ImageMatchMethod } from './hash-banks.tables.ts';
import { imageMatchesRepository, type Filing, type NewImageHash, type NewImageMatch } from './image-matches.repository.ts';
import type { KnownImageIndex } from './known-image-index.ts';

export type ImageMatchSettings = {
  /** PDQ Hamming distance at or below which two images match (PDQ_MATCH_DISTANCE). */
  pdqMatchDistance: number;
  /** Images below this PDQ quality are not matched perceptually (PDQ_MIN_QUALITY). */
  pdqMinQuality: number;
};

export type ImageHashDeps = { db: Database; vault: Vault; index: KnownImageIndex | null; settings: ImageMatchSettings };

export type ImageHashOutcome = { status: 'hashed' | 'already_hashed' | 'no_such_item'; images: number; matches: number; skipped: number };

/** A capture page's images past this many are not hashed (a hostile page could carry thousands). */
export const MAX_WARC_IMAGES = 500;

/** Image types decoded for PDQ (HEIC has no decoder here: it still matches exactly). */
const PDQ_DECODABLE = new Set([...IMAGE_TYPES].filter((type) => type !== 'image/heic'));

/** The images of an item, as the item kind lays them out. */
type ImageSourceBytes = { source: ImageHashSource; fileName: string; targetUri: string | null; bytes: Buffer };

async function imagesOf(vault: Vault, item: EvidenceItemRow, files: readonly EvidenceFileRow[]): Promise<{ images: ImageSourceBytes[]; skipped: number }> {
  const images: ImageSourceBytes[] = [];
  let skipped = 0;
  for (const file of files) {
    if (item.kind === 'web_capture') {
      if (file.name === CAPTURE_FILES.screenshot) images.push({ source: 'screenshot', fileName: file.name, targetUri: null, bytes: await vault.readAll(file.sha256) });
      if (file.name === CAPTURE_FILES.warc) {
        // The same reader as the removal check's: complete 2xx image responses, no tracking pixels.
        const found = imagesFromWarc(await vault.readAll(file.sha256));
        skipped += Math.max(0, found.length - MAX_WARC_IMAGES);
        for (const image of found.slice(0, MAX_WARC_IMAGES)) images.push({ source: 'warc_record', fileName: file.name, targetUri: image.targetUri, bytes: image.payload });
      }
    } else if (IMAGE_TYPES.has(file.mediaType)) {
      images.push({ source: 'upload', fileName: file.name, targetUri: null, bytes: await vault.readAll(file.sha256) });
    }
  }
  return { images, skipped };
}

/**
 * The hashes of one image's bytes, or null when the bytes are not a raster image (a WARC "image"
 * may be SVG or anything a hostile server labels so; the type is sniffed, never trusted).
 */
export async function hashImageBytes(bytes: Buffer): Promise<Omit<NewImageHash, 'evidenceItemId' | 'source' | 'fileName' | 'targetUri'> | null> {
  const mediaType = sniffMediaType(bytes.subarray(0, 64));
  if (!IMAGE_TYPES.has(mediaType)) return null;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const md5 = createHash('md5').update(bytes).digest('hex');
  let perceptual: Awaited<ReturnType<typeof pdqHashFileWithDihedrals>> | null = null;
  if (PDQ_DECODABLE.has(mediaType)) {
    try {
      // src/pdq decodes as the reference vectors were decoded (sharp, no EXIF rotation), with its pixel limit.
      perceptual = await pdqHashFileWithDihedrals(bytes);
    } catch {
      perceptual = null; // undecodable: keeps its exact hashes, just no PDQ
    }
  }
  return {
    mediaType,
    sizeBytes: bytes.length,
    width: perceptual?.width ?? null,
    height: perceptual?.height ?? null,
    sha256,
    md5,
    pdq: perceptual?.hash ?? null,
    pdqQuality: perceptual?.quality ?? null,
    pdqDihedral: perceptual ? [...perceptual.dihedral.hashes] : null,
  };
}

type Found = { method: ImageMatchMethod; distance: number; dihedral: string | null };

const METHOD_RANK: Record<ImageMatchMethod, number> = { sha256: 0, md5: 1, pdq: 2 };

/** The stronger of two ways the same pair matched: exact content first, then the smaller distance. */
function stronger(a: Found | undefined, b: Found): Found {
  if (!a) return b;
  if (METHOD_RANK[b.method] !== METHOD_RANK[a.method]) return METHOD_RANK[b.method] < METHOD_RANK[a.method] ? b : a;
  return b.distance < a.distance ? b : a;
}

/** Smallest distance between a stored PDQ hash and any of the new image's dihedral hashes. */
function dihedralDistance(dihedral: readonly string[], stored: string): { distance: number; variant: number } {
  let best = { distance: 257, variant: -1 };
  dihedral.forEach((hash, variant) => {
    const distance = hammingDistance(hash, stored);
    if (distance < best.distance) best = { distance, variant };
  });
  return best;
}

function isMatchable(image: Pick<EvidenceImageHashRow, 'pdq' | 'pdqQuality' | 'pdqDihedral'>, settings: ImageMatchSettings): image is { pdq: string; pdqQuality: number; pdqDihedral: string[] } {
  return image.pdq !== null && image.pdqDihedral !== null && image.pdqQuality !== null && image.pdqQuality >= settings.pdqMinQuality;
}

/** Two images filed to the same case or the same finding tell nobody anything new. */
function sameFiling(a: Filing | undefined, b: Filing | undefined): boolean {
  if (!a || !b) return false;
  return (a.caseId !== null && a.caseId === b.caseId) || (a.findingId !== null && a.findingId === b.findingId);
}

/** Hashes and matches the images of one evidence item (the `evidence.image-hash` job's work). */
export async function hashEvidenceImages(deps: ImageHashDeps, evidenceItemId: string): Promise<ImageHashOutcome> {
  const { db, vault, index, settings } = deps;
  if (await imageMatchesRepository.hasRun(db, evidenceItemId)) return { status: 'already_hashed', images: 0, matches: 0, skipped: 0 };
  const found = await evidenceRepository.findById(db, evidenceItemId);
  if (!found) return { status: 'no_such_item', images: 0, matches: 0, skipped: 0 };
  const item = found.item;

  // Decoding and hashing happen before the transaction: they are the slow part.
  const { images, skipped: over } = await imagesOf(vault, item, await evidenceRepository.filesOf(db, item.id));
  let skipped = over;
  const hashed = new Map<string, NewImageHash>();
  for (const image of images) {
    const hashes = await hashImageBytes(image.bytes);
    if (!hashes) {
      skipped += 1;
      continue;
    }
    // One row per distinct content in an item (a page may load one picture from two URIs).
    if (!hashed.has(hashes.sha256)) hashed.set(hashes.sha256, { ...hashes, evidenceItemId: item.id, source: image.source, fileName: image.fileName, targetUri: image.targetUri });
  }

  // PDQ candidates from the in-memory index, caught up first; rows stored since are read in the transaction.
  const watermarks = index ? await index.catchUp(db) : { bankEntry: 0, imageHash: 0 };
  const candidates = new Map<string, { bank: Map<number, Found>; evidence: Map<number, Found> }>();
  for (const image of hashed.values()) {
    const bank = new Map<number, Found>();
    const evidence = new Map<number, Found>();
    if (index && isMatchable(image, settings)) {
      for (const hit of index.queryBanks(image.pdqDihedral, settings.pdqMatchDistance)) bank.set(hit.key, { method: 'pdq', distance: hit.distance, dihedral: DIHEDRAL_ORDER[hit.variant] ?? null });
      for (const hit of index.queryEvidence(image.pdqDihedral, settings.pdqMatchDistance)) evidence.set(hit.key, { method: 'pdq', distance: hit.distance, dihedral: DIHEDRAL_ORDER[hit.variant] ?? null });
    }
    candidates.set(image.sha256, { bank, evidence });
  }

  const outcome = await db.transaction(async (tx) => {
    await imageMatchesRepository.lockHashing(tx);
    if (await imageMatchesRepository.hasRun(tx, item.id)) return null; // another worker finished it meanwhile
    const rows = await imageMatchesRepository.insertHashes(tx, [...hashed.values()]);
    const lateBankEntries = await hashBanksRepository.enabledPdqEntriesAfter(tx, watermarks.bankEntry);
    const lateImages = await imageMatchesRepository.pdqHashesOfOthersAfter(tx, watermarks.imageHash, settings.pdqMinQuality, item.id);
    const matches: NewImageMatch[] = [];
    const pending: { row: EvidenceImageHashRow; other: EvidenceImageHashRow; found: Found }[] = [];

    for (const row of rows) {
      const fromIndex = candidates.get(row.sha256)!;
      // Bank entries: exact content hashes, then PDQ from the index and from entries imported since.
      const bankFound = new Map<number, { target: BankEntryWithBank; found: Found }>();
      const addBank = (target: BankEntryWithBank, found: Found) => bankFound.set(target.entry.id, { target, found: stronger(bankFound.get(target.entry.id)?.found, found) });
      for (const target of await hashBanksRepository.exactEnabledEntries(tx, { sha256: row.sha256, md5: row.md5 })) {
        addBank(target, { method: target.entry.hashType === 'sha256' ? 'sha256' : 'md5', distance: 0, dihedral: null });
      }
      if (isMatchable(row, settings)) {
        for (const target of await hashBanksRepository.enabledEntriesByIds(tx, [...fromIndex.bank.keys()])) addBank(target, fromIndex.bank.get(target.entry.id)!);
        for (const target of lateBankEntries) {
          const { distance, variant } = dihedralDistance(row.pdqDihedral, target.entry.hash);
          if (distance <= settings.pdqMatchDistance) addBank(target, { method: 'pdq', distance, dihedral: DIHEDRAL_ORDER[variant] ?? null });
        }
      }
      for (const { target, found } of bankFound.values()) {
        matches.push({ ...found, kind: 'bank', imageHashId: row.id, evidenceItemId: item.id, findingId: null, caseId: null, bankId: target.bank.id, bankEntryId: target.entry.id, otherImageHashId: null, otherEvidenceItemId: null, otherFindingId: null, otherCaseId: null });
      }

      // Other items' images: exact content, then PDQ from the index and from images hashed since.
      const evidenceFound = new Map<number, { other: EvidenceImageHashRow; found: Found }>();
      const addEvidence = (other: EvidenceImageHashRow, found: Found) => {
        if (other.evidenceItemId !== item.id) evidenceFound.set(other.id, { other, found: stronger(evidenceFound.get(other.id)?.found, found) });
      };
      for (const other of await imageMatchesRepository.exactHashesOfOthers(tx, { sha256: row.sha256, md5: row.md5 }, item.id)) {
        addEvidence(other, { method: other.sha256 === row.sha256 ? 'sha256' : 'md5', distance: 0, dihedral: null });
      }
      if (isMatchable(row, settings)) {
        for (const other of await imageMatchesRepository.hashesByIds(tx, [...fromIndex.evidence.keys()])) addEvidence(other, fromIndex.evidence.get(other.id)!);
        for (const other of lateImages) {
          const { distance, variant } = dihedralDistance(row.pdqDihedral, other.pdq!);
          if (distance <= settings.pdqMatchDistance) addEvidence(other, { method: 'pdq', distance, dihedral: DIHEDRAL_ORDER[variant] ?? null });
        }
      }
      for (const { other, found } of evidenceFound.values()) pending.push({ row, other, found });
    }

    // Each side's finding and case as filed now; images of the same case or finding are not matched.
    const filing = await imageMatchesRepository.filingOf(tx, [item.id, ...pending.map((p) => p.other.evidenceItemId)]);
    const own = filing.get(item.id) ?? { findingId: null, caseId: null };
    for (const match of matches) Object.assign(match, { findingId: own.findingId, caseId: own.caseId });
    for (const { row, other, found } of pending) {
      const theirs = filing.get(other.evidenceItemId);
      if (sameFiling(own, theirs)) continue;
      matches.push({
        ...found,
        kind: 'evidence',
        imageHashId: row.id,
        evidenceItemId: item.id,
        findingId: own.findingId,
        caseId: own.caseId,
        bankId: null,
        bankEntryId: null,
        otherImageHashId: other.id,
        otherEvidenceItemId: other.evidenceItemId,
        otherFindingId: theirs?.findingId ?? null,
        otherCaseId: theirs?.caseId ?? null,
      });
    }
    const recorded = await imageMatchesRepository.insertMatches(tx, matches);
    await imageMatchesRepository.insertRun(tx, { evidenceItemId: item.id, images: rows.length, matches: recorded, skipped });
    await recordAudit(tx, systemContext('worker:image-hash'), {
      action: 'evidence.image_hashed',
      objectType: 'evidence',
      objectId: item.id,
      // Counts only: which case matched is need-to-know, shown through the service, not the trail.
      details: { images: rows.length, skipped, bankMatches: matches.filter((m) => m.kind === 'bank').length, evidenceMatches: matches.filter((m) => m.kind === 'evidence').length },
    });
    return { status: 'hashed' as const, images: rows.length, matches: recorded, skipped };
  });
  if (!outcome) return { status: 'already_hashed', images: 0, matches: 0, skipped: 0 };
  // The new images join this process's index (other processes catch up before they match).
  if (index) await index.catchUp(db);
  return outcome;
}
