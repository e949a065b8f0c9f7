/**
 * Splits a text into plain and highlighted segments from triage match offsets (UTF-16, end
 * exclusive). Pure, so it is unit-tested alone; HighlightedText renders the segments as text nodes.
 */

/** What the splitter needs of a match. */
export interface MatchSpan {
  term: string;
  start: number;
  end: number;
}

/** A run of the text; `matches` lists the terms covering it, or is null for plain text. */
export interface TextSegment<M extends MatchSpan = MatchSpan> {
  text: string;
  start: number;
  end: number;
  matches: M[] | null;
}

/**
 * The segments of `text`, in order, covering it exactly once. Overlapping or touching-inside
 * matches (學生妹 and 妹) merge into one highlighted run that names every term. Offsets outside the
 * text, empty or reversed ranges and non-integers are ignored: the offsets come from the server but
 * the text may have been edited since, so nothing here may throw.
 */
export function highlightSegments<M extends MatchSpan>(text: string, matches: readonly M[]): TextSegment<M>[] {
  const valid = matches
    .filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.end <= text.length && m.start < m.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);

  const groups: { start: number; end: number; matches: M[] }[] = [];
  for (const match of valid) {
    const last = groups[groups.length - 1];
    if (last && match.start < last.end) {
      last.end = Math.max(last.end, match.end);
      last.matches.push(match);
    } else {
      groups.push({ start: match.start, end: match.end, matches: [match] });
    }
  }

  const segments: TextSegment<M>[] = [];
  let position = 0;
  for (const group of groups) {
    if (group.start > position) segments.push({ text: text.slice(position, group.start), start: position, end: group.start, matches: null });
    segments.push({ text: text.slice(group.start, group.end), start: group.start, end: group.end, matches: group.matches });
    position = group.end;
  }
  if (position < text.length) segments.push({ text: text.slice(position), start: position, end: text.length, matches: null });
  return segments;
}

/** One line per distinct term: how often it occurs and the weight it adds (once, however often it occurs). */
export interface TermTally<C extends string = string> {
  term: string;
  category: C;
  weight: number;
  occurrences: number;
}

/**
 * The explanation of a score from its stored matches: every distinct term counts once at its
 * weight (src/triage/matcher.ts), so the terms are listed heaviest first with their occurrences.
 */
export function tallyTerms<C extends string>(matches: readonly { term: string; category: C; weight: number }[]): TermTally<C>[] {
  const byTerm = new Map<string, TermTally<C>>();
  for (const match of matches) {
    const found = byTerm.get(match.term);
    if (found) found.occurrences += 1;
    else byTerm.set(match.term, { term: match.term, category: match.category, weight: match.weight, occurrences: 1 });
  }
  return [...byTerm.values()].sort((a, b) => b.weight - a.weight || b.occurrences - a.occurrences || a.term.localeCompare(b.term));
}
