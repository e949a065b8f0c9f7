/**
 * The XLSX writer, proven by reading its output back with an independent little zip reader
 * (central directory → local headers → raw deflate): the package's parts are there with the
 * content types, relationships and cells a spreadsheet program looks for.
 */
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildXlsx, columnLetters, escapeXml, XLSX_MAX_CELL_CHARS } from './xlsx.ts';

/** Reads every entry of a zip archive (stored or deflated; no zip64, no encryption). */
function unzip(archive: Buffer): Map<string, Buffer> {
  const eocd = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory record');
  const count = archive.readUInt16LE(eocd + 10);
  let offset = archive.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    if (archive.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = archive.readUInt16LE(offset + 10);
    const compressedSize = archive.readUInt32LE(offset + 20);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const localOffset = archive.readUInt32LE(offset + 42);
    const name = archive.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (archive.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const dataStart = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The text of the inline-string or number cells of one row of sheet1.xml. */
function rowValues(sheetXml: string, rowNumber: number): string[] {
  const row = new RegExp(`<row r="${rowNumber}">(.*?)</row>`).exec(sheetXml)?.[1] ?? '';
  return [...row.matchAll(/<c r="[A-Z]+\d+"[^>]*?(?:\/>|>(?:<is><t[^>]*>(.*?)<\/t><\/is>|<v>(.*?)<\/v>)<\/c>)/g)].map((m) => m[1] ?? m[2] ?? '');
}

describe('buildXlsx', () => {
  it('writes a package a spreadsheet program can open: parts, content types, relationships, cells', async () => {
    const xlsx = await buildXlsx({
      name: '案件',
      header: ['案號', '案件名稱', '逾期任務'],
      rows: [
        ['DA-114-0001', '網路援交 <貼文> & "暗語"', 2],
        ['XY-114-0002', '=HYPERLINK("http://x")', 0],
        ['ZS-114-0003', null, 1.5],
      ],
      columnWidths: [16, 40, 10],
    });
    expect(xlsx.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const parts = unzip(xlsx);
    expect([...parts.keys()].sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);

    const contentTypes = parts.get('[Content_Types].xml')!.toString('utf8');
    expect(contentTypes).toContain('<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>');
    expect(contentTypes).toContain('<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>');
    expect(parts.get('_rels/.rels')!.toString('utf8')).toContain('Target="xl/workbook.xml"');
    expect(parts.get('xl/_rels/workbook.xml.rels')!.toString('utf8')).toContain('Target="worksheets/sheet1.xml"');

    const workbook = parts.get('xl/workbook.xml')!.toString('utf8');
    expect(workbook).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?>/);
    expect(workbook).toContain('<sheet name="案件" sheetId="1" r:id="rId1"/>');

    const sheet = parts.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet).toContain('<dimension ref="A1:C4"/>');
    expect(sheet).toContain('<col min="2" max="2" width="40" customWidth="1"/>');
    expect(sheet).toContain('<c r="A1" t="inlineStr" s="1">');
    expect(rowValues(sheet, 1)).toEqual(['案號', '案件名稱', '逾期任務']);
    expect(rowValues(sheet, 2)).toEqual(['DA-114-0001', '網路援交 &lt;貼文&gt; &amp; &quot;暗語&quot;', '2']);
    // Text that looks like a formula stays an inline string; no <f> element is ever written.
    expect(rowValues(sheet, 3)).toEqual(['XY-114-0002', '=HYPERLINK(&quot;http://x&quot;)', '0']);
    expect(sheet).not.toContain('<f>');
    expect(rowValues(sheet, 4)).toEqual(['ZS-114-0003', '1.5']);
    expect(parts.get('xl/styles.xml')!.toString('utf8')).toContain('<font><b/>');
  });

  it('drops characters XML cannot carry, caps cell text, cleans the sheet name', async () => {
    const long = 'x'.repeat(XLSX_MAX_CELL_CHARS + 10);
    const xlsx = await buildXlsx({ name: 'a/b:c*d?[e]f-一二三四五六七八九十一二三四五六七八九十', header: ['h'], rows: [['bell\u0007 tab\t ok'], [long], [Number.NaN]] });
    const parts = unzip(xlsx);
    expect(parts.get('xl/workbook.xml')!.toString('utf8')).toContain('name="a_b_c_d__e_f-一二三四五六七八九十一二三四五六七八"');
    const sheet = parts.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(rowValues(sheet, 2)).toEqual(['bell tab\t ok']);
    expect(rowValues(sheet, 3)[0]).toHaveLength(XLSX_MAX_CELL_CHARS);
    expect(sheet).toContain('<row r="4"></row>');
  });

  it('names columns past Z and escapes markup', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(escapeXml('<a href="x">&</a>\u0000')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
    expect(escapeXml('\uD83D\uDE00 ok \uD83D')).toBe('\uD83D\uDE00 ok ');
  });
});
