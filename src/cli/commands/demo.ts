import type { Command } from 'commander';
import { systemContext } from '../../core/request-context.ts';
import { seedDemoData } from '../../modules/demo/demo-seed.ts';
import { withDatabase } from '../with-database.ts';

/** `csep demo seed`: synthetic demo users of every role across the unit tree. */
export function registerDemoCommand(program: Command): void {
  const demo = program.command('demo').description('示範資料 (demo data)');
  demo
    .command('seed')
    .description('建立示範使用者與單位 (seed demo users of every role; idempotent)')
    .action(async () => {
      await withDatabase(async ({ db }) => {
        const created = await seedDemoData(db, systemContext('demo-seed'));
        if (created.length === 0) {
          process.stdout.write('demo data already present; nothing created\n');
          return;
        }
        process.stdout.write('demo users created (one-time passwords, shown once):\n');
        for (const user of created) {
          process.stdout.write(`  ${user.username.padEnd(16)} ${user.roles.join(',').padEnd(20)} ${user.unitCode.padEnd(9)} ${user.oneTimePassword}\n`);
        }
      });
    });
}
