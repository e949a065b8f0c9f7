/**
 * Simplified → Taiwan Traditional conversion that gives exactly what opencc-js's
 * `Converter({ from: 'cn', to: 'tw' })` gives — the same dictionaries, read from opencc-js itself,
 * and the same algorithm — about three times faster, because conversion was the costliest stage of
 * normalising a large page (bench/triage.bench.ts: 50 MB had to normalise in well under 5 s).
 *
 * Why not opencc-js's own converter: each of its dictionary tries is a tree of Map objects, every
 * lookup allocates a result object and every piece of output is a sliced string, so 50 MB of text
 * took several seconds and its tries held tens of megabytes. Here each trie is a few typed arrays
 * (a flat table for the first character, sorted edge lists behind a small bit filter for the
 * rest), matching allocates nothing, and output is written as code units into one growing buffer.
 *
 * The algorithm replicated (opencc-js 1.4.2, `ConverterBuilder` with a locale `configs` entry):
 * 1. normalisation chain: each trie in turn converts the whole text;
 * 2. segmentation: the text is cut into segments, each either the longest dictionary phrase
 *    starting at a position or a maximal run of characters where no phrase starts;
 * 3. conversion chain: each segment goes through each trie in turn, on its own, so no phrase
 *    match crosses a segment boundary.
 * A trie's conversion walks the text left to right: at each position it takes the longest key
 * that starts there and writes its value, else copies one code point (or a whole ideographic
 * description sequence, ⿰木木) unchanged. Within a dictionary group the FIRST dictionary wins on a
 * duplicated key (opencc-js loads the group in reverse); within one dictionary the last line wins.
 * src/triage/han-converter.test.ts checks the output against opencc-js's converter.
 */
import { Locale, type OpenCcConversionConfig, type OpenCcDictGroup, type OpenCcDictLike } from 'opencc-js/cn2t';

const ROOT = 0;
const NO_VALUE = -1;
const BMP_LIMIT = 0x10000;

