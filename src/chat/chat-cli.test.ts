import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { registerChatCommand, runChatParse, type ChatParseOptions } from '../cli/commands/chat.ts';
import { detectChatFormat, decodeChatFile } from './parse-chat.ts';
import { ChatParseError } from './chat-message.ts';

const fixtureBytes = (name: string): Uint8Array => readFileSync(new URL(`../../test/fixtures/chat/${name}`, import.meta.url));

function run(bytes: Uint8Array, options: ChatParseOptions): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runChatParse(bytes, options, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

describe('csep chat parse', () => {
  it('prints { messages } as JSON with time, sender, text and kind (format detected)', () => {
    const { code, stdout, stderr } = run(fixtureBytes('line-export-zh-TW.txt'), { json: true, source: 'line-export-zh-TW.txt' });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const output = JSON.parse(stdout) as { messages: Record<string, string>[] };
    expect(output.messages).toHaveLength(9);
    expect(output.messages[2]).toEqual({ time: '2025-11-20T21:18:00+08:00', sender: '阿傑', text: '我是之前留言的那個\n想問你週末有空嗎', kind: 'text' });
    expect(output.messages.map((message) => message.kind)).toEqual(['text', 'text', 'text', 'sticker', 'photo', 'unsent', 'text', 'text', 'call']);
  });

  it('reads CSV when told --format csv, and detects it otherwise', () => {
    const bytes = fixtureBytes('chat-generic.csv');
    const told = run(bytes, { json: true, format: 'csv' });
    const detected = run(bytes, { json: true });
    expect(told.code).toBe(0);
    expect(detected.stdout).toBe(told.stdout);
    expect((JSON.parse(told.stdout) as { messages: unknown[] }).messages).toHaveLength(6);
  });

  it('prints one line per message without --json', () => {
    const { stdout } = run(fixtureBytes('line-export-zh-TW.txt'), {});
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(9);
    expect(lines[2]).toBe('2025-11-20T21:18:00+08:00\ttext\t阿傑\t"我是之前留言的那個\\n想問你週末有空嗎"');
  });

  it('fails with one stderr line naming the file and line, exit code 1', () => {
    const bytes = new TextEncoder().encode('[LINE] 與小安的聊天記錄\n2025/11/20（週四）\n21:15\t阿傑\t嗨\n???\n');
    const { code, stdout, stderr } = run(bytes, { json: true, source: 'chat.txt' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('csep chat parse: chat.txt: line 4: not a date or message line: "???"\n');
  });

  it('fails when the wrong format is forced', () => {
    const { code, stderr } = run(fixtureBytes('chat-generic.csv'), { format: 'line', source: 'chat.csv' });
    expect(code).toBe(1);
    expect(stderr).toBe('csep chat parse: chat.csv: line 1: not a LINE export: the first line must start with "[LINE]"\n');
  });

  it('runs through commander: reads FILE and prints JSON', async () => {
    const program = new Command().exitOverride();
    registerChatCommand(program);
    const path = fileURLToPath(new URL('../../test/fixtures/chat/line-export-en-24h.txt', import.meta.url));
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const exitCodeBefore = process.exitCode;
    try {
      await program.parseAsync(['chat', 'parse', path, '--format', 'line', '--json'], { from: 'user' });
      expect(process.exitCode).toBe(0);
    } finally {
      write.mockRestore();
      process.exitCode = exitCodeBefore;
    }
    const output = JSON.parse(written.join('')) as { messages: { time: string; sender: string; text: string; kind: string }[] };
    expect(output.messages).toHaveLength(11);
    expect(output.messages[0]).toEqual({ time: '2025-11-20T21:15:00+08:00', sender: 'Jay', text: 'Hi, saw your post on Dcard', kind: 'text' });
  });

  it('registers chat parse with --format (line|csv) and --json', () => {
    const program = new Command();
    registerChatCommand(program);
    const parse = program.commands.find((command) => command.name() === 'chat')?.commands.find((command) => command.name() === 'parse');
    expect(parse?.options.map((option) => [option.long, option.argChoices])).toEqual([
      ['--format', ['line', 'csv']],
      ['--json', undefined],
    ]);
  });
});

describe('detectChatFormat and decodeChatFile', () => {
  it('detects LINE and CSV, and refuses anything else naming the first non-blank line', () => {
    expect(detectChatFormat('\uFEFF[LINE] Chat history with Amy\n')).toBe('line');
    expect(detectChatFormat('\nTime, Sender, Text\n')).toBe('csv');
    expect(() => detectChatFormat('\n\nhello\n')).toThrowError(new ChatParseError(3, 'unknown chat format: expected a LINE export ("[LINE] …") or CSV with the header "time,sender,text"'));
  });

  it('decodes UTF-16 with a byte-order mark and refuses invalid UTF-8', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('[LINE]', (character) => [character.charCodeAt(0), 0]).flat()]);
    expect(decodeChatFile(utf16)).toBe('[LINE]');
    expect(() => decodeChatFile(new Uint8Array([0x5b, 0xff, 0x5d]))).toThrow('the file is not valid UTF-8 (nor UTF-16 with a byte-order mark)');
  });
});
