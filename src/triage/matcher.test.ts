import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLexiconCsv, type LexiconEntry } from './lexicon.ts';
import { compileLexicon, scoreText, type TriageResult } from './matcher.ts';

// Synthetic terms only: a small lexicon that exercises CJK, Latin, mixed and digit terms.
const testLexicon: LexiconEntry[] = [
  { term: '援交', category: 'solicitation', weight: 5, note: '' },
  { term: '援助交際', category: 'solicitation', weight: 5, note: '' },
  { term: '約砲', category: 'solicitation', weight: 4, note: '' },
  { term: '約炮', category: 'solicitation', weight: 3, note: 'variant' },
  { term: '小紅書', category: 'custom', weight: 1, note: 'platform name' },
  { term: 'LINE', category: 'contact', weight: 1, note: '' },
  { term: '加LINE', category: 'contact', weight: 2, note: '' },
  { term: 'TG', category: 'contact', weight: 1, note: '' },
  { term: 'sugar daddy', category: 'solicitation', weight: 3, note: '' },
  { term: '未滿18', category: 'age', weight: 4, note: '' },
  { term: '學生', category: 'age', weight: 1, note: '' },
  { term: '學生妹', category: 'age', weight: 4, note: '' },
  { term: '蘿莉', category: 'age', weight: 4, note: '' },
  { term: '裸聊', category: 'live_stream', weight: 5, note: '' },
];
const matcher = compileLexicon(testLexicon);

/** [term, the original characters its offsets cover] for every match, in order. */
function spans(input: string, result: TriageResult = scoreText(matcher, input)): [string, string][] {
  return result.matches.map((match) => [match.term, input.slice(match.start, match.end)]);
}

describe('separator tricks', () => {
  it.each([
    ['援.交'],
    ['援 交'],
    ['援_交'],
    ['援\u200b交'],
    ['援-交'],
    ['援*交'],
    ['援/交'],
    ['援·交'],
    ['援、交'],
    ['援‧交'],
    ['援..交'],
    ['援 . _ 交'],
    ['援-*-/交'],
    ['援\u200b \u200c.\u200d交'],
    ['援．交'],
    ['援\u3000交'],
  ])('%j matches 援交 and the offsets span the inserted separators', (trick) => {
    const input = `今天${trick}嗎`;
    const result = scoreText(matcher, input);
    expect(spans(input, result)).toEqual([['援交', trick]]);
    expect(result.matches[0]).toMatchObject({ start: 2, end: 2 + trick.length, category: 'solicitation', weight: 5 });
  });

  it('matches separators in a longer term and between CJK and Latin', () => {
    expect(spans('找 援-助-交-際 的')).toEqual([['援助交際', '援-助-交-際']]);
    expect(spans('請 加 LINE 聊')).toEqual([
      ['加LINE', '加 LINE'],
      ['LINE', 'LINE'],
    ]);
  });

  it('does not glue Latin words: separators are skipped only inside a spelled-out word', () => {
    expect(spans('加 L.I.N.E')).toEqual([
      ['加LINE', '加 L.I.N.E'],
      ['LINE', 'L.I.N.E'],
    ]);
    expect(spans('sugar . daddy')).toEqual([['sugar daddy', 'sugar . daddy']]);
    expect(spans('it goes')).toEqual([]);
    expect(spans('at g')).toEqual([]);
    expect(spans('o n l i n e')).toEqual([]);
    expect(spans('the pipe line')).toEqual([['LINE', 'line']]);
    expect(spans('T.G.')).toEqual([['TG', 'T.G']]);
  });
});

describe('Simplified Chinese input', () => {
  it('matches Traditional lexicon terms', () => {
    expect(spans('我在小红书看到')).toEqual([['小紅書', '小红书']]);
    expect(spans('援助交际')).toEqual([['援助交際', '援助交际']]);
    expect(spans('萝莉 学生妹')).toEqual([
      ['蘿莉', '萝莉'],
      ['學生', '学生'],
      ['學生妹', '学生妹'],
    ]);
  });

  it('matches Simplified text with separators inserted', () => {
    expect(spans('小.红.书')).toEqual([['小紅書', '小.红.书']]);
  });

  it('reports the spelling actually written when variants merge (约炮 → 約炮, 約砲 → 約砲)', () => {
    expect(spans('约炮')).toEqual([['約炮', '约炮']]);
    expect(spans('約砲')).toEqual([['約砲', '約砲']]);
    expect(spans('约 砲')).toEqual([['約砲', '约 砲']]);
  });
});

describe('width, case, invisible characters and word boundaries', () => {
  it('matches full-width ＬＩＮＥ and lower case line', () => {
    expect(spans('ＬＩＮＥ')).toEqual([['LINE', 'ＬＩＮＥ']]);
    expect(spans('my line id')).toEqual([['LINE', 'line']]);
    expect(spans('加ｌｉｎｅ')).toEqual([
      ['加LINE', '加ｌｉｎｅ'],
      ['LINE', 'ｌｉｎｅ'],
    ]);
  });

  it('matches through zero-width characters', () => {
    expect(spans('L\u200bI\u200cN\u200dE')).toEqual([['LINE', 'L\u200bI\u200cN\u200dE']]);
    expect(spans('裸\u2060聊\uFEFF')).toEqual([['裸聊', '裸\u2060聊']]);
  });

  it('keeps LINE out of online, lines and pipeline, also when a zero-width space hides inside', () => {
    expect(spans('online lines pipeline LINEAR')).toEqual([]);
    expect(spans('on\u200bline')).toEqual([]);
    expect(spans('online LINE')).toEqual([['LINE', 'LINE']]);
  });

  it('matches line next to CJK, which is not a word character', () => {
    expect(spans('加line')).toEqual([
      ['加LINE', '加line'],
      ['LINE', 'line'],
    ]);
    expect(spans('賴line號')).toEqual([['LINE', 'line']]);
  });

  it('keeps digit terms whole (未滿18 is not in 未滿180) but joins spelled-out digits', () => {
    expect(spans('未滿18歲')).toEqual([['未滿18', '未滿18']]);
    expect(spans('未滿180')).toEqual([]);
    expect(spans('未滿 1 8')).toEqual([['未滿18', '未滿 1 8']]);
  });

  it('matches compatibility ideographs (裸 U+F912) and Kangxi radicals', () => {
    expect(spans('\uF912聊')).toEqual([['裸聊', '\uF912聊']]);
    expect(spans('\uF910莉')).toEqual([['蘿莉', '\uF910莉']]);
  });
});

