import path from 'node:path';
import type { Command } from 'commander';
import { loadOrCreateSigningKey, publicKeyBase64 } from '../../capture/index.ts';
import { openConfiguredVault } from '../../core/vault/open-vault.ts';
import { recordAuditNow, verifyAuditChain } from '../../modules/audit/audit.service.ts';
import { systemContext } from '../../core/request-context.ts';
import { verifyAllEvidence } from '../../modules/evidence/evidence.service.ts';
import { CliError } from '../cli-error.ts';
import { cliSystemName, withDatabase } from '../with-database.ts';

/**
 * `csep evidence verify`: decrypts and re-hashes every stored evidence file and checks the audit
 * chain; names each failure and exits 2 when there is any.
 */
export function registerEvidenceCommand(program: Command): void {
  const evidence = program.command('evidence').description('證據庫 (evidence vault)');
  evidence
    .command('verify')
    .description('驗證所有證據檔案雜湊與稽核鏈 (re-hash every evidence file and verify the audit chain)')
    .action(async () => {
      await withDatabase(
        async ({ db, config }) => {
          const { vault } = await openConfiguredVault(config);
          const signingKey = await loadOrCreateSigningKey(path.join(config.dataDir, 'keys', 'capture-ed25519.pem'));
          const files = await verifyAllEvidence(db, vault, { trustedPublicKeys: [publicKeyBase64(signingKey)] });
          const chain = await verifyAuditChain(db);
          for (const failure of files.failures) {
            process.stdout.write(`FAIL evidence ${failure.itemId} file "${failure.name}" sha256 ${failure.sha256}: ${failure.problem}\n`);
          }
          if (chain.firstBroken) {
            process.stdout.write(`FAIL audit chain at event seq ${chain.firstBroken.seq}: ${chain.firstBroken.problem}\n`);
          }
          process.stdout.write(`evidence files checked: ${files.checked}, failures: ${files.failures.length}; audit events checked: ${chain.checked}\n`);
          // A verification is a custody event too, whoever runs it.
          await recordAuditNow(db, systemContext(cliSystemName()), {
            action: 'evidence.verify',
            objectType: 'evidence',
            outcome: files.ok && chain.ok ? 'success' : 'failure',
            details: { checked: files.checked, failures: files.failures.length, auditChainOk: chain.ok },
          });
          if (!files.ok || !chain.ok) throw new CliError('verification FAILED', 2);
          process.stdout.write('verification OK\n');
        },
        { bootstrap: false },
      );
    });
}
