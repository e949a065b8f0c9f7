import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { evidenceItems } from '../evidence/evidence.tables.ts';
import { users } from '../users/users.tables.ts';

/** Hash types a partner's list may carry (issue #8): PDQ perceptual, MD5 and SHA-256 exact. */
export const HASH_TYPES = ['pdq', 'md5', 'sha256'] as const;
export type HashType = (typeof HASH_TYPES)[number];

/** Where a hashed image sits in its evidence item. */
export const IMAGE_HASH_SOURCES = ['upload', 'screenshot', 'warc_record'] as const;
export type ImageHashSource = (typeof IMAGE_HASH_SOURCES)[number];

/** A match against a partner's bank entry, or against another evidence item's image. */
export const IMAGE_MATCH_KINDS = ['bank', 'evidence'] as const;
export type ImageMatchKind = (typeof IMAGE_MATCH_KINDS)[number];

/** How the match was made: exact content hash, or PDQ within the configured distance. */
export const IMAGE_MATCH_METHODS = ['sha256', 'md5', 'pdq'] as const;
export type ImageMatchMethod = (typeof IMAGE_MATCH_METHODS)[number];

/**
 * A named hash bank (issue #8; G5.1 hunting known child sexual images): a partner's list of known
 * images, kept by the WCPD. Disabling a bank stops new matches against it; nothing is deleted.
 */
export const hashBanks = pgTable('hash_banks', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  description: text('description'),
  enabled: boolean('enabled').notNull().default(true),
  createdBy: uuid('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
});

/** One CSV import into a bank: who, when, how many rows, and the hash of the file as received. */
export const hashBankImports = pgTable(
  'hash_bank_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bankId: uuid('bank_id')
      .notNull()
      .references(() => hashBanks.id),
    importedBy: uuid('imported_by')
      .notNull()
      .references(() => users.id),
    importedAt: timestamp('imported_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
    /** Data rows in the file (header and blank lines not counted). */
    rowCount: integer('row_count').notNull(),
    /** Rows new to the bank (a partner's updated list repeats earlier entries). */
    addedCount: integer('added_count').notNull(),
    csvSha256: text('csv_sha256').notNull(),
    note: text('note'),
  },
  (t) => [index('hash_bank_imports_bank_idx').on(t.bankId, t.importedAt)],
);

/**
 * One known hash. The id is a growing integer rather than a UUID: the in-memory PDQ index keys a
 * million entries by it, and a process catches up with other processes' imports by reading the
 * ids above the highest it holds (bank imports are serialised, so ids commit in order).
 */
export const hashBankEntries = pgTable(
  'hash_bank_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    bankId: uuid('bank_id')
      .notNull()
      .references(() => hashBanks.id),
    importId: uuid('import_id')
      .notNull()
      .references(() => hashBankImports.id),
    hashType: text('hash_type', { enum: HASH_TYPES }).notNull(),
    /** Lowercase hex: 64 digits for PDQ and SHA-256, 32 for MD5. */
    hash: text('hash').notNull(),
    /** The partner's label (shown to case roles on a match), and where the partner had it from. */
    label: text('label'),
    source: text('source'),
  },
  (t) => [unique('hash_bank_entries_bank_hash_uq').on(t.bankId, t.hashType, t.hash), index('hash_bank_entries_hash_idx').on(t.hashType, t.hash)],
);

/**
 * The hashes of one image of an evidence item (issue #8, hash at ingest): an uploaded image, a
 * capture's screenshot, or an image response inside a capture's WARC. Append-only, like the
 * evidence it describes. The id grows, for the same reason as bank entries'.
 */
