import type { Command } from 'commander';
import { ROLES, type Role } from '../../core/access/roles.ts';
import { AppError } from '../../core/errors.ts';
import { systemContext } from '../../core/request-context.ts';
import { unitsRepository } from '../../modules/units/units.repository.ts';
import { usersRepository } from '../../modules/users/users.repository.ts';
import { createUser, resetMfa, resetPassword } from '../../modules/users/users.service.ts';
import { CliError } from '../cli-error.ts';
import { cliSystemName, withDatabase } from '../with-database.ts';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function asCliError(error: unknown): never {
  if (error instanceof AppError) throw new CliError(`${error.code}: ${error.message}`);
  throw error;
}

/** `csep admin create-user | reset-mfa | reset-password`: the operator's user management. */
export function registerAdminCommand(program: Command): void {
  const admin = program.command('admin').description('使用者管理 (user administration from the server console)');

  admin
    .command('create-user')
    .description('建立使用者並顯示一次性密碼 (create a user; prints a one-time password)')
    .requiredOption('--username <name>', '帳號 (username: letters, digits, . _ -)')
    .requiredOption('--display-name <name>', '姓名 (display name)')
    .requiredOption('--unit <code>', '單位代碼 (unit code, e.g. DA, WCPD, DA-S1)')
    .option('--role <role>', `角色，可重複 (role, repeatable: ${ROLES.join(', ')})`, collect, [])
    .option('--email <address>', '電子郵件 (e-mail)')
    .action(async (options: { username: string; displayName: string; unit: string; role: string[]; email?: string }) => {
      if (options.role.length === 0) throw new CliError(`at least one --role is required (${ROLES.join(', ')})`);
      const unknown = options.role.filter((role) => !ROLES.includes(role as Role));
      if (unknown.length > 0) throw new CliError(`unknown role: ${unknown.join(', ')} (expected ${ROLES.join(', ')})`);
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/.test(options.username)) {
        throw new CliError('username must be 3–64 characters: letters, digits, ".", "_" or "-"');
      }
      await withDatabase(async ({ db }) => {
        const unit = await unitsRepository.findByCode(db, options.unit);
        if (!unit) throw new CliError(`unknown unit code: ${options.unit}`);
        const { user, oneTimePassword } = await createUser(db, systemContext(cliSystemName()), {
          username: options.username,
          displayName: options.displayName,
          unitId: unit.id,
          roles: [...new Set(options.role)] as Role[],
          email: options.email ?? null,
        }).catch(asCliError);
        process.stdout.write(`user created: ${user.username} (${unit.code}; ${user.roles.join(', ')})\n`);
        process.stdout.write(`one-time password: ${oneTimePassword}\n`);
      });
    });

  admin
    .command('reset-mfa')
    .description('清除使用者的雙因素驗證設定 (remove a user\'s TOTP enrolment; they enrol again at next sign-in)')
    .argument('<username>', '帳號 (username)')
    .action(async (username: string) => {
      await withDatabase(async ({ db }) => {
        const found = await usersRepository.findByUsername(db, username);
        if (!found) throw new CliError(`no such user: ${username}`);
        await resetMfa(db, systemContext(cliSystemName()), found.user.id).catch(asCliError);
        process.stdout.write(`MFA reset for ${found.user.username}; their sessions were ended\n`);
      });
    });

  admin
    .command('reset-password')
    .description('重設密碼並顯示一次性密碼 (issue a new one-time password)')
    .argument('<username>', '帳號 (username)')
    .action(async (username: string) => {
      await withDatabase(async ({ db }) => {
        const found = await usersRepository.findByUsername(db, username);
        if (!found) throw new CliError(`no such user: ${username}`);
        const oneTimePassword = await resetPassword(db, systemContext(cliSystemName()), found.user.id).catch(asCliError);
        process.stdout.write(`password reset for ${found.user.username}\none-time password: ${oneTimePassword}\n`);
      });
    });
}
