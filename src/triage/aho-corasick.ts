/**
 * Aho–Corasick multi-pattern search over UTF-16 code units. Built once per lexicon, it finds every
 * occurrence of every term (overlaps included) in one pass over the text, so the cost of triage
 * grows with the text and not with the number of terms × the text, as a loop of indexOf would.
 */

/** Receives one occurrence: the pattern's index and its code-unit range [start, end). */
export type MatchVisitor = (patternIndex: number, start: number, end: number) => void;

const NO_PATTERN = -1;
const ROOT = 0;
// Largest dense transition table built, in entries (2 bytes each, 4 past 65,536 states: 32–64 MB).
// Beyond it — tens of thousands of terms over thousands of distinct characters — the automaton
// falls back to per-state maps.
const MAX_DENSE_ENTRIES = 16 * 1024 * 1024;

/** An immutable Aho–Corasick automaton for a fixed list of non-empty, distinct patterns. */
export class AhoCorasickAutomaton {
  /** Number of patterns the automaton was built from. */
  readonly patternCount: number;
  // Sparse form, used to build the dense table and when that would be too large. The root is the
  // state the search is in most of the time, so its moves are a flat table indexed by code unit
  // (0 = stay at the root); every other state keeps its few moves in a Map.
  private readonly rootMoves = new Int32Array(0x10000);
  private readonly moves: Map<number, number>[] = [];
  private readonly failure: number[] = [];
  private readonly patternEndingHere: number[] = [];
  // Nearest state on the failure chain whose own pattern ends there (NO_PATTERN if none): walking
  // these links lists every pattern that ends at the current position without visiting the rest.
  private readonly outputLink: number[] = [];
  private readonly patternLengths: number[];
  // The complete transition function (failure moves folded in) over the patterns' alphabet:
  // next state = denseMoves[state * alphabetWidth + columnOfUnit[unit]], column 0 meaning "a code
  // unit no pattern contains". Two array reads per code unit; null when it would be too large.
  private readonly columnOfUnit = new Int32Array(0x10000);
  private readonly alphabetWidth: number;
  // 16-bit entries while the states fit (a 5,000-term lexicon has about 15,000): half the memory,
  // and half the cache misses, as the search jumps between rows.
  private readonly denseMoves: Int32Array | Uint16Array | null;

  /** `maxDenseEntries` caps the dense table (tests set 0 to exercise the sparse search). */
  constructor(patterns: readonly string[], options: { readonly maxDenseEntries?: number } = {}) {
    this.patternCount = patterns.length;
    this.patternLengths = patterns.map((pattern) => pattern.length);
    this.addState();
    patterns.forEach((pattern, patternIndex) => this.insert(pattern, patternIndex));
    const breadthFirstOrder = this.linkFailures();
    let columns = 1;
    for (const pattern of patterns) {
      for (let index = 0; index < pattern.length; index += 1) {
        const unit = pattern.charCodeAt(index);
        if (this.columnOfUnit[unit] === 0) this.columnOfUnit[unit] = columns++;
      }
    }
    this.alphabetWidth = columns;
    const maxDenseEntries = options.maxDenseEntries ?? MAX_DENSE_ENTRIES;
    this.denseMoves = this.moves.length * columns <= maxDenseEntries ? this.buildDenseMoves(breadthFirstOrder) : null;
  }

  /** Visits every occurrence of every pattern in `text`, in order of end position. */
  forEachMatch(text: string, visit: MatchVisitor): void {
    if (this.denseMoves !== null) this.forEachMatchDense(text, this.denseMoves, visit);
    else this.forEachMatchSparse(text, visit);
  }

