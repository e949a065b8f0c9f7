import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition, formatBytes, isHttpUrl, mergePages, nextBefore, shortHash, taipeiWallClockIso } from './evidence-format.ts';

const HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('evidence formatting', () => {
  it('shortens a hash to its head and tail', () => {
    expect(shortHash(HASH)).toBe('e3b0c44298…52b855');
    expect(shortHash('abc')).toBe('abc');
    expect(shortHash('')).toBe('');
  });

  it('prints sizes in binary multiples', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(512 * 1024 * 1024)).toBe('512 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3 GB');
    expect(formatBytes(-1)).toBe('');
  });

  it('accepts only absolute http(s) URLs as sources', () => {
    expect(isHttpUrl('https://example.org/post/1')).toBe(true);
    expect(isHttpUrl(' http://example.org ')).toBe(true);
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpUrl('ftp://example.org/')).toBe(false);
    expect(isHttpUrl('example.org')).toBe(false);
  });

  it('reads a picked wall-clock time as Taipei time', () => {
    expect(taipeiWallClockIso('2025-07-08T14:05')).toBe('2025-07-08T06:05:00.000Z');
    expect(taipeiWallClockIso('2025-07-08T00:30:15')).toBe('2025-07-07T16:30:15.000Z');
    expect(taipeiWallClockIso('nonsense')).toBe('');
  });
});

describe('evidence paging', () => {
  const item = (id: string, recordedAt: string) => ({ id, recordedAt });

  it('stops after a short page', () => {
    expect(nextBefore([item('a', '2025-07-08T06:05:00.000Z')], 2, null)).toBeUndefined();
    expect(nextBefore([], 2, null)).toBeUndefined();
  });

  it('asks again from just after the last instant, so a batch cut by the page is not skipped', () => {
    const page = [item('a', '2025-07-08T06:05:00.500Z'), item('b', '2025-07-08T06:05:00.100Z')];
    expect(nextBefore(page, 2, null)).toBe('2025-07-08T06:05:00.101Z');
  });

  it('falls back to the strict bound when the same page would come again', () => {
    const page = [item('a', '2025-07-08T06:05:00.100Z'), item('b', '2025-07-08T06:05:00.100Z')];
    expect(nextBefore(page, 2, '2025-07-08T06:05:00.101Z')).toBe('2025-07-08T06:05:00.100Z');
  });

  it('merges pages keeping each item once', () => {
    const merged = mergePages([
      [item('a', 'x'), item('b', 'x')],
      [item('b', 'x'), item('c', 'y')],
    ]);
    expect(merged.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('fileNameFromDisposition', () => {
  it('reads the quoted file name of an attachment', () => {
    expect(fileNameFromDisposition('attachment; filename="evidence-export-20251122-abc.zip"')).toBe('evidence-export-20251122-abc.zip');
    expect(fileNameFromDisposition('attachment; filename=plain.zip')).toBe('plain.zip');
  });

  it('prefers the UTF-8 extended form', () => {
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%E5%B0%8D%E8%A9%B1%E7%B4%80%E9%8C%84.pdf")).toBe('對話紀錄.pdf');
    expect(fileNameFromDisposition("attachment; filename=\"fallback.pdf\"; filename*=UTF-8''%E8%A9%B1.pdf")).toBe('話.pdf');
  });

  it('drops any path and refuses empty or missing names', () => {
    expect(fileNameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(fileNameFromDisposition('attachment; filename=""')).toBeNull();
    expect(fileNameFromDisposition('attachment')).toBeNull();
    expect(fileNameFromDisposition(null)).toBeNull();
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%E0%A4%A")).toBeNull();
  });
});