describe('offsets into the original text', () => {
  it('are UTF-16 offsets that survive surrogate pairs, emoji and full-width text before the match', () => {
    const input = '𠮷😀ＡＢ 援.交';
    const [match] = scoreText(matcher, input).matches;
    expect(match).toMatchObject({ term: '援交', start: 7, end: 10 });
    expect(input.slice(match!.start, match!.end)).toBe('援.交');
  });

  it('stay exact after a lone surrogate (malformed input)', () => {
    expect(scoreText(matcher, '\uD800援.交\uDC00').matches[0]).toMatchObject({ term: '援交', start: 1, end: 4 });
  });

  it('exclude separators before and after the term', () => {
    expect(spans('.. 援.交 ..')).toEqual([['援交', '援.交']]);
  });

  it('cover a whole character that OpenCC turned into a surrogate pair', () => {
    // 㓆 becomes 𠗣 (two code units) in OpenCC's table; the match after it must not shift.
    const input = '㓆援.交';
    expect(scoreText(matcher, input).matches[0]).toMatchObject({ start: 1, end: 4 });
  });
});

describe('scoring', () => {
  it('counts each distinct term once, reports every occurrence and overlap', () => {
    const input = '援交 援交 學生妹 援.交';
    const result = scoreText(matcher, input);
    expect(result.matches.map((match) => [match.term, match.start, match.end])).toEqual([
      ['援交', 0, 2],
      ['援交', 3, 5],
      ['學生', 6, 8],
      ['學生妹', 6, 9],
      ['援交', 10, 13],
    ]);
    expect(result.score).toBe(5 + 1 + 4);
    expect(result.categories.solicitation).toEqual({ score: 5, terms: 1, occurrences: 3 });
    expect(result.categories.age).toEqual({ score: 5, terms: 2, occurrences: 2 });
    expect(result.categories.contact).toEqual({ score: 0, terms: 0, occurrences: 0 });
    expect(result.explanation.split('\n')).toEqual([
      'Score 10: each distinct term counts once at its weight; repeats add nothing.',
      '+5 援交 [solicitation] ×3 at 0–2, 3–5, 10–13',
      '+1 學生 [age] at 6–8',
      '+4 學生妹 [age] at 6–9',
    ]);
  });

  it('counts variant spellings of one term once, at the highest weight found', () => {
    const result = scoreText(matcher, '约炮 約砲');
    expect(spans('约炮 約砲', result)).toEqual([
      ['約炮', '约炮'],
      ['約砲', '約砲'],
    ]);
    expect(result.score).toBe(4);
    expect(result.explanation).toContain('+0 約炮 [solicitation] at 0–2 (same term as 約砲, counted once)');
    expect(scoreText(matcher, '約炮').score).toBe(3);
  });

  it('scores 0 with an explanation when nothing matches', () => {
    const result = scoreText(matcher, '今天天氣很好 online');
    expect(result).toMatchObject({ score: 0, matches: [], explanation: 'No lexicon term found; score 0.' });
  });

  it('accepts a custom variant table (homophone 圓交 → 援交) that replaces the default', () => {
    const custom = compileLexicon(testLexicon, { variants: [['圓交', '援交']] });
    expect(spans('圓.交', scoreText(custom, '圓.交'))).toEqual([['援交', '圓.交']]);
    // Without the default table 炮 and 砲 are different characters again.
    expect(spans('约炮', scoreText(custom, '约炮'))).toEqual([['約炮', '约炮']]);
    expect(scoreText(custom, '约炮 約砲').score).toBe(7);
  });

  it('refuses a term with nothing left to match', () => {
    expect(() => compileLexicon([{ term: '._', category: 'custom', weight: 1, note: '' }])).toThrow('term "._" has nothing left to match after normalisation');
  });
});

describe('the seed lexicon', () => {
  const seed = compileLexicon(parseLexiconCsv(readFileSync(new URL('../../test/fixtures/triage/lexicon-seed.csv', import.meta.url), 'utf8')));

  it('scores a synthetic solicitation post', () => {
    const input = '徵 乾爹 包养，學.生.妹 可外约，茶资私讯，加 L I N E';
    const result = scoreText(seed, input);
    expect(spans(input, result)).toEqual([
      ['乾爹', '乾爹'],
      ['包養', '包养'],
      ['學生妹', '學.生.妹'],
      ['外約', '外约'],
      ['茶資', '茶资'],
      ['私訊', '私讯'],
      ['加LINE', '加 L I N E'],
    ]);
    expect(result.score).toBe(3 + 3 + 4 + 4 + 3 + 1 + 1);
  });
});
