/**
 * Keyword triage benchmark: ~2,000 lexicon terms (the synthetic seed list plus generated synthetic
 * terms) against ~10 MB of generated synthetic text. The baseline, measured in the same run over
 * the same normalised text, is a naive loop of String.prototype.indexOf per term; both must find
 * the same number of raw occurrences. Run with `npx tsx bench/triage.bench.ts`; writes
 * bench/results/triage.json.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { LEXICON_CATEGORIES, parseLexiconCsv, type LexiconEntry } from '../src/triage/lexicon.ts';
import { compileLexicon, scoreText } from '../src/triage/matcher.ts';

const TARGET_TERMS = 2000;
const TARGET_BYTES = 10 * 1024 * 1024;
const MATCHER_RUNS = 5;
const WHOLE_TEXT_RUNS = 3;

/** Deterministic PRNG (mulberry32) so every run benchmarks the same text. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const random = createRandom(20251120);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

// Everyday characters (a few Simplified ones among them) for filler text and generated terms.
const CJK_POOL = Array.from(
  '的一是不了人我在有他這中大來上國個到說們為子和你地出道也時年得就那要下以生會自著去之過家學對可她裡後小麼心多天而能好都然沒日於起還發成事只作當想看文無開手十用主行方又如前所本見經頭面公同三已老從動兩長知民樣現分將外但身些與高意進把法此實回二理美點月明其種聲全工己話兒者向情部正名定女問力機給等幾很業最間新什打便位因重被走電四第門相次東政海口使教西再平真聽世氣信北少關並內加化由卻代軍產入先山五太水萬市眼體別處總才場師書比住員九笑性通目華報立馬命張活難神數件安表原車白應路期叫死常提感金何更反合放做系計或司利受光王果親界及今京務制解各任至清物臺象記边共风战这们说时过还没',
);
const LATIN_WORDS = ['online', 'line', 'hello', 'photo', 'game', 'chat', 'pipeline', 'lines', 'free', 'video', 'id', 'add', 'me'];
const SEPARATOR_TRICKS = ['.', ' ', '_', '\u200b', '-', '*', '/', '·', '、', ' . '];
const SIMPLIFIED_SPELLINGS = ['约炮', '援助交际', '学生妹', '萝莉', '卖片', '视讯', '换片', '茶资', '私讯', '包养'];
const PUNCTUATION = ['，', '。', '！', '？', '\n', ' ', '、'];

function generateTerms(seed: readonly LexiconEntry[]): LexiconEntry[] {
  const entries = [...seed];
  const seen = new Set(seed.map((entry) => entry.term.toLowerCase()));
  while (entries.length < TARGET_TERMS) {
    const latin = random() < 0.15;
    const term = latin
      ? Array.from({ length: between(4, 8) }, () => String.fromCharCode(0x61 + between(0, 25))).join('')
      : Array.from({ length: between(2, 4) }, () => pick(CJK_POOL)).join('');
    if (seen.has(term)) continue;
    seen.add(term);
    entries.push({ term, category: pick(LEXICON_CATEGORIES), weight: between(1, 5), note: 'synthetic benchmark term' });
  }
  return entries;
}

/** Writes a term the way an evasive post might: separators inside, or in full width. */
function disguise(term: string): string {
  const roll = random();
  if (roll < 0.3) return Array.from(term).join(pick(SEPARATOR_TRICKS));
  if (roll < 0.4) return Array.from(term, (character) => (character <= '~' && character >= '!' ? String.fromCharCode(character.charCodeAt(0) + 0xfee0) : character)).join('');
  return term;
}

function generateText(entries: readonly LexiconEntry[]): string {
  const chunks: string[] = [];
  let bytes = 0;
  while (bytes < TARGET_BYTES) {
    const roll = random();
    let chunk: string;
    if (roll < 0.8) chunk = Array.from({ length: between(5, 30) }, () => pick(CJK_POOL)).join('');
    else if (roll < 0.88) chunk = ` ${pick(LATIN_WORDS)} `;
    else if (roll < 0.93) chunk = pick(PUNCTUATION);
    else if (roll < 0.95) chunk = pick(SIMPLIFIED_SPELLINGS);
    else chunk = disguise(pick(entries).term);
    chunks.push(chunk);
    bytes += Buffer.byteLength(chunk, 'utf8');
  }
  return chunks.join('');
}

