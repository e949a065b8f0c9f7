/**
 * Normalisation for keyword matching (G6.1 keyword toolkit), with a position map back to the
 * original text. Posts that advertise exploitation disguise their keywords (援.交, ＬＩＮＥ, 援\u200b交,
 * Simplified 约炮 on Xiaohongshu and Douyin), so text and lexicon terms are folded into one form
 * before matching; an officer must still see exactly which characters of the original were hit,
 * so every code unit of the normalised text remembers the original UTF-16 range [start, end) it
 * came from.
 *
 * Stages, each a pure function from mapped text to mapped text:
 * 1. fold: invisible format characters (zero-width space/joiners, word joiner, BOM, soft hyphen,
 *    bidi marks) are dropped; every other non-ASCII code point is NFKC-normalised on its own
 *    (full width → half width, compatibility ideographs 裸 → 裸, Kangxi radicals ⼩ → 小, ① → 1)
 *    and case-folded.
 * 2. Simplified → Traditional (Taiwan) with OpenCC, aligned run of Han characters by run of Han
 *    characters so that a character-to-character map is kept (see {@link convertHanRuns}).
 * 3. separators: runs of separators (whitespace . _ - * / · 、 and the like) are skipped where they
 *    sit between CJK characters or spell out a Latin word letter by letter (L.I.N.E); between two
 *    Latin words they become one space, so words are never glued together ("on line" ≠ "online").
 * 4. variants: a small table folds variant characters and homophones to one spelling (炮 → 砲).
 *
 * Between stages the text travels as typed arrays (code units and the two offset maps, see
 * {@link MappedUnits}); the string is built once, after the last stage. Building it after every
 * stage, and copying character by character where whole runs pass through unchanged, cost more
 * than the stages themselves on a 50 MB page.
 */
import { compileSimplifiedToTaiwan, type HanConversion } from './han-converter.ts';

/** Pairs of [variant, canonical]; both sides are normalised by stages 1–2 before use. */
export type VariantTable = ReadonlyArray<readonly [variant: string, canonical: string]>;

/**
 * Default variant table. Deliberately small: each pair must be safe to apply everywhere, because a
 * variant rewrites every occurrence in the text. OpenCC already merges most Simplified/Traditional
 * and Taiwan variant pairs (烟 → 煙, 里/裏 → 裡, 台 → 臺); these are pairs it leaves apart.
 */
export const DEFAULT_VARIANTS: VariantTable = [
  ['炮', '砲'], // 約炮 / 約砲
  ['菸', '煙'], // 菸 / 煙 (tobacco)
  ['妳', '你'], // the feminine and the common "you" (約妳 / 約你)
  ['姊', '姐'], // 姊姊 / 姐姐
];

/**
 * Default separator characters, skipped between the characters of a term. Whitespace is always a
 * separator. Full-width forms (．＿－＊／､ and the ideographic space U+3000) need not be listed:
 * stage 1 folds them to these. The middle dots ‧ (U+2027, common in Taiwan), ・ and • play the
 * same role as ·.
 */
export const DEFAULT_SEPARATORS = '._-*/·、‧・•';

/** Options shared by the normaliser and the lexicon compiler. */
export interface NormalizerOptions {
  /** Convert Simplified Chinese to Taiwan Traditional (default true). */
  readonly convertSimplified?: boolean;
  /** Variant table; replaces {@link DEFAULT_VARIANTS} (spread it to extend the default). */
  readonly variants?: VariantTable;
  /** Separator characters; replaces {@link DEFAULT_SEPARATORS}. Whitespace is always added. */
  readonly separators?: string;
}

/** Normalised text; `originalStart[i]`/`originalEnd[i]` give the original range of code unit `i`. */
export interface NormalizedText {
  readonly text: string;
  readonly originalStart: Int32Array;
  readonly originalEnd: Int32Array;
}

/** A configured normaliser. */
export interface TextNormalizer {
  /** Normalises text and keeps the map back to original offsets. */
  normalize(text: string): NormalizedText;
  /** Normalises a lexicon term the same way (the map is not needed). */
  normalizeTerm(term: string): string;
}

