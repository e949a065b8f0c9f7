/**
 * A small RFC 4180 CSV reader and field formatter. Lexicons (keyword lists edited by
 * administrators in a spreadsheet) and generic chat exports both arrive as CSV, and a wrong row
 * must be reported by its line number, so records carry the line on which they start.
 *
 * Tolerances beyond RFC 4180, chosen because spreadsheet programs produce them: a leading UTF-8
 * byte-order mark is ignored, LF alone ends a record as well as CRLF, and the last record may lack
 * a line break. Everything else that is malformed (a quote inside an unquoted field, text after a
 * closing quote, an unterminated quoted field) is an error, never guessed at.
 */

/** One CSV record with the 1-based physical line on which it starts. */
export interface CsvRecord {
  readonly fields: string[];
  readonly line: number;
}

/** A syntax error in CSV text; `line` is the 1-based line where the problem was found. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const BYTE_ORDER_MARK = 0xfeff;

/** Parses CSV text into records (RFC 4180 with a BOM, LF line ends and a missing final newline tolerated). */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let position = text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0;
  let line = 1;
  const length = text.length;

  while (position < length) {
    const recordLine = line;
    const fields: string[] = [];
    // Each pass of this loop reads one field and the delimiter after it.
    for (;;) {
      let field: string;
      if (text.charCodeAt(position) === QUOTE) {
        const openingLine = line;
        let value = '';
        let segmentStart = position + 1;
        let cursor = segmentStart;
        for (;;) {
          if (cursor >= length) {
            throw new CsvSyntaxError(openingLine, 'quoted field is never closed');
          }
          const code = text.charCodeAt(cursor);
          if (code === QUOTE) {
            if (text.charCodeAt(cursor + 1) === QUOTE) {
              value += text.slice(segmentStart, cursor + 1);
              cursor += 2;
              segmentStart = cursor;
              continue;
            }
            value += text.slice(segmentStart, cursor);
            cursor += 1;
            break;
          }
          if (code === LF) line += 1;
          cursor += 1;
        }
        field = value;
        position = cursor;
        const next = text.charCodeAt(position);
        const atRecordEnd = position >= length || next === COMMA || next === LF || (next === CR && text.charCodeAt(position + 1) === LF);
        if (!atRecordEnd) {
          throw new CsvSyntaxError(line, 'unexpected text after a closing quote (a quote inside a field must be doubled)');
        }
      } else {
        let cursor = position;
        while (cursor < length) {
          const code = text.charCodeAt(cursor);
          if (code === COMMA || code === LF || (code === CR && text.charCodeAt(cursor + 1) === LF)) break;
          if (code === QUOTE) {
            throw new CsvSyntaxError(line, 'a quote inside an unquoted field (quote the whole field and double the quote)');
          }
          cursor += 1;
        }
        field = text.slice(position, cursor);
        position = cursor;
      }
      fields.push(field);

      if (position >= length) break;
      const delimiter = text.charCodeAt(position);
      if (delimiter === COMMA) {
        position += 1;
        continue;
      }
      // A record ends at LF or CRLF.
      position += delimiter === CR ? 2 : 1;
      line += 1;
      break;
    }
    records.push({ fields, line: recordLine });
  }
  return records;
}

/** True when a record is a blank line (one empty field), which readers may skip. */
export function isBlankCsvRecord(record: CsvRecord): boolean {
  return record.fields.length === 1 && record.fields[0] === '';
}

/** Formats one field, quoting it only when RFC 4180 requires it (or when edge spaces would be lost). */
export function formatCsvField(value: string): string {
  if (/[",\r\n]/.test(value) || value !== value.trim()) {
    return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}

/** Formats one record as a CSV line without the line terminator. */
export function formatCsvRecord(fields: readonly string[]): string {
  return fields.map(formatCsvField).join(',');
}