function time<T>(run: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = run();
  return { ms: performance.now() - started, value };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const round = (value: number): number => Math.round(value * 10) / 10;

const seed = parseLexiconCsv(await readFile(new URL('../src/triage/default-lexicon.csv', import.meta.url), 'utf8'));
const entries = generateTerms(seed);
const text = generateText(entries);
const textBytes = Buffer.byteLength(text, 'utf8');

const compiled = time(() => compileLexicon(entries));
const matcher = compiled.value;
const patterns = matcher.groups.map((group) => group.pattern);

// Warm-up (also loads the OpenCC dictionaries, so that cost is not charged to normalisation).
scoreText(matcher, text.slice(0, 100_000));

// Normalisation and the end-to-end score allocate heavily, so the first run also pays for heap
// growth; each is run a few times and the median reported.
const normalizeTimes: number[] = [];
let normalizedText = '';
for (let run = 0; run < WHOLE_TEXT_RUNS; run += 1) {
  const measured = time(() => matcher.normalizer.normalize(text));
  normalizeTimes.push(measured.ms);
  normalizedText = measured.value.text;
}

const automatonTimes: number[] = [];
let automatonOccurrences = 0;
for (let run = 0; run < MATCHER_RUNS; run += 1) {
  let count = 0;
  const measured = time(() =>
    matcher.automaton.forEachMatch(normalizedText, () => {
      count += 1;
    }),
  );
  automatonTimes.push(measured.ms);
  automatonOccurrences = count;
}

const naive = time(() => {
  let count = 0;
  for (const pattern of patterns) {
    for (let at = normalizedText.indexOf(pattern); at !== -1; at = normalizedText.indexOf(pattern, at + 1)) count += 1;
  }
  return count;
});
if (naive.value !== automatonOccurrences) {
  throw new Error(`the automaton found ${automatonOccurrences} occurrences but indexOf found ${naive.value}`);
}

const endToEndTimes: number[] = [];
let endToEnd = scoreText(matcher, '');
for (let run = 0; run < WHOLE_TEXT_RUNS; run += 1) {
  const measured = time(() => scoreText(matcher, text));
  endToEndTimes.push(measured.ms);
  endToEnd = measured.value;
}

const automatonMs = median(automatonTimes);
const results = [
  { name: 'compileLexicon', terms: entries.length, patterns: patterns.length, ms: round(compiled.ms) },
  {
    name: 'normalise (fold, OpenCC cn→tw, separators, variants)',
    bytes: textBytes,
    utf16Units: text.length,
    runs: WHOLE_TEXT_RUNS,
    medianMs: round(median(normalizeTimes)),
    minMs: round(Math.min(...normalizeTimes)),
  },
  {
    name: 'Aho–Corasick over normalised text',
    runs: MATCHER_RUNS,
    medianMs: round(automatonMs),
    minMs: round(Math.min(...automatonTimes)),
    occurrences: automatonOccurrences,
    megabytesPerSecond: round(textBytes / 1048576 / (automatonMs / 1000)),
  },
  { name: 'baseline: indexOf loop per term over normalised text', runs: 1, ms: round(naive.ms), occurrences: naive.value },
  {
    name: 'scoreText end to end (normalise + match + word boundaries + attribution)',
    runs: WHOLE_TEXT_RUNS,
    medianMs: round(median(endToEndTimes)),
    minMs: round(Math.min(...endToEndTimes)),
    matches: endToEnd.matches.length,
    score: endToEnd.score,
  },
];
const report = {
  name: 'triage',
  date: new Date().toISOString(),
  node: process.version,
  results,
  // How many times faster the automaton is than the indexOf baseline (median automaton run).
  ratio: round(naive.ms / automatonMs),
};

await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(new URL('./results/triage.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
