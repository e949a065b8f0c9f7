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
 */
import { Converter } from 'opencc-js/cn2t';

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

// Decodes the builder's code units in one native call. A Uint16Array holds them in the platform's
// byte order. The decoder turns a lone surrogate (malformed input) into U+FFFD, one unit for one,
// so offsets never shift; ignoreBOM keeps a U+FEFF unit rather than dropping it.
const platformIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const utf16Decoder = new TextDecoder(platformIsLittleEndian ? 'utf-16le' : 'utf-16be', { ignoreBOM: true });

/** Grows typed arrays as code units are appended; the final string is built once at the end. */
class MappedTextBuilder {
  private units: Uint16Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private length = 0;

  constructor(expectedLength: number) {
    const capacity = Math.max(16, expectedLength);
    this.units = new Uint16Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  pushUnit(unit: number, originalStart: number, originalEnd: number): void {
    if (this.length === this.units.length) this.grow();
    this.units[this.length] = unit;
    this.starts[this.length] = originalStart;
    this.ends[this.length] = originalEnd;
    this.length += 1;
  }

  pushString(value: string, originalStart: number, originalEnd: number): void {
    for (let index = 0; index < value.length; index += 1) {
      this.pushUnit(value.charCodeAt(index), originalStart, originalEnd);
    }
  }

  /** Copies code units [from, to) of an earlier stage together with their map entries. */
  copyRange(source: NormalizedText, from: number, to: number): void {
    for (let index = from; index < to; index += 1) {
      this.pushUnit(source.text.charCodeAt(index), source.originalStart[index]!, source.originalEnd[index]!);
    }
  }

  finish(): NormalizedText {
    return {
      text: utf16Decoder.decode(this.units.subarray(0, this.length)),
      // Views, not copies: the builder is discarded, and copying 2 × 4 bytes per unit of a 10 MB page costs.
      originalStart: this.starts.subarray(0, this.length),
      originalEnd: this.ends.subarray(0, this.length),
    };
  }

  private grow(): void {
    const capacity = this.units.length * 2;
    const units = new Uint16Array(capacity);
    units.set(this.units);
    const starts = new Int32Array(capacity);
    starts.set(this.starts);
    const ends = new Int32Array(capacity);
    ends.set(this.ends);
    this.units = units;
    this.starts = starts;
    this.ends = ends;
  }
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

/** Stage 1: drop invisible characters, NFKC each code point on its own, fold case. */
export function foldCharacters(text: string): NormalizedText {
  const builder = new MappedTextBuilder(text.length);
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index)!;
    const end = index + codePointWidth(codePoint);
    if (codePoint < 0x80) {
      // ASCII fast path: only upper-case letters change.
      builder.pushUnit(codePoint >= 0x41 && codePoint <= 0x5a ? codePoint + 0x20 : codePoint, index, end);
    } else {
      let unchanged = foldsToItself[codePoint];
      if (unchanged === 0) {
        unchanged = foldCodePoint(codePoint) === String.fromCodePoint(codePoint) ? 1 : 2;
        foldsToItself[codePoint] = unchanged;
      }
      if (unchanged === 1) {
        builder.pushUnit(text.charCodeAt(index), index, end);
        if (end - index === 2) builder.pushUnit(text.charCodeAt(index + 1), index, end);
      } else {
        builder.pushString(foldCodePoint(codePoint), index, end);
      }
    }
    index = end;
  }
  return builder.finish();
}

let simplifiedToTaiwan: ((text: string) => string) | undefined;

/** The OpenCC cn → tw converter, built on first use because loading its dictionaries takes ~0.5 s. */
function simplifiedToTaiwanConverter(): (text: string) => string {
  simplifiedToTaiwan ??= Converter({ from: 'cn', to: 'tw' });
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
export function convertHanRuns(input: NormalizedText, convert: (text: string) => string = simplifiedToTaiwanConverter()): NormalizedText {
  const converted = convert(input.text);
  if (converted === input.text) return input;
  return alignWholeTextConversion(input, converted, convert) ?? convertRunByRun(input, convert);
}

/** End (exclusive) of the run of Han code points starting at `start`. */
function hanRunEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length) {
    const codePoint = text.codePointAt(end)!;
    if (!isHanCodePoint(codePoint)) break;
    end += codePointWidth(codePoint);
  }
  return end;
}

