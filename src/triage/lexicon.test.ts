import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LEXICON_CATEGORIES, LexiconCsvError, parseLexiconCsv, serializeLexiconCsv, type LexiconEntry } from './lexicon.ts';

const seedText = readFileSync(new URL('../../test/fixtures/triage/lexicon-seed.csv', import.meta.url), 'utf8');
const HEADER = 'term,category,weight,note\n';

function errorOf(text: string): LexiconCsvError {
  try {
    parseLexiconCsv(text);
  } catch (error) {
    if (error instanceof LexiconCsvError) return error;
    throw error;
  }
  throw new Error('expected a LexiconCsvError');
}

describe('parseLexiconCsv', () => {
  it('reads the synthetic seed list: 48 terms, only known categories', () => {
    const entries = parseLexiconCsv(seedText);
    expect(entries).toHaveLength(48);
    expect(entries[0]).toEqual({ term: '援交', category: 'solicitation', weight: 5, note: '援助交際' });
    expect(entries.find((entry) => entry.term === '加賴')).toEqual({ term: '加賴', category: 'contact', weight: 1, note: 'move to LINE' });
    expect(entries.find((entry) => entry.term === '加LINE')).toEqual({ term: '加LINE', category: 'contact', weight: 1, note: '' });
    const categoriesUsed = new Set(entries.map((entry) => entry.category));
    expect([...categoriesUsed].sort()).toEqual(['age', 'contact', 'image_trade', 'live_stream', 'price', 'solicitation']);
    expect(LEXICON_CATEGORIES).toContain('custom');
  });

  it('matches the bundled default lexicon byte for byte', () => {
    const bundled = readFileSync(new URL('./default-lexicon.csv', import.meta.url), 'utf8');
    expect(bundled).toBe(seedText);
  });

  it('reads quoted fields with commas and tolerates a BOM, CRLF and blank lines', () => {
    const text = '\uFEFFterm,category,weight,note\r\n"援,交",solicitation,2.5,"note, with comma"\r\n\r\n"say ""hi""",custom,0,\r\n';
    expect(parseLexiconCsv(text)).toEqual([
      { term: '援,交', category: 'solicitation', weight: 2.5, note: 'note, with comma' },
      { term: 'say "hi"', category: 'custom', weight: 0, note: '' },
    ]);
  });

  it('requires the header', () => {
    expect(errorOf('')).toMatchObject({ row: 1, message: 'row 1: missing header "term,category,weight,note"' });
    expect(errorOf('援交,solicitation,5,\n')).toMatchObject({ row: 1, message: expect.stringMatching(/^row 1: header must be "term,category,weight,note"/) });
  });

  it.each([
    ['wrong column count', `${HEADER}援交,solicitation,5\n`, 2, 'row 2: expected 4 columns (term,category,weight,note), found 3'],
    ['too many columns', `${HEADER}援交,solicitation,5,a,b\n`, 2, 'row 2: expected 4 columns (term,category,weight,note), found 5'],
    ['unknown category', `${HEADER}援交,solicitation,5,\n裸聊,livestream,5,\n`, 3, 'row 3: unknown category "livestream" (expected one of: solicitation, price, age, contact, image_trade, live_stream, custom)'],
    ['category in another case', `${HEADER}援交,Solicitation,5,\n`, 2, 'row 2: unknown category "Solicitation" (expected one of: solicitation, price, age, contact, image_trade, live_stream, custom)'],
    ['weight not a number', `${HEADER}援交,solicitation,five,\n`, 2, 'row 2: weight "five" is not a number'],
    ['negative weight', `${HEADER}援交,solicitation,-1,\n`, 2, 'row 2: weight "-1" is not a number'],
    ['exponent weight', `${HEADER}援交,solicitation,1e3,\n`, 2, 'row 2: weight "1e3" is not a number'],
    ['empty weight', `${HEADER}援交,solicitation,,\n`, 2, 'row 2: weight "" is not a number'],
    ['weight out of range', `${HEADER}援交,solicitation,101,\n`, 2, 'row 2: weight 101 is out of range 0–100'],
    ['empty term', `${HEADER}援交,solicitation,5,\n  ,age,1,\n`, 3, 'row 3: empty term'],
    ['duplicate term', `${HEADER}援交,solicitation,5,\n裸聊,live_stream,5,\n援交,solicitation,4,\n`, 4, 'row 4: duplicate term "援交" (first on row 2)'],
    ['duplicate in another case or width', `${HEADER}LINE,contact,1,\nＬＩＮＥ,contact,1,\n`, 3, 'row 3: duplicate term "ＬＩＮＥ" (first on row 2)'],
  ])('rejects %s with the row number', (_name, text, row, message) => {
    const error = errorOf(text);
    expect(error.row).toBe(row);
    expect(error.message).toBe(message);
  });

  it('names the row and the physical line when a quoted field spans lines', () => {
    const error = errorOf(`${HEADER}"two\nlines",solicitation,1,\n援交,nope,1,\n`);
    expect(error.message).toBe('row 3 (line 4): unknown category "nope" (expected one of: solicitation, price, age, contact, image_trade, live_stream, custom)');
  });

  it('reports CSV syntax errors by line', () => {
    expect(errorOf(`${HEADER}援"交,solicitation,1,\n`).message).toMatch(/^row 2: a quote inside an unquoted field/);
  });
});

describe('serializeLexiconCsv', () => {
  it('round-trips the seed list', () => {
    const entries = parseLexiconCsv(seedText);
    expect(parseLexiconCsv(serializeLexiconCsv(entries))).toEqual(entries);
  });

  it('round-trips commas, quotes, line breaks and fractional weights', () => {
    const entries: LexiconEntry[] = [
      { term: '援,交', category: 'solicitation', weight: 0.5, note: 'a "quoted" note,\nwith a line break' },
      { term: 'sugar daddy', category: 'custom', weight: 1e-7, note: '' },
    ];
    const text = serializeLexiconCsv(entries);
    expect(text.startsWith('term,category,weight,note\n"援,交",solicitation,0.5,"a ""quoted"" note,\nwith a line break"\n')).toBe(true);
    expect(parseLexiconCsv(text)).toEqual(entries);
  });
});
