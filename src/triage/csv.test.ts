import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, formatCsvRecord, parseCsv } from './csv.ts';

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and numbers records by starting line', () => {
    const text = 'a,b,c\n"x, y","say ""hi""","two\nlines"\nlast,,\n';
    expect(parseCsv(text)).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['x, y', 'say "hi"', 'two\nlines'], line: 2 },
      { fields: ['last', '', ''], line: 4 },
    ]);
  });

  it('accepts CRLF, a byte-order mark and a missing final line break', () => {
    expect(parseCsv('\uFEFFterm,weight\r\n援交,5')).toEqual([
      { fields: ['term', 'weight'], line: 1 },
      { fields: ['援交', '5'], line: 2 },
    ]);
  });

  it('keeps an empty quoted field and an empty last field', () => {
    expect(parseCsv('"",x,\n')).toEqual([{ fields: ['', 'x', ''], line: 1 }]);
  });

  it('rejects a quote inside an unquoted field, naming the line', () => {
    expect(() => parseCsv('a,b\nc,d"e\n')).toThrowError(new CsvSyntaxError(2, 'a quote inside an unquoted field (quote the whole field and double the quote)'));
  });

  it('rejects text after a closing quote and an unterminated quote, naming the line', () => {
    expect(() => parseCsv('a\n"x"y\n')).toThrowError(/^line 2: unexpected text after a closing quote/);
    expect(() => parseCsv('a\nb\n"open\nstill open\n')).toThrowError(/^line 3: quoted field is never closed/);
  });

  it('quotes on output only where needed, and round-trips', () => {
    const fields = ['plain', 'with, comma', 'with "quote"', 'multi\nline', ' padded ', ''];
    const line = formatCsvRecord(fields);
    expect(line).toBe('plain,"with, comma","with ""quote""","multi\nline"," padded ",');
    expect(parseCsv(line)[0]?.fields).toEqual(fields);
  });
});