// The word boundary marker that stage 3 leaves between two Latin words. Whitespace is always a
// separator, so no other space survives normalisation and the marker cannot be confused with text.
const WORD_BOUNDARY_MARKER = 0x20;

/** Builds a cached yes/no test over code points from a Unicode property pattern. */
function codePointTest(pattern: RegExp): (codePoint: number) => boolean {
  // One byte per code point: 0 = not yet known, 1 = yes, 2 = no. Filled lazily, so the regular
  // expression runs once per distinct code point instead of once per character of a 10 MB page.
  const known = new Uint8Array(0x110000);
  return (codePoint) => {
    let answer = known[codePoint];
    if (answer === 0) {
      answer = pattern.test(String.fromCodePoint(codePoint)) ? 1 : 2;
      known[codePoint] = answer;
    }
    return answer === 1;
  };
}

const isHanCodePoint = codePointTest(/^\p{Script=Han}$/u);
const isLetterOrDigit = codePointTest(/^[\p{L}\p{N}\p{M}]$/u);
// Scripts written without spaces between words: a term written in them has no word boundaries.
const isSpacelessScript = codePointTest(/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}]$/u);
const isWhitespace = codePointTest(/^\s$/u);

/**
 * True for characters that make up words separated by spaces (Latin, digits, Cyrillic, Hangul …).
 * CJK ideographs and kana are not word characters, so `line` in `加line` stands as a whole word.
 */
export function isWordCodePoint(codePoint: number): boolean {
  if (codePoint < 0x80) {
    return (codePoint >= 0x61 && codePoint <= 0x7a) || (codePoint >= 0x30 && codePoint <= 0x39) || (codePoint >= 0x41 && codePoint <= 0x5a);
  }
  return isLetterOrDigit(codePoint) && !isSpacelessScript(codePoint);
}

/**
 * Invisible format characters dropped outright (not treated as separators): the zero-width
 * characters U+200B–U+200D, U+2060, U+FEFF, plus soft hyphen, LRM/RLM, bidi embeddings and
 * isolates, invisible operators and variation selectors — all invisible, all usable to split a
 * keyword. Dropping them also inside Latin words keeps "on\u200bline" from becoming two words.
 */
function isInvisibleCodePoint(codePoint: number): boolean {
  return (
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x2060 && codePoint <= 0x2064) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    codePoint === 0xfeff ||
    codePoint === 0x00ad ||
    codePoint === 0x180e
  );
}

// Decodes code units in one native call. A Uint16Array holds them in the platform's byte order.
// The decoder turns a lone surrogate (malformed input) into U+FFFD, one unit for one, so offsets
// never shift; ignoreBOM keeps a U+FEFF unit rather than dropping it.
const platformIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const utf16Decoder = new TextDecoder(platformIsLittleEndian ? 'utf-16le' : 'utf-16be', { ignoreBOM: true });
const REPLACEMENT_CHARACTER = 0xfffd;
// Below this many units a plain loop copies faster than creating three subarray views.
const BULK_COPY_MIN_UNITS = 32;

/**
 * Text between stages: UTF-16 code units and, per unit, the original range [start, end) it came
 * from. The string is only built by {@link finish}. A stage that never lengthens the text
 * (separators, usually variants) rewrites a `writable` one in place — a 50 MB page is ~180 MB of
 * these arrays, and fresh copies cost more in memory traffic than the stages' own work; a stage
 * that may lengthen it appends to a new one.
 */
class MappedUnits {
  units: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;
  /** False when the arrays belong to someone else (a caller's {@link NormalizedText}). */
  writable = true;
  // Units all three arrays can hold (wrapped arrays may differ in size).
  private capacity: number;

  constructor(expectedLength: number) {
    this.capacity = Math.max(16, expectedLength);
    this.units = new Uint16Array(this.capacity);
    this.starts = new Int32Array(this.capacity);
    this.ends = new Int32Array(this.capacity);
  }

  /** A read-only view of an already normalised text (its maps are shared, not copied). */
  static of(input: NormalizedText): MappedUnits {
    const units = new Uint16Array(input.text.length);
    for (let index = 0; index < input.text.length; index += 1) units[index] = input.text.charCodeAt(index);
    return MappedUnits.over(units, input.text.length, input.originalStart, input.originalEnd, false);
  }

