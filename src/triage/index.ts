/**
 * Keyword triage, a pure library (no HTTP, no database): lexicon CSV, normalisation with an
 * offset map, Aho–Corasick matching and scoring. It serves the G6.1 keyword toolkit.
 */
export { AhoCorasickAutomaton, type MatchVisitor } from './aho-corasick.ts';
export { CsvSyntaxError, parseCsv, formatCsvField, formatCsvRecord, type CsvRecord } from './csv.ts';
export { DEFAULT_LEXICON_URL, loadDefaultLexicon } from './default-lexicon.ts';
export {
  LEXICON_CATEGORIES,
  LEXICON_CSV_HEADER,
  LexiconCsvError,
  MAX_TERM_WEIGHT,
  isLexiconCategory,
  parseLexiconCsv,
  serializeLexiconCsv,
  type LexiconCategory,
  type LexiconEntry,
} from './lexicon.ts';
export {
  compileLexicon,
  scoreText,
  type CategoryTally,
  type CompileLexiconOptions,
  type TriageMatch,
  type TriageMatcher,
  type TriageResult,
} from './matcher.ts';
export {
  DEFAULT_SEPARATORS,
  DEFAULT_VARIANTS,
  createNormalizer,
  isWordCodePoint,
  type NormalizedText,
  type NormalizerOptions,
  type TextNormalizer,
  type VariantTable,
} from './normalize.ts';
