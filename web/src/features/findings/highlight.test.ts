import { describe, expect, it } from 'vitest';
import { highlightSegments, tallyTerms } from './highlight.ts';

const m = (term: string, start: number, end: number) => ({ term, start, end });

describe('highlightSegments', () => {
  it('returns the whole text as one plain segment without matches', () => {
    expect(highlightSegments('沒有關鍵字', [])).toEqual([{ text: '沒有關鍵字', start: 0, end: 5, matches: null }]);
  });

  it('returns nothing for an empty text', () => {
    expect(highlightSegments('', [m('x', 0, 1)])).toEqual([]);
  });

  it('splits around matches in order, whatever order they arrive in', () => {
    const text = '找乾爹，私訊加賴';
    const segments = highlightSegments(text, [m('加賴', 6, 8), m('乾爹', 1, 3)]);
    expect(segments.map((s) => [s.text, s.matches?.map((x) => x.term) ?? null])).toEqual([
      ['找', null],
      ['乾爹', ['乾爹']],
      ['，私訊', null],
      ['加賴', ['加賴']],
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('merges overlapping matches into one run naming every term', () => {
    const segments = highlightSegments('學生妹兼職', [m('妹', 2, 3), m('學生妹', 0, 3), m('妹兼', 2, 4)]);
    expect(segments).toHaveLength(2);
    expect(segments[0]).toMatchObject({ text: '學生妹兼', start: 0, end: 4 });
    expect(segments[0]?.matches?.map((x) => x.term).sort()).toEqual(['妹', '妹兼', '學生妹'].sort());
    expect(segments[1]).toMatchObject({ text: '職', matches: null });
  });

  it('keeps adjacent matches as separate runs', () => {
    const segments = highlightSegments('援交約砲', [m('援交', 0, 2), m('約砲', 2, 4)]);
    expect(segments.map((s) => s.text)).toEqual(['援交', '約砲']);
  });

  it('ignores offsets outside the text, empty or reversed ranges and non-integers', () => {
    const segments = highlightSegments('abc', [m('x', -1, 2), m('y', 2, 9), m('z', 1, 1), m('w', 2, 1), m('v', 0.5, 2)]);
    expect(segments).toEqual([{ text: 'abc', start: 0, end: 3, matches: null }]);
  });

  it('counts UTF-16 offsets (an emoji is two units)', () => {
    const text = '😀援交';
    expect(highlightSegments(text, [m('援交', 2, 4)]).map((s) => s.text)).toEqual(['😀', '援交']);
  });

  it('keeps markup-looking text as plain text', () => {
    const text = '<img src=x onerror=alert(1)>援交';
    const segments = highlightSegments(text, [m('援交', text.length - 2, text.length)]);
    expect(segments[0]?.text).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('tallyTerms', () => {
  it('lists each distinct term once with its occurrences, heaviest first', () => {
    const tally = tallyTerms([
      { term: '加賴', category: 'contact', weight: 2 },
      { term: '援交', category: 'solicitation', weight: 5 },
      { term: '加賴', category: 'contact', weight: 2 },
    ]);
    expect(tally).toEqual([
      { term: '援交', category: 'solicitation', weight: 5, occurrences: 1 },
      { term: '加賴', category: 'contact', weight: 2, occurrences: 2 },
    ]);
  });
});