  /** Wraps existing arrays without copying them. */
  static over(units: Uint16Array, length: number, starts: Int32Array, ends: Int32Array, writable: boolean): MappedUnits {
    const mapped = new MappedUnits(0);
    mapped.units = units;
    mapped.starts = starts;
    mapped.ends = ends;
    mapped.length = length;
    mapped.writable = writable;
    mapped.capacity = Math.min(units.length, starts.length, ends.length);
    return mapped;
  }

  /**
   * Appends this text's own units [from, to) — which lie at or after the end — by moving them
   * down: how an in-place stage keeps a stretch. Nothing moves while nothing was dropped before.
   */
  keepOwn(from: number, to: number): void {
    if (from !== this.length && to > from) {
      this.units.copyWithin(this.length, from, to);
      this.starts.copyWithin(this.length, from, to);
      this.ends.copyWithin(this.length, from, to);
    }
    this.length += Math.max(0, to - from);
  }

  push(unit: number, originalStart: number, originalEnd: number): void {
    if (this.length === this.capacity) this.grow(1);
    this.units[this.length] = unit;
    this.starts[this.length] = originalStart;
    this.ends[this.length] = originalEnd;
    this.length += 1;
  }

  pushString(value: string, originalStart: number, originalEnd: number): void {
    for (let index = 0; index < value.length; index += 1) this.push(value.charCodeAt(index), originalStart, originalEnd);
  }

  /** Appends units [from, to) of `source` together with their map entries. */
  copyFrom(source: MappedUnits, from: number, to: number): void {
    const count = to - from;
    if (count <= 0) return;
    if (this.length + count > this.capacity) this.grow(count);
    const at = this.length;
    if (count < BULK_COPY_MIN_UNITS) {
      for (let offset = 0; offset < count; offset += 1) {
        this.units[at + offset] = source.units[from + offset]!;
        this.starts[at + offset] = source.starts[from + offset]!;
        this.ends[at + offset] = source.ends[from + offset]!;
      }
    } else {
      this.units.set(source.units.subarray(from, to), at);
      this.starts.set(source.starts.subarray(from, to), at);
      this.ends.set(source.ends.subarray(from, to), at);
    }
    this.length = at + count;
  }

  /** The text of units [from, to), exactly (lone surrogates kept): for the rare per-run paths. */
  slice(from: number, to: number): string {
    return unitsToString(this.units, from, to);
  }

  toText(): string {
    return utf16Decoder.decode(this.units.subarray(0, this.length));
  }

  finish(): NormalizedText {
    return {
      text: this.toText(),
      // Views, not copies: the buffers are not used again, and copying 2 × 4 bytes per unit of a 50 MB page costs.
      originalStart: this.starts.subarray(0, this.length),
      originalEnd: this.ends.subarray(0, this.length),
    };
  }

  private grow(extra: number): void {
    const capacity = Math.max(this.capacity * 2, this.length + extra);
    const units = new Uint16Array(capacity);
    units.set(this.units.subarray(0, this.length));
    const starts = new Int32Array(capacity);
    starts.set(this.starts.subarray(0, this.length));
    const ends = new Int32Array(capacity);
    ends.set(this.ends.subarray(0, this.length));
    this.units = units;
    this.starts = starts;
    this.ends = ends;
    this.capacity = capacity;
  }
}

/** The string of units [from, to), exactly; in chunks, as a call takes a limited number of arguments. */
function unitsToString(units: Uint16Array, from: number, to: number): string {
  let text = '';
  for (let chunk = from; chunk < to; chunk += 8192) text += String.fromCharCode(...units.subarray(chunk, Math.min(to, chunk + 8192)));
  return text;
}

