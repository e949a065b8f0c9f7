/**
 * Keyword triage (G6.1 keyword toolkit; the triage score of a finding in the design): compile a
 * lexicon once, then score any text against it. Matching runs on normalised text (see
 * normalize.ts) and every match is reported with the UTF-16 range [start, end) of the ORIGINAL
 * text that it covers, separators inside the term included.
 *
 * Scoring rule (the one number officers sort findings by):
 * - score = the sum of the weights of the DISTINCT terms found; a term counts once however often
 *   it repeats, so keyword stuffing or a long thread quoting the same word does not inflate it
 *   (the number of occurrences is in `matches`, `categories` and the explanation).
 * - Terms whose spellings normalise to the same form (約炮/約砲 through the variant table, or a
 *   term and its Simplified spelling) are one term for scoring: it counts once, at the highest
 *   weight among the spellings found, under that spelling's category.
 * - Overlapping matches of different terms all count (學生妹 and 妹 would both score): each is a
 *   separate signal the lexicon's author chose to list.
 */
import { AhoCorasickAutomaton } from './aho-corasick.ts';
import { LEXICON_CATEGORIES, type LexiconCategory, type LexiconEntry } from './lexicon.ts';
import { createNormalizer, isWordCodePoint, type NormalizerOptions, type TextNormalizer } from './normalize.ts';

/** One occurrence of a lexicon term; `start`/`end` are UTF-16 offsets into the original text, end exclusive. */
export interface TriageMatch {
  readonly term: string;
  readonly category: LexiconCategory;
  readonly weight: number;
  readonly start: number;
  readonly end: number;
}

/** Per-category totals: score under the rule above, distinct terms found, occurrences. */
export interface CategoryTally {
  readonly score: number;
  readonly terms: number;
  readonly occurrences: number;
}

/** The result of scoring one text. */
export interface TriageResult {
  readonly score: number;
  readonly matches: TriageMatch[];
  readonly categories: Record<LexiconCategory, CategoryTally>;
  /** Human-readable account of how the score was reached, one line per term counted. */
  readonly explanation: string;
}

/** Options for {@link compileLexicon}: the normaliser's (Simplified conversion, variants, separators). */
export type CompileLexiconOptions = NormalizerOptions;

/** Lexicon entries that normalise to one pattern; `entryIndices` in lexicon order. */
interface PatternGroup {
  readonly pattern: string;
  readonly entryIndices: number[];
  // A pattern that starts or ends with a word character must sit on a word boundary there.
  readonly startsWithWord: boolean;
  readonly endsWithWord: boolean;
}

/** A lexicon compiled for matching; build with {@link compileLexicon}, use with {@link scoreText}. */
export interface TriageMatcher {
  readonly entries: readonly LexiconEntry[];
  /** @internal */ readonly groups: readonly PatternGroup[];
  /** @internal */ readonly automaton: AhoCorasickAutomaton;
  /** @internal */ readonly normalizer: TextNormalizer;
  // Normalises without the variant table: tells which spelling of a merged group was written.
  /** @internal */ readonly spellingNormalizer: TextNormalizer;
  /** @internal */ readonly spellingForms: readonly string[];
}

function firstCodePoint(text: string): number {
  return text.codePointAt(0)!;
}

function lastCodePoint(text: string): number {
  const last = text.charCodeAt(text.length - 1);
  // A trailing low surrogate belongs to the pair that ends the string.
  return last >= 0xdc00 && last <= 0xdfff && text.length >= 2 ? text.codePointAt(text.length - 2)! : last;
}

/**
 * Compiles a lexicon: normalises every term and builds one Aho–Corasick automaton. Throws if a
 * term has no matchable character left after normalisation (e.g. a term made of separators).
 */
