import type { Command } from 'commander';
import { withDatabase } from '../with-database.ts';

/** `csep db migrate`: applies the committed migrations (and seeds an empty database). */
export function registerDbCommand(program: Command): void {
  const db = program.command('db').description('資料庫維護 (database maintenance)');
  db.command('migrate')
    .description('套用資料庫遷移 (apply the committed migrations; seeds the unit tree and first administrator on an empty database)')
    .action(async () => {
      await withDatabase(async ({ adminOneTimePassword }) => {
        process.stdout.write('migrations applied\n');
        if (adminOneTimePassword) {
          process.stdout.write(`first administrator created: username admin\none-time password: ${adminOneTimePassword}\n`);
        }
      });
    });
}