/** Code point at `index` of `units[0, length)`, as String#codePointAt would read it. */
function codePointOfUnits(units: Uint16Array, index: number, length: number): number {
  const unit = units[index]!;
  if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < length) {
    const low = units[index + 1]!;
    if (low >= 0xdc00 && low <= 0xdfff) return (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return unit;
}

function codePointWidth(codePoint: number): number {
  return codePoint > 0xffff ? 2 : 1;
}

const foldedCodePoints = new Map<number, string>();
// Most code points (CJK ideographs, kana, Hangul) fold to themselves; remembering that in a flat
// table (0 = not yet known, 1 = unchanged, 2 = changes) spares a Map lookup per character.
const foldsToItself = new Uint8Array(0x110000);

/** Stage 1 for one non-ASCII code point: '' when invisible, else NFKC then lower case. */
function foldCodePoint(codePoint: number): string {
  let folded = foldedCodePoints.get(codePoint);
  if (folded === undefined) {
    folded = isInvisibleCodePoint(codePoint) ? '' : String.fromCodePoint(codePoint).normalize('NFKC').toLowerCase();
    foldedCodePoints.set(codePoint, folded);
  }
  return folded;
}

// For each BMP code unit: the one unit it folds to, or NOT_ONE_UNIT when it folds to nothing or
// to several units or is half of a surrogate pair (those take the general path); filled lazily.
// One table read per character for the great majority of text.
const NOT_YET_KNOWN = -2;
const NOT_ONE_UNIT = -1;
const oneUnitFold = new Int32Array(0x10000).fill(NOT_YET_KNOWN);

function oneUnitFoldOf(unit: number): number {
  let folded = oneUnitFold[unit]!;
  if (folded === NOT_YET_KNOWN) {
    if (unit >= 0xd800 && unit <= 0xdfff) folded = NOT_ONE_UNIT;
    else if (unit < 0x80) folded = unit >= 0x41 && unit <= 0x5a ? unit + 0x20 : unit;
    else {
      const foldedText = foldCodePoint(unit);
      folded = foldedText.length === 1 ? foldedText.charCodeAt(0) : NOT_ONE_UNIT;
    }
    oneUnitFold[unit] = folded;
  }
  return folded;
}

/** Stage 1 for the code point at `index`, the general way; returns the index after it. */
function foldCodePointAt(text: string, index: number, output: MappedUnits): number {
  const codePoint = text.codePointAt(index)!;
  const end = index + codePointWidth(codePoint);
  if (codePoint < 0x80) {
    output.push(codePoint >= 0x41 && codePoint <= 0x5a ? codePoint + 0x20 : codePoint, index, end);
    return end;
  }
  let unchanged = foldsToItself[codePoint];
  if (unchanged === 0) {
    unchanged = foldCodePoint(codePoint) === String.fromCodePoint(codePoint) ? 1 : 2;
    foldsToItself[codePoint] = unchanged;
  }
  if (unchanged === 2) {
    output.pushString(foldCodePoint(codePoint), index, end);
  } else if (end - index === 2) {
    output.push(text.charCodeAt(index), index, end);
    output.push(text.charCodeAt(index + 1), index, end);
  } else {
    // A lone surrogate (malformed input) becomes U+FFFD here, as decoding would make it, so that
    // no later stage sees half a pair.
    output.push(codePoint >= 0xd800 && codePoint <= 0xdfff ? REPLACEMENT_CHARACTER : codePoint, index, end);
  }
  return end;
}

function foldUnits(text: string): MappedUnits {
  const output = new MappedUnits(text.length);
  // The common case writes straight into the arrays; `length` is handed back to `output`
  // around the general path, which appends through its methods.
  let { units, starts, ends } = output;
  let length = 0;
  for (let index = 0; index < text.length; ) {
    const folded = oneUnitFoldOf(text.charCodeAt(index));
    if (folded !== NOT_ONE_UNIT && length < units.length) {
      units[length] = folded;
      starts[length] = index;
      ends[length] = index + 1;
      length += 1;
      index += 1;
      continue;
    }
    output.length = length;
    index = foldCodePointAt(text, index, output);
    ({ units, starts, ends, length } = output);
  }
  output.length = length;
  return output;
}

/** Stage 1: drop invisible characters, NFKC each code point on its own, fold case. */
export function foldCharacters(text: string): NormalizedText {
  return foldUnits(text).finish();
}

let simplifiedToTaiwan: HanConversion | undefined;

/**
 * The OpenCC cn → tw conversion (opencc-js's dictionaries and algorithm, compiled to typed arrays
 * by han-converter.ts for speed), built on first use because compiling the dictionaries takes ~0.2 s.
 */
function simplifiedToTaiwanConversion(): HanConversion {
  simplifiedToTaiwan ??= compileSimplifiedToTaiwan();
  return simplifiedToTaiwan;
}

/**
 * Stage 2: Simplified → Taiwan Traditional, keeping a character-to-character map. OpenCC sees whole
 * runs of Han characters, so it still chooses by phrase (头发 → 頭髮 but 发展 → 發展), but it may
 * change a run's length (a few dictionary entries turn one character into two, or a BMP character
 * into a surrogate pair). So each run's output is aligned with its input code point by code point
 * only when both have the same number of code points; otherwise that run is converted one code
 * point at a time, and whatever a code point turns into maps back to that code point. Either way
 * no offset can drift.
 *
 * For speed the whole text goes through OpenCC in one call (one call per run costs twice as much
 * on a 10 MB page); OpenCC leaves non-Han characters alone, so they anchor each run's output. If
 * an anchor is ever not where expected, the text is converted again run by run.
 */
export function convertHanRuns(input: NormalizedText, convert?: (text: string) => string): NormalizedText {
  const convertText = convert ?? simplifiedToTaiwanConversion().convert;
  const converted = convertText(input.text);
  if (converted === input.text) return input;
  const mapped = MappedUnits.of(input);
  const convertedUnits = new Uint16Array(converted.length);
  for (let index = 0; index < converted.length; index += 1) convertedUnits[index] = converted.charCodeAt(index);
  return (alignWholeTextConversion(mapped, convertedUnits, converted.length, convertText) ?? convertRunByRun(mapped, convertText)).finish();
}

/** Stage 2 inside the normaliser: converts the code units directly, with no string in between. */
function convertHanRunsOfUnits(input: MappedUnits, conversion: HanConversion): MappedUnits {
  const converted = conversion.convertUnits(input.units, input.length);
  if (converted === null) return input;
  // Nearly always every run keeps its length, so unit k came from unit k: the converted units
  // then take over the input's maps as they are, and nothing is copied.
  if (convertsUnitForUnit(input, converted.units, converted.length)) {
    return MappedUnits.over(converted.units, converted.length, input.starts, input.ends, input.writable);
  }
  return alignWholeTextConversion(input, converted.units, converted.length, conversion.convert) ?? convertRunByRun(input, conversion.convert);
}

/**
 * True when the conversion left every non-Han character in place and gave every run of Han
 * characters the same length without surrogate pairs: exactly when {@link alignWholeTextConversion}
 * would map each converted unit to the input unit at the same index.
 */
function convertsUnitForUnit(input: MappedUnits, converted: Uint16Array, convertedLength: number): boolean {
  const { units, length } = input;
  if (convertedLength !== length) return false;
  // Without surrogates this is simply: at every index both units are Han, or neither is and they
  // are equal (then the runs of Han characters coincide). One pass, two reads per unit.
  for (let index = 0; index < length; index += 1) {
    const unit = units[index]!;
    const convertedUnit = converted[index]!;
    if ((unit >= 0xd800 && unit <= 0xdfff) || (convertedUnit >= 0xd800 && convertedUnit <= 0xdfff)) {
      return convertsUnitForUnitWithSurrogates(input, converted);
    }
    const isHan = isHanCodePoint(unit);
    if (isHan !== isHanCodePoint(convertedUnit) || (!isHan && unit !== convertedUnit)) return false;
  }
  return true;
}

/** {@link convertsUnitForUnit} by code points, run by run, when the text has surrogate pairs. */
function convertsUnitForUnitWithSurrogates(input: MappedUnits, converted: Uint16Array): boolean {
  const { units, length } = input;
  let index = 0;
  while (index < length) {
    const codePoint = codePointOfUnits(units, index, length);
    if (!isHanCodePoint(codePoint)) {
      if (codePointOfUnits(converted, index, length) !== codePoint) return false;
      index += codePointWidth(codePoint);
      continue;
    }
    const runEnd = hanRunEnd(units, index, length);
    if (hanRunEnd(converted, index, length) !== runEnd || hasSurrogate(units, index, runEnd) || hasSurrogate(converted, index, runEnd)) return false;
    index = runEnd;
  }
  return true;
}

/** End (exclusive) of the run of Han code points starting at `start`. */
function hanRunEnd(units: Uint16Array, start: number, length: number): number {
  let end = start;
  while (end < length) {
    const codePoint = codePointOfUnits(units, end, length);
    if (!isHanCodePoint(codePoint)) break;
    end += codePointWidth(codePoint);
  }
  return end;
}

function hasSurrogate(units: Uint16Array, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) {
    const unit = units[index]!;
    if (unit >= 0xd800 && unit <= 0xdfff) return true;
  }
  return false;
}