export function compileLexicon(entries: readonly LexiconEntry[], options: CompileLexiconOptions = {}): TriageMatcher {
  const normalizer = createNormalizer(options);
  const spellingNormalizer = createNormalizer({ ...options, variants: [] });
  const groupByPattern = new Map<string, number[]>();
  entries.forEach((entry, entryIndex) => {
    const pattern = normalizer.normalizeTerm(entry.term);
    if (pattern === '') throw new Error(`term "${entry.term}" has nothing left to match after normalisation`);
    const group = groupByPattern.get(pattern);
    if (group === undefined) groupByPattern.set(pattern, [entryIndex]);
    else group.push(entryIndex);
  });
  const groups = Array.from(groupByPattern, ([pattern, entryIndices]): PatternGroup => ({
    pattern,
    entryIndices,
    startsWithWord: isWordCodePoint(firstCodePoint(pattern)),
    endsWithWord: isWordCodePoint(lastCodePoint(pattern)),
  }));
  const mergesSpellings = groups.some((group) => group.entryIndices.length > 1);
  return {
    entries: [...entries],
    groups,
    automaton: new AhoCorasickAutomaton(groups.map((group) => group.pattern)),
    normalizer,
    spellingNormalizer,
    spellingForms: mergesSpellings ? entries.map((entry) => spellingNormalizer.normalizeTerm(entry.term)) : [],
  };
}

/** True when the code point ending just before `index` in `text` is a word character. */
function wordCharacterBefore(text: string, index: number): boolean {
  if (index <= 0) return false;
  const unit = text.charCodeAt(index - 1);
  const codePoint = unit >= 0xdc00 && unit <= 0xdfff && index >= 2 ? text.codePointAt(index - 2)! : unit;
  return isWordCodePoint(codePoint);
}

function wordCharacterAt(text: string, index: number): boolean {
  return index < text.length && isWordCodePoint(text.codePointAt(index)!);
}

/** Picks the entry of a merged group whose own spelling was written, else the first in lexicon order. */
function attributeEntry(matcher: TriageMatcher, group: PatternGroup, originalSpan: string): number {
  if (group.entryIndices.length === 1) return group.entryIndices[0]!;
  const written = matcher.spellingNormalizer.normalizeTerm(originalSpan);
  return group.entryIndices.find((entryIndex) => matcher.spellingForms[entryIndex] === written) ?? group.entryIndices[0]!;
}

function emptyCategoryTallies(): Record<LexiconCategory, { score: number; terms: number; occurrences: number }> {
  const tallies = {} as Record<LexiconCategory, { score: number; terms: number; occurrences: number }>;
  for (const category of LEXICON_CATEGORIES) tallies[category] = { score: 0, terms: 0, occurrences: 0 };
  return tallies;
}