function hasSurrogate(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdfff) return true;
  }
  return false;
}

/** Aligns a whole-text conversion run by run, anchored on the unchanged non-Han characters; null if an anchor is missing. */
function alignWholeTextConversion(input: NormalizedText, converted: string, convert: (text: string) => string): NormalizedText | null {
  const { text } = input;
  const builder = new MappedTextBuilder(text.length);
  let index = 0;
  let convertedIndex = 0;
  while (index < text.length) {
    const codePoint = text.codePointAt(index)!;
    if (!isHanCodePoint(codePoint)) {
      if (converted.codePointAt(convertedIndex) !== codePoint) return null;
      const width = codePointWidth(codePoint);
      builder.copyRange(input, index, index + width);
      index += width;
      convertedIndex += width;
      continue;
    }
    const runEnd = hanRunEnd(text, index);
    const convertedRunEnd = hanRunEnd(converted, convertedIndex);
    if (convertedRunEnd - convertedIndex === runEnd - index && !hasSurrogate(text, index, runEnd) && !hasSurrogate(converted, convertedIndex, convertedRunEnd)) {
      // The usual case: same length, no surrogate pairs, so code unit k came from code unit k.
      for (let offset = 0; offset < runEnd - index; offset += 1) {
        builder.pushUnit(converted.charCodeAt(convertedIndex + offset), input.originalStart[index + offset]!, input.originalEnd[index + offset]!);
      }
    } else {
      appendAligned(builder, input, index, text.slice(index, runEnd), converted.slice(convertedIndex, convertedRunEnd), convert);
    }
    index = runEnd;
    convertedIndex = convertedRunEnd;
  }
  return convertedIndex === converted.length ? builder.finish() : null;
}

/** The fallback: one OpenCC call per run of Han characters. */
function convertRunByRun(input: NormalizedText, convert: (text: string) => string): NormalizedText {
  const { text } = input;
  const builder = new MappedTextBuilder(text.length);
  let index = 0;
  while (index < text.length) {
    const codePoint = text.codePointAt(index)!;
    if (!isHanCodePoint(codePoint)) {
      const width = codePointWidth(codePoint);
      builder.copyRange(input, index, index + width);
      index += width;
      continue;
    }
    const runEnd = hanRunEnd(text, index);
    const run = text.slice(index, runEnd);
    const converted = convert(run);
    if (converted === run) builder.copyRange(input, index, runEnd);
    else appendAligned(builder, input, index, run, converted, convert);
    index = runEnd;
  }
  return builder.finish();
}

function appendAligned(
  builder: MappedTextBuilder,
  input: NormalizedText,
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
    const originalStart = input.originalStart[offset]!;
    const originalEnd = input.originalEnd[offset + source.length - 1]!;
    const replacement = sameShape ? convertedCodePoints[position]! : convert(source);
    builder.pushString(replacement, originalStart, originalEnd);
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
  const { text } = input;
  const builder = new MappedTextBuilder(text.length);
  let hasPrevious = false;
  let previousIsWord = false;
  let previousStartsWord = false; // the previous kept character follows a non-word character
  let lastCodePointWasWord = false; // the character just before `index`, separators included

  let index = 0;
  while (index < text.length) {
    const codePoint = text.codePointAt(index)!;
    const width = codePointWidth(codePoint);
    if (!isSeparator(codePoint)) {
      const isWord = isWordCodePoint(codePoint);
      previousStartsWord = !lastCodePointWasWord;
      previousIsWord = isWord;
      lastCodePointWasWord = isWord;
      hasPrevious = true;
      builder.copyRange(input, index, index + width);
      index += width;
      continue;
    }

    let runEnd = index + width;
    while (runEnd < text.length) {
      const next = text.codePointAt(runEnd)!;
      if (!isSeparator(next)) break;
      runEnd += codePointWidth(next);
    }
    if (hasPrevious && previousIsWord && runEnd < text.length) {
      const nextCodePoint = text.codePointAt(runEnd)!;
      if (isWordCodePoint(nextCodePoint)) {
        const afterNext = runEnd + codePointWidth(nextCodePoint);
        const nextIsSingleLetter = afterNext >= text.length || !isWordCodePoint(text.codePointAt(afterNext)!);
        if (!(previousStartsWord && nextIsSingleLetter)) {
          builder.pushUnit(WORD_BOUNDARY_MARKER, input.originalStart[index]!, input.originalEnd[runEnd - 1]!);
        }
      }
    }
    lastCodePointWasWord = false;
    index = runEnd;
  }
  return builder.finish();
}