/** Aligns a whole-text conversion run by run, anchored on the unchanged non-Han characters; null if an anchor is missing. */
function alignWholeTextConversion(
  input: MappedUnits,
  converted: Uint16Array,
  convertedLength: number,
  convert: (text: string) => string,
): MappedUnits | null {
  const { units, length } = input;
  const output = new MappedUnits(length);
  let index = 0;
  let convertedIndex = 0;
  while (index < length) {
    const codePoint = codePointOfUnits(units, index, length);
    if (!isHanCodePoint(codePoint)) {
      if (convertedIndex >= convertedLength || codePointOfUnits(converted, convertedIndex, convertedLength) !== codePoint) return null;
      const width = codePointWidth(codePoint);
      output.copyFrom(input, index, index + width);
      index += width;
      convertedIndex += width;
      continue;
    }
    const runEnd = hanRunEnd(units, index, length);
    const convertedRunEnd = hanRunEnd(converted, convertedIndex, convertedLength);
    if (convertedRunEnd - convertedIndex === runEnd - index && !hasSurrogate(units, index, runEnd) && !hasSurrogate(converted, convertedIndex, convertedRunEnd)) {
      // The usual case: same length, no surrogate pairs, so code unit k came from code unit k:
      // the maps are copied as they are and the units replaced by the converted ones.
      const at = output.length;
      output.copyFrom(input, index, runEnd);
      output.units.set(converted.subarray(convertedIndex, convertedRunEnd), at);
    } else {
      const run = input.slice(index, runEnd);
      const convertedRun = unitsToString(converted, convertedIndex, convertedRunEnd);
      appendAligned(output, input, index, run, convertedRun, convert);
    }
    index = runEnd;
    convertedIndex = convertedRunEnd;
  }
  return convertedIndex === convertedLength ? output : null;
}

