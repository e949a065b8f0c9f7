import { describe, expect, it } from 'vitest';
import { AhoCorasickAutomaton } from './aho-corasick.ts';

function allMatches(patterns: string[], text: string, maxDenseEntries?: number): [string, number, number][] {
  const found: [string, number, number][] = [];
  const automaton = new AhoCorasickAutomaton(patterns, maxDenseEntries === undefined ? {} : { maxDenseEntries });
  automaton.forEachMatch(text, (index, start, end) => found.push([patterns[index]!, start, end]));
  return found.sort((a, b) => a[1] - b[1] || a[2] - b[2]);
}

/** Reference answer: every occurrence of every pattern by indexOf. */
function naiveMatches(patterns: string[], text: string): [string, number, number][] {
  const found: [string, number, number][] = [];
  for (const pattern of patterns) {
    for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) found.push([pattern, at, at + pattern.length]);
  }
  return found.sort((a, b) => a[1] - b[1] || a[2] - b[2]);
}

describe('AhoCorasickAutomaton', () => {
  it.each([
    ['dense', undefined],
    ['sparse', 0],
  ])('finds overlapping and nested patterns, he/she/his/hers (%s table)', (_form, maxDenseEntries) => {
    expect(allMatches(['he', 'she', 'his', 'hers'], 'ushers', maxDenseEntries)).toEqual([
      ['she', 1, 4],
      ['he', 2, 4],
      ['hers', 2, 6],
    ]);
  });

  it('finds repeated and self-overlapping occurrences', () => {
    expect(allMatches(['aa'], 'aaaa')).toEqual([
      ['aa', 0, 2],
      ['aa', 1, 3],
      ['aa', 2, 4],
    ]);
  });

  it('handles CJK and surrogate pairs as code units', () => {
    expect(allMatches(['援交', '交際', '援助交際', '𠮷'], '援助交際和援交𠮷')).toEqual([
      ['援助交際', 0, 4],
      ['交際', 2, 4],
      ['援交', 5, 7],
      ['𠮷', 7, 9],
    ]);
  });

  it('agrees with indexOf on generated text', () => {
    // Deterministic pseudo-random text over a small alphabet, so that patterns overlap often.
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    const alphabet = 'ab援交c';
    const text = Array.from({ length: 5000 }, () => alphabet[next() % alphabet.length]).join('');
    const patterns = new Set<string>();
    while (patterns.size < 60) {
      const length = 1 + (next() % 5);
      patterns.add(Array.from({ length }, () => alphabet[next() % alphabet.length]).join(''));
    }
    const list = [...patterns];
    const expected = naiveMatches(list, text);
    expect(expected.length).toBeGreaterThan(1000);
    expect(allMatches(list, text)).toEqual(expected);
    // The sparse search (used when the dense table would be too large) finds the same.
    expect(allMatches(list, text, 0)).toEqual(expected);
  });

  it('refuses empty and repeated patterns', () => {
    expect(() => new AhoCorasickAutomaton([''])).toThrow('pattern 0 is empty');
    expect(() => new AhoCorasickAutomaton(['a', 'a'])).toThrow('pattern 1 repeats an earlier pattern');
  });
});
