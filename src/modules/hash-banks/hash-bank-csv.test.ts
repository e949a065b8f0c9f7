import { describe, expect, it } from 'vitest';
import { HashBankCsvError, parseHashBankCsv } from './hash-bank-csv.ts';

const PDQ = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
const MD5 = 'D41D8CD98F00B204E9800998ECF8427E';
const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function refusal(text: string): { row: number; reason: string } {
  try {
    parseHashBankCsv(text);
  } catch (error) {
    if (error instanceof HashBankCsvError) return { row: error.row, reason: error.reason };
    throw error;
  }
  throw new Error('expected the CSV to be refused');
}

describe('parseHashBankCsv', () => {
  it('reads the three hash types, lowercases hashes and keeps empty labels as null', () => {
    const parsed = parseHashBankCsv(`\uFEFFhash_type,hash,label,source\r\npdq,${PDQ},類別A,iWIN\nMD5,${MD5},,\nsha256, ${SHA} ,"label, with comma",NCMEC\n\n`);
    expect(parsed).toEqual({
      rows: 3,
      duplicates: 0,
      entries: [
        { hashType: 'pdq', hash: PDQ, label: '類別A', source: 'iWIN' },
        { hashType: 'md5', hash: MD5.toLowerCase(), label: null, source: null },
        { hashType: 'sha256', hash: SHA, label: 'label, with comma', source: 'NCMEC' },
      ],
    });
  });

  it('keeps the first of repeated hashes and counts the repeats', () => {
    const parsed = parseHashBankCsv(`hash_type,hash,label,source\nmd5,${MD5},a,\nmd5,${MD5.toLowerCase()},b,\n`);
    expect(parsed.entries).toEqual([{ hashType: 'md5', hash: MD5.toLowerCase(), label: 'a', source: null }]);
    expect(parsed.duplicates).toBe(1);
  });

  it('requires the header', () => {
    expect(refusal(`pdq,${PDQ},x,y\n`)).toEqual({ row: 1, reason: `header must be "hash_type,hash,label,source", found "pdq,${PDQ},x,y"` });
    expect(refusal('')).toMatchObject({ row: 1, reason: expect.stringContaining('missing header') });
    expect(refusal('hash_type,hash,label,source\n')).toMatchObject({ row: 1, reason: expect.stringContaining('no rows') });
  });

  it('names the first bad row and its reason', () => {
    const head = 'hash_type,hash,label,source\n';
    expect(refusal(`${head}pdq,${PDQ},a,b\nsha1,${SHA},a,b\n`)).toEqual({ row: 3, reason: 'unknown hash_type "sha1" (expected one of: pdq, md5, sha256)' });
    expect(refusal(`${head}md5,${SHA},a,b\n`)).toEqual({ row: 2, reason: 'md5 hash must have 32 hex digits, found 64' });
    expect(refusal(`${head}sha256,${MD5},a,b\n`)).toEqual({ row: 2, reason: 'sha256 hash must have 64 hex digits, found 32' });
    expect(refusal(`${head}pdq,${PDQ.slice(0, 63)}g,a,b\n`)).toMatchObject({ row: 2, reason: expect.stringContaining('not hexadecimal') });
    expect(refusal(`${head}pdq,${'0'.repeat(64)},a,b\n`)).toMatchObject({ row: 2, reason: expect.stringContaining('all-zero') });
    expect(refusal(`${head}pdq,${PDQ},a\n`)).toEqual({ row: 2, reason: 'expected 4 columns (hash_type,hash,label,source), found 3' });
    expect(refusal(`${head}pdq,${PDQ},${'x'.repeat(501)},b\n`)).toMatchObject({ row: 2, reason: expect.stringContaining('label longer') });
    // A blank line is still a record, so row numbers stay those a spreadsheet shows.
    expect(refusal(`${head}\nmd5,xyz,a,b\n`)).toMatchObject({ row: 3 });
    expect(refusal(`${head}md5,"${MD5},a,b\n`)).toMatchObject({ row: 2, reason: 'quoted field is never closed' });
  });

  it('refuses lists longer than the limit', () => {
    expect(() => parseHashBankCsv(`hash_type,hash,label,source\nmd5,${MD5},a,\nsha256,${SHA},b,\n`, { maxRows: 1 })).toThrow(/row 3: more than 1 rows/);
  });
});