/** The fallback: one OpenCC call per run of Han characters. */
function convertRunByRun(input: MappedUnits, convert: (text: string) => string): MappedUnits {
  const { units, length } = input;
  const output = new MappedUnits(length);
  let index = 0;
  while (index < length) {
    const codePoint = codePointOfUnits(units, index, length);
    if (!isHanCodePoint(codePoint)) {
      const width = codePointWidth(codePoint);
      output.copyFrom(input, index, index + width);
      index += width;
      continue;
    }
    const runEnd = hanRunEnd(units, index, length);
    const run = input.slice(index, runEnd);
    const converted = convert(run);
    if (converted === run) output.copyFrom(input, index, runEnd);
    else appendAligned(output, input, index, run, converted, convert);
    index = runEnd;
  }
  return output;
}

function appendAligned(
  output: MappedUnits,
  input: MappedUnits,
  runStart: number,
  run: string,
  converted: string,
  convert: (text: string) => string,
): void {
  const sourceCodePoints = Array.from(run);
  const convertedCodePoints = Array.from(converted);
  const sameShape = sourceCodePoints.length === convertedCodePoints.length;
  let offset = runStart;
  sourceCodePoints.forEach((source, position) => {
    const originalStart = input.starts[offset]!;
    const originalEnd = input.ends[offset + source.length - 1]!;
    const replacement = sameShape ? convertedCodePoints[position]! : convert(source);
    output.pushString(replacement, originalStart, originalEnd);
    offset += source.length;
  });
}

/**
 * Stage 3: separator runs. Inside a term written in CJK, a run of separators is skipped (援 交,
 * 援_交, 加 LINE): CJK has no spaces between words, so nothing is glued that was not adjacent in
 * meaning anyway. Between two Latin (word) characters a run is skipped only when both neighbours
 * are single letters — a word spelled out (L.I.N.E, L I N E, J.K.) — and otherwise becomes one
 * boundary space, so "on line" keeps "line" a whole word and "o n l i n e" does not hide "line".
 * Leading and trailing runs are dropped.
 */