/** Code point of `units` at `index`, pairing surrogates only within [.., limit) as String#codePointAt would on the slice. */
function codePointAt(units: Uint16Array, index: number, limit: number): number {
  const unit = units[index]!;
  if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < limit) {
    const low = units[index + 1]!;
    if (low >= 0xdc00 && low <= 0xdfff) return (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return unit;
}

const codePointWidth = (codePoint: number): number => (codePoint > 0xffff ? 2 : 1);

/** Operand count of an ideographic description character (⿰ takes 2, ⿲ 3); 0 for anything else. */
function idsArity(codePoint: number): number {
  if (codePoint >= 0x2ff0 && codePoint <= 0x2ff1) return 2;
  if (codePoint >= 0x2ff2 && codePoint <= 0x2ff3) return 3;
  if (codePoint >= 0x2ff4 && codePoint <= 0x2fff) return 2;
  return 0;
}

/** End of the ideographic description sequence starting at `index`, or 0 if there is none (opencc-js's rule, operands nest). */
function idsSequenceEnd(units: Uint16Array, index: number, limit: number): number {
  const arity = idsArity(codePointAt(units, index, limit));
  if (arity === 0) return 0;
  let end = index + codePointWidth(codePointAt(units, index, limit));
  for (let operand = 0; operand < arity; operand += 1) {
    if (end >= limit) return 0;
    const nestedEnd = idsSequenceEnd(units, end, limit);
    end = nestedEnd || end + codePointWidth(codePointAt(units, end, limit));
  }
  return end;
}

/** Whether units [from, to) hold an ideographic description character (U+2FF0–U+2FFF). */
function hasIdsCharacter(units: Uint16Array, from: number, to: number): boolean {
  for (let index = from; index < to; index += 1) {
    const unit = units[index]!;
    if (unit >= 0x2ff0 && unit <= 0x2fff) return true;
  }
  return false;
}

/** How far an unmatched position advances: one code point, or a whole description sequence. */
function unmatchedLength(units: Uint16Array, index: number, limit: number): number {
  const unit = units[index]!;
  // Fast path: the unit is a whole code point, and not an ideographic description character.
  if (unit < 0x2ff0 || (unit > 0x2fff && unit < 0xd800) || unit > 0xdfff) return 1;
  const sequenceEnd = idsSequenceEnd(units, index, limit);
  return sequenceEnd > index ? sequenceEnd - index : codePointWidth(codePointAt(units, index, limit));
}

/** A growable buffer of UTF-16 code units; `length` may be reset to reuse it. */
class UnitBuffer {
  units: Uint16Array;
  length = 0;

  constructor(capacity: number) {
    this.units = new Uint16Array(Math.max(16, capacity));
  }

  reserve(extra: number): void {
    if (this.length + extra <= this.units.length) return;
    const grown = new Uint16Array(Math.max(this.units.length * 2, this.length + extra));
    grown.set(this.units.subarray(0, this.length));
    this.units = grown;
  }

  copyFrom(source: Uint16Array, from: number, to: number): void {
    this.reserve(to - from);
    // Segments are short on average; a loop beats creating a subarray view for each of them.
    const { units } = this;
    let at = this.length;
    for (let index = from; index < to; index += 1) units[at++] = source[index]!;
    this.length = at;
  }

  appendString(value: string): void {
    this.reserve(value.length);
    const { units } = this;
    let at = this.length;
    for (let index = 0; index < value.length; index += 1) units[at++] = value.charCodeAt(index);
    this.length = at;
  }
}

// Steps are packed below the code point for sorting (code point × 2^21 + step), which bounds a
// trie to 2^20 nodes: five times the largest opencc-js dictionary group.
const STEP_BITS = 21;
const MAX_NODES = 2 ** (STEP_BITS - 1);
const STEP_RANGE = 2 ** STEP_BITS;
const EDGE_FILTER_BITS = 1 << 20;

/** Bit of (parent, code point) in a trie's edge filter: a multiplicative hash, top 20 bits. */
function edgeFilterBit(parent: number, codePoint: number): number {
  return Math.imul(Math.imul(parent, 0x27d4eb2d) ^ codePoint, 0x9e3779b1) >>> 12;
}

/** One dictionary group as a trie: keys by code point, longest match from a position. */
class DictionaryTrie {
  // Steps are stored as node × 2 + 1 if a key ends at that node (else + 0), so the walk learns
  // whether it has a match from the word it already read, without touching per-node arrays.
  // 0 means no step (the root is nobody's child).
  // First step from the root, indexed by BMP code point.
  private readonly rootChild = new Int32Array(BMP_LIMIT);
  // Every other step, in compressed-row form: the children of node n are edges
  // [edgeOffset[n], edgeOffset[n + 1]), sorted by code point, so a lookup is a binary search in
  // one short contiguous stretch. (A hash table over all edges was tried first: its random probes
  // into megabytes of table missed the cache on nearly every character.)
  private readonly edgeOffset: Int32Array;
  private readonly edgeCodePoint: Int32Array;
  private readonly edgeStep: Int32Array;
  // One bit per hash of (parent, code point) over every non-root edge: most characters do not
  // continue any key, and this 128 KiB table, small enough to stay in cache, says so in one read
  // where the binary search would take several mispredicted branches.
  private readonly edgeFilter = new Int32Array(EDGE_FILTER_BITS / 32);
  // Per node: index into `values` of the value of the key ending there (NO_VALUE if none), and
  // whether that value equals the key, so that conversions which change nothing are recognised.
  private readonly valueIndex: Int32Array;
  private readonly valueIsKey: Uint8Array;
  private readonly values: string[] = [];
  // Node where the last successful longestMatch ended (a field, so that matching allocates nothing).
  private matchedNode = ROOT;

  constructor(pairs: readonly (readonly [key: string, value: string])[]) {
    // Build with a transient map keyed by parent × 0x110000 + code point, then flatten.
    const childOf = new Map<number, number>();
    const edgeParents: number[] = [];
    const edgeCodePoints: number[] = [];
    const valueIndex: number[] = [NO_VALUE];
    const valueIsKey: number[] = [0];
    const rootSteps: number[] = [];
    for (const [key, value] of pairs) {
      let node = ROOT;
      // for…of walks code points exactly as opencc-js's Trie#addWord does.
      for (const character of key) {
        const codePoint = character.codePointAt(0)!;
        const edgeKey = node * 0x110000 + codePoint;
        let child = childOf.get(edgeKey);
        if (child === undefined) {
          child = valueIndex.length;
          if (child >= MAX_NODES) throw new Error(`opencc dictionary group too large (over ${MAX_NODES} trie nodes)`);
          valueIndex.push(NO_VALUE);
          valueIsKey.push(0);
          childOf.set(edgeKey, child);
          if (node === ROOT && codePoint < BMP_LIMIT) rootSteps.push(codePoint);
          else {
            edgeParents.push(node);
            edgeCodePoints.push(codePoint);
            const bit = edgeFilterBit(node, codePoint);
            this.edgeFilter[bit >>> 5]! |= 1 << (bit & 31);
          }
        }
        node = child;
      }
      // opencc-js never looks at a value on the root (an empty key), so neither does this.
      if (node === ROOT) continue;
      valueIndex[node] = this.values.push(value) - 1;
      valueIsKey[node] = value === key ? 1 : 0;
    }
    const nodeCount = valueIndex.length;
    const step = (child: number): number => child * 2 + (valueIndex[child] === NO_VALUE ? 0 : 1);
    for (const codePoint of rootSteps) this.rootChild[codePoint] = step(childOf.get(codePoint)!);
    this.valueIndex = Int32Array.from(valueIndex);
    this.valueIsKey = Uint8Array.from(valueIsKey);

    // Counting sort of the edges by parent, then each node's children by code point.
    const edgeOffset = new Int32Array(nodeCount + 1);
    for (const parent of edgeParents) edgeOffset[parent + 1]! += 1;
    for (let node = 0; node < nodeCount; node += 1) edgeOffset[node + 1]! += edgeOffset[node]!;
    const packed = new Float64Array(edgeParents.length);
    const filled = edgeOffset.slice(0, nodeCount);
    edgeParents.forEach((parent, edge) => {
      const codePoint = edgeCodePoints[edge]!;
      packed[filled[parent]!++] = codePoint * STEP_RANGE + step(childOf.get(parent * 0x110000 + codePoint)!);
    });
    for (let node = 0; node < nodeCount; node += 1) {
      if (edgeOffset[node + 1]! - edgeOffset[node]! > 1) packed.subarray(edgeOffset[node], edgeOffset[node + 1]).sort();
    }
    this.edgeOffset = edgeOffset;
    this.edgeCodePoint = new Int32Array(packed.length);
    this.edgeStep = new Int32Array(packed.length);
    packed.forEach((edge, index) => {
      this.edgeCodePoint[index] = Math.floor(edge / STEP_RANGE);
      this.edgeStep[index] = edge % STEP_RANGE;
    });
  }

  /** The step from `parent` on `codePoint` (child × 2 + ends-a-key), or 0. */
  private step(parent: number, codePoint: number): number {
    if (parent === ROOT && codePoint < BMP_LIMIT) return this.rootChild[codePoint]!;
    const bit = edgeFilterBit(parent, codePoint);
    if ((this.edgeFilter[bit >>> 5]! & (1 << (bit & 31))) === 0) return 0;
    const { edgeCodePoint } = this;
    let low = this.edgeOffset[parent]!;
    let high = this.edgeOffset[parent + 1]!;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const found = edgeCodePoint[middle]!;
      if (found < codePoint) low = middle + 1;
      else if (found > codePoint) high = middle;
      else return this.edgeStep[middle]!;
    }
    return 0;
  }

  /** End of the longest key starting at `start` within [start, limit), or -1. */
  longestMatch(units: Uint16Array, start: number, limit: number): number {
    let node = ROOT;
    let matchedEnd = -1;
    let index = start;
    while (index < limit) {
      const codePoint = codePointAt(units, index, limit);
      const step = this.step(node, codePoint);
      if (step === 0) break;
      node = step >>> 1;
      index += codePointWidth(codePoint);
      if ((step & 1) === 1) {
        matchedEnd = index;
        this.matchedNode = node;
      }
    }
    return matchedEnd;
  }

  /** Whether `key` is one of this trie's keys. */
  hasKey(key: string): boolean {
    let node = ROOT;
    let step = 0;
    for (const character of key) {
      step = this.step(node, character.codePointAt(0)!);
      if (step === 0) return false;
      node = step >>> 1;
    }
    return (step & 1) === 1;
  }

  /**
   * {@link convertInto} for a stretch where no key longer than one code point can start: each
   * code point is looked up on its own, one table read instead of a walk. The caller vouches
   * for the precondition (see compileConfig).
   */
  convertCodePointsInto(units: Uint16Array, from: number, to: number, target: UnitBuffer): boolean {
    let changed = false;
    let unmatchedFrom = -1;
    let index = from;
    while (index < to) {
      const codePoint = codePointAt(units, index, to);
      const step = this.step(ROOT, codePoint);
      const width = codePointWidth(codePoint);
      if ((step & 1) === 0) {
        if (unmatchedFrom < 0) unmatchedFrom = index;
        index += width;
        continue;
      }
      if (unmatchedFrom >= 0) {
        target.copyFrom(units, unmatchedFrom, index);
        unmatchedFrom = -1;
      }
      const node = step >>> 1;
      if (this.valueIsKey[node] === 0) changed = true;
      target.appendString(this.values[this.valueIndex[node]!]!);
      index += width;
    }
    if (unmatchedFrom >= 0) target.copyFrom(units, unmatchedFrom, to);
    return changed;
  }

  /** False when no key can start at any position of units [from, to) (a cheap scan of the first-step table). */
  mayMatchWithin(units: Uint16Array, from: number, to: number): boolean {
    const { rootChild } = this;
    for (let index = from; index < to; index += 1) {
      const unit = units[index]!;
      // A surrogate may start an astral key, which the first-step table does not hold.
      if (rootChild[unit] !== 0 || (unit >= 0xd800 && unit <= 0xdfff)) return true;
    }
    return false;
  }

  /**
   * Appends the conversion of units [from, to) to `target` (opencc-js's Trie#convert on that
   * slice). Returns true if the output differs from the input.
   */
  convertInto(units: Uint16Array, from: number, to: number, target: UnitBuffer): boolean {
    let changed = false;
    let unmatchedFrom = -1;
    let index = from;
    while (index < to) {
      const matchedEnd = this.longestMatch(units, index, to);
      if (matchedEnd < 0) {
        if (unmatchedFrom < 0) unmatchedFrom = index;
        index += unmatchedLength(units, index, to);
        continue;
      }
      if (unmatchedFrom >= 0) {
        target.copyFrom(units, unmatchedFrom, index);
        unmatchedFrom = -1;
      }
      const node = this.matchedNode;
      if (this.valueIsKey[node] === 0) changed = true;
      target.appendString(this.values[this.valueIndex[node]!]!);
      index = matchedEnd;
    }
    if (unmatchedFrom >= 0) target.copyFrom(units, unmatchedFrom, to);
    return changed;
  }
}

