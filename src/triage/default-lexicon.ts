/**
 * The lexicon used when an officer names none: a copy of the project's synthetic seed list,
 * shipped beside this module so that it is found from any working directory.
 */
import { readFile } from 'node:fs/promises';
import { parseLexiconCsv, type LexiconEntry } from './lexicon.ts';

/** Location of the bundled default lexicon CSV, resolved relative to this module. */
export const DEFAULT_LEXICON_URL = new URL('./default-lexicon.csv', import.meta.url);

/** Reads and strictly parses the bundled default lexicon. */
export async function loadDefaultLexicon(): Promise<LexiconEntry[]> {
  return parseLexiconCsv(await readFile(DEFAULT_LEXICON_URL, 'utf8'));
}
