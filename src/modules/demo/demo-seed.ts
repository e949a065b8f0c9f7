/**
 * Demo data (`npm start -- --demo`, `csep demo seed`): synthetic people of every role across the
 * unit tree, so a newcomer sees a living system. Idempotent: existing usernames are left alone.
 * All names are invented.
 */
import type { Role } from '../../core/access/roles.ts';
import type { Database } from '../../core/db/client.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { unitsRepository } from '../units/units.repository.ts';
import { usersRepository } from '../users/users.repository.ts';
import { createUser } from '../users/users.service.ts';
import { seedUnitTreeIfEmpty } from '../units/units.bootstrap.ts';

export type DemoUser = { username: string; displayName: string; unitCode: string; roles: Role[] };

export const DEMO_USERS: DemoUser[] = [
  { username: 'wcpd.lin', displayName: '林婉婷（示範）', unitCode: 'WCPD', roles: ['wcpd_coordinator'] },
  { username: 'cib.chen', displayName: '陳志明（示範）', unitCode: 'CIB-TECH', roles: ['cib_investigator'] },
  { username: 'da.supervisor', displayName: '黃建國（示範）', unitCode: 'DA', roles: ['supervisor'] },
  { username: 'da.officer', displayName: '王小明（示範）', unitCode: 'DA-S1', roles: ['officer'] },
  { username: 'da.fpo', displayName: '張雅惠（示範）', unitCode: 'DA-PRV', roles: ['officer'] },
  { username: 'xy.supervisor', displayName: '李俊傑（示範）', unitCode: 'XY', roles: ['supervisor'] },
  { username: 'xy.officer', displayName: '吳佩珊（示範）', unitCode: 'XY-S1', roles: ['officer'] },
  { username: 'wh.officer', displayName: '劉家豪（示範）', unitCode: 'WH-INV', roles: ['officer'] },
  { username: 'auditor.wu', displayName: '吳美玲（示範）', unitCode: 'INSP', roles: ['auditor'] },
  { username: 'it.admin', displayName: '周文彬（示範）', unitCode: 'IT', roles: ['admin'] },
];

export type SeededDemoUser = DemoUser & { oneTimePassword: string };

/** Creates the demo users that do not exist yet; returns them with their one-time passwords. */
export async function seedDemoData(db: Database, ctx: ServiceContext): Promise<SeededDemoUser[]> {
  await seedUnitTreeIfEmpty(db, ctx);
  const created: SeededDemoUser[] = [];
  for (const demo of DEMO_USERS) {
    if (await usersRepository.findByUsername(db, demo.username)) continue;
    const unit = await unitsRepository.findByCode(db, demo.unitCode);
    if (!unit) throw new Error(`demo seed: unit ${demo.unitCode} is missing from the unit tree`);
    const { oneTimePassword } = await createUser(db, ctx, {
      username: demo.username,
      displayName: demo.displayName,
      unitId: unit.id,
      roles: demo.roles,
    });
    created.push({ ...demo, oneTimePassword });
  }
  return created;
}
