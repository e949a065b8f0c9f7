/** The API contract of hash banks and known-image matches (issue #8). */
import { Type } from '@sinclair/typebox';
import { DateTime, Literals, Nullable } from '../../core/contract.ts';
import { EVIDENCE_KINDS } from '../evidence/evidence.tables.ts';
import { HASH_TYPES, IMAGE_HASH_SOURCES, IMAGE_MATCH_KINDS, IMAGE_MATCH_METHODS } from './hash-banks.tables.ts';

/** Largest CSV one import accepts, in characters (≈ 600,000 rows of PDQ with short labels). */
export const HASH_BANK_CSV_MAX_CHARS = 64_000_000;

const Counts = Type.Object({ pdq: Type.Integer(), md5: Type.Integer(), sha256: Type.Integer(), total: Type.Integer() });

export const HashBankImportSchema = Type.Object({
  id: Type.String(),
  importedAt: DateTime,
  importedByUsername: Type.String(),
  rows: Type.Integer(),
  added: Type.Integer(),
  csvSha256: Type.String(),
  note: Nullable(Type.String()),
});

export const HashBankSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  enabled: Type.Boolean(),
  createdAt: DateTime,
  createdByUsername: Type.String(),
  counts: Counts,
  lastImport: Nullable(HashBankImportSchema),
});

export const HashBankListSchema = Type.Object({ items: Type.Array(HashBankSchema) });
export const HashBankDetailSchema = Type.Object({ bank: HashBankSchema, imports: Type.Array(HashBankImportSchema) });

export const CreateHashBankBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), description: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

/** JSON `{ csv, note }` (the web app, as for lexicons) or the CSV itself as `text/csv` (scripts). */
export const ImportHashBankBody = Type.Union([
  Type.Object({ csv: Type.String({ maxLength: HASH_BANK_CSV_MAX_CHARS }), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
  Type.String({ maxLength: HASH_BANK_CSV_MAX_CHARS }),
]);
export const ImportHashBankQuery = Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });

export const HashBankImportResultSchema = Type.Object({
  bank: HashBankSchema,
  rows: Type.Integer(),
  added: Type.Integer(),
  alreadyInBank: Type.Integer(),
  duplicatesInFile: Type.Integer(),
});

/** One hashed image on the actor's own side of a match. */
export const MatchedImageSchema = Type.Object({
  id: Type.Integer(),
  evidenceItemId: Type.String(),
  source: Literals(IMAGE_HASH_SOURCES),
  fileName: Type.String(),
  /** For an image inside a capture's WARC: the URI it was fetched from (hostile text: never a link). */
  targetUri: Nullable(Type.String()),
  mediaType: Type.String(),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  sha256: Type.String(),
  md5: Type.String(),
  pdq: Nullable(Type.String()),
  pdqQuality: Nullable(Type.Integer()),
  /** Whether a blurred preview can be drawn (the image decoded). */
  previewable: Type.Boolean(),
});

export const ImageMatchSchema = Type.Object({
  id: Type.String(),
  kind: Literals(IMAGE_MATCH_KINDS),
  method: Literals(IMAGE_MATCH_METHODS),
  distance: Type.Integer(),
  /** The dihedral variant of the new image that matched (`rotate90`: a rotated copy), PDQ only. */
  dihedral: Nullable(Type.String()),
  matchedAt: DateTime,
  image: MatchedImageSchema,
  bank: Nullable(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      enabled: Type.Boolean(),
      hashType: Literals(HASH_TYPES),
      label: Nullable(Type.String()),
      source: Nullable(Type.String()),
    }),
  ),
  evidence: Nullable(
    Type.Object({
      evidenceItemId: Type.String(),
      kind: Literals(EVIDENCE_KINDS),
      owningUnitCode: Type.String(),
      caseId: Nullable(Type.String()),
      caseNumber: Nullable(Type.String()),
      findingId: Nullable(Type.String()),
      source: Literals(IMAGE_HASH_SOURCES),
      fileName: Type.String(),
      targetUri: Nullable(Type.String()),
    }),
  ),
});

/** Matches into items the actor may not see: only how many, per own image. */
export const HiddenMatchesSchema = Type.Object({ image: MatchedImageSchema, count: Type.Integer() });

export const ImageMatchesSchema = Type.Object({
  hashedImages: Type.Integer(),
  pendingItems: Type.Integer(),
  matches: Type.Array(ImageMatchSchema),
  hidden: Type.Array(HiddenMatchesSchema),
  hiddenTotal: Type.Integer(),
});

export const ImagePreviewParams = Type.Object({ id: Type.String({ format: 'uuid' }), imageId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
