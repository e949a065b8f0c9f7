import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTriageCommand, runTriage, type TriageCommandOptions } from '../cli/commands/triage.ts';

async function run(input: string, options: TriageCommandOptions): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runTriage(input, options, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

describe('csep triage', () => {
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'csep-triage-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('prints score and matches as JSON with UTF-16 offsets into the input (default lexicon)', async () => {
    const input = '😀 徵援.交，加 L.I.N.E，约炮';
    const { code, stdout, stderr } = await run(input, { json: true });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const output = JSON.parse(stdout) as { score: number; matches: { term: string; category: string; weight: number; start: number; end: number }[] };
    expect(output).toEqual({
      score: 10,
      matches: [
        { term: '援交', category: 'solicitation', weight: 5, start: 4, end: 7 },
        { term: '加LINE', category: 'contact', weight: 1, start: 8, end: 17 },
        { term: '約炮', category: 'solicitation', weight: 4, start: 18, end: 20 },
      ],
    });
    expect(output.matches.map((match) => input.slice(match.start, match.end))).toEqual(['援.交', '加 L.I.N.E', '约炮']);
  });

  it('prints a table without --json', async () => {
    const { code, stdout } = await run('援 交', {});
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'score 5 (1 match, 1 distinct term)',
      'start  end  term  category      weight  matched text',
      '    0    3  援交  solicitation       5  "援 交"',
      '',
    ]);
  });

  it('uses a lexicon file given with --lexicon', async () => {
    const path = join(folder, 'custom.csv');
    await writeFile(path, 'term,category,weight,note\n小紅書,custom,2,"platform, synthetic"\n');
    const { code, stdout } = await run('小红书', { lexicon: path, json: true });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ score: 2, matches: [{ term: '小紅書', category: 'custom', weight: 2, start: 0, end: 3 }] });
  });

  it('fails with one stderr line and exit code 1 for a bad lexicon', async () => {
    const path = join(folder, 'bad.csv');
    await writeFile(path, 'term,category,weight,note\n援交,solicitation,5,\n裸聊,livestream,5,\n');
    const { code, stdout, stderr } = await run('援交', { lexicon: path, json: true });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `csep triage: lexicon ${path}: row 3: unknown category "livestream" (expected one of: solicitation, price, age, contact, image_trade, live_stream, custom)\n`,
    );
  });

  it('fails with one stderr line and exit code 1 for a missing lexicon file', async () => {
    const path = join(folder, 'missing.csv');
    const { code, stderr } = await run('援交', { lexicon: path });
    expect(code).toBe(1);
    expect(stderr).toBe(`csep triage: cannot read lexicon ${path}: ENOENT\n`);
  });

  it('registers the triage command with --lexicon and --json', () => {
    const program = new Command();
    registerTriageCommand(program);
    const command = program.commands.find((candidate) => candidate.name() === 'triage');
    expect(command?.options.map((option) => option.long)).toEqual(['--lexicon', '--json']);
  });
});