export const evidenceImageHashes = pgTable(
  'evidence_image_hashes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    evidenceItemId: uuid('evidence_item_id')
      .notNull()
      .references(() => evidenceItems.id),
    source: text('source', { enum: IMAGE_HASH_SOURCES }).notNull(),
    /** The evidence file the image is (an upload, the screenshot) or was read from (the WARC). */
    fileName: text('file_name').notNull(),
    /** For a WARC record: the URI the page fetched the image from (attacker-made text, never a link). */
    targetUri: text('target_uri'),
    /** Sniffed from the bytes. */
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    width: integer('width'),
    height: integer('height'),
    sha256: text('sha256').notNull(),
    md5: text('md5').notNull(),
    /** Null when the image cannot be decoded (HEIC, a damaged file): it still matches exactly. */
    pdq: text('pdq'),
    pdqQuality: integer('pdq_quality'),
    /** The eight dihedral PDQ hashes in src/pdq DIHEDRAL_ORDER (the first is `pdq`). */
    pdqDihedral: text('pdq_dihedral').array(),
    hashedAt: timestamp('hashed_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [
    unique('evidence_image_hashes_item_sha_uq').on(t.evidenceItemId, t.sha256),
    index('evidence_image_hashes_sha_idx').on(t.sha256),
    index('evidence_image_hashes_md5_idx').on(t.md5),
  ],
);

/** An item whose images have been hashed and matched: the image-hash job's idempotency marker. */
export const evidenceImageHashRuns = pgTable('evidence_image_hash_runs', {
  evidenceItemId: uuid('evidence_item_id')
    .primaryKey()
    .references(() => evidenceItems.id),
  finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  images: integer('images').notNull(),
  matches: integer('matches').notNull(),
  /** Images seen but not hashed (too small, not a raster type, over the pixel limit). */
  skipped: integer('skipped').notNull(),
});

/**
 * A match of a new image against a bank entry or another item's image, recorded once. The finding
 * and case of each side are kept as they were filed when the match was made; reads follow the
 * current filing (a finding attached to a case later brings its matches along).
 */
export const imageMatches = pgTable(
  'image_matches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: IMAGE_MATCH_KINDS }).notNull(),
    method: text('method', { enum: IMAGE_MATCH_METHODS }).notNull(),
    /** Hamming distance for PDQ; 0 for an exact hash. */
    distance: integer('distance').notNull(),
    /** Which of the new image's dihedral hashes matched (PDQ only): `rotate90` means a rotated copy. */
    dihedral: text('dihedral'),
    imageHashId: bigint('image_hash_id', { mode: 'number' })
      .notNull()
      .references(() => evidenceImageHashes.id),
    evidenceItemId: uuid('evidence_item_id')
      .notNull()
      .references(() => evidenceItems.id),
    findingId: uuid('finding_id'),
    caseId: uuid('case_id'),
    bankId: uuid('bank_id').references(() => hashBanks.id),
    bankEntryId: bigint('bank_entry_id', { mode: 'number' }).references(() => hashBankEntries.id),
    otherImageHashId: bigint('other_image_hash_id', { mode: 'number' }).references(() => evidenceImageHashes.id),
    otherEvidenceItemId: uuid('other_evidence_item_id').references(() => evidenceItems.id),
    otherFindingId: uuid('other_finding_id'),
    otherCaseId: uuid('other_case_id'),
    matchedAt: timestamp('matched_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [
    unique('image_matches_bank_uq').on(t.imageHashId, t.bankEntryId),
    unique('image_matches_evidence_uq').on(t.imageHashId, t.otherImageHashId),
    index('image_matches_item_idx').on(t.evidenceItemId),
    index('image_matches_other_item_idx').on(t.otherEvidenceItemId),
    check(
      'image_matches_kind_ck',
      sql`(${t.kind} = 'bank' and ${t.bankEntryId} is not null and ${t.otherImageHashId} is null) or (${t.kind} = 'evidence' and ${t.otherImageHashId} is not null and ${t.bankEntryId} is null)`,
    ),
  ],
);

export type HashBankRow = typeof hashBanks.$inferSelect;
export type HashBankImportRow = typeof hashBankImports.$inferSelect;
export type HashBankEntryRow = typeof hashBankEntries.$inferSelect;
export type EvidenceImageHashRow = typeof evidenceImageHashes.$inferSelect;
export type ImageMatchRow = typeof imageMatches.$inferSelect;
