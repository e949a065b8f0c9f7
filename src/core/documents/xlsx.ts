/**
 * A minimal SpreadsheetML (Office Open XML, ECMA-376) workbook writer: one sheet, a bold header
 * row frozen at the top, inline strings and plain numbers. Enough for exports that officers open
 * in Excel or LibreOffice; no formulas are ever written, so text a user typed (`=HYPERLINK(…)`)
 * stays text.
 *
 * The package holds exactly the parts a reader needs: `[Content_Types].xml`, `_rels/.rels`,
 * `xl/workbook.xml`, `xl/_rels/workbook.xml.rels`, `xl/styles.xml` and `xl/worksheets/sheet1.xml`.
 */
import yazl from 'yazl';

/** One cell: text (an inline string), a number (NaN and infinities are left empty), or empty. */
export type XlsxCell = string | number | null | undefined;

export type XlsxSheet = {
  /** Sheet tab name; characters Excel refuses (`[]:*?/\`) are replaced and it is cut to 31 characters. */
  name: string;
  header: readonly string[];
  rows: readonly (readonly XlsxCell[])[];
  /** Column widths in characters, by position; missing ones use Excel's default. */
  columnWidths?: readonly number[];
};

/** Excel's limit for the text of one cell. */
export const XLSX_MAX_CELL_CHARS = 32_767;

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Style index 1 in styles.xml: the bold header font. */
const HEADER_STYLE = 1;

// Characters XML 1.0 does not allow at all (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates).
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for an XML element or attribute, dropping characters XML cannot carry. */
export function escapeXml(text: string): string {
  return text.replace(INVALID_XML_CHARS, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** `0 → A`, `25 → Z`, `26 → AA`: the column letters of a zero-based column index. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function sheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31);
  return cleaned.length > 0 ? cleaned : 'Sheet1';
}

function cellXml(ref: string, value: XlsxCell, style: number | null): string {
  const s = style === null ? '' : ` s="${style}"`;
  const empty = value === null || value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value));
  if (empty) return style === null ? '' : `<c r="${ref}"${s}/>`;
  if (typeof value === 'number') return `<c r="${ref}"${s}><v>${value}</v></c>`;
  const text = String(value).slice(0, XLSX_MAX_CELL_CHARS);
  return `<c r="${ref}" t="inlineStr"${s}><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

function rowXml(rowNumber: number, cells: readonly XlsxCell[], style: number | null): string {
  const inner = cells.map((value, column) => cellXml(`${columnLetters(column)}${rowNumber}`, value, style)).join('');
  return `<row r="${rowNumber}">${inner}</row>`;
}

function worksheetXml(sheet: XlsxSheet): string {
  const columnCount = Math.max(sheet.header.length, ...sheet.rows.map((r) => r.length), 1);
  const lastRow = sheet.rows.length + 1;
  const cols = (sheet.columnWidths ?? [])
    .map((width, i) => (Number.isFinite(width) && width > 0 ? `<col min="${i + 1}" max="${i + 1}" width="${Math.min(width, 255)}" customWidth="1"/>` : ''))
    .join('');
  const parts = [
    XML_DECLARATION,
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`,
    `<dimension ref="A1:${columnLetters(columnCount - 1)}${lastRow}"/>`,
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>',
    cols ? `<cols>${cols}</cols>` : '',
    '<sheetData>',
    rowXml(1, sheet.header, HEADER_STYLE),
    ...sheet.rows.map((row, i) => rowXml(i + 2, row, null)),
    '</sheetData>',
    '</worksheet>',
  ];
  return parts.join('');
}

function workbookXml(name: string): string {
  return `${XML_DECLARATION}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${escapeXml(sheetName(name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
}

const CONTENT_TYPES =
  `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';

const ROOT_RELS =
  `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_REL_NS}">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

const WORKBOOK_RELS =
  `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_REL_NS}">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';

// Two fills are mandatory (none and gray125) even when unused; font 1 is the bold header font.
const STYLES =
  `${XML_DECLARATION}<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** Builds a one-sheet .xlsx workbook in memory. `mtime` stamps the zip entries (default now). */
export async function buildXlsx(sheet: XlsxSheet, mtime = new Date()): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const add = (name: string, xml: string) => zip.addBuffer(Buffer.from(xml, 'utf8'), name, { mtime, compress: true });
  add('[Content_Types].xml', CONTENT_TYPES);
  add('_rels/.rels', ROOT_RELS);
  add('xl/workbook.xml', workbookXml(sheet.name));
  add('xl/_rels/workbook.xml.rels', WORKBOOK_RELS);
  add('xl/styles.xml', STYLES);
  add('xl/worksheets/sheet1.xml', worksheetXml(sheet));
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
