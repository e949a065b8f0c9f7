/**
 * The keyword lexicon behind the G6.1 keyword toolkit: what a term is, which categories exist,
 * and the strict CSV form in which administrators maintain the list.
 */
import { CsvSyntaxError, formatCsvRecord, isBlankCsvRecord, parseCsv } from './csv.ts';

/**
 * Categories exactly as the project's seed list spells them. They follow the kinds of Art. 40
 * message a patrol looks for (G3.2, G5.1): solicitation, price talk, age signals, moving the
 * conversation to a private channel, trade in images, live streams; `custom` is for local terms.
 */
export const LEXICON_CATEGORIES = ['solicitation', 'price', 'age', 'contact', 'image_trade', 'live_stream', 'custom'] as const;

/** One of {@link LEXICON_CATEGORIES}. */
export type LexiconCategory = (typeof LEXICON_CATEGORIES)[number];

/** One lexicon row. `term` keeps the administrator's own spelling; matching normalises it. */
export interface LexiconEntry {
  readonly term: string;
  readonly category: LexiconCategory;
  readonly weight: number;
  readonly note: string;
}

/** The largest weight a term may carry; a bigger number is far more likely a typing mistake. */
export const MAX_TERM_WEIGHT = 100;

/** The header every lexicon CSV must start with, in this order. */
export const LEXICON_CSV_HEADER = ['term', 'category', 'weight', 'note'] as const;

/** A lexicon CSV that cannot be used; `row` counts records from 1 (the header), `line` is physical. */
export class LexiconCsvError extends Error {
  constructor(
    readonly row: number,
    readonly line: number,
    readonly reason: string,
  ) {
    super(row === line ? `row ${row}: ${reason}` : `row ${row} (line ${line}): ${reason}`);
    this.name = 'LexiconCsvError';
  }
}

/** True when `value` is one of the lexicon categories, spelled exactly. */
export function isLexiconCategory(value: string): value is LexiconCategory {
  return (LEXICON_CATEGORIES as readonly string[]).includes(value);
}

// A plain decimal: no exponent, sign, hex or blank, so "1e3" or "0x10" are refused rather than read.
const DECIMAL_WEIGHT = /^\d+(?:\.\d+)?$/;

/**
 * Spelling that two terms must not share: the same term in another case or width ("LINE" and
 * "line", "ＬＩＮＥ") is a duplicate row, not a variant. Deliberate variants such as 約砲/約炮 differ
 * here and are allowed; the matcher merges them.
 */
function duplicateKey(term: string): string {
  return term.normalize('NFKC').toLowerCase();
}

/**
 * Parses a lexicon CSV strictly. Throws {@link LexiconCsvError} naming the row for a missing or
 * wrong header, a wrong column count, an empty term, an unknown category, a weight that is not a
 * plain number in 0–100, or a duplicate term. Blank lines are skipped.
 */
export function parseLexiconCsv(text: string): LexiconEntry[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      // Row numbers equal line numbers until a quoted field spans lines; name the line then.
      throw new LexiconCsvError(error.line, error.line, error.reason);
    }
    throw error;
  }

  const numbered = records.map((record, index) => ({ record, row: index + 1 }));
  const header = numbered.find(({ record }) => !isBlankCsvRecord(record));
  if (header === undefined) {
    throw new LexiconCsvError(1, 1, `missing header "${LEXICON_CSV_HEADER.join(',')}"`);
  }
  const headerNames = header.record.fields.map((field) => field.trim().toLowerCase());
  if (headerNames.join(',') !== LEXICON_CSV_HEADER.join(',')) {
    throw new LexiconCsvError(
      header.row,
      header.record.line,
      `header must be "${LEXICON_CSV_HEADER.join(',')}", found "${header.record.fields.join(',')}"`,
    );
  }

  const entries: LexiconEntry[] = [];
  const firstRowOfTerm = new Map<string, number>();
  for (const { record, row } of numbered) {
    if (row <= header.row || isBlankCsvRecord(record)) continue;
    const fail = (reason: string): never => {
      throw new LexiconCsvError(row, record.line, reason);
    };
    if (record.fields.length !== LEXICON_CSV_HEADER.length) {
      fail(`expected ${LEXICON_CSV_HEADER.length} columns (term,category,weight,note), found ${record.fields.length}`);
    }
    const [rawTerm = '', rawCategory = '', rawWeight = '', rawNote = ''] = record.fields;
    const term = rawTerm.trim();
    const category = rawCategory.trim();
    const weightText = rawWeight.trim();

    if (term === '') fail('empty term');
    if (!isLexiconCategory(category)) {
      fail(`unknown category "${category}" (expected one of: ${LEXICON_CATEGORIES.join(', ')})`);
    }
    if (!DECIMAL_WEIGHT.test(weightText)) fail(`weight "${weightText}" is not a number`);
    const weight = Number(weightText);
    if (weight > MAX_TERM_WEIGHT) fail(`weight ${weightText} is out of range 0–${MAX_TERM_WEIGHT}`);

    const key = duplicateKey(term);
    const earlierRow = firstRowOfTerm.get(key);
    if (earlierRow !== undefined) fail(`duplicate term "${term}" (first on row ${earlierRow})`);
    firstRowOfTerm.set(key, row);

    entries.push({ term, category: category as LexiconCategory, weight, note: rawNote.trim() });
  }
  return entries;
}

// String(1e-7) is "1e-7", which the strict weight pattern refuses; write plain decimals instead.
function formatWeight(weight: number): string {
  const text = String(weight);
  return text.includes('e') ? weight.toFixed(20).replace(/\.?0+$/, '') : text;
}

/** Writes entries as lexicon CSV (header first, LF line ends) that {@link parseLexiconCsv} reads back unchanged. */
export function serializeLexiconCsv(entries: readonly LexiconEntry[]): string {
  const lines = [formatCsvRecord(LEXICON_CSV_HEADER)];
  for (const entry of entries) {
    lines.push(formatCsvRecord([entry.term, entry.category, formatWeight(entry.weight), entry.note]));
  }
  return `${lines.join('\n')}\n`;
}
