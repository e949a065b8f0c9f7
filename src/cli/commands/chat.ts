/**
 * `csep chat parse FILE [--format line|csv] [--json]`: reads a chat export (LINE .txt or generic
 * CSV) and prints its messages (G6.3.3: conversation records imported completely as evidence).
 */
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { ChatFormat, ChatTranscript } from '../../chat/chat-message.ts';
import { decodeChatFile, parseChatExport } from '../../chat/parse-chat.ts';

/** Options of `csep chat parse`. */
export interface ChatParseOptions {
  /** Format of the file; detected from its first line when absent. */
  readonly format?: ChatFormat;
  /** Print `{ messages: [...] }` as JSON instead of one line per message. */
  readonly json?: boolean;
  /** Name of the input, used in error messages (the file path). */
  readonly source?: string;
}

/** Where a command writes; the real command passes process.stdout/stderr, tests collect strings. */
export interface ChatCommandWriters {
  stdout(text: string): void;
  stderr(text: string): void;
}

function formatLines(transcript: ChatTranscript): string {
  // One message per line; JSON.stringify keeps multi-line texts on that line, visibly escaped.
  return transcript.messages
    .map((message) => `${message.time}\t${message.kind}\t${message.sender === '' ? '-' : message.sender}\t${message.text.includes('\n') ? JSON.stringify(message.text) : message.text}\n`)
    .join('');
}

/**
 * Parses the file's bytes and writes the messages; returns the exit code (0, or 1 with one stderr
 * line naming the line that could not be read).
 */
export function runChatParse(bytes: Uint8Array, options: ChatParseOptions, writers: ChatCommandWriters): number {
  const source = options.source ?? 'input';
  let transcript: ChatTranscript;
  try {
    transcript = parseChatExport(decodeChatFile(bytes), options.format);
  } catch (error) {
    // ChatParseError names the line; a decoding error says what is wrong with the bytes.
    if (error instanceof Error) {
      writers.stderr(`csep chat parse: ${source}: ${error.message.replace(/[\r\n]+/g, ' ')}\n`);
      return 1;
    }
    throw error;
  }
  if (options.json === true) {
    const messages = transcript.messages.map(({ time, sender, text, kind }) => ({ time, sender, text, kind }));
    writers.stdout(`${JSON.stringify({ messages }, null, 2)}\n`);
  } else {
    writers.stdout(formatLines(transcript));
  }
  return 0;
}

/** Registers `csep chat parse` on the program. */
export function registerChatCommand(program: Command): void {
  const chat = program.command('chat').description('chat records: import LINE exports and chat CSV (G6.3.3)');
  chat
    .command('parse')
    .description('parse a chat export and print its messages')
    .argument('<file>', 'LINE .txt export or CSV with the header time,sender,text')
    .addOption(new Option('--format <format>', 'input format; detected from the first line when absent').choices(['line', 'csv']))
    .option('--json', 'print { messages: [{ time, sender, text, kind }] } as JSON')
    .action(async (file: string, options: { format?: ChatFormat; json?: boolean }) => {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (error) {
        const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
        process.stderr.write(`csep chat parse: cannot read ${file}: ${reason}\n`);
        process.exitCode = 1;
        return;
      }
      process.exitCode = runChatParse(bytes, { ...options, source: file }, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
    });
}
