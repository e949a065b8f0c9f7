import type { Command } from 'commander';
import { verifyAuditChain } from '../../modules/audit/audit.service.ts';
import { CliError } from '../cli-error.ts';
import { withDatabase } from '../with-database.ts';

/** `csep audit verify`: exits 0 when the hash chain is intact, otherwise names the first broken event. */
export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('稽核紀錄 (audit trail)');
  audit
    .command('verify')
    .description('驗證稽核紀錄雜湊鏈 (verify the audit hash chain)')
    .action(async () => {
      await withDatabase(
        async ({ db }) => {
          const result = await verifyAuditChain(db);
          if (!result.ok && result.firstBroken) {
            throw new CliError(
              `audit chain BROKEN at event seq ${result.firstBroken.seq}: ${result.firstBroken.problem} (${result.checked} events checked)`,
              2,
            );
          }
          process.stdout.write(`audit chain intact: ${result.checked} events verified\n`);
        },
        { bootstrap: false },
      );
    });
}
