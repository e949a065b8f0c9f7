/**
 * A partner's hash list as CSV (issue #8): `hash_type,hash,label,source`, header row required,
 * hash_type pdq | md5 | sha256 with 64 | 32 | 64 hex digits. Strict, like the lexicon CSV: the
 * first bad row stops the import with its row number and reason, so nothing is half-imported.
 * Pure: no database.
 */
import { ZERO_HASH } from '../../pdq/index.ts';
import { CsvSyntaxError, isBlankCsvRecord, parseCsv } from '../../triage/csv.ts';
import { HASH_TYPES, type HashType } from './hash-banks.tables.ts';

export const HASH_BANK_CSV_HEADER = ['hash_type', 'hash', 'label', 'source'] as const;

/** Hex digits per hash type. */
export const HASH_HEX_LENGTH: Record<HashType, number> = { pdq: 64, md5: 32, sha256: 64 };

/** Longest label and source kept (a partner's label is a category or case reference, not prose). */
export const HASH_BANK_TEXT_MAX = 500;

export type HashBankCsvEntry = { hashType: HashType; hash: string; label: string | null; source: string | null };

export type ParsedHashBankCsv = {
  entries: HashBankCsvEntry[];
  /** Data rows read (blank lines not counted). */
  rows: number;
  /** Rows that repeat an earlier row's hash type and hash (the first one is kept). */
  duplicates: number;
};

/** A refused CSV: `row` counts records from 1 (the header is row 1), `line` is where the record starts. */
export class HashBankCsvError extends Error {
  constructor(
    readonly row: number,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`row ${row}: ${reason}`);
    this.name = 'HashBankCsvError';
  }
}

const HEX = /^[0-9a-f]+$/;

const isHashType = (value: string): value is HashType => (HASH_TYPES as readonly string[]).includes(value);

/** Parses and validates a hash-bank CSV; throws {@link HashBankCsvError} naming the first bad row. */
export function parseHashBankCsv(text: string, options: { maxRows?: number } = {}): ParsedHashBankCsv {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new HashBankCsvError(error.line, error.line, error.reason);
    throw error;
  }
  const numbered = records.map((record, index) => ({ record, row: index + 1 }));
  const header = numbered.find(({ record }) => !isBlankCsvRecord(record));
  if (!header) throw new HashBankCsvError(1, 1, `missing header "${HASH_BANK_CSV_HEADER.join(',')}"`);
  const names = header.record.fields.map((field) => field.trim().toLowerCase());
  if (names.join(',') !== HASH_BANK_CSV_HEADER.join(',')) {
    throw new HashBankCsvError(header.row, header.record.line, `header must be "${HASH_BANK_CSV_HEADER.join(',')}", found "${header.record.fields.join(',')}"`);
  }

  const entries: HashBankCsvEntry[] = [];
  const seen = new Set<string>();
  let rows = 0;
  let duplicates = 0;
  for (const { record, row } of numbered) {
    if (row <= header.row || isBlankCsvRecord(record)) continue;
    const fail = (reason: string): never => {
      throw new HashBankCsvError(row, record.line, reason);
    };
    rows += 1;
    if (options.maxRows !== undefined && rows > options.maxRows) fail(`more than ${options.maxRows} rows; split the list into several imports`);
    if (record.fields.length !== HASH_BANK_CSV_HEADER.length) {
      fail(`expected ${HASH_BANK_CSV_HEADER.length} columns (${HASH_BANK_CSV_HEADER.join(',')}), found ${record.fields.length}`);
    }
    const [rawType = '', rawHash = '', rawLabel = '', rawSource = ''] = record.fields;
    const hashType = rawType.trim().toLowerCase();
    if (!isHashType(hashType)) fail(`unknown hash_type "${rawType.trim()}" (expected one of: ${HASH_TYPES.join(', ')})`);
    const type = hashType as HashType;
    const hash = rawHash.trim().toLowerCase();
    const expected = HASH_HEX_LENGTH[type];
    if (!HEX.test(hash)) fail(`${type} hash "${rawHash.trim().slice(0, 80)}" is not hexadecimal`);
    if (hash.length !== expected) fail(`${type} hash must have ${expected} hex digits, found ${hash.length}`);
    // The all-zero PDQ is what images too small to hash get: it says nothing about a picture.
    if (type === 'pdq' && hash === ZERO_HASH) fail('the all-zero PDQ hash (an image too small to hash) cannot identify an image');
    const label = rawLabel.trim();
    const source = rawSource.trim();
    if (label.length > HASH_BANK_TEXT_MAX) fail(`label longer than ${HASH_BANK_TEXT_MAX} characters`);
    if (source.length > HASH_BANK_TEXT_MAX) fail(`source longer than ${HASH_BANK_TEXT_MAX} characters`);
    const key = `${type}:${hash}`;
    if (seen.has(key)) {
      duplicates += 1;
      continue;
    }
    seen.add(key);
    entries.push({ hashType: type, hash, label: label || null, source: source || null });
  }
  if (rows === 0) throw new HashBankCsvError(header.row, header.record.line, 'the file has a header but no rows');
  return { entries, rows, duplicates };
}