export function compactSeparators(input: NormalizedText, isSeparator: (codePoint: number) => boolean): NormalizedText {
  return compactSeparatorUnits(MappedUnits.of(input), new SeparatorClasses(isSeparator)).finish();
}

const IS_SEPARATOR = 1;
const IS_WORD = 2;
const IS_KNOWN = 4;

/**
 * What stage 3 asks of each character — separator? word character? — answered from one lazily
 * filled byte per BMP code point, instead of a Set lookup and three cached regex tests.
 */
class SeparatorClasses {
  private readonly known = new Uint8Array(0x10000);

  constructor(private readonly isSeparatorCodePoint: (codePoint: number) => boolean) {}

  private classify(codePoint: number): number {
    return IS_KNOWN | (this.isSeparatorCodePoint(codePoint) ? IS_SEPARATOR : 0) | (isWordCodePoint(codePoint) ? IS_WORD : 0);
  }

  of(codePoint: number): number {
    if (codePoint > 0xffff) return this.classify(codePoint);
    let classes = this.known[codePoint]!;
    if (classes === 0) {
      classes = this.classify(codePoint);
      this.known[codePoint] = classes;
    }
    return classes;
  }

  isSeparator(codePoint: number): boolean {
    return (this.of(codePoint) & IS_SEPARATOR) !== 0;
  }

  isWord(codePoint: number): boolean {
    return (this.of(codePoint) & IS_WORD) !== 0;
  }
}

function compactSeparatorUnits(input: MappedUnits, classes: SeparatorClasses): MappedUnits {
  const { units, length } = input;
  let output: MappedUnits | null = null;
  let hasPrevious = false;
  let previousIsWord = false;
  let previousStartsWord = false; // the previous kept character follows a non-word character
  let lastCodePointWasWord = false; // the character just before `index`, separators included
  // Kept characters are copied a whole stretch at a time, when a separator run ends the stretch.
  let keptFrom = 0;

  let index = 0;
  while (index < length) {
    const codePoint = codePointOfUnits(units, index, length);
    const width = codePointWidth(codePoint);
    const kinds = classes.of(codePoint);
    if ((kinds & IS_SEPARATOR) === 0) {
      const isWord = (kinds & IS_WORD) !== 0;
      previousStartsWord = !lastCodePointWasWord;
      previousIsWord = isWord;
      lastCodePointWasWord = isWord;
      hasPrevious = true;
      index += width;
      continue;
    }

    if (output === null) {
      output = input.writable ? input : new MappedUnits(length);
      // In place, everything before the first separator is already where it belongs.
      if (output === input) output.length = index;
      else output.copyFrom(input, 0, index);
    } else if (output === input) output.keepOwn(keptFrom, index);
    else output.copyFrom(input, keptFrom, index);
    let runEnd = index + width;
    while (runEnd < length) {
      const next = codePointOfUnits(units, runEnd, length);
      if (!classes.isSeparator(next)) break;
      runEnd += codePointWidth(next);
    }
    if (hasPrevious && previousIsWord && runEnd < length) {
      const nextCodePoint = codePointOfUnits(units, runEnd, length);
      if (classes.isWord(nextCodePoint)) {
        const afterNext = runEnd + codePointWidth(nextCodePoint);
        const nextIsSingleLetter = afterNext >= length || !classes.isWord(codePointOfUnits(units, afterNext, length));
        if (!(previousStartsWord && nextIsSingleLetter)) {
          // Read before writing: in place, the marker may land on the run's first unit.
          const markerStart = input.starts[index]!;
          const markerEnd = input.ends[runEnd - 1]!;
          output.push(WORD_BOUNDARY_MARKER, markerStart, markerEnd);
        }
      }
    }
    lastCodePointWasWord = false;
    index = runEnd;
    keptFrom = runEnd;
  }
  // No separator anywhere: nothing to compact.
  if (output === null) return input;
  if (output === input) output.keepOwn(keptFrom, length);
  else output.copyFrom(input, keptFrom, length);
  return output;
}

