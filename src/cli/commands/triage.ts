/**
 * `csep triage [--lexicon FILE] [--json]`: scores text from standard input against a keyword
 * lexicon (G6.1 keyword toolkit), so an officer can check a post or a captured page from a shell.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { LexiconCsvError, parseLexiconCsv, type LexiconEntry } from '../../triage/lexicon.ts';
import { loadDefaultLexicon } from '../../triage/default-lexicon.ts';
import { compileLexicon, scoreText, type TriageResult } from '../../triage/matcher.ts';

/** Options of `csep triage`. */
export interface TriageCommandOptions {
  /** Path of a lexicon CSV; the bundled seed lexicon when absent. */
  readonly lexicon?: string;
  /** Print JSON instead of a table. */
  readonly json?: boolean;
}

/** Where a command writes; the real command passes process.stdout/stderr, tests collect strings. */
export interface CommandWriters {
  stdout(text: string): void;
  stderr(text: string): void;
}

// Error messages go on one stderr line, so a line break inside one (a quoted CSV cell) is flattened.
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

async function loadLexicon(path: string | undefined): Promise<LexiconEntry[]> {
  if (path === undefined) return loadDefaultLexicon();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new Error(`cannot read lexicon ${path}: ${reason}`);
  }
  try {
    return parseLexiconCsv(text);
  } catch (error) {
    if (error instanceof LexiconCsvError) throw new Error(`lexicon ${path}: ${error.message}`);
    throw error;
  }
}

/** Display width in a terminal: CJK and full-width characters take two columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    const wide =
      (codePoint >= 0x1100 && codePoint <= 0x115f) ||
      (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
      (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
      (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
      (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
      (codePoint >= 0xff00 && codePoint <= 0xff60) ||
      (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
      (codePoint >= 0x20000 && codePoint <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The table printed without --json: one row per match, with the original characters matched. */
function formatTable(result: TriageResult, input: string): string {
  const header = ['start', 'end', 'term', 'category', 'weight', 'matched text'];
  // JSON.stringify shows inserted separators, zero-width characters and line breaks visibly.
  const rows = result.matches.map((match) => [
    String(match.start),
    String(match.end),
    match.term,
    match.category,
    String(match.weight),
    JSON.stringify(input.slice(match.start, match.end)),
  ]);
  const widths = header.map((title, column) => Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[column]!))));
  const numeric = new Set([0, 1, 4]);
  const formatRow = (row: readonly string[]): string =>
    row
      .map((cell, column) => (numeric.has(column) ? padStart(cell, widths[column]!) : padEnd(cell, widths[column]!)))
      .join('  ')
      .trimEnd();
  const distinctTerms = new Set(result.matches.map((match) => match.term)).size;
  const lines = [`score ${result.score} (${plural(result.matches.length, 'match', 'matches')}, ${plural(distinctTerms, 'distinct term', 'distinct terms')})`];
  if (rows.length > 0) lines.push(formatRow(header), ...rows.map(formatRow));
  return `${lines.join('\n')}\n`;
}

/**
 * Scores `input` and writes the result; returns the exit code (0, or 1 with one stderr line when
 * the lexicon cannot be read or is invalid).
 */
export async function runTriage(input: string, options: TriageCommandOptions, writers: CommandWriters): Promise<number> {
  let entries: LexiconEntry[];
  try {
    entries = await loadLexicon(options.lexicon);
  } catch (error) {
    writers.stderr(`csep triage: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
    return 1;
  }
  const result = scoreText(compileLexicon(entries), input);
  if (options.json === true) {
    const matches = result.matches.map(({ term, category, weight, start, end }) => ({ term, category, weight, start, end }));
    writers.stdout(`${JSON.stringify({ score: result.score, matches }, null, 2)}\n`);
  } else {
    writers.stdout(formatTable(result, input));
  }
  return 0;
}

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  // Buffer#toString keeps a leading BOM, so offsets refer to exactly the characters received.
  return Buffer.concat(chunks).toString('utf8');
}

/** Registers `csep triage` on the program. */
export function registerTriageCommand(program: Command): void {
  program
    .command('triage')
    .description('score text from standard input against a keyword lexicon (G6.1)')
    .option('--lexicon <file>', 'lexicon CSV (term,category,weight,note); default: the bundled seed list')
    .option('--json', 'print { score, matches } as JSON; offsets are UTF-16 code units, end exclusive')
    .action(async (options: TriageCommandOptions) => {
      const input = await readStandardInput();
      process.exitCode = await runTriage(input, options, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
    });
}
