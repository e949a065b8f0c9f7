/**
 * The `csep` command line. Each sub-command lives in `src/cli/commands/<name>.ts` and registers
 * itself on the program; failures print one clear line on stderr and exit non-zero.
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.ts';
import { CliError } from './cli-error.ts';

const program = new Command();
program
  .name('csep')
  .description('兒少性剝削網路防制平臺 command line (CSEP Platform)')
  .showHelpAfterError()
  .exitOverride();

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version also arrive here with exit code 0.
    process.exitCode = error.exitCode;
  } else if (error instanceof CliError) {
    process.stderr.write(`csep: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`csep: ${message}\n`);
    process.exitCode = 1;
  }
}
