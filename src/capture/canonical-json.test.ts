import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonBytes } from './canonical-json.ts';
import { hasNumericOffset, isoWithOffset } from './time.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('orders keys by UTF-16 code units, not locale', () => {
    // "Z" (0x5A) < "a" (0x61) < "é" (0xE9) < "批" (0x6279) < "😀" (0xD83D…) < "ｱ" (0xFF71)
    expect(canonicalJson({ ｱ: 6, '😀': 5, 批: 4, é: 3, a: 2, Z: 1 })).toBe('{"Z":1,"a":2,"é":3,"批":4,"😀":5,"ｱ":6}');
  });

  it('escapes strings exactly like JSON.stringify and keeps non-ASCII literal', () => {
    const s = 'quote" backslash\\ nl\n tab\t ctl\u0001 lone\ud800 批踢踢';
    expect(canonicalJson(s)).toBe(JSON.stringify(s));
    expect(canonicalJson(s)).toContain('批踢踢');
    expect(canonicalJson(s)).toContain('\\ud800');
  });

  it('prints numbers as JSON.stringify does', () => {
    expect(canonicalJson([0, -0, 1.5, 1e21, 1e-7, 123456789012, -3])).toBe('[0,0,1.5,1e+21,1e-7,123456789012,-3]');
  });

  it('rejects values JSON cannot represent faithfully', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(TypeError);
    expect(() => canonicalJson([undefined])).toThrow(TypeError);
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ n: Infinity })).toThrow(/non-finite/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/plain objects/);
    expect(() => canonicalJson({ b: 1n })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });

  it('is independent of insertion order and yields UTF-8 bytes', () => {
    const a = canonicalJsonBytes({ x: '批', y: [1, 2] });
    const b = canonicalJsonBytes({ y: [1, 2], x: '批' });
    expect(a.equals(b)).toBe(true);
    expect(a.toString('hex')).toBe(Buffer.from('{"x":"批","y":[1,2]}', 'utf8').toString('hex'));
  });
});

describe('isoWithOffset', () => {
  it('writes Asia/Taipei time with +08:00, never Z', () => {
    const value = isoWithOffset(new Date('2025-11-20T13:10:33.045Z'), 'Asia/Taipei');
    expect(value).toBe('2025-11-20T21:10:33.045+08:00');
    expect(hasNumericOffset(value)).toBe(true);
    expect(hasNumericOffset('2025-11-20T13:10:33.045Z')).toBe(false);
  });

  it('handles UTC and negative offsets', () => {
    expect(isoWithOffset(new Date('2025-01-01T00:00:00.000Z'), 'UTC')).toBe('2025-01-01T00:00:00.000+00:00');
    expect(isoWithOffset(new Date('2025-01-01T00:00:00.000Z'), 'America/St_Johns')).toBe('2024-12-31T20:30:00.000-03:30');
  });
});