/** A longest-match replacer for the variant table, keyed by the first code unit for speed. */
interface VariantReplacer {
  readonly firstUnits: Set<number>;
  readonly canonicalByVariant: Map<string, string>;
  readonly longestVariant: number;
}

function buildVariantReplacer(table: VariantTable, foldAndConvert: (text: string) => string): VariantReplacer {
  const canonicalByVariant = new Map<string, string>();
  const firstUnits = new Set<number>();
  let longestVariant = 0;
  for (const [variant, canonical] of table) {
    const variantForm = foldAndConvert(variant);
    const canonicalForm = foldAndConvert(canonical);
    if (variantForm === '' || variantForm === canonicalForm) continue;
    canonicalByVariant.set(variantForm, canonicalForm);
    firstUnits.add(variantForm.charCodeAt(0));
    longestVariant = Math.max(longestVariant, variantForm.length);
  }
  return { firstUnits, canonicalByVariant, longestVariant };
}

/** Stage 4: replace variants by their canonical form (longest variant first); a replacement maps to the whole variant's range. */
function replaceVariants(input: NormalizedText, replacer: VariantReplacer): NormalizedText {
  const { text } = input;
  let firstVariantAt = -1;
  for (let index = 0; index < text.length && firstVariantAt < 0; index += 1) {
    if (replacer.firstUnits.has(text.charCodeAt(index))) firstVariantAt = index;
  }
  // Most texts contain no variant at all: skip building a copy.
  if (firstVariantAt < 0) return input;
  const builder = new MappedTextBuilder(text.length);
  let index = 0;
  while (index < text.length) {
    if (replacer.firstUnits.has(text.charCodeAt(index))) {
      let replaced = false;
      for (let length = Math.min(replacer.longestVariant, text.length - index); length > 0; length -= 1) {
        const canonical = replacer.canonicalByVariant.get(text.slice(index, index + length));
        if (canonical !== undefined) {
          builder.pushString(canonical, input.originalStart[index]!, input.originalEnd[index + length - 1]!);
          index += length;
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
    }
    builder.copyRange(input, index, index + 1);
    index += 1;
  }
  return builder.finish();
}

/** Creates a normaliser; the OpenCC dictionaries load on the first conversion that needs them. */
export function createNormalizer(options: NormalizerOptions = {}): TextNormalizer {
  const convertSimplified = options.convertSimplified ?? true;
  // Separators are compared with folded text, so fold them too (a caller may list '－' or '／').
  const foldedSeparators = foldCharacters(options.separators ?? DEFAULT_SEPARATORS).text;
  const separatorCodePoints = new Set(Array.from(foldedSeparators, (character) => character.codePointAt(0)!));
  const isSeparator = (codePoint: number): boolean => separatorCodePoints.has(codePoint) || isWhitespace(codePoint);

  const foldAndConvert = (text: string): NormalizedText => {
    const folded = foldCharacters(text);
    return convertSimplified ? convertHanRuns(folded) : folded;
  };
  const replacer = buildVariantReplacer(options.variants ?? DEFAULT_VARIANTS, (text) => foldAndConvert(text).text);

  const normalize = (text: string): NormalizedText => replaceVariants(compactSeparators(foldAndConvert(text), isSeparator), replacer);
  return {
    normalize,
    normalizeTerm: (term) => normalize(term).text,
  };
}