/** A longest-match replacer for the variant table, keyed by the first code unit for speed. */
interface VariantReplacer {
  // 1 for a code unit that starts some variant: one byte read per character rules most out.
  readonly isFirstUnit: Uint8Array;
  readonly canonicalByVariant: Map<string, string>;
  readonly longestVariant: number;
  // No canonical form is longer than its variant, so replacing never lengthens the text.
  readonly neverLengthens: boolean;
}

function buildVariantReplacer(table: VariantTable, foldAndConvert: (text: string) => string): VariantReplacer {
  const canonicalByVariant = new Map<string, string>();
  const isFirstUnit = new Uint8Array(0x10000);
  let longestVariant = 0;
  let neverLengthens = true;
  for (const [variant, canonical] of table) {
    const variantForm = foldAndConvert(variant);
    const canonicalForm = foldAndConvert(canonical);
    if (variantForm === '' || variantForm === canonicalForm) continue;
    canonicalByVariant.set(variantForm, canonicalForm);
    isFirstUnit[variantForm.charCodeAt(0)] = 1;
    longestVariant = Math.max(longestVariant, variantForm.length);
    if (canonicalForm.length > variantForm.length) neverLengthens = false;
  }
  return { isFirstUnit, canonicalByVariant, longestVariant, neverLengthens };
}

/** Stage 4: replace variants by their canonical form (longest variant first); a replacement maps to the whole variant's range. */
function replaceVariantUnits(input: MappedUnits, replacer: VariantReplacer): MappedUnits {
  const { units, length } = input;
  const { isFirstUnit, canonicalByVariant, longestVariant } = replacer;
  // Built only at the first replacement: most texts contain no variant at all.
  let output: MappedUnits | null = null;
  let copiedUpTo = 0;
  let index = 0;
  while (index < length) {
    if (isFirstUnit[units[index]!] === 0) {
      index += 1;
      continue;
    }
    let canonical: string | undefined;
    let variantLength = Math.min(longestVariant, length - index);
    for (; variantLength > 0; variantLength -= 1) {
      canonical = canonicalByVariant.get(input.slice(index, index + variantLength));
      if (canonical !== undefined) break;
    }
    if (canonical === undefined) {
      index += 1;
      continue;
    }
    if (output === null) {
      output = input.writable && replacer.neverLengthens ? input : new MappedUnits(length);
      if (output === input) output.length = index;
      else output.copyFrom(input, 0, index);
    } else if (output === input) output.keepOwn(copiedUpTo, index);
    else output.copyFrom(input, copiedUpTo, index);
    // Read before writing: in place, the replacement overwrites the variant.
    const variantStart = input.starts[index]!;
    const variantEnd = input.ends[index + variantLength - 1]!;
    output.pushString(canonical, variantStart, variantEnd);
    index += variantLength;
    copiedUpTo = index;
  }
  if (output === null) return input;
  if (output === input) output.keepOwn(copiedUpTo, length);
  else output.copyFrom(input, copiedUpTo, length);
  return output;
}

/** Creates a normaliser; the OpenCC dictionaries load on the first conversion that needs them. */
export function createNormalizer(options: NormalizerOptions = {}): TextNormalizer {
  const convertSimplified = options.convertSimplified ?? true;
  // Separators are compared with folded text, so fold them too (a caller may list '－' or '／').
  const foldedSeparators = foldCharacters(options.separators ?? DEFAULT_SEPARATORS).text;
  const separatorCodePoints = new Set(Array.from(foldedSeparators, (character) => character.codePointAt(0)!));
  const separatorClasses = new SeparatorClasses((codePoint) => separatorCodePoints.has(codePoint) || isWhitespace(codePoint));

  const foldAndConvert = (text: string): MappedUnits => {
    const folded = foldUnits(text);
    return convertSimplified ? convertHanRunsOfUnits(folded, simplifiedToTaiwanConversion()) : folded;
  };
  const replacer = buildVariantReplacer(options.variants ?? DEFAULT_VARIANTS, (text) => foldAndConvert(text).toText());

  const normalizeUnits = (text: string): MappedUnits => replaceVariantUnits(compactSeparatorUnits(foldAndConvert(text), separatorClasses), replacer);
  return {
    normalize: (text) => normalizeUnits(text).finish(),
    normalizeTerm: (term) => normalizeUnits(term).toText(),
  };
}
