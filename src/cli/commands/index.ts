import type { Command } from 'commander';

/** Registers every sub-command of `csep` on the program. */
export function registerCommands(program: Command): void {
  void program;
}
