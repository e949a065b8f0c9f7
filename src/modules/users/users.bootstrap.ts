/** The first start on an empty database creates an administrator with a one-time password. */
import type { Database } from '../../core/db/client.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { unitsRepository } from '../units/units.repository.ts';
import { createUser } from './users.service.ts';
import { usersRepository } from './users.repository.ts';

export const FIRST_ADMIN_USERNAME = 'admin';

/** Creates `admin` in the IT office when no user exists; returns the one-time password, or null. */
export async function createFirstAdministratorIfNone(db: Database, ctx: ServiceContext): Promise<string | null> {
  if ((await usersRepository.count(db)) > 0) return null;
  const unit = (await unitsRepository.findByCode(db, 'IT')) ?? (await unitsRepository.findByCode(db, 'TPD'));
  if (!unit) throw new Error('cannot create the first administrator: the unit tree is empty');
  const { oneTimePassword } = await createUser(db, ctx, {
    username: FIRST_ADMIN_USERNAME,
    displayName: '系統管理員',
    unitId: unit.id,
    roles: ['admin'],
  });
  return oneTimePassword;
}