/** Key/value pairs of one dictionary, in file order (opencc-js: "key value[ more candidates]|…", or pairs). */
function dictionaryPairs(dictionary: OpenCcDictLike): [string, string][] {
  if (typeof dictionary !== 'string') return dictionary.map(([key, value]) => [key, value]);
  return dictionary.split('|').map((line) => {
    const [key, value] = line.split(' ');
    if (key === undefined || value === undefined) throw new TypeError(`opencc dictionary entry "${line}" has no replacement`);
    return [key, value];
  });
}

/** A group's pairs in the order opencc-js inserts them: last dictionary first, so the first one's entries overwrite. */
function groupPairs(group: OpenCcDictGroup): [string, string][] {
  return [...group].reverse().flatMap(dictionaryPairs);
}

// Platform byte order for decoding the output buffer in one native call (as normalize.ts does).
const platformIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const utf16Decoder = new TextDecoder(platformIsLittleEndian ? 'utf-16le' : 'utf-16be', { ignoreBOM: true });

/** Builds the string of `units`; exact even for lone surrogates, which a TextDecoder would replace. */
function unitsToString(units: Uint16Array, hasLoneSurrogate: boolean): string {
  if (!hasLoneSurrogate) return utf16Decoder.decode(units);
  const pieces: string[] = [];
  for (let from = 0; from < units.length; from += 8192) pieces.push(String.fromCharCode(...units.subarray(from, from + 8192)));
  return pieces.join('');
}