function roundWeight(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Occurrences as parallel arrays: pattern group, lexicon entry, original range [start, end). */
class FoundOccurrences {
  group: Int32Array = new Int32Array(256);
  entry: Int32Array = new Int32Array(256);
  start: Int32Array = new Int32Array(256);
  end: Int32Array = new Int32Array(256);
  count = 0;

  add(groupIndex: number, entryIndex: number, start: number, end: number): void {
    if (this.count === this.group.length) this.grow();
    this.group[this.count] = groupIndex;
    this.entry[this.count] = entryIndex;
    this.start[this.count] = start;
    this.end[this.count] = end;
    this.count += 1;
  }

  /** Occurrence indices by original start, then end, then lexicon order (no two tie on all three). */
  sortedOrder(): Int32Array {
    const { start, end, entry } = this;
    const order = new Int32Array(this.count);
    for (let index = 0; index < this.count; index += 1) order[index] = index;
    return order.sort((a, b) => start[a]! - start[b]! || end[a]! - end[b]! || entry[a]! - entry[b]!);
  }

  private grow(): void {
    const capacity = this.group.length * 2;
    const grown = (array: Int32Array): Int32Array => {
      const larger = new Int32Array(capacity);
      larger.set(array);
      return larger;
    };
    this.group = grown(this.group);
    this.entry = grown(this.entry);
    this.start = grown(this.start);
    this.end = grown(this.end);
  }
}

/** Scores `text` against a compiled lexicon; see the module comment for the scoring rule. */
export function scoreText(matcher: TriageMatcher, text: string): TriageResult {
  const normalized = matcher.normalizer.normalize(text);
  const normalizedText = normalized.text;
  // Occurrences are collected in flat arrays, one object each only once sorted: a large page has
  // hundreds of thousands, and a wrapper object per occurrence cost more than the matching.
  const found = new FoundOccurrences();
  const { groups, entries } = matcher;
  const { originalStart: startOf, originalEnd: endOf } = normalized;
  matcher.automaton.forEachMatch(normalizedText, (groupIndex, start, end) => {
    const group = groups[groupIndex]!;
    // Latin terms match whole words only: LINE is not in "online", but is in "加line".
    if (group.startsWithWord && wordCharacterBefore(normalizedText, start)) return;
    if (group.endsWithWord && wordCharacterAt(normalizedText, end)) return;
    const originalStart = startOf[start]!;
    const originalEnd = endOf[end - 1]!;
    // Only a merged group needs the written span.
    const entryIndex = group.entryIndices.length === 1 ? group.entryIndices[0]! : attributeEntry(matcher, group, text.slice(originalStart, originalEnd));
    found.add(groupIndex, entryIndex, originalStart, originalEnd);
  });
  const order = found.sortedOrder();
  const matches = new Array<TriageMatch>(order.length);
  order.forEach((occurrence, position) => {
    const entry = entries[found.entry[occurrence]!]!;
    matches[position] = { term: entry.term, category: entry.category, weight: entry.weight, start: found.start[occurrence]!, end: found.end[occurrence]! };
  });

  // Per group: the spellings found, with their occurrences, in order of first appearance.
  const spellingsByGroup = new Map<number, Map<number, TriageMatch[]>>();
  order.forEach((occurrence, position) => {
    const groupIndex = found.group[occurrence]!;
    const entryIndex = found.entry[occurrence]!;
    const match = matches[position]!;
    let spellings = spellingsByGroup.get(groupIndex);
    if (spellings === undefined) {
      spellings = new Map();
      spellingsByGroup.set(groupIndex, spellings);
    }
    const occurrences = spellings.get(entryIndex);
    if (occurrences === undefined) spellings.set(entryIndex, [match]);
    else occurrences.push(match);
  });

  const categories = emptyCategoryTallies();
  const lines: string[] = [];
  let score = 0;
  for (const spellings of spellingsByGroup.values()) {
    const spellingList = Array.from(spellings);
    let counted = spellingList[0]!;
    for (const candidate of spellingList) {
      if (matcher.entries[candidate[0]]!.weight > matcher.entries[counted[0]]!.weight) counted = candidate;
    }
    const countedEntry = matcher.entries[counted[0]]!;
    score += countedEntry.weight;
    categories[countedEntry.category].score += countedEntry.weight;
    for (const [entryIndex, occurrences] of spellingList) {
      const entry = matcher.entries[entryIndex]!;
      categories[entry.category].terms += 1;
      categories[entry.category].occurrences += occurrences.length;
      const where = occurrences.map((occurrence) => `${occurrence.start}–${occurrence.end}`).join(', ');
      const repeats = occurrences.length > 1 ? ` ×${occurrences.length}` : '';
      lines.push(
        entryIndex === counted[0]
          ? `+${entry.weight} ${entry.term} [${entry.category}]${repeats} at ${where}`
          : `+0 ${entry.term} [${entry.category}]${repeats} at ${where} (same term as ${countedEntry.term}, counted once)`,
      );
    }
  }

  // Fractional weights (0.1 + 0.2) must not print as 0.30000000000000004.
  score = roundWeight(score);
  for (const category of LEXICON_CATEGORIES) categories[category].score = roundWeight(categories[category].score);
  const explanation =
    matches.length === 0
      ? 'No lexicon term found; score 0.'
      : [`Score ${score}: each distinct term counts once at its weight; repeats add nothing.`, ...lines].join('\n');
  return { score, matches, categories, explanation };
}
