import path from 'node:path';
import type { Command } from 'commander';
import { keyId, loadOrCreateSigningKey, publicKeyBase64, publicKeyPem } from '../../capture/index.ts';
import { loadConfig } from '../../core/config.ts';
import { CliError } from '../cli-error.ts';

/** `csep keys show`: the public half of the server's capture-signing key (Ed25519). */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('簽章金鑰 (signing keys)');
  keys
    .command('show')
    .description('顯示擷取簽章公鑰 (print the public key that verifies capture manifests)')
    .action(async () => {
      let dataDir: string;
      try {
        dataDir = loadConfig().dataDir;
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      const key = await loadOrCreateSigningKey(path.join(dataDir, 'keys', 'capture-ed25519.pem'));
      process.stdout.write(`algorithm: Ed25519\nkey id: ${keyId(key)}\npublic key (base64): ${publicKeyBase64(key)}\n${publicKeyPem(key)}`);
      if (key.created) process.stdout.write(`(a new key was created at ${key.path}; back it up)\n`);
    });
}