function hasLoneSurrogate(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    if (unit <= 0xdbff && index + 1 < text.length) {
      const low = text.charCodeAt(index + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        index += 1;
        continue;
      }
    }
    return true;
  }
  return false;
}

/** True for a dictionary group given as a list of serialised dictionaries, which opencc-js loads as a group. */
function isListOfSerializedDictionaries(value: OpenCcDictLike | OpenCcDictGroup): value is OpenCcDictGroup {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Converted code units: `units[0, length)`. */
export interface ConvertedUnits {
  readonly units: Uint16Array;
  readonly length: number;
}

/** A compiled conversion, usable on strings or directly on UTF-16 code units. */
export interface HanConversion {
  /** Converts `text`; returns `text` itself when no dictionary entry changes anything. */
  convert(text: string): string;
  /**
   * Converts code units [0, length) of `units` (only read, never written); null when no
   * dictionary entry changes anything. For callers that already hold the text as code units.
   */
  convertUnits(units: Uint16Array, length: number): ConvertedUnits | null;
}

/** Compiles an opencc-js locale config. */
function compileConfig(config: OpenCcConversionConfig): HanConversion {
  const normalizationTries = (config.normalizationChain ?? []).map((group) => new DictionaryTrie(groupPairs(group)));
  const { segmentation } = config;
  const segmentationTrie =
    segmentation === undefined
      ? null
      : new DictionaryTrie(isListOfSerializedDictionaries(segmentation) ? groupPairs(segmentation) : dictionaryPairs(segmentation as OpenCcDictLike));
  const conversionGroups = config.conversionChain.map(groupPairs);
  const conversionTries = conversionGroups.map((pairs) => new DictionaryTrie(pairs));
  // Within a stretch the segmentation found no phrase in, no key of the segmentation trie starts
  // at any position it visited. When every multi-character key of the first conversion trie is
  // also a segmentation key (s2tw: both hold the phrase tables, the first adds single
  // characters), that trie can only match single code points there, so it need not walk. Where
  // an ideographic description sequence makes the segmentation skip positions, it walks anyway.
  const firstTrieWalksOnlyInPhrases =
    segmentationTrie !== null &&
    conversionGroups.length > 0 &&
    conversionGroups[0]!.every(([key]) => [...key].length <= 1 || segmentationTrie.hasKey(key));

  const convertUnits = (input: Uint16Array, inputLength: number): ConvertedUnits | null => {
    let units = input;
    let length = inputLength;
    let changed = false;

    for (const trie of normalizationTries) {
      // The normalisation table (compatibility ideographs) rarely applies: skip the copy if no
      // key can even start anywhere in the text.
      if (!trie.mayMatchWithin(units, 0, length)) continue;
      const output = new UnitBuffer(length + (length >> 4));
      if (!trie.convertInto(units, 0, length, output)) continue;
      changed = true;
      units = output.units;
      length = output.length;
    }

    // Each segment runs through the whole conversion chain before the next is cut, so segments
    // never exist as strings. A segment is converted straight into the output; only when a later
    // trie of the chain has work to do is it moved out to a scratch buffer and converted back in.
    // The chain's last trie (Taiwan variants) rarely has anything to do, and a scan of its
    // first-step table says so for a fraction of the cost of converting.
    const output = new UnitBuffer(length + (length >> 4));
    const scratch = new UnitBuffer(64);
    const convertSegment = (from: number, to: number, phraseFree: boolean): void => {
      let source = units;
      let sourceFrom = from;
      let sourceTo = to;
      let inOutput = false;
      const segmentStart = output.length;
      for (let step = 0; step < conversionTries.length; step += 1) {
        const trie = conversionTries[step]!;
        if (!trie.mayMatchWithin(source, sourceFrom, sourceTo)) continue;
        if (inOutput) {
          scratch.length = 0;
          scratch.copyFrom(output.units, segmentStart, output.length);
          output.length = segmentStart;
          source = scratch.units;
          sourceFrom = 0;
          sourceTo = scratch.length;
        }
        const converted =
          step === 0 && phraseFree && firstTrieWalksOnlyInPhrases && !hasIdsCharacter(source, sourceFrom, sourceTo)
            ? trie.convertCodePointsInto(source, sourceFrom, sourceTo, output)
            : trie.convertInto(source, sourceFrom, sourceTo, output);
        if (converted) changed = true;
        source = output.units;
        sourceFrom = segmentStart;
        sourceTo = output.length;
        inOutput = true;
      }
      if (!inOutput) output.copyFrom(units, from, to);
    };

    if (segmentationTrie === null) {
      convertSegment(0, length, false);
    } else {
      let unmatchedFrom = -1;
      let index = 0;
      while (index < length) {
        const matchedEnd = segmentationTrie.longestMatch(units, index, length);
        if (matchedEnd < 0) {
          if (unmatchedFrom < 0) unmatchedFrom = index;
          index += unmatchedLength(units, index, length);
          continue;
        }
        if (unmatchedFrom >= 0) {
          convertSegment(unmatchedFrom, index, true);
          unmatchedFrom = -1;
        }
        convertSegment(index, matchedEnd, false);
        index = matchedEnd;
      }
      if (unmatchedFrom >= 0) convertSegment(unmatchedFrom, length, true);
    }
    // Nothing was replaced by something else: the output is the input.
    return changed ? { units: output.units, length: output.length } : null;
  };

  return {
    convertUnits,
    convert(text) {
      const units = new Uint16Array(text.length);
      for (let index = 0; index < text.length; index += 1) units[index] = text.charCodeAt(index);
      const converted = convertUnits(units, units.length);
      // Unchanged: hand back the very same string (callers compare with ===).
      if (converted === null) return text;
      return unitsToString(converted.units.subarray(0, converted.length), hasLoneSurrogate(text));
    },
  };
}

/**
 * Compiles the Simplified → Taiwan Traditional conversion (opencc-js's `s2tw` config: character
 * and phrase tables, then Taiwan variants). Compiling reads the dictionaries, about 0.2 s.
 */
export function compileSimplifiedToTaiwan(): HanConversion {
  const config = Locale.configs.s2tw;
  if (config === undefined) throw new Error('opencc-js has no s2tw config');
  return compileConfig(config);
}