  private forEachMatchDense(text: string, denseMoves: Int32Array | Uint16Array, visit: MatchVisitor): void {
    const { columnOfUnit, alphabetWidth, patternEndingHere, outputLink, patternLengths } = this;
    let state = ROOT;
    for (let index = 0; index < text.length; index += 1) {
      state = denseMoves[state * alphabetWidth + columnOfUnit[text.charCodeAt(index)]!]!;
      if (state === ROOT) continue;
      let reporting = patternEndingHere[state] === NO_PATTERN ? outputLink[state]! : state;
      while (reporting !== NO_PATTERN) {
        const patternIndex = patternEndingHere[reporting]!;
        visit(patternIndex, index + 1 - patternLengths[patternIndex]!, index + 1);
        reporting = outputLink[reporting]!;
      }
    }
  }

  private forEachMatchSparse(text: string, visit: MatchVisitor): void {
    const { rootMoves, moves, failure, patternEndingHere, outputLink, patternLengths } = this;
    let state = ROOT;
    for (let index = 0; index < text.length; index += 1) {
      const unit = text.charCodeAt(index);
      if (state !== ROOT) {
        let next = moves[state]!.get(unit);
        while (next === undefined) {
          state = failure[state]!;
          if (state === ROOT) break;
          next = moves[state]!.get(unit);
        }
        state = next ?? rootMoves[unit]!;
      } else {
        state = rootMoves[unit]!;
      }
      if (state === ROOT) continue;
      let reporting = patternEndingHere[state] === NO_PATTERN ? outputLink[state]! : state;
      while (reporting !== NO_PATTERN) {
        const patternIndex = patternEndingHere[reporting]!;
        visit(patternIndex, index + 1 - patternLengths[patternIndex]!, index + 1);
        reporting = outputLink[reporting]!;
      }
    }
  }

  private addState(): number {
    this.moves.push(new Map());
    this.failure.push(ROOT);
    this.patternEndingHere.push(NO_PATTERN);
    this.outputLink.push(NO_PATTERN);
    return this.moves.length - 1;
  }

  private insert(pattern: string, patternIndex: number): void {
    if (pattern.length === 0) throw new Error(`pattern ${patternIndex} is empty`);
    let state = ROOT;
    for (let index = 0; index < pattern.length; index += 1) {
      const unit = pattern.charCodeAt(index);
      let next = this.moves[state]!.get(unit);
      if (next === undefined) {
        next = this.addState();
        this.moves[state]!.set(unit, next);
        if (state === ROOT) this.rootMoves[unit] = next;
      }
      state = next;
    }
    if (this.patternEndingHere[state] !== NO_PATTERN) throw new Error(`pattern ${patternIndex} repeats an earlier pattern`);
    this.patternEndingHere[state] = patternIndex;
  }

  /** Row of each state = its own moves, else the row of its failure state (already built: shallower). */
  private buildDenseMoves(breadthFirstOrder: readonly number[]): Int32Array | Uint16Array {
    const width = this.alphabetWidth;
    const dense = this.moves.length <= 0x10000 ? new Uint16Array(this.moves.length * width) : new Int32Array(this.moves.length * width);
    for (const [unit, child] of this.moves[ROOT]!) dense[this.columnOfUnit[unit]!] = child;
    for (const state of breadthFirstOrder) {
      const row = state * width;
      dense.copyWithin(row, this.failure[state]! * width, this.failure[state]! * width + width);
      for (const [unit, child] of this.moves[state]!) dense[row + this.columnOfUnit[unit]!] = child;
    }
    return dense;
  }

  /** Breadth-first: a state's failure target is always shallower, so it is final when used. Returns the order (root excluded). */
  private linkFailures(): number[] {
    const queue: number[] = [];
    for (const child of this.moves[ROOT]!.values()) queue.push(child);
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head]!;
      for (const [unit, child] of this.moves[state]!) {
        let fallback = this.failure[state]!;
        let target = this.moves[fallback]!.get(unit);
        while (target === undefined && fallback !== ROOT) {
          fallback = this.failure[fallback]!;
          target = this.moves[fallback]!.get(unit);
        }
        const childFailure = target ?? ROOT;
        this.failure[child] = childFailure;
        this.outputLink[child] = this.patternEndingHere[childFailure] !== NO_PATTERN ? childFailure : this.outputLink[childFailure]!;
        queue.push(child);
      }
    }
    return queue;
  }
}
