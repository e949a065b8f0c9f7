import { describe, expect, it } from 'vitest';
import zhTW from './zh-TW.json';
import en from './en.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();

describe('i18n catalogues', () => {
  const zh = flatten(zhTW as Tree);
  const eng = flatten(en as Tree);

  it('have exactly the same keys', () => {
    expect([...eng.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('have no empty strings', () => {
    for (const [key, value] of [...zh, ...eng]) expect(value.trim(), key).not.toBe('');
  });

  it('use the same interpolation placeholders in both languages', () => {
    for (const [key, value] of zh) expect(placeholders(eng.get(key) ?? ''), key).toEqual(placeholders(value));
  });
});
